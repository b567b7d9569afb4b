import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test helper: runs the real `engraft` binary from the TypeScript sources with stdin and an empty data
// directory unless the caller's env says otherwise.
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const bin = join(repoRoot, 'packages/cli/bin/engraft.js');
const emptyDataDir = mkdtempSync(join(tmpdir(), 'engraft-hla-cli-'));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `engraft <args>` and feeds it `input` on stdin. */
export function runCli(args: string[], input: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ENGRAFT_FROM_SOURCE: '1', ENGRAFT_DATA_DIR: emptyDataDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/engraft.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `engraft` command from the TypeScript sources (never a stale build) and captures its output. */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ENGRAFT_FROM_SOURCE: '1', TZ: 'UTC', ...opts.env },
    input: opts.input ?? '',
    timeout: 120_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * As runCli, without blocking the event loop: for tests that serve the API from the test process itself (a
 * synchronous child would wait for a server that cannot answer).
 */
export function runCliAsync(
  args: string[],
  opts: { env?: Record<string, string>; input?: string } = {}
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ENGRAFT_FROM_SOURCE: '1', TZ: 'UTC', ...opts.env },
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

import { spawnSync } from 'node:child_process';
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

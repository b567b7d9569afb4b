import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../packages/server/src/testing/postgresCluster';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
// ENGRAFT_BENCH_CLI: another build's engraft.js (e.g. main's dist copied aside) for interleaved A/B runs.
export const CLI_DIST = process.env.ENGRAFT_BENCH_CLI ?? `${ROOT}packages/cli/dist/engraft.js`;

export function requireBuild(): void {
  if (!existsSync(CLI_DIST)) {
    console.error('benchmarks run the built server: run `npm run build` first');
    process.exit(1);
  }
}

export interface SpawnedServer {
  url: string;
  /** Milliseconds from spawn until /api/v1/health answered 200. */
  readyMs: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built `engraft serve` in its own process and waits until it answers (nodeArgs: e.g. --cpu-prof). */
export async function spawnServer(
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = []
): Promise<SpawnedServer> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, CLI_DIST, 'serve', '--quiet', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    readyMs,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export async function signInCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

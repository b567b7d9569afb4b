// Starts the built Engraft server with the synthetic demo on a fresh data directory and a free port, for the
// browser tests, and stops it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's HL7 v2 MLLP listener (hl7Review.e2e.test.ts). */
    mllpPort: number;
  }
}

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`engraft serve exited with code ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`engraft serve did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const built of ['packages/web/dist/index.html', 'packages/cli/dist/engraft.js']) {
    if (!existsSync(path.join(root, built))) {
      throw new Error(`${built} is missing: run \`npm run build\` before the browser tests`);
    }
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'engraft-e2e-'));
  const port = await freePort();
  const mllpPort = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['packages/cli/bin/engraft.js', 'serve', '--demo', '--quiet'], {
    cwd: root,
    // The suite signs in more often than the per-address login limit (20/min) allows when it runs fast; the
    // limit itself is tested in session.api.test.ts.
    env: {
      ...process.env,
      ENGRAFT_DATA_DIR: dataDir,
      PORT: String(port),
      TZ: 'UTC',
      ENGRAFT_LOGIN_RATE_PER_MINUTE: '1000',
      ENGRAFT_PASSWORD_RATE_PER_ACCOUNT_PER_MINUTE: '1000',
      ENGRAFT_MLLP_PORT: String(mllpPort),
      ENGRAFT_MLLP_CENTRE: 'Engraft Demo Centre (synthetic data)',
      ENGRAFT_MLLP_MRN_AUTHORITY: 'CITYHOSP',
      // A field a page reads that its response schema forgot fails loudly here (ADR 0020).
      ENGRAFT_STRICT_RESPONSES: 'true',
      // No internet here: no background download of the HLA reference data (demoSearch.e2e.test.ts serves one).
      ENGRAFT_REFERENCE_FETCH: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output, 150_000); // generous: CI machines may be busy
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mllpPort', mllpPort);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
}

// A second Engraft server for the donor-search browser test: the demo programme plus a real IPD-IMGT/HLA
// release from ../shared/data (read in place, never copied into the repository) and a small synthetic donor
// registry generated and indexed with the CLI in a temporary directory.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** ../shared/data beside the repository (or its worktree), as packages/hla tests find it. */
export function sharedDataDir(): string {
  let dir = root;
  for (;;) {
    const candidate = path.join(dir, 'shared', 'data');
    if (existsSync(path.join(candidate, 'imgt'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('shared/data not found beside the repository');
    dir = parent;
  }
}

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

export interface RegistryServer {
  baseUrl: string;
  /** A GL string typed like one high-resolution adult donor of the registry (so that donor is a 10/10 match). */
  patientTyping: string;
  donors: number;
  stop(): Promise<void>;
}

/** Generates `count` donors, indexes them, starts `engraft serve --demo` on them and waits until it answers. */
export async function startRegistryServer(count: number): Promise<RegistryServer> {
  const data = sharedDataDir();
  const dir = await mkdtemp(path.join(tmpdir(), 'engraft-e2e-donors-'));
  const cli = path.join(root, 'packages/cli/bin/engraft.js');
  const engine = [
    '--imgt-dir',
    path.join(data, 'imgt/3.58.0'),
    '--mac-file',
    path.join(data, 'mac/atlas-LargeMacDictionary.csv'),
  ];
  const registry = path.join(dir, 'registry.csv.gz');
  const snapshot = path.join(dir, 'donors.snap');
  const env = { ...process.env, ENGRAFT_DATA_DIR: path.join(dir, 'data'), TZ: 'UTC' };
  await run(
    process.execPath,
    [
      cli,
      'donors',
      'generate',
      '--count',
      String(count),
      '--seed',
      '11',
      '--cord-share',
      '0.05',
      '--out',
      registry,
      '--freqs',
      path.join(data, 'freqs/CAU.freqs.gz'),
      '--ciwd',
      path.join(data, 'ciwd/ciwd.3.0.0.csv'),
      ...engine,
    ],
    { cwd: root, env }
  );
  await run(process.execPath, [cli, 'donors', 'import', registry, '--snapshot', snapshot, ...engine], {
    cwd: root,
    env,
    maxBuffer: 16 * 2 ** 20,
  });
  const patientTyping = highResolutionTyping(registry);

  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--demo', '--quiet'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      ENGRAFT_IMGT_DIR: path.join(data, 'imgt/3.58.0'),
      ENGRAFT_MAC_FILE: path.join(data, 'mac/atlas-LargeMacDictionary.csv'),
      ENGRAFT_DONOR_SNAPSHOT: snapshot,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`engraft serve exited with code ${child.exitCode}:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`engraft serve did not become healthy:\n${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, patientTyping, donors: count, stop };
}

const HIGH_RES = /^[A-Z0-9]+\*\d+:\d+(\+[A-Z0-9]+\*\d+:\d+)?$/;

function highResolutionTyping(csvGz: string): string {
  const lines = gunzipSync(readFileSync(csvGz)).toString('utf8').split('\n');
  const header = (lines[0] ?? '').split(',');
  const loci = ['a', 'b', 'c', 'drb1', 'dqb1', 'dpb1'];
  const at = loci.map((l) => header.indexOf(l));
  const kind = header.indexOf('kind');
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    if (cells[kind] !== 'adult') continue;
    const typing = at.map((i) => cells[i] ?? '');
    if (typing.every((t) => HIGH_RES.test(t))) return typing.join('^');
  }
  throw new Error('the generated registry has no high-resolution adult donor');
}

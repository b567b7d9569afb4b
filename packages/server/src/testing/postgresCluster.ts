import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server for tests: initdb + pg_ctl from the Debian binaries in a temporary
 * directory, on a free loopback port, trust auth. As root, the server runs as the `postgres` user
 * (initdb refuses root).
 */
export interface Cluster {
  url: string;
  /** The cluster's data directory (postmaster.pid names the server process). */
  dataDir: string;
  stop(): void;
}

const BIN = process.env.ENGRAFT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function pgUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root but there is no postgres user to run the test cluster as');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(cmd: string, args: string[], asPostgres: boolean): void {
  const full = asPostgres ? (['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const) : ([cmd, args] as const);
  const res = spawnSync(full[0], full[1], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} failed (${res.status}): ${res.stderr || res.stdout}`);
}

export async function startCluster(): Promise<Cluster> {
  const owner = pgUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'engraft-pg-'));
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asPg = owner !== undefined;
  run(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], asPg);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  run(path.join(BIN, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'], asPg);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir: data,
    stop: () => {
      try {
        run(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPg);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

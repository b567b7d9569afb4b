import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, freshPostgresUrl } from '../testing/testApp';
import { openEngraftDatabase } from '../runtime';
import { loadConfig } from '../config';
import { openPostgres } from './postgresDatabase';

/** The backends connected to the database at `url`, seen from a connection of its own (not counted). */
async function backendsOf(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const res = await c.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
        order by pid`
    );
    return res.rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/** `n` transactions held open at once (a burst of requests); the backend pid each ran on. */
async function burst(db: Awaited<ReturnType<typeof openPostgres>>, n: number): Promise<number[]> {
  let arrived = 0;
  let go: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (go = resolve));
  return Promise.all(
    Array.from({ length: n }, () =>
      db.transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
        if (++arrived === n) go();
        await all;
        return row!.pid;
      })
    )
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Issue 14: on 2 cores, reads that arrived with a burst waited 80-370 ms while PostgreSQL started new backends.
describe('a warm pool (the server)', () => {
  it('opens every connection at start, serves a burst on them and keeps them while idle', async () => {
    const url = await freshPostgresUrl();
    const db = await openPostgres(url, { warm: true, connections: 4, idleMs: 100 });
    try {
      const atStart = await backendsOf(url);
      expect(atStart).toHaveLength(4);
      expect((await burst(db, 4)).sort((a, b) => a - b)).toEqual(atStart);
      await sleep(400);
      expect(await backendsOf(url)).toEqual(atStart);
    } finally {
      await db.close();
    }
  });

  it('is how the server opens PostgreSQL (a CLI command opens one connection)', async () => {
    const url = await freshPostgresUrl();
    const cli = await openEngraftDatabase({ databaseUrl: url, dataDir: 'unused' }, 'engraft audit verify');
    expect(await backendsOf(url)).toHaveLength(1);
    await cli.close();
    const server = await openEngraftDatabase({ databaseUrl: url, dataDir: 'unused', databasePool: 3 }, 'server');
    try {
      expect(await backendsOf(url)).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('refuses to start, saying why, when PostgreSQL will not give it every connection', async () => {
    const url = await freshPostgresUrl();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const role = `engraft_pool_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`create role ${role} login connection limit 2`);
    await admin.end();
    const limited = url.replace('postgres://postgres@', `postgres://${role}@`);
    await expect(openPostgres(limited, { warm: true, connections: 4 })).rejects.toThrow(
      /could not open the 4 PostgreSQL connections the server keeps \(ENGRAFT_PG_POOL\): too many connections for role .*lower ENGRAFT_PG_POOL/
    );
    await sleep(200);
    expect(await backendsOf(url)).toHaveLength(0);
  });

  it('a cold pool (a CLI command) opens connections when needed and closes them when idle', async () => {
    const url = await freshPostgresUrl();
    const db = await openPostgres(url, { connections: 4, idleMs: 100 });
    try {
      expect(await backendsOf(url)).toHaveLength(1);
      const pids = await burst(db, 4);
      expect(new Set(pids).size).toBe(4);
      await sleep(400);
      expect(await backendsOf(url)).toHaveLength(0);
    } finally {
      await db.close();
    }
  });
});

describe('ENGRAFT_PG_POOL', () => {
  it('is 10 when unset, a whole number from 1 to 1000 otherwise, and refused by name, never silently replaced', () => {
    expect(loadConfig({}).databasePool).toBe(10);
    expect(loadConfig({ ENGRAFT_PG_POOL: '1' }).databasePool).toBe(1);
    expect(loadConfig({ ENGRAFT_PG_POOL: '1000' }).databasePool).toBe(1000);
    for (const bad of ['0', '1001', '2.5', 'ten', '-3', '1e9']) {
      expect(() => loadConfig({ ENGRAFT_PG_POOL: bad })).toThrow(/invalid configuration:\n {2}ENGRAFT_PG_POOL: /);
    }
  });
});

describe('PostgreSQL connection pool', () => {
  it('survives an idle connection being terminated by the server, and serves the next query', async () => {
    const db = await freshDatabase('postgres');
    try {
      // Two idle connections in the pool: one terminates the other (as a server restart or an admin would).
      const pids = await Promise.all([
        db.transaction(async (tx) => (await tx.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]?.pid),
        db.transaction(async (tx) => (await tx.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]?.pid),
      ]);
      const [victim] = pids;
      await db.transaction(async (tx) => {
        const me = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]?.pid;
        const target = me === victim ? pids[1] : victim;
        await tx.query('select pg_terminate_backend($1)', [target ?? 0]);
      });
      await new Promise((r) => setTimeout(r, 200)); // the idle client sees its socket close
      expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});

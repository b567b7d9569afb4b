import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../testing/testApp';

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

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlValue } from './database';

// Same value shapes as the PostgreSQL adapter: dates as 'YYYY-MM-DD', int8/numeric as numbers.
const parsers = {
  1082: (v: string) => v,
  20: (v: string) => Number(v),
  1700: (v: string) => Number(v),
};

/** Embedded PostgreSQL (PGlite, WASM) stored in `<dataDir>/pglite`, or in memory for 'memory://'. */
export async function openPglite(dataDir: string): Promise<Database> {
  let target: string | undefined;
  if (dataDir !== 'memory://') {
    target = path.resolve(dataDir, 'pglite');
    mkdirSync(target, { recursive: true });
  }
  const pg = await PGlite.create(target, { parsers });
  // PGlite runs every query as an unnamed statement, planned with its values (QueryOptions.planPerCall).
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> => {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    exec: async (sql: string): Promise<void> => {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}

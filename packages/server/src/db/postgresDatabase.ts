import pg from 'pg';
import type { Database, Queryable, QueryOptions, SqlValue } from './database';

// Dates and timestamps come back as strings so both drivers return the same shapes.
const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v);
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
  },
};

const MAX_NAMED_STATEMENTS = 2000;

export interface PostgresOptions {
  /**
   * Open every connection of the pool at start and keep them open while idle (the server; issue 14). Otherwise
   * (a CLI command) connections open when needed and close after 10 s idle.
   */
  warm?: boolean;
  /** Connections in the pool (config ENGRAFT_PG_POOL; default 10). */
  connections?: number;
  /** How long a connection not kept warm stays open idle (default 10 s, the driver's). */
  idleMs?: number;
}

/** A PostgreSQL server through a pool; several Engraft instances may share one server. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Database> {
  const max = opts.connections ?? 10;
  // A warm pool (issue 14): a burst of requests after a quiet spell would otherwise wait while PostgreSQL starts a
  // backend per new connection and each fills its caches — on 2 cores that took reads from ~4 ms to 80–370 ms at
  // the start of a lab import (docs/benchmarks.md "Lab import under load"). `min` keeps them from closing when idle.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    min: opts.warm ? max : 0,
    idleTimeoutMillis: opts.idleMs ?? 10_000,
    types,
  });
  // An idle connection that drops (a PostgreSQL restart, a network cut) emits 'error' on the pool; without a
  // listener that would end the process. The pool discards the connection and opens a new one when needed.
  // Only the driver's message is logged: connection errors carry no patient data.
  pool.on('error', (err) => {
    process.stderr.write(`engraft: an idle PostgreSQL connection failed and was dropped: ${err.message}\n`);
  });
  // Fail fast with a clear message when the server is unreachable.
  await pool.query('select 1');
  if (opts.warm) {
    const opened = await Promise.allSettled(Array.from({ length: max }, () => pool.connect()));
    for (const o of opened) if (o.status === 'fulfilled') o.value.release();
    const failed = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) {
      await pool.end();
      const why = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
      throw new Error(
        `could not open the ${max} PostgreSQL connections the server keeps (ENGRAFT_PG_POOL): ${why}; lower ENGRAFT_PG_POOL or raise the server's max_connections`
      );
    }
  }
  // Named (prepared) statements: each connection parses and plans a statement once and reuses it, which is
  // most of the database's work for the short queries of a request. Bounded, in case some SQL is built with
  // values in its text (those run unnamed).
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (!name && names.size < MAX_NAMED_STATEMENTS) names.set(sql, (name = `engraft_${names.size + 1}`));
    return name;
  };
  // planPerCall: the unnamed statement, which PostgreSQL plans with the values bound to it.
  const run = async <T extends object>(
    c: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly SqlValue[] = [],
    opts?: QueryOptions
  ): Promise<T[]> => {
    const res = await c.query<T>({
      text: sql,
      values: params as unknown[],
      name: opts?.planPerCall ? undefined : nameOf(sql),
    });
    return res.rows;
  };
  return {
    kind: 'postgres',
    query: (sql, params, opts) => run(pool, sql, params, opts),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn({
          query: (sql, params, opts) => run(client, sql, params, opts),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

import type { Database, Queryable } from '../db/database';

/**
 * Wraps a database so that every statement run through it, in or out of a transaction, is counted (BEGIN and
 * COMMIT of `transaction` are not): the load-independent measure of a code path's round trips.
 */
export function countingDatabase(db: Database): { db: Database; count: () => number; reset: () => void } {
  let n = 0;
  const counted = (q: Queryable): Queryable => ({
    exec: q.exec.bind(q),
    query: (...a: Parameters<Queryable['query']>) => {
      n++;
      return q.query(...a);
    },
  });
  const wrapped: Database = {
    kind: db.kind,
    ...counted(db),
    transaction: (fn) => db.transaction((tx) => fn(counted(tx))),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

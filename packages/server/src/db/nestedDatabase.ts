import type { Database, Queryable } from './database';

/**
 * A Database whose `transaction` runs inside the caller's open transaction, under a savepoint: a service called
 * with it (createPatient, correctObservation) writes in the same commit as the HL7 message that caused the write,
 * and a refusal rolls back only what the service did. This is how "acknowledged means stored" holds: the ACK
 * leaves after the one commit of message, results and audit events.
 */
export function nestedDatabase(tx: Queryable, kind: Database['kind']): Database {
  let n = 0;
  return {
    kind,
    query: (sql, params, opts) => tx.query(sql, params, opts),
    exec: (sql) => tx.exec(sql),
    close: async () => {},
    async transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const name = `hl7_nested_${++n}`;
      await tx.exec(`savepoint ${name}`);
      try {
        const result = await fn(tx);
        await tx.exec(`release savepoint ${name}`);
        return result;
      } catch (err) {
        await tx.exec(`rollback to savepoint ${name}`);
        throw err;
      }
    },
  };
}

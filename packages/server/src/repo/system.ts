import type { Queryable } from '../db/database';

/** The cheapest statement: the database is reachable and answering. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('select 1');
}

import type { Queryable } from '../db/database';

/** The cheapest statement: the database is reachable and answering. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('select 1');
}

/** How many patients a database holds (a restored backup is checked with it). */
export async function countPatients(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from patients'))[0]?.n ?? 0;
}

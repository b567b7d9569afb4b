import type { Queryable } from '../db/database';

export interface Centre {
  id: string;
  name: string;
}

export async function findOrCreateCentre(db: Queryable, name: string): Promise<Centre> {
  const rows = await db.query<Centre>(
    `insert into centres (name) values ($1) on conflict (name) do update set name = excluded.name returning id, name`,
    [name]
  );
  return rows[0]!;
}

/** The centre with this name, if any (administration commands never create one by a typo). */
export async function findCentreByName(db: Queryable, name: string): Promise<Centre | undefined> {
  return (await db.query<Centre>('select id, name from centres where name = $1', [name]))[0];
}

export async function centreExists(db: Queryable, name: string): Promise<boolean> {
  const rows = await db.query('select 1 from centres where name = $1', [name]);
  return rows.length > 0;
}

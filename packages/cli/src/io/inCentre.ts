import { type Database, findCentreByName, loadConfig, openEngraftDatabase } from '@engraft/server';

/** The actor of a CLI command run against a centre: no user, audited as "cli". */
export interface CliActor {
  userId: null;
  username: 'cli';
  centreId: string;
}

/** Opens the configured database (the same function as every command), finds the centre, runs as "cli", closes. */
export async function inCentre<T>(centreName: string, run: (db: Database, actor: CliActor) => Promise<T>): Promise<T> {
  const db = await openEngraftDatabase(loadConfig());
  try {
    const centre = await findCentreByName(db, centreName);
    if (!centre) throw new Error(`there is no centre named "${centreName}"`);
    return await run(db, { userId: null, username: 'cli', centreId: centre.id });
  } finally {
    await db.close();
  }
}

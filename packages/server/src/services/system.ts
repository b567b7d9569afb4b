import type { Database } from '../db/database';
import { ping } from '../repo/system';

/** Liveness: the database answers a statement. */
export const pingDatabase = (db: Database): Promise<void> => ping(db);

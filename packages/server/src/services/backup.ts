import { existsSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database';
import { acquireDataDirLock } from '../db/dataDirLock';
import { openPglite } from '../db/pgliteDatabase';
import { EngraftError } from '../errors';
import { type Actor, appendAudit } from '../repo/auditLog';
import type { CheckpointFile } from './auditCheckpoints';
import { verifyAuditChain, type VerifyResult } from './auditTrail';
import { countPatients } from '../repo/system';

/**
 * Backup and restore of the embedded database (ADR 0009): a backup is PGlite's dump of the whole data
 * directory (gzip tar), taken by the process that holds the directory's lock — the server through
 * GET /api/v1/backup, or `engraft backup` when no server runs — so it is consistent. Every backup and every
 * restore is verified by opening the copy and checking its audit chain (recomputed in Node, against the signed
 * checkpoints when given). PostgreSQL: pg_dump and WAL archiving (docs/security.md).
 */
export interface BackupCheck {
  patients: number;
  audit: VerifyResult;
}

/** Opens a dump in memory (never on disk) and checks it: audit chain and checkpoints, patients counted. */
export async function checkDump(dump: Uint8Array, checkpoints?: CheckpointFile): Promise<BackupCheck> {
  let db: Database;
  try {
    db = await openPglite('memory://', { holder: 'backup check', loadDataDir: dump });
  } catch (err) {
    throw new EngraftError(
      'unprocessable',
      `the backup cannot be opened as an Engraft database: ${(err as Error).message}`
    );
  }
  try {
    return {
      patients: await countPatients(db),
      audit: await verifyAuditChain(db, { allowLaterCheckpoints: true, ...(checkpoints ? { checkpoints } : {}) }),
    };
  } finally {
    await db.close();
  }
}

/** Dumps an open embedded database (the caller holds its lock), audited first so the backup records itself. */
export async function dumpDatabase(db: Database, actor: Actor): Promise<Uint8Array> {
  const dump = db.dumpDataDir;
  if (!dump) {
    throw new EngraftError(
      'conflict',
      'backups of a PostgreSQL server are taken with pg_dump and WAL archiving (docs/security.md), not by Engraft'
    );
  }
  await db.transaction((tx) => appendAudit(tx, actor, { action: 'backup', entityType: 'database' }));
  return dump();
}

const holdsDatabase = (dir: string): boolean => existsSync(dir) && readdirSync(dir).length > 0;

export interface RestoreResult extends BackupCheck {
  /** Where the database that was replaced (with --force) was moved, kept rather than deleted. */
  replacedMovedTo?: string;
}

/**
 * Restores a dump into `<dataDir>/pglite` under the directory's lock. The dump is checked in memory first; a
 * directory that already holds a database is refused unless `force`, and then moved aside, never deleted. The
 * restored copy is opened from disk and checked again.
 */
export async function restoreDataDir(
  dataDir: string,
  dump: Uint8Array,
  opts: { force: boolean; checkpoints?: CheckpointFile; now?: Date }
): Promise<RestoreResult> {
  const before = await checkDump(dump, opts.checkpoints);
  if (!before.audit.ok) {
    throw new EngraftError(
      'unprocessable',
      `the backup's audit chain does not verify, nothing was restored: ${before.audit.problems.join('; ')}`
    );
  }
  const lock = acquireDataDirLock(dataDir, 'engraft restore');
  let replacedMovedTo: string | undefined;
  let db: Database;
  try {
    const target = path.resolve(dataDir, 'pglite');
    if (holdsDatabase(target)) {
      if (!opts.force) {
        throw new EngraftError(
          'conflict',
          `the data directory ${path.resolve(dataDir)} already holds a database; pass --force to replace it (it is moved aside, not deleted)`
        );
      }
      replacedMovedTo = `${target}.replaced-${(opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, replacedMovedTo);
    }
    db = await openPglite(dataDir, { holder: 'engraft restore', loadDataDir: dump, heldLock: lock });
  } catch (err) {
    lock.release();
    throw err;
  }
  try {
    const after: BackupCheck = {
      patients: await countPatients(db),
      audit: await verifyAuditChain(db, {
        allowLaterCheckpoints: true,
        ...(opts.checkpoints ? { checkpoints: opts.checkpoints } : {}),
      }),
    };
    if (!after.audit.ok || after.audit.checked !== before.audit.checked || after.patients !== before.patients) {
      throw new EngraftError(
        'unprocessable',
        `the restored database does not match the backup (${after.audit.checked} audit events, ${after.patients} patients; the backup has ${before.audit.checked} and ${before.patients})`
      );
    }
    return { ...after, ...(replacedMovedTo ? { replacedMovedTo } : {}) };
  } finally {
    await db.close();
  }
}

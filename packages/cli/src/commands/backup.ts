import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  type BackupCheck,
  checkDump,
  dumpDatabase,
  loadConfig,
  openEngraftDatabase,
  readCheckpoints,
  restoreDataDir,
} from '@engraft/server';
import type { Command } from 'commander';
import { ADMIN_PASSWORD_ENV, requireAdmin, signIn } from '../io/serverClient';
import { reportVerification } from './audit';

const POSTGRES_HINT =
  'DATABASE_URL is set: back up a PostgreSQL server with pg_dump and WAL archiving (docs/security.md, "Backup and restore")';

const checkpointsOf = (config: ReturnType<typeof loadConfig>) =>
  config.auditCheckpoints ? readCheckpoints(config.auditCheckpoints) : undefined;

const describeCheck = (c: BackupCheck): string => `${c.patients} patients, ${c.audit.checked} audit events`;

/** engraft backup FILE | engraft restore FILE */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (gzip tar of the embedded data directory)')
    .description(
      'back up the embedded database consistently and verify the copy (audit chain against the signed checkpoints). While the server runs, add --server URL --admin NAME (password in ENGRAFT_ADMIN_PASSWORD): the server takes the backup'
    )
    .option('--server <url>', 'have this running Engraft server take the backup')
    .option('--admin <username>', 'administrator to sign in as with --server')
    .option('--force', 'overwrite an existing file', false)
    .action(async (file: string, opts: { server?: string; admin?: string; force: boolean }) => {
      const config = loadConfig();
      if (!opts.force && existsSync(file)) throw new Error(`${file} already exists; pass --force to overwrite it`);
      let dump: Uint8Array;
      if (opts.server) {
        const session = await signIn(opts.server, requireAdmin(opts.admin), process.env[ADMIN_PASSWORD_ENV]);
        try {
          dump = await session.download('backup');
        } finally {
          await session.close();
        }
      } else {
        if (config.databaseUrl) throw new Error(POSTGRES_HINT);
        const conn = await openEngraftDatabase(config, 'engraft backup');
        try {
          dump = await dumpDatabase(conn, { userId: null, username: 'cli', centreId: null });
        } finally {
          await conn.close();
        }
      }
      const check = await checkDump(dump, checkpointsOf(config));
      reportVerification(check.audit, 'backup audit chain');
      if (!check.audit.ok) throw new Error(`the backup does not verify; it was not written to ${file}`);
      // Written beside the target and renamed, so a failure never leaves half a backup under the file's name.
      const tmp = `${file}.partial-${process.pid}`;
      writeFileSync(tmp, dump, { flag: 'wx', mode: 0o600 });
      renameSync(tmp, file);
      console.log(`backup written to ${file} (${dump.byteLength} bytes): ${describeCheck(check)}, verified`);
    });

  program
    .command('restore')
    .argument('<file>', 'a backup written by engraft backup')
    .description(
      'restore a backup into the embedded data directory (ENGRAFT_DATA_DIR): the backup is verified first, and the restored database after; a directory that already holds a database is refused unless --force (it is then moved aside, not deleted). The server must be stopped'
    )
    .option('--force', 'replace the database in the data directory (moved aside to pglite.replaced-<time>)', false)
    .action(async (file: string, opts: { force: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new Error(POSTGRES_HINT);
      const checkpoints = checkpointsOf(config);
      const res = await restoreDataDir(config.dataDir, new Uint8Array(readFileSync(file)), {
        force: opts.force,
        ...(checkpoints ? { checkpoints } : {}),
      });
      if (res.replacedMovedTo) console.log(`the database that was there was moved to ${res.replacedMovedTo}`);
      reportVerification(res.audit, 'restored audit chain');
      console.log(`restored ${file} into ${config.dataDir}: ${describeCheck(res)}, verified`);
      if (res.audit.laterCheckpoint) {
        console.log(
          `the checkpoint file ${config.auditCheckpoints?.file ?? ''} signed events this backup does not hold: audit verify will report them as deleted until you move that file aside (keep it: it records what was lost)`
        );
      }
    });
}

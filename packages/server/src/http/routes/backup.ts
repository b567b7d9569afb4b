import { BACKUP_OPERATORS } from '@engraft/domain';
import { z } from 'zod';
import { dumpDatabase } from '../../services/backup';
import { authOf } from '../access';
import { actorOf } from './actor';
import type { TypedApp } from '../app';

/**
 * POST /backup: the embedded database's data directory as a gzip tar, taken by the server that holds its lock
 * (ADR 0009); `engraft backup FILE --server URL` calls it and verifies the copy. Audited.
 */
export function registerBackupRoutes(app: TypedApp): void {
  const { db } = app.deps;
  app.post(
    '/backup',
    {
      config: { access: BACKUP_OPERATORS, responseContract: 'binary' },
      schema: {
        summary: 'Back up the embedded database (gzip tar of the data directory)',
        tags: ['audit'],
        body: z.object({}).optional(),
        description: 'A PostgreSQL server is backed up with pg_dump and WAL archiving instead (409).',
      },
    },
    async (req, reply) => {
      const dump = await dumpDatabase(db, actorOf(authOf(req)));
      return reply
        .type('application/gzip')
        .header('content-disposition', 'attachment; filename="engraft-backup.tar.gz"')
        .send(Buffer.from(dump));
    }
  );
}

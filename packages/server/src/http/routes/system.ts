import { z } from 'zod';
import { pingDatabase } from '../../services/system';
import type { TypedApp } from '../app';

export function registerSystemRoutes(app: TypedApp): void {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) },
      },
    },
    async () => {
      await pingDatabase(app.deps.db);
      return { status: 'ok' as const, database: app.deps.db.kind };
    }
  );
}

import { AUDIT_READERS } from '@engraft/domain';
import { z } from 'zod';
import { readCheckpoints } from '../../services/auditCheckpoints';
import { patientAccessLog, verifyAuditChain } from '../../services/auditTrail';
import { authOf } from '../access';
import type { TypedApp } from '../app';

export function registerAuditRoutes(app: TypedApp): void {
  const { db, config } = app.deps;
  app.get(
    '/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        summary: 'Verify the hash chain of the audit trail',
        tags: ['audit'],
        description:
          'Recomputes every hash in the server (not in the database) and checks the signed checkpoints (ADR 0010).',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            head: z.object({ seq: z.number(), hash: z.string() }).optional(),
            firstBroken: z.object({ seq: z.number(), problem: z.string() }).optional(),
            checkpoints: z.object({
              count: z.number(),
              latest: z.object({ count: z.number(), seq: z.number(), at: z.string() }).optional(),
            }),
            problems: z.array(z.string()),
          }),
        },
      },
    },
    async () =>
      verifyAuditChain(db, config.auditCheckpoints ? { checkpoints: readCheckpoints(config.auditCheckpoints) } : {})
  );
  app.get(
    '/patients/:patientId/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        summary: 'Who read or changed this patient’s record',
        tags: ['audit'],
        params: z.object({ patientId: z.uuid() }),
        response: {
          200: z.array(
            z.object({
              seq: z.number(),
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              entityType: z.string(),
              entityId: z.string().nullable(),
              reason: z.string().nullable(),
            })
          ),
        },
      },
    },
    async (req) => patientAccessLog(db, authOf(req).centreId, req.params.patientId)
  );
}

import { z } from 'zod';
import { verifyAuditChain } from '../../repo/auditLog';
import { patientAccessLog } from '../../services/auditTrail';
import { authOf } from '../access';
import type { TypedApp } from '../app';

export function registerAuditRoutes(app: TypedApp): void {
  const { db } = app.deps;
  app.get(
    '/audit/verify',
    {
      config: { access: ['admin', 'auditor'] },
      schema: {
        summary: 'Verify the hash chain of the audit trail',
        tags: ['audit'],
        response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBroken: z.object({ seq: z.number(), problem: z.string() }).optional() }) },
      },
    },
    async () => verifyAuditChain(db)
  );
  app.get(
    '/patients/:patientId/audit',
    {
      config: { access: ['admin', 'auditor'] },
      schema: {
        summary: 'Who read or changed this patient’s record',
        tags: ['audit'],
        params: z.object({ patientId: z.uuid() }),
        response: {
          200: z.array(
            z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), entityType: z.string(), entityId: z.string().nullable(), reason: z.string().nullable() })
          ),
        },
      },
    },
    async (req) => patientAccessLog(db, authOf(req).centreId, req.params.patientId)
  );
}

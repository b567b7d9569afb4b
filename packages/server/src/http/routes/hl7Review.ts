import {
  HL7_REVIEWERS,
  Hl7ReviewIdParamsSchema,
  Hl7ReviewItemSchema,
  Hl7ReviewListSchema,
  Hl7ReviewQuerySchema,
  Hl7ReviewResolutionSchema,
} from '@engraft/domain';
import * as svc from '../../services/hl7Review';
import { authOf } from '../access';
import type { TypedApp } from '../app';

/** The review queue of the hospital's HL7 v2 feed (issue 17 §2, ADR 0701). */
export function registerHl7ReviewRoutes(app: TypedApp): void {
  const { db } = app.deps;
  const actorOf = (req: Parameters<typeof authOf>[0]) => {
    const a = authOf(req);
    return { userId: a.userId, username: a.username, centreId: a.centreId, roles: a.roles };
  };
  app.get(
    '/hl7/review',
    {
      config: { access: HL7_REVIEWERS },
      schema: {
        summary: 'What the HL7 feed could not file by itself (oldest first)',
        tags: ['hl7'],
        querystring: Hl7ReviewQuerySchema,
        response: { 200: Hl7ReviewListSchema },
      },
    },
    async (req) => svc.listHl7Review(db, actorOf(req), req.query)
  );
  app.get(
    '/hl7/review/:id',
    {
      config: { access: HL7_REVIEWERS },
      schema: {
        summary: 'One review item with what its message proposed',
        tags: ['hl7'],
        params: Hl7ReviewIdParamsSchema,
        response: { 200: Hl7ReviewItemSchema },
      },
    },
    async (req) => svc.getHl7ReviewItem(db, actorOf(req), req.params.id)
  );
  app.post(
    '/hl7/review/:id/resolution',
    {
      config: { access: HL7_REVIEWERS },
      schema: {
        summary: 'Apply or discard a review item, with a reason (audited)',
        tags: ['hl7'],
        params: Hl7ReviewIdParamsSchema,
        body: Hl7ReviewResolutionSchema,
        response: { 200: Hl7ReviewItemSchema },
      },
    },
    async (req) => svc.resolveHl7ReviewItem(db, actorOf(req), req.params.id, req.body)
  );
}

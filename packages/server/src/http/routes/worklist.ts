import { ALL_ROLES, FOLLOW_UP_WRITERS, IsoDateSchema, WorklistSchema } from '@engraft/domain';
import { z } from 'zod';
import { completeFollowUp, worklist } from '../../services/worklist';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';


export function registerWorklistRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  app.get(
    '/worklist',
    {
      config: { access: ALL_ROLES },
      schema: { summary: 'Today’s worklist (assessments, labs, engraftment, CMV, visits and registry reports due) and episodes per phase', tags: ['monitoring'], response: { 200: WorklistSchema } },
    },
    async (req) => worklist(db, actorOf(authOf(req)), today())
  );
  app.post(
    '/episodes/:episodeId/follow-ups/:key',
    {
      config: { access: FOLLOW_UP_WRITERS },
      schema: {
        summary: 'Mark a follow-up visit or registry report as done',
        tags: ['monitoring'],
        params: z.object({ episodeId: z.uuid(), key: z.string().regex(/^[a-z0-9-]+$/) }),
        body: z.object({ completedOn: IsoDateSchema }),
      },
    },
    async (req, reply) => reply.code(201).send(await completeFollowUp(db, actorOf(authOf(req)), req.params.episodeId, req.params.key, req.body.completedOn, today()))
  );
}

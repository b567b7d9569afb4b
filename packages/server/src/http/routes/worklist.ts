import {
  ALERT_ACKNOWLEDGERS,
  AlertAcknowledgeSchema,
  AlertAcknowledgementSchema,
  ALL_ROLES,
  FOLLOW_UP_WRITERS,
  FollowUpCompletionSchema,
  FollowUpUndoSchema,
  IsoDateSchema,
  NoContentSchema,
  TodayByRoleSchema,
  WorklistSchema,
} from '@engraft/domain';
import { z } from 'zod';
import { todayByRole } from '../../services/todayByRole';
import { acknowledgeAlert, completeFollowUp, undoFollowUp, worklist } from '../../services/worklist';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const FollowUpParams = z.object({ episodeId: z.uuid(), key: z.string().regex(/^[a-z0-9-]+$/) });

export function registerWorklistRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  app.get(
    '/worklist',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'Today’s worklist (assessments, labs, engraftment, CMV, visits and registry reports due) and episodes per phase',
        tags: ['monitoring'],
        response: { 200: WorklistSchema },
      },
    },
    async (req) => worklist(db, actorOf(authOf(req)), today())
  );
  app.get(
    '/worklist/by-role',
    {
      // Every role may ask; each section is computed only for the roles that see it (TODAY_SECTIONS, ADR 0801).
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'Today per role: infusions and CRS/ICANS checks (nurse), bags and cultures (lab), work-up milestones and CAR-T slots (coordinator), registry reports (data manager), recent audit events (auditor)',
        tags: ['monitoring'],
        response: { 200: TodayByRoleSchema },
      },
    },
    async (req) => {
      const auth = authOf(req);
      return todayByRole(db, actorOf(auth), auth.roles, today());
    }
  );
  app.post(
    '/worklist/acknowledgements',
    {
      config: { access: ALERT_ACKNOWLEDGERS },
      schema: {
        summary:
          'Acknowledge an alert on today’s worklist (who, when, optional note; audited). A new result raises a new alert.',
        tags: ['monitoring'],
        body: AlertAcknowledgeSchema,
        response: { 201: AlertAcknowledgementSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await acknowledgeAlert(db, actorOf(authOf(req)), req.body, today()))
  );
  app.post(
    '/episodes/:episodeId/follow-ups/:key',
    {
      config: { access: FOLLOW_UP_WRITERS },
      schema: {
        summary: 'Mark a follow-up visit or registry report as done',
        tags: ['monitoring'],
        params: FollowUpParams,
        body: z.object({ completedOn: IsoDateSchema }),
        response: { 201: FollowUpCompletionSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await completeFollowUp(
            db,
            actorOf(authOf(req)),
            req.params.episodeId,
            req.params.key,
            req.body.completedOn,
            today()
          )
        )
  );
  app.delete(
    '/episodes/:episodeId/follow-ups/:key',
    {
      config: { access: FOLLOW_UP_WRITERS },
      schema: {
        summary: 'Undo "done" on a follow-up visit or registry report, with a reason (audited)',
        tags: ['monitoring'],
        params: FollowUpParams,
        body: FollowUpUndoSchema,
        response: { 204: NoContentSchema },
      },
    },
    async (req, reply) => {
      await undoFollowUp(db, actorOf(authOf(req)), req.params.episodeId, req.params.key, req.body);
      return reply.code(204).send();
    }
  );
}

import {
  EPISODE_REOPENERS,
  EpisodeEventCreateSchema,
  EpisodeEventSchema,
  EpisodePhaseChangeSchema,
  EpisodeReopenSchema,
  EpisodeSchema,
  EVENT_WRITERS,
  PHASE_CHANGERS,
} from '@engraft/domain';
import { z } from 'zod';
import * as patients from '../../services/patients';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });

export function registerEpisodeRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  app.post(
    '/episodes/:episodeId/phase',
    {
      config: { access: PHASE_CHANGERS },
      schema: {
        summary: 'Move an episode to another phase',
        tags: ['episodes'],
        params: EpisodeParams,
        body: EpisodePhaseChangeSchema,
        response: { 200: EpisodeSchema },
      },
    },
    async (req) => patients.changeEpisodePhase(db, actorOf(authOf(req)), req.params.episodeId, req.body, today())
  );
  app.post(
    '/episodes/:episodeId/reopen',
    {
      config: { access: EPISODE_REOPENERS },
      schema: {
        summary: 'Reopen a closed episode (administrators, with a reason; audited and put on the timeline)',
        tags: ['episodes'],
        params: EpisodeParams,
        body: EpisodeReopenSchema,
        response: { 200: EpisodeSchema },
      },
    },
    async (req) => patients.reopenEpisode(db, actorOf(authOf(req)), req.params.episodeId, req.body, today())
  );
  app.post(
    '/episodes/:episodeId/events',
    {
      config: { access: EVENT_WRITERS },
      schema: {
        summary: 'Record an event on the timeline',
        tags: ['episodes'],
        params: EpisodeParams,
        body: EpisodeEventCreateSchema,
        response: { 201: EpisodeEventSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await patients.addEpisodeEvent(db, actorOf(authOf(req)), req.params.episodeId, req.body, today()))
  );
}

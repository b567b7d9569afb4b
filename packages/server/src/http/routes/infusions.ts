import {
  ALL_ROLES,
  BedsideCheckSchema,
  BedsideConfirmSchema,
  BedsideOverviewSchema,
  BedsideScanSchema,
  INFUSERS,
  InfusionCompleteSchema,
  InfusionSchema,
  InfusionStartSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as infusions from '../../services/infusions';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });
const CheckParams = z.object({ checkId: z.uuid('check id must be a UUID') });
const InfusionParams = z.object({ infusionId: z.uuid('infusion id must be a UUID') });

/** Bedside check and infusion record (ADR 0540). */
export function registerInfusionRoutes(app: TypedApp): void {
  const { db, today, config } = app.deps;

  app.get(
    '/episodes/:episodeId/bedside',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'The bedside page of an episode: patient identifiers, every bedside check (refused ones too) and the infusions',
        tags: ['infusion'],
        params: EpisodeParams,
        response: { 200: BedsideOverviewSchema },
      },
    },
    async (req) => infusions.bedsideOverview(db, actorOf(authOf(req)), req.params.episodeId, today())
  );

  app.post(
    '/episodes/:episodeId/bedside-checks',
    {
      config: { access: INFUSERS },
      schema: {
        summary: 'Scan at the bedside: wristband MRN, product DIN, product code and division, COI for cell therapy',
        description:
          'Every attempt is stored (201), whatever its result: `result` is "pass" or "stop" with every reason. A stop is audited, put on the timeline and on the team worklist.',
        tags: ['infusion'],
        params: EpisodeParams,
        body: BedsideScanSchema,
        response: { 201: BedsideCheckSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await infusions.performBedsideCheck(db, actorOf(authOf(req)), req.params.episodeId, req.body, today()))
  );

  app.post(
    '/bedside-checks/:checkId/confirm',
    {
      config: { access: INFUSERS },
      schema: {
        summary: 'Second person confirms a passing check (the check is run again now)',
        description:
          'The second person is the signed-in user, or the person whose username and password are given (re-authenticated, the session stays its owner’s). The same person as the scanner is refused (409); a stop found now is recorded and refused (409).',
        tags: ['infusion'],
        params: CheckParams,
        body: BedsideConfirmSchema,
        response: { 200: BedsideCheckSchema },
      },
    },
    async (req) =>
      infusions.confirmBedsideCheck(db, config, actorOf(authOf(req)), req.params.checkId, req.body, today())
  );

  app.post(
    '/bedside-checks/:checkId/infusion',
    {
      config: { access: INFUSERS },
      schema: {
        summary:
          'Start the infusion from a confirmed check: the product becomes infused; the first infusion sets the actual day 0',
        tags: ['infusion'],
        params: CheckParams,
        body: InfusionStartSchema,
        response: { 201: InfusionSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await infusions.startInfusion(db, actorOf(authOf(req)), req.params.checkId, req.body, today()))
  );

  app.post(
    '/infusions/:infusionId/complete',
    {
      config: { access: INFUSERS },
      schema: {
        summary: 'End of the infusion: end time, volume infused and reactions',
        tags: ['infusion'],
        params: InfusionParams,
        body: InfusionCompleteSchema,
        response: { 200: InfusionSchema },
      },
    },
    async (req) => infusions.completeInfusion(db, actorOf(authOf(req)), req.params.infusionId, req.body)
  );
}

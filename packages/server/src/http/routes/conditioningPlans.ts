import {
  ALL_ROLES,
  ConditioningPlanCancelSchema,
  ConditioningPlanChangeSchema,
  ConditioningPlanInputSchema,
  ConditioningPlanListSchema,
  ConditioningPlanViewSchema,
  ConditioningPreviewViewSchema,
  ConditioningRegimenListSchema,
  ConditioningPreviewSchema,
  PRESCRIBERS,
} from '@engraft/domain';
import { z } from 'zod';
import * as plans from '../../services/conditioningPlans';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });
const PlanParams = z.object({ planId: z.uuid('plan id must be a UUID') });

export function registerConditioningRoutes(app: TypedApp): void {
  const { db, today } = app.deps;

  app.get(
    '/conditioning/regimens',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'Conditioning and lymphodepletion regimen templates (drug, dose, basis, route, days relative to D0, interval), each with its source',
        tags: ['conditioning'],
        response: { 200: ConditioningRegimenListSchema },
      },
    },
    async () => plans.listRegimens()
  );

  app.post(
    '/conditioning/preview',
    {
      config: { access: PRESCRIBERS },
      schema: {
        summary:
          "Compute a plan for an episode's patient without saving it: doses per day, body size used, intensity intent vs suggested",
        tags: ['conditioning'],
        body: ConditioningPreviewSchema,
        response: { 200: ConditioningPreviewViewSchema },
      },
    },
    async (req) => {
      const { episodeId, ...input } = req.body;
      return plans.previewPlan(db, actorOf(authOf(req)), episodeId, input, today());
    }
  );

  app.get(
    '/episodes/:episodeId/conditioning-plans',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Conditioning plan versions of an episode, newest first, with dates from the episode day 0',
        tags: ['conditioning'],
        params: EpisodeParams,
        response: { 200: ConditioningPlanListSchema },
      },
    },
    async (req) => plans.listPlans(db, actorOf(authOf(req)), req.params.episodeId)
  );

  app.post(
    '/episodes/:episodeId/conditioning-plans',
    {
      config: { access: PRESCRIBERS },
      schema: {
        summary:
          "Prescribe a conditioning plan computed from the patient's height and weight; it awaits verification by a second user",
        description:
          '409 when the episode already has a plan awaiting verification or active (change or cancel it instead).',
        tags: ['conditioning'],
        params: EpisodeParams,
        body: ConditioningPlanInputSchema,
        response: { 201: ConditioningPlanViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await plans.createPlan(db, actorOf(authOf(req)), req.params.episodeId, req.body, today()))
  );

  app.get(
    '/conditioning-plans/:planId',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'One conditioning plan version',
        tags: ['conditioning'],
        params: PlanParams,
        response: { 200: ConditioningPlanViewSchema },
      },
    },
    async (req) => plans.getPlan(db, actorOf(authOf(req)), req.params.planId)
  );

  app.post(
    '/conditioning-plans/:planId/verify',
    {
      config: { access: PRESCRIBERS },
      schema: {
        summary: 'Verify a plan awaiting verification; the verifier must be a second user (409 for the prescriber)',
        tags: ['conditioning'],
        params: PlanParams,
        response: { 200: ConditioningPlanViewSchema },
      },
    },
    async (req) => plans.verifyPlan(db, actorOf(authOf(req)), req.params.planId, today())
  );

  app.put(
    '/conditioning-plans/:planId',
    {
      config: { access: PRESCRIBERS },
      schema: {
        summary:
          'Change a plan with a reason: the open version is superseded and a recomputed new version awaits verification again',
        tags: ['conditioning'],
        params: PlanParams,
        body: ConditioningPlanChangeSchema,
        response: { 200: ConditioningPlanViewSchema },
      },
    },
    async (req) => {
      const { reason, ...input } = req.body;
      return plans.changePlan(db, actorOf(authOf(req)), req.params.planId, { ...input, reason }, today());
    }
  );

  app.post(
    '/conditioning-plans/:planId/cancel',
    {
      config: { access: PRESCRIBERS },
      schema: {
        summary: 'Cancel a plan with a reason',
        tags: ['conditioning'],
        params: PlanParams,
        body: ConditioningPlanCancelSchema,
        response: { 200: ConditioningPlanViewSchema },
      },
    },
    async (req) => plans.cancelPlan(db, actorOf(authOf(req)), req.params.planId, req.body.reason, today())
  );
}

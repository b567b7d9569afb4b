import {
  ALL_ROLES,
  AdministrationCorrectionSchema,
  AdministrationInputSchema,
  AdministrationListSchema,
  AdministrationViewSchema,
  INFUSERS,
} from '@engraft/domain';
import { z } from 'zod';
import * as administrations from '../../services/conditioningAdministrations';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const PlanParams = z.object({ planId: z.uuid('plan id must be a UUID') });
const AdministrationParams = z.object({ administrationId: z.uuid('administration id must be a UUID') });

/** Administered conditioning doses (issue 17 §1, ADR 0702): nurses and physicians record what they gave. */
export function registerConditioningAdministrationRoutes(app: TypedApp): void {
  const { db } = app.deps;

  app.get(
    '/conditioning-plans/:planId/administrations',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Doses given (or omitted) against a conditioning plan version, by day, agent and administration',
        tags: ['conditioning'],
        params: PlanParams,
        response: { 200: AdministrationListSchema },
      },
    },
    async (req) => administrations.listAdministrations(db, actorOf(authOf(req)), req.params.planId)
  );

  app.post(
    '/conditioning-plans/:planId/administrations',
    {
      config: { access: INFUSERS },
      schema: {
        summary: 'Record a dose given (as planned, reduced, delayed) or omitted against a dose line of a verified plan',
        description:
          '409 when the plan is not verified and current (the refusal is audited) or the administration is already recorded; ' +
          '422 confirmation-required when more than the planned amount was given without a reason.',
        tags: ['conditioning'],
        params: PlanParams,
        body: AdministrationInputSchema,
        response: { 201: AdministrationViewSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await administrations.recordAdministration(db, actorOf(authOf(req)), req.params.planId, req.body))
  );

  app.put(
    '/conditioning-administrations/:administrationId',
    {
      config: { access: INFUSERS },
      schema: {
        summary: 'Correct a recorded administration with a reason (audited before and after)',
        tags: ['conditioning'],
        params: AdministrationParams,
        body: AdministrationCorrectionSchema,
        response: { 200: AdministrationViewSchema },
      },
    },
    async (req) =>
      administrations.correctAdministration(
        db,
        actorOf(authOf(req)),
        req.params.administrationId,
        req.body.administration,
        req.body.reason
      )
  );
}

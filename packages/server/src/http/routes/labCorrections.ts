import {
  DeletionSchema,
  NoContentSchema,
  ObservationCorrectionSchema,
  ObservationSchema,
  RESULT_WRITERS,
  TRANSFUSION_WRITERS,
  TransfusionCorrectionSchema,
  TransfusionRecordSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as corrections from '../../services/labCorrections';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const ObservationParams = z.object({ observationId: z.uuid('lab result id must be a UUID') });
const TransfusionParams = z.object({ transfusionId: z.uuid('transfusion id must be a UUID') });

/** Correcting and deleting recorded results (ADR 0600): a reason is required; the audit keeps before and after. */
export function registerLabCorrectionRoutes(app: TypedApp): void {
  const { db } = app.deps;

  app.put(
    '/observations/:observationId',
    {
      config: { access: RESULT_WRITERS },
      schema: {
        summary: 'Correct a lab result (date, value, unit, lineage) with a reason; derived values follow',
        tags: ['monitoring'],
        params: ObservationParams,
        body: ObservationCorrectionSchema,
        response: { 200: ObservationSchema },
      },
    },
    async (req) => corrections.correctObservation(db, actorOf(authOf(req)), req.params.observationId, req.body)
  );

  app.delete(
    '/observations/:observationId',
    {
      config: { access: RESULT_WRITERS },
      schema: {
        summary: 'Delete a lab result entered in error, with a reason (the audit trail keeps it)',
        tags: ['monitoring'],
        params: ObservationParams,
        body: DeletionSchema,
        response: { 204: NoContentSchema },
      },
    },
    async (req, reply) => {
      await corrections.deleteObservation(db, actorOf(authOf(req)), req.params.observationId, req.body);
      return reply.code(204).send();
    }
  );

  app.put(
    '/transfusions/:transfusionId',
    {
      config: { access: TRANSFUSION_WRITERS },
      schema: {
        summary: 'Correct a transfusion (product, date) with a reason',
        tags: ['monitoring'],
        params: TransfusionParams,
        body: TransfusionCorrectionSchema,
        response: { 200: TransfusionRecordSchema },
      },
    },
    async (req) => corrections.correctTransfusion(db, actorOf(authOf(req)), req.params.transfusionId, req.body)
  );

  app.delete(
    '/transfusions/:transfusionId',
    {
      config: { access: TRANSFUSION_WRITERS },
      schema: {
        summary: 'Delete a transfusion entered in error, with a reason (the audit trail keeps it)',
        tags: ['monitoring'],
        params: TransfusionParams,
        body: DeletionSchema,
        response: { 204: NoContentSchema },
      },
    },
    async (req, reply) => {
      await corrections.deleteTransfusion(db, actorOf(authOf(req)), req.params.transfusionId, req.body);
      return reply.code(204).send();
    }
  );
}

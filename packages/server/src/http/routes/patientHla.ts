import {
  ALL_ROLES,
  DONOR_WORKUP_WRITERS,
  DonorSchema,
  HLA_TYPING_WRITERS,
  HmlUploadSchema,
  PatientHlaTypingCreateSchema,
  PatientHlaTypingHistorySchema,
  PatientHlaTypingSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as donors from '../../services/donors';
import { typingFromHml } from '../../services/hmlTyping';
import * as patientHla from '../../services/patientHla';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const PatientParams = z.object({ patientId: z.uuid('patient id must be a UUID') });
const DonorParams = z.object({ donorId: z.uuid('donor id must be a UUID') });

/** The recipient's versioned HLA typing and HML uploads for patients and donors (issue 15, ADR 0108). */
export function registerPatientHlaRoutes(app: TypedApp): void {
  const { db } = app.deps;

  app.get(
    '/patients/:patientId/hla',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'The patient’s HLA typing: the current version and every earlier one with its source',
        tags: ['patients', 'hla'],
        params: PatientParams,
        response: { 200: PatientHlaTypingHistorySchema },
      },
    },
    async (req) => patientHla.listPatientTypings(db, actorOf(authOf(req)), req.params.patientId)
  );

  app.post(
    '/patients/:patientId/hla',
    {
      config: { access: HLA_TYPING_WRITERS },
      schema: {
        summary: 'Record the patient’s HLA typing entered as a GL string (a new version)',
        tags: ['patients', 'hla'],
        params: PatientParams,
        body: PatientHlaTypingCreateSchema,
        response: { 201: PatientHlaTypingSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await patientHla.recordPatientTyping(
            db,
            actorOf(authOf(req)),
            req.params.patientId,
            req.body,
            app.donorRegistry
          )
        )
  );

  app.post(
    '/patients/:patientId/hla/hml',
    {
      config: { access: HLA_TYPING_WRITERS },
      schema: {
        summary: 'Record the patient’s HLA typing from an HML 1.0.x file sent by the lab (a new version)',
        tags: ['patients', 'hla'],
        params: PatientParams,
        body: HmlUploadSchema,
        response: { 201: PatientHlaTypingSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await patientHla.importPatientHml(db, actorOf(authOf(req)), req.params.patientId, req.body, app.donorRegistry)
        )
  );

  app.post(
    '/donors/:donorId/hla/hml',
    {
      config: { access: DONOR_WORKUP_WRITERS },
      schema: {
        summary: 'Set a donor’s HLA typing from an HML 1.0.x file (one sample, or the one named)',
        tags: ['donors', 'hla'],
        params: DonorParams,
        body: HmlUploadSchema,
        response: { 200: DonorSchema },
      },
    },
    async (req) => {
      const hml = typingFromHml(req.body);
      return donors.updateDonorDetails(
        db,
        actorOf(authOf(req)),
        req.params.donorId,
        { hlaTyping: hml.glString },
        app.donorRegistry
      );
    }
  );
}

import {
  ALL_ROLES,
  DiagnosisCreateSchema,
  DiagnosisSchema,
  EpisodeCreateSchema,
  EpisodeSchema,
  PATIENT_WRITERS,
  PatientCreateSchema,
  PatientListSchema,
  PatientRecordSchema,
  PatientSchema,
  PatientSearchQuerySchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as patients from '../../services/patients';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const PatientParams = z.object({ patientId: z.uuid('patient id must be a UUID') });

export function registerPatientRoutes(app: TypedApp): void {
  const { db, today } = app.deps;

  app.get(
    '/patients',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Search patients by name or MRN',
        tags: ['patients'],
        querystring: PatientSearchQuerySchema,
        response: { 200: PatientListSchema },
      },
    },
    async (req) => ({ ...(await patients.searchPatients(db, actorOf(authOf(req)), req.query)), today: today() })
  );

  app.post(
    '/patients',
    {
      config: { access: PATIENT_WRITERS },
      schema: {
        summary: 'Register a patient',
        tags: ['patients'],
        body: PatientCreateSchema,
        response: { 201: PatientSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await patients.createPatient(db, actorOf(authOf(req)), req.body))
  );

  app.get(
    '/patients/:patientId',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'A patient’s record with diagnoses, episodes and timeline',
        tags: ['patients'],
        params: PatientParams,
        response: { 200: PatientRecordSchema },
      },
    },
    async (req) => ({
      ...(await patients.getPatientRecord(db, actorOf(authOf(req)), req.params.patientId)),
      today: today(),
    })
  );

  app.post(
    '/patients/:patientId/diagnoses',
    {
      config: { access: PATIENT_WRITERS },
      schema: {
        summary: 'Add a diagnosis',
        tags: ['patients'],
        params: PatientParams,
        body: DiagnosisCreateSchema,
        response: { 201: DiagnosisSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await patients.addDiagnosis(db, actorOf(authOf(req)), req.params.patientId, req.body))
  );

  app.post(
    '/patients/:patientId/episodes',
    {
      config: { access: PATIENT_WRITERS },
      schema: {
        summary: 'Open a transplant or cell-therapy episode',
        tags: ['episodes'],
        params: PatientParams,
        body: EpisodeCreateSchema,
        response: { 201: EpisodeSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await patients.createEpisode(db, actorOf(authOf(req)), req.params.patientId, req.body, today()))
  );
}

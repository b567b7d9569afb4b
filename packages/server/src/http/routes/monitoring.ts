import {
  AgvhdAssessmentSchema,
  AgvhdResultSchema,
  CgvhdResultSchema,
  CrsIcansResultSchema,
  MonitoringViewSchema,
  TransfusionViewSchema,
  ASSESSORS,
  EVENT_WRITERS,
  RESULT_WRITERS,
  TRANSFUSION_WRITERS,
  ALL_ROLES,
  ClinicalEventCreateSchema,
  ClinicalEventSchema,
  CgvhdAssessmentSchema,
  CrsIcansAssessmentSchema,
  LabImportReportSchema,
  LabImportSchema,
  ObservationCreateSchema,
  ObservationSchema,
  TransfusionCreateSchema,
} from '@engraft/domain';
import { z } from 'zod';
import * as labImport from '../../services/labImport';
import * as monitoring from '../../services/monitoring';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { problem, sendProblem } from '../problem';
import { actorOf } from './actor';

const PatientParams = z.object({ patientId: z.uuid('patient id must be a UUID') });
const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });

export function registerMonitoringRoutes(app: TypedApp): void {
  const { db, today } = app.deps;

  app.post(
    '/patients/:patientId/observations',
    {
      config: { access: RESULT_WRITERS },
      schema: {
        summary: 'Record a lab result (stored as reported and normalised)',
        tags: ['monitoring'],
        params: PatientParams,
        body: ObservationCreateSchema,
        response: { 201: ObservationSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await monitoring.addObservation(db, actorOf(authOf(req)), req.params.patientId, req.body))
  );

  app.post(
    '/patients/:patientId/transfusions',
    {
      config: { access: TRANSFUSION_WRITERS },
      schema: {
        summary: 'Record a platelet or red-cell transfusion',
        tags: ['monitoring'],
        params: PatientParams,
        body: TransfusionCreateSchema,
        response: { 201: TransfusionViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await monitoring.addTransfusion(db, actorOf(authOf(req)), req.params.patientId, req.body))
  );

  app.post(
    '/patients/:patientId/labs/import',
    {
      // Not counted as in flight: between chunks it waits for the other requests (ADR 0014).
      config: { access: RESULT_WRITERS, yieldsToOthers: true },
      schema: {
        summary: 'Import a lab file (CSV or FHIR R4 Bundle of Observations), all or nothing',
        description:
          'CSV header: date, analyte, value, unit[, lineage][, mrn]. Rejected files answer 422 with the report.',
        tags: ['monitoring'],
        params: PatientParams,
        body: LabImportSchema,
        response: { 200: LabImportReportSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(authOf(req));
      const report = await labImport.importLabs(db, actor, req.params.patientId, req.body, {
        nextTurn: app.nextTurn,
        chunkRows: app.deps.importChunkRows,
      });
      if (report.accepted) return report;
      const errors = report.errors.map((e) => ({ path: `line ${e.line}: ${e.path}`, message: e.message }));
      return sendProblem(reply, {
        ...problem(400, `the file was not imported: ${report.errors.length} problem(s); nothing was stored`, errors),
        status: 422,
        title: 'File not imported',
      });
    }
  );

  app.post(
    '/episodes/:episodeId/assessments/crs-icans',
    {
      config: { access: ASSESSORS },
      schema: {
        summary: 'Record the day’s CRS/ICANS assessment; grades are computed (ASTCT 2019)',
        tags: ['monitoring'],
        params: EpisodeParams,
        body: CrsIcansAssessmentSchema,
        response: { 200: CrsIcansResultSchema },
      },
    },
    async (req) => monitoring.recordCrsIcans(db, actorOf(authOf(req)), req.params.episodeId, req.body)
  );

  app.post(
    '/episodes/:episodeId/assessments/agvhd',
    {
      config: { access: ASSESSORS },
      schema: {
        summary: 'Record an acute GVHD assessment; stages and grade are computed (MAGIC 2016)',
        tags: ['monitoring'],
        params: EpisodeParams,
        body: AgvhdAssessmentSchema,
        response: { 200: AgvhdResultSchema },
      },
    },
    async (req) => monitoring.recordAgvhd(db, actorOf(authOf(req)), req.params.episodeId, req.body)
  );

  app.post(
    '/episodes/:episodeId/assessments/cgvhd',
    {
      config: { access: ASSESSORS },
      schema: {
        summary: 'Record a chronic GVHD evaluation; global severity is computed (NIH 2014)',
        tags: ['monitoring'],
        params: EpisodeParams,
        body: CgvhdAssessmentSchema,
        response: { 200: CgvhdResultSchema },
      },
    },
    async (req) => monitoring.recordCgvhd(db, actorOf(authOf(req)), req.params.episodeId, req.body)
  );

  app.post(
    '/episodes/:episodeId/clinical-events',
    {
      config: { access: EVENT_WRITERS },
      schema: {
        summary: 'Record relapse, progression, death, last contact, cGVHD systemic therapy or an infection',
        tags: ['monitoring'],
        params: EpisodeParams,
        body: ClinicalEventCreateSchema,
        response: { 201: ClinicalEventSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await monitoring.recordClinicalEvent(db, actorOf(authOf(req)), req.params.episodeId, req.body, today()))
  );

  app.get(
    '/episodes/:episodeId/monitoring',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Counts, engraftment, graft failure, chimerism, CRS/ICANS and GVHD course of an episode',
        tags: ['monitoring'],
        params: EpisodeParams,
        response: { 200: MonitoringViewSchema },
      },
    },
    async (req) => monitoring.getMonitoring(db, actorOf(authOf(req)), req.params.episodeId, today())
  );
}

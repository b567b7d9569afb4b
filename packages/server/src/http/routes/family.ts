import {
  ALL_ROLES,
  CrossmatchCreateSchema,
  CrossmatchSchema,
  FAMILY_WRITERS,
  FamilyWithdrawalSchema,
  HmlUploadSchema,
  NoContentSchema,
  PATIENT_WRITERS,
  PatientSchema,
  PatientHlaTypingCreateSchema,
  PedigreeSchema,
  RecipientCmvSchema,
  RelativeCreateSchema,
  RelativeKirSchema,
  type RelativeTyping,
  RelativeSchema,
  RelativeTypingHistorySchema,
  RelativeTypingSchema,
  RelativeUpdateSchema,
  SegregationReportSchema,
} from '@engraft/domain';
import { z } from 'zod';
import type { DonorRegistrySource } from '../../services/donorRegistry';
import { readSegregation } from '../../services/familyAnalysis';
import * as corrections from '../../services/familyCorrections';
import * as family from '../../services/familyRelatives';
import type { CentreActor } from '../../services/patients';
import { setRecipientCmv } from '../../services/recipientCmv';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const PatientParams = z.object({ patientId: z.uuid('patient id must be a UUID') });
const RelativeParams = PatientParams.extend({ relativeId: z.uuid('relative id must be a UUID') });
const TypingParams = RelativeParams.extend({ typingId: z.uuid('typing id must be a UUID') });

/** The family work-up: relatives, their typings and crossmatches, the segregation report (issue 19, ADR 0421). */
export function registerFamilyRoutes(app: TypedApp): void {
  const { db } = app.deps;
  const base = '/patients/:patientId/family';

  app.get(
    base,
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'The patient’s typing and relatives, each with its current typing and crossmatches',
        tags: ['family'],
        params: PatientParams,
        response: { 200: PedigreeSchema },
      },
    },
    async (req) => family.getPedigree(db, actorOf(authOf(req)), req.params.patientId)
  );

  app.post(
    `${base}/relatives`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Add a relative (an implausible weight needs a confirmation: 422 confirmation-required)',
        tags: ['family'],
        params: PatientParams,
        body: RelativeCreateSchema,
        response: { 201: RelativeSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await family.addRelative(db, actorOf(authOf(req)), req.params.patientId, req.body))
  );

  app.patch(
    `${base}/relatives/:relativeId`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Change a relative’s details (availability, consent, ABO, CMV, weight …)',
        tags: ['family'],
        params: RelativeParams,
        body: RelativeUpdateSchema,
        response: { 200: RelativeSchema },
      },
    },
    async (req) =>
      family.updateRelative(db, actorOf(authOf(req)), req.params.patientId, req.params.relativeId, req.body)
  );

  app.get(
    `${base}/relatives/:relativeId/hla`,
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Every typing version of a relative, newest first',
        tags: ['family', 'hla'],
        params: RelativeParams,
        response: { 200: RelativeTypingHistorySchema },
      },
    },
    async (req) => family.listRelativeTypings(db, actorOf(authOf(req)), req.params.patientId, req.params.relativeId)
  );

  // A relative's typing comes as a GL string or as an HML file: one route shape, two readers (a new version each).
  const typingRoute = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    record: (
      database: typeof db,
      actor: CentreActor,
      patientId: string,
      relativeId: string,
      input: z.infer<B>,
      registry?: DonorRegistrySource
    ) => Promise<RelativeTyping>
  ) =>
    app.post(
      `${base}/relatives/:relativeId/${path}`,
      {
        config: { access: FAMILY_WRITERS },
        schema: {
          summary,
          tags: ['family', 'hla'],
          params: RelativeParams,
          body,
          response: { 201: RelativeTypingSchema },
        },
      },
      async (req, reply) => {
        const { patientId, relativeId } = req.params;
        const typing = await record(
          db,
          actorOf(authOf(req)),
          patientId,
          relativeId,
          req.body as z.infer<B>,
          app.donorRegistry
        );
        return reply.code(201).send(typing);
      }
    );
  typingRoute(
    'hla',
    'Record a relative’s typing as a GL string (a new version), checked as the patient’s is',
    PatientHlaTypingCreateSchema,
    family.recordRelativeTyping
  );
  typingRoute(
    'hla/hml',
    'Record a relative’s typing from an HML 1.0.x file (a new version)',
    HmlUploadSchema,
    family.importRelativeHml
  );

  app.post(
    `${base}/crossmatches`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Record a C1q or crossmatch result of the patient against a relative',
        tags: ['family'],
        params: PatientParams,
        body: CrossmatchCreateSchema,
        response: { 201: CrossmatchSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await family.addCrossmatch(db, actorOf(authOf(req)), req.params.patientId, req.body))
  );

  app.get(
    `${base}/segregation`,
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Haplotypes by segregation (a/b father, c/d mother), sharing with the patient, inconsistencies',
        tags: ['family', 'hla'],
        params: PatientParams,
        response: { 200: SegregationReportSchema },
      },
    },
    async (req) => readSegregation(db, actorOf(authOf(req)), req.params.patientId)
  );
  app.delete(
    `${base}/relatives/:relativeId`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Withdraw a relative entered in error, with a reason (409 while the relative is a chosen donor)',
        tags: ['family'],
        params: RelativeParams,
        body: FamilyWithdrawalSchema,
        response: { 204: NoContentSchema },
      },
    },
    async (req, reply) => {
      const { patientId, relativeId } = req.params;
      await corrections.deleteRelative(db, actorOf(authOf(req)), patientId, relativeId, req.body);
      return reply.code(204).send();
    }
  );

  app.delete(
    `${base}/relatives/:relativeId/hla/:typingId`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Withdraw a typing version entered in error, with a reason; the newest version left is current',
        tags: ['family', 'hla'],
        params: TypingParams,
        body: FamilyWithdrawalSchema,
        response: { 200: RelativeTypingHistorySchema },
      },
    },
    async (req) => {
      const { patientId, relativeId, typingId } = req.params;
      return corrections.withdrawRelativeTyping(db, actorOf(authOf(req)), patientId, relativeId, typingId, req.body);
    }
  );

  app.put(
    `${base}/relatives/:relativeId/kir`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Record a relative’s KIR genotype (A/A or B/x, and/or the genes present)',
        tags: ['family'],
        params: RelativeParams,
        body: RelativeKirSchema,
        response: { 200: RelativeSchema },
      },
    },
    async (req) =>
      corrections.recordRelativeKir(db, actorOf(authOf(req)), req.params.patientId, req.params.relativeId, req.body)
  );

  // The recipient's CMV serostatus belongs to the patient record; it is set here because the family ranking is
  // what reads it (ADR 0422).
  app.put(
    '/patients/:patientId/cmv',
    {
      config: { access: PATIENT_WRITERS },
      schema: {
        summary: 'Set the patient’s CMV IgG serostatus (audited, before and after)',
        tags: ['patients', 'family'],
        params: PatientParams,
        body: RecipientCmvSchema,
        response: { 200: PatientSchema },
      },
    },
    async (req) => setRecipientCmv(db, actorOf(authOf(req)), req.params.patientId, req.body)
  );
}

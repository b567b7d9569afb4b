import {
  ALL_ROLES,
  AntibodyTestCreateSchema,
  AntibodyTestListSchema,
  AntibodyTestSchema,
  BeadImportSchema,
  FAMILY_WRITERS,
  FamilyDecisionResultSchema,
  FamilyDonorChoiceSchema,
  FamilyDonorsSchema,
  FamilySettingsUpdateSchema,
  FamilySettingsViewSchema,
  SETTINGS_WRITERS,
} from '@engraft/domain';
import { z } from 'zod';
import * as antibodies from '../../services/familyAntibodies';
import { readFamilyDonors } from '../../services/familyAnalysis';
import { chooseFamilyDonor } from '../../services/familyDecision';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const PatientParams = z.object({ patientId: z.uuid('patient id must be a UUID') });
const DonorsQuery = z.object({
  episodeId: z.uuid('episode id must be a UUID').optional().describe('adds the episode’s saved unrelated donors'),
});

/** Antibodies, thresholds, the ranked related donors with DSA, and the donor decision (issue 19, ADR 0421). */
export function registerFamilyDonorRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  const base = '/patients/:patientId/family';

  app.get(
    `${base}/antibodies`,
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'The patient’s antibody tests with their bead results, newest first',
        tags: ['family'],
        params: PatientParams,
        response: { 200: AntibodyTestListSchema },
      },
    },
    async (req) => antibodies.listAntibodyTests(db, actorOf(authOf(req)), req.params.patientId)
  );

  app.post(
    `${base}/antibodies/import`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Import a single-antigen bead CSV export: all or nothing, every bad row named by its line (400)',
        tags: ['family'],
        params: PatientParams,
        body: BeadImportSchema,
        response: { 201: AntibodyTestListSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        tests: await antibodies.importBeadFile(db, actorOf(authOf(req)), req.params.patientId, req.body, today()),
      })
  );

  app.post(
    `${base}/antibodies`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary: 'Enter an antibody test by hand (bead specificities and MFI)',
        tags: ['family'],
        params: PatientParams,
        body: AntibodyTestCreateSchema,
        response: { 201: AntibodyTestSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await antibodies.addAntibodyTest(db, actorOf(authOf(req)), req.params.patientId, req.body, today()))
  );

  app.get(
    `${base}/donors`,
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Related donors ranked (EBMT 2020 consensus) with reasons and DSA; the episode’s unrelated donors',
        tags: ['family', 'donors'],
        params: PatientParams,
        querystring: DonorsQuery,
        response: { 200: FamilyDonorsSchema },
      },
    },
    async (req) =>
      readFamilyDonors(db, actorOf(authOf(req)), req.params.patientId, req.query.episodeId, app.donorRegistry, today())
  );

  app.post(
    `${base}/decisions`,
    {
      config: { access: FAMILY_WRITERS },
      schema: {
        summary:
          'Choose a relative as the episode’s donor, with a reason; a DSA needs a confirmation (422). 409 if untyped or chosen.',
        tags: ['family', 'donors'],
        params: PatientParams,
        body: FamilyDonorChoiceSchema,
        response: { 201: FamilyDecisionResultSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await chooseFamilyDonor(db, actorOf(authOf(req)), req.params.patientId, req.body, today(), app.donorRegistry)
        )
  );

  app.get(
    '/settings/family',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'The centre’s MFI thresholds per locus and related-donor ranking weights, with the defaults',
        tags: ['settings', 'family'],
        response: { 200: FamilySettingsViewSchema },
      },
    },
    async (req) => antibodies.getFamilySettings(db, actorOf(authOf(req)))
  );

  app.put(
    '/settings/family',
    {
      config: { access: SETTINGS_WRITERS },
      schema: {
        summary: 'Change the centre’s MFI thresholds and ranking weights (audited)',
        tags: ['settings', 'family'],
        body: FamilySettingsUpdateSchema,
        response: { 200: FamilySettingsViewSchema },
      },
    },
    async (req) => antibodies.putFamilySettings(db, actorOf(authOf(req)), req.body)
  );
}

import { z } from 'zod';
import { CmvStatusSchema } from './cellProducts';
import { pastOrTodayDate } from './dates';
import { AboRhSchema } from './patients';
import type { Role } from './roles';
import { ConfirmationsSchema, quantity, type QuantitySpec } from './safety/quantity';

// The family work-up of a patient (issue 19, ADR 0421): relatives, their typings, the patient's antibody tests,
// crossmatches, thresholds and the donor decision. One schema per contract, shared by API, CLI and web.

/** Who records relatives, typings, antibodies and the decision: as for the donor work-up. */
export const FAMILY_WRITERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'hla'];

export const RELATIVE_RELATIONSHIPS = {
  mother: 'Mother',
  father: 'Father',
  'full-sibling': 'Full sibling',
  'half-sibling': 'Half sibling',
  child: 'Child',
  other: 'Other relative',
} as const;
export type RelativeRelationship = keyof typeof RELATIVE_RELATIONSHIPS;
export const RelativeRelationshipSchema = z.enum(
  Object.keys(RELATIVE_RELATIONSHIPS) as [RelativeRelationship, ...RelativeRelationship[]]
);
export const RELATIVE_AVAILABILITY = ['unknown', 'available', 'unavailable'] as const;
export const RELATIVE_CONTACT = ['not-contacted', 'contacted', 'consented', 'declined'] as const;

/**
 * A relative's weight: possible 0.3-400 kg as on the patient record; plausible for a donor 10-200 kg (children
 * donate marrow from infancy, but below ~10 kg a collection is exceptional: Styczynski J et al., Bone Marrow
 * Transplant 2012;47:1486-1493, EBMT paediatric donor recommendations). Outside it: a confirmation.
 */
export const RELATIVE_WEIGHT: QuantitySpec = {
  label: 'weight',
  unit: 'kg',
  min: 0.3,
  max: 400,
  plausible: { min: 10, max: 200 },
};

const relativeFields = {
  relationship: RelativeRelationshipSchema,
  relationshipText: z.string().trim().min(1).max(80).optional().describe('for "other": aunt, cousin …'),
  name: z.string().trim().min(1, 'give a name staff recognise').max(80),
  sex: z.enum(['female', 'male']).optional(),
  dateOfBirth: pastOrTodayDate('date of birth').optional(),
  weightKg: quantity(RELATIVE_WEIGHT).optional(),
  aboRh: AboRhSchema.default('unknown'),
  cmv: CmvStatusSchema.default('unknown'),
  availability: z.enum(RELATIVE_AVAILABILITY).default('unknown'),
  contact: z.enum(RELATIVE_CONTACT).default('not-contacted'),
  confirmations: ConfirmationsSchema.optional(),
};

export const RelativeCreateSchema = z
  .object(relativeFields)
  .strict()
  .refine((r) => (r.relationship === 'other') === !!r.relationshipText, {
    path: ['relationshipText'],
    message: 'say how an "other" relative is related (and only for "other")',
  });
export type RelativeCreate = z.output<typeof RelativeCreateSchema>;

export const RelativeUpdateSchema = z
  .object({
    name: relativeFields.name.optional(),
    sex: relativeFields.sex,
    dateOfBirth: relativeFields.dateOfBirth,
    weightKg: relativeFields.weightKg,
    aboRh: AboRhSchema.optional(),
    cmv: CmvStatusSchema.optional(),
    availability: z.enum(RELATIVE_AVAILABILITY).optional(),
    contact: z.enum(RELATIVE_CONTACT).optional(),
    confirmations: ConfirmationsSchema.optional(),
  })
  .strict();
export type RelativeUpdate = z.output<typeof RelativeUpdateSchema>;

/** Loci a bead panel covers and thresholds are set for (class I, DRB1/3/4/5, both DQ and DP chains). */
export const ANTIBODY_LOCI = ['A', 'B', 'C', 'DRB1', 'DRB3', 'DRB4', 'DRB5', 'DQA1', 'DQB1', 'DPA1', 'DPB1'] as const;
export type AntibodyLocus = (typeof ANTIBODY_LOCI)[number];

/** MFI on current single-antigen bead readers: 0 to ~30,000; above 100,000 is a wrong column. */
export const MFI: QuantitySpec = { label: 'MFI', unit: 'MFI', min: 0, max: 100_000 };

export const BeadImportSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    content: z.string().min(1, 'the bead file is empty').max(1_000_000, 'the bead file is larger than 1 MB'),
    testedOn: pastOrTodayDate('test date').optional().describe('the test date, when the file has no date column'),
    lab: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type BeadImport = z.output<typeof BeadImportSchema>;

export const AntibodyTestCreateSchema = z
  .object({
    testedOn: pastOrTodayDate('test date'),
    lab: z.string().trim().min(1).max(200).optional(),
    results: z
      .array(
        z
          .object({
            specificity: z.string().trim().min(1, 'give the bead specificity (A*02:01 or A2)').max(80),
            mfi: quantity(MFI),
          })
          .strict()
      )
      .min(1, 'enter at least one bead result')
      .max(1000),
  })
  .strict();
export type AntibodyTestCreate = z.output<typeof AntibodyTestCreateSchema>;

export const CROSSMATCH_KINDS = {
  c1q: 'C1q',
  'flow-crossmatch': 'Flow crossmatch',
  'cdc-crossmatch': 'CDC crossmatch',
};
export const CrossmatchCreateSchema = z
  .object({
    relativeId: z.uuid('choose a relative'),
    kind: z.enum(Object.keys(CROSSMATCH_KINDS) as ['c1q', 'flow-crossmatch', 'cdc-crossmatch']),
    result: z.enum(['positive', 'negative']),
    testedOn: pastOrTodayDate('test date'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CrossmatchCreate = z.output<typeof CrossmatchCreateSchema>;

const mfi = quantity(MFI);
/**
 * MFI thresholds of one locus. Defaults: positive ≥ 1,000 and strong ≥ 5,000 (Ciurea SO et al., Bone Marrow
 * Transplant 2018;53:521-534, EBMT consensus on DSA in haploidentical HCT); desensitisation ≥ 10,000 is a
 * centre default to review against its protocol.
 */
export const LocusThresholdsSchema = z
  .object({ positive: mfi, strong: mfi, desensitisation: mfi })
  .strict()
  .refine((t) => t.positive <= t.strong && t.strong <= t.desensitisation, {
    message: 'thresholds must rise: positive ≤ strong ≤ desensitisation',
  });
export type LocusThresholds = z.output<typeof LocusThresholdsSchema>;
export const DEFAULT_LOCUS_THRESHOLDS: LocusThresholds = { positive: 1000, strong: 5000, desensitisation: 10_000 };

const weight = z.number().min(0, 'a weight cannot be negative').max(10_000, 'a weight is at most 10,000');
export const FamilySettingsSchema = z
  .object({
    thresholds: z.record(z.enum(ANTIBODY_LOCI), LocusThresholdsSchema),
    weights: z
      .object({ dsa: weight, age: weight, relationship: weight, sex: weight, cmv: weight, abo: weight, kir: weight })
      .strict(),
  })
  .strict();
export type FamilySettings = z.output<typeof FamilySettingsSchema>;

/**
 * Default ranking weights: EBMT 2020 consensus order (Ciurea SO et al., Bone Marrow Transplant 2020;55:12-24),
 * as in @engraft/donors RankingWeightsSchema.
 */
export const DEFAULT_FAMILY_SETTINGS: FamilySettings = {
  thresholds: Object.fromEntries(
    ANTIBODY_LOCI.map((l) => [l, DEFAULT_LOCUS_THRESHOLDS])
  ) as FamilySettings['thresholds'],
  weights: { dsa: 1000, age: 100, relationship: 40, sex: 20, cmv: 10, abo: 5, kir: 0 },
};

export const FamilyDonorChoiceSchema = z
  .object({
    episodeId: z.uuid('choose the episode'),
    relativeId: z.uuid('choose a relative'),
    reason: z.string().trim().min(3, 'say why this donor (at least 3 characters)').max(500),
    /** Needed when the relative carries a DSA over the positive threshold: field "relativeId", with the reason. */
    confirmations: ConfirmationsSchema.optional(),
  })
  .strict();
export type FamilyDonorChoice = z.output<typeof FamilyDonorChoiceSchema>;

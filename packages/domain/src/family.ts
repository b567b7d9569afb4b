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

/**
 * MFI on current single-antigen bead readers: possible 0-100,000 (above it is a wrong column); plausible up to
 * 30,000: the Luminex reporter saturates near 25,000-30,000 MFI, so a higher value is usually a typing slip and
 * needs a confirmation (Tait BD et al., Transplantation 2013;95:19-47, consensus guidelines on solid-phase
 * antibody testing, section on MFI and bead saturation).
 */
export const MFI: QuantitySpec = { label: 'MFI', unit: 'MFI', min: 0, max: 100_000, plausible: { max: 30_000 } };

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
    /** Reasons for an MFI above the plausible range (field "results.N.mfi"), kept in the audit event. */
    confirmations: ConfirmationsSchema.optional(),
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
      .object({
        dsa: weight,
        age: weight,
        relationship: weight,
        sex: weight,
        cmv: weight,
        abo: weight,
        kir: weight,
        /** KIR-ligand mismatch in the GvH direction (ADR 0422); absent in settings saved before it: 0. */
        kirLigand: weight.default(0),
      })
      .strict(),
  })
  .strict();
export type FamilySettings = z.output<typeof FamilySettingsSchema>;

/** The settings as sent: a threshold above the plausible MFI needs a confirmation ("thresholds.DQB1.strong"). */
export const FamilySettingsUpdateSchema = FamilySettingsSchema.extend({
  confirmations: ConfirmationsSchema.optional(),
}).strict();
export type FamilySettingsUpdate = z.output<typeof FamilySettingsUpdateSchema>;

/**
 * Default ranking weights: EBMT 2020 consensus order (Ciurea SO et al., Bone Marrow Transplant 2020;55:12-24),
 * as in @engraft/donors RankingWeightsSchema.
 */
export const DEFAULT_FAMILY_SETTINGS: FamilySettings = {
  thresholds: Object.fromEntries(
    ANTIBODY_LOCI.map((l) => [l, DEFAULT_LOCUS_THRESHOLDS])
  ) as FamilySettings['thresholds'],
  weights: { dsa: 1000, age: 100, relationship: 40, sex: 20, cmv: 10, abo: 5, kir: 0, kirLigand: 0 },
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

/** Why a relative or a typing version is withdrawn (entered in error): required, kept with the row and audited. */
export const FamilyWithdrawalSchema = z
  .object({ reason: z.string().trim().min(3, 'say why it is withdrawn (at least 3 characters)').max(500) })
  .strict();
export type FamilyWithdrawal = z.output<typeof FamilyWithdrawalSchema>;

/** KIR genes a gene-content typing reports (IPD-KIR names); the same list as @engraft/donors KIR_GENES. */
export const KIR_GENE_NAMES = [
  'KIR2DL1',
  'KIR2DL2',
  'KIR2DL3',
  'KIR2DL4',
  'KIR2DL5',
  'KIR2DS1',
  'KIR2DS2',
  'KIR2DS3',
  'KIR2DS4',
  'KIR2DS5',
  'KIR3DL1',
  'KIR3DL2',
  'KIR3DL3',
  'KIR3DS1',
  'KIR2DP1',
  'KIR3DP1',
] as const;

/**
 * A relative's KIR genotype (ADR 0422): the haplotype genotype A/A or B/x as the lab reports it, and/or the genes
 * present; at least one. When both are given they must agree (checked by the server).
 */
export const RelativeKirSchema = z
  .object({
    haplotype: z.enum(['AA', 'Bx']).optional(),
    genes: z.array(z.enum(KIR_GENE_NAMES)).max(KIR_GENE_NAMES.length).optional(),
    typedOn: pastOrTodayDate('KIR typing date').optional(),
    lab: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((k) => !!k.haplotype || !!k.genes?.length, {
    path: ['haplotype'],
    message: 'give the KIR haplotype (A/A or B/x) or the genes present',
  });
export type RelativeKirInput = z.output<typeof RelativeKirSchema>;

/** The recipient's CMV IgG serostatus on the patient record (read by the related-donor ranking). */
export const RecipientCmvSchema = z.object({ cmv: CmvStatusSchema }).strict();
export type RecipientCmv = z.output<typeof RecipientCmvSchema>;

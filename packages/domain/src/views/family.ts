import { z } from 'zod';
import { DonorSchema } from '../donorWorkup';
import {
  CROSSMATCH_KINDS,
  FamilySettingsSchema,
  RELATIVE_AVAILABILITY,
  RELATIVE_CONTACT,
  RelativeRelationshipSchema,
} from '../family';
import { PatientHlaTypingSchema } from '../hlaTyping';
import { AboRhSchema } from '../patients';

// Answers of the family work-up routes (issue 19): the pedigree, the segregation report, antibody tests,
// related donors ranked with their DSA, and the decision. The analyses are computed on read (ADR 0006).

export const RelativeTypingSchema = PatientHlaTypingSchema.omit({ patientId: true }).extend({
  relativeId: z.uuid(),
  /** Set when the version was withdrawn as entered in error (ADR 0422); never the current typing then. */
  withdrawnAt: z.string().nullable().optional(),
  withdrawalReason: z.string().nullable().optional(),
});
export type RelativeTyping = z.output<typeof RelativeTypingSchema>;

export const CrossmatchSchema = z.object({
  id: z.uuid(),
  relativeId: z.uuid(),
  kind: z.enum(Object.keys(CROSSMATCH_KINDS) as ['c1q', 'flow-crossmatch', 'cdc-crossmatch']),
  result: z.enum(['positive', 'negative']),
  testedOn: z.string(),
  note: z.string().nullable(),
});
export type Crossmatch = z.output<typeof CrossmatchSchema>;

export const RelativeKirViewSchema = z.object({
  haplotype: z.enum(['AA', 'Bx']),
  genes: z.array(z.string()).nullable(),
  typedOn: z.string().nullable(),
  lab: z.string().nullable(),
  /** Cen/Tel motifs, B-content and group (Cooley 2010) as the ranking reads them. */
  reading: z.string(),
});
export type RelativeKirView = z.output<typeof RelativeKirViewSchema>;

export const RelativeSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  relationship: RelativeRelationshipSchema,
  relationshipText: z.string().nullable(),
  name: z.string(),
  sex: z.enum(['female', 'male']).nullable(),
  dateOfBirth: z.string().nullable(),
  weightKg: z.number().nullable(),
  aboRh: AboRhSchema,
  cmv: z.enum(['positive', 'negative', 'unknown']),
  availability: z.enum(RELATIVE_AVAILABILITY),
  contact: z.enum(RELATIVE_CONTACT),
  typing: RelativeTypingSchema.nullable().describe('the current (highest, not withdrawn) typing version'),
  crossmatches: z.array(CrossmatchSchema),
  /** The KIR genotype where typed (ADR 0422), or null. */
  kir: RelativeKirViewSchema.nullable().optional(),
});
export type Relative = z.output<typeof RelativeSchema>;

export const PedigreeSchema = z.object({
  patientTyping: PatientHlaTypingSchema.nullable(),
  relatives: z.array(RelativeSchema),
});
export type Pedigree = z.output<typeof PedigreeSchema>;

export const RelativeTypingHistorySchema = z.object({ versions: z.array(RelativeTypingSchema) });

const label = z.enum(['a', 'b', 'c', 'd']);
export const SegregationMemberSchema = z.object({
  /** 'patient' or the relative's id. */
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  haplotypes: z.tuple([label.nullable(), label.nullable()]),
  sharedWithPatient: z.array(label),
  match: z.enum(['hla-identical', 'phenotypically-identical', 'haploidentical', 'mismatched', 'not-typed']),
  assumed: z.boolean(),
  mismatchedLoci: z.array(z.string()),
  reasons: z.array(z.string()),
});
export type SegregationMember = z.output<typeof SegregationMemberSchema>;

export const SegregationReportSchema = z.object({
  loci: z.array(z.string()),
  method: z.enum(['both-parents', 'one-parent', 'siblings-only', 'patient-only']),
  haplotypes: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  members: z.array(SegregationMemberSchema),
  findings: z.array(
    z.object({ kind: z.string(), memberId: z.string(), loci: z.array(z.string()), message: z.string() })
  ),
  /** Why there is nothing to analyse (no patient typing), or null. */
  missing: z.string().nullable(),
});
export type SegregationReport = z.output<typeof SegregationReportSchema>;

export const AntibodyTestSchema = z.object({
  id: z.uuid(),
  testedOn: z.string(),
  source: z.enum(['bead-csv', 'manual']),
  fileName: z.string().nullable(),
  sampleId: z.string().nullable(),
  lab: z.string().nullable(),
  results: z.array(z.object({ specificity: z.string(), mfi: z.number() })),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type AntibodyTest = z.output<typeof AntibodyTestSchema>;
export const AntibodyTestListSchema = z.object({ tests: z.array(AntibodyTestSchema) });

export const FamilySettingsViewSchema = z.object({
  settings: FamilySettingsSchema,
  defaults: FamilySettingsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type FamilySettingsView = z.output<typeof FamilySettingsViewSchema>;

export const DsaHitSchema = z.object({
  specificity: z.string(),
  mfi: z.number(),
  testedOn: z.string(),
  strength: z.enum(['positive', 'strong', 'desensitisation']),
  certainty: z.enum(['definite', 'possible']),
  donorAlleles: z.array(z.string()),
  reason: z.string(),
});
export const DsaViewSchema = z.object({
  hits: z.array(DsaHitSchema),
  worst: z.enum(['positive', 'strong', 'desensitisation']).nullable(),
});
export type DsaView = z.output<typeof DsaViewSchema>;

export const RankedRelativeSchema = z.object({
  relativeId: z.uuid(),
  name: z.string(),
  relationship: RelativeRelationshipSchema,
  match: SegregationMemberSchema.shape.match,
  rank: z.number().int(),
  tier: z.enum(['hla-identical-sibling', 'related', 'unavailable', 'not-eligible']),
  score: z.number(),
  summary: z.string(),
  criteria: z.array(z.object({ criterion: z.string(), penalty: z.number(), weighted: z.number(), reason: z.string() })),
  /** null: no antibody test on record. */
  dsa: DsaViewSchema.nullable(),
  crossmatches: z.array(CrossmatchSchema),
});
export type RankedRelative = z.output<typeof RankedRelativeSchema>;

export const UnrelatedCandidateSchema = z.object({
  kind: z.enum(['adult', 'cord']),
  donorId: z.string(),
  searchId: z.uuid(),
  label: z.string(),
  /** The search's match summary for the donor, as saved (e.g. "8/8"), or null. */
  matchSummary: z.string().nullable(),
  dsa: DsaViewSchema.nullable(),
});
export type UnrelatedCandidate = z.output<typeof UnrelatedCandidateSchema>;

export const FamilyDecisionSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  relativeId: z.uuid(),
  relativeName: z.string(),
  donorId: z.uuid(),
  reason: z.string(),
  rank: z.number().int().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type FamilyDecision = z.output<typeof FamilyDecisionSchema>;

export const FamilyDonorsSchema = z.object({
  /** The antibody test the DSA were read from (the latest), or null. */
  antibodyTest: z.object({ id: z.uuid(), testedOn: z.string() }).nullable(),
  thresholds: FamilySettingsSchema.shape.thresholds,
  ranked: z.array(RankedRelativeSchema),
  unrelated: z.array(UnrelatedCandidateSchema),
  /** The recipient's facts the ranking read from the patient record. */
  recipient: z
    .object({
      sex: z.string(),
      aboRh: AboRhSchema,
      cmv: z.enum(['positive', 'negative', 'unknown']),
    })
    .optional(),
  /** What the analysis could not do (no patient typing, antigen-level beads without a loaded release). */
  warnings: z.array(z.string()),
  decisions: z.array(FamilyDecisionSchema),
});
export type FamilyDonors = z.output<typeof FamilyDonorsSchema>;

export const FamilyDecisionResultSchema = z.object({ decision: FamilyDecisionSchema, donor: DonorSchema });
export type FamilyDecisionResult = z.output<typeof FamilyDecisionResultSchema>;

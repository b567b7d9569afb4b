// The input and output of a family HLA segregation analysis (issue 19). Pure data: the server reduces each
// relative's stored typing to the names compared here (one list of alternatives per position), this decides.
import { z } from 'zod';

/**
 * Loci used to phase a family, in their order on chromosome 6p21.3 from the telomere (HLA-A) towards the
 * centromere (HLA-DPB1): a crossover splits a haplotype into a telomeric and a centromeric part in this order
 * (Horton R et al., Gene map of the extended human MHC, Nat Rev Genet 2004;5:889-899).
 */
export const FAMILY_LOCI = ['A', 'C', 'B', 'DRB1', 'DQB1', 'DPB1'] as const;
export type FamilyLocus = (typeof FAMILY_LOCI)[number];

/** One typed position: the names it may be (an ambiguous typing lists several), at the resolution compared. */
export const PositionSchema = z.array(z.string().trim().min(1)).min(1, 'a typed position needs at least one name');
export type Position = readonly string[];

/** The two positions of a locus (a homozygous locus repeats the name). */
export const LocusPairSchema = z.tuple([PositionSchema, PositionSchema]);
export type LocusPair = readonly [Position, Position];

export const FamilyTypingSchema = z.partialRecord(z.enum(FAMILY_LOCI), LocusPairSchema);
export type FamilyTyping = Partial<Record<FamilyLocus, LocusPair>>;

/** How a relative is related to the patient. Siblings are full siblings (same two parents). */
export const FAMILY_RELATIONS = ['patient', 'father', 'mother', 'sibling', 'child', 'other'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

export const FamilyMemberSchema = z.object({
  id: z.string().min(1),
  relation: z.enum(FAMILY_RELATIONS),
  /** null: not typed (yet). */
  typing: FamilyTypingSchema.nullable(),
});
export interface FamilyMember {
  id: string;
  relation: FamilyRelation;
  /** null: not typed (yet). */
  typing: FamilyTyping | null;
}

/** Haplotype labels: the father's a and b, the mother's c and d (a and c are the ones the patient inherited). */
export type HaplotypeLabel = 'a' | 'b' | 'c' | 'd';

/** How a relative's HLA compares with the patient's. */
export type FamilyMatch =
  /** Both haplotypes shared by descent (shown by segregation). */
  | 'hla-identical'
  /** Same typing at every compared locus, but identity by descent is not shown. */
  | 'phenotypically-identical'
  /** One haplotype shared. */
  | 'haploidentical'
  | 'mismatched'
  | 'not-typed';

export type FindingKind =
  'recombination' | 'non-paternity' | 'non-maternity' | 'typing-error' | 'phase-hidden' | 'extra-haplotype';

export interface FamilyFinding {
  kind: FindingKind;
  memberId: string;
  loci: FamilyLocus[];
  message: string;
}

export interface MemberResult {
  id: string;
  relation: FamilyRelation;
  /** The haplotypes this person carries, where segregation shows them (null: unknown or not applicable). */
  haplotypes: [HaplotypeLabel | null, HaplotypeLabel | null];
  /** The patient's haplotypes this person carries by descent. */
  sharedWithPatient: HaplotypeLabel[];
  match: FamilyMatch;
  /** True when the result rests on an assumption (parents not typed, a hidden phase): confirm before choosing. */
  assumed: boolean;
  /** Loci where this person's typing differs from the patient's (at least one position not shared). */
  mismatchedLoci: FamilyLocus[];
  /** Why, in words (shown beside the result). */
  reasons: string[];
}

export interface FamilyAnalysis {
  /** Loci compared (typed in the patient), in chromosome order. */
  loci: FamilyLocus[];
  method: 'both-parents' | 'one-parent' | 'siblings-only' | 'patient-only';
  /** The content of each haplotype that segregation (or inference, when `assumed`) shows, per locus. */
  haplotypes: Partial<Record<HaplotypeLabel, Partial<Record<FamilyLocus, Position>>>>;
  members: MemberResult[];
  findings: FamilyFinding[];
}

import { z } from 'zod';
import { LOCI, MATCH_LOCI } from './loci';
import type { Locus } from './loci';

/**
 * Ranking keys, applied in order (issue 6; ADR 0401). Each is a small integer, lower is better:
 * - mismatches: mismatched positions over the counted loci (at each locus' level, in the chosen direction);
 * - potential: positions that only potentially match (definite before potential);
 * - dpb1: DPB1 TCE category: match, permissive, unknown (untyped/unassigned), non-permissive;
 * - cordDose: cord units by TNC per kg, highest first (adult donors rank as if the dose were ideal);
 * - age: younger donor first (unknown last);
 * - sex: male donor first;
 * - cmv: CMV serostatus equal to the patient's first (no effect when the patient's is unknown);
 * - abo: ABO group equal to the patient's first;
 * - registry: the order of `preferredRegistries` (others last).
 */
export const RANK_KEYS = [
  'mismatches',
  'potential',
  'dpb1',
  'cordDose',
  'age',
  'sex',
  'cmv',
  'abo',
  'registry',
] as const;
export type RankKey = (typeof RANK_KEYS)[number];

/** Bit width of each key in the packed sort key (the total must stay ≤ 33 bits; see rank.ts). */
export const RANK_BITS: Readonly<Record<RankKey, number>> = {
  mismatches: 4,
  potential: 4,
  dpb1: 2,
  cordDose: 6,
  age: 7,
  sex: 1,
  cmv: 1,
  abo: 1,
  registry: 3,
};

export const SearchCriteriaSchema = z.object({
  /** Loci counted: 6 (A, B, DRB1), 8 (+C), 10 (+DQB1), 12 (+DPB1 counted, not only scored). */
  loci: z.union([z.literal(6), z.literal(8), z.literal(10), z.literal(12)]).default(10),
  /** Maximum mismatches in total over the counted loci. */
  maxMismatches: z.number().int().min(0).max(24).default(2),
  /** Maximum mismatches per locus (default 2 = no limit). */
  maxMismatchesPerLocus: z.partialRecord(z.enum(LOCI), z.number().int().min(0).max(2)).default({}),
  /** Level at which each counted locus is compared (default allele = lgx/P group). Cord 6/6 uses antigen at A and B. */
  levels: z.partialRecord(z.enum(LOCI), z.enum(['allele', 'antigen'])).default({}),
  /** Which mismatches count: both directions (default), graft-versus-host only, host-versus-graft only. */
  direction: z.enum(['bidirectional', 'gvh', 'hvg']).default('bidirectional'),
  donorKinds: z
    .array(z.enum(['adult', 'cord']))
    .min(1)
    .default(['adult']),
  /** Also return reserved donors (unavailable ones are never returned). */
  includeReserved: z.boolean().default(false),
  /** Only donors of these registries (default all). */
  registries: z.array(z.string()).optional(),
  ranking: z.array(z.enum(RANK_KEYS)).default([...RANK_KEYS]),
  preferredRegistries: z.array(z.string()).max(7).default([]),
  /** Cord dose criteria set of @engraft/clinical cord-unit-adequacy. */
  cordCriteria: z.enum(['nmdp-2019', 'eurocord-ash-sap']).default('nmdp-2019'),
  disease: z.enum(['malignant', 'non-malignant']).default('malignant'),
  /** Year ages are computed in (default: the current UTC year). */
  referenceYear: z.number().int().min(1900).max(2200).optional(),
});
export type SearchCriteria = z.infer<typeof SearchCriteriaSchema>;
export type SearchCriteriaInput = z.input<typeof SearchCriteriaSchema>;

/** Criteria with defaults applied. @throws ZodError */
export function resolveCriteria(input: SearchCriteriaInput = {}): SearchCriteria {
  const c = SearchCriteriaSchema.parse(input);
  const seen = new Set<RankKey>();
  const ranking = c.ranking.filter((k) => (seen.has(k) ? false : (seen.add(k), true)));
  return { ...c, ranking };
}

export function countedLoci(c: Pick<SearchCriteria, 'loci'>): readonly Locus[] {
  return MATCH_LOCI[c.loci];
}

/** Cord criteria in the usual shorthand: 6/6 = A, B antigen + DRB1 allele; 8/8 = allele level at A, B, C, DRB1 (Dehn J et al., Blood 2019;134:924). */
export function cordCriteria(loci: 6 | 8, maxMismatches = 2): SearchCriteriaInput {
  return {
    loci,
    maxMismatches,
    donorKinds: ['cord'],
    levels: loci === 6 ? { A: 'antigen', B: 'antigen', DRB1: 'allele' } : {},
  };
}

import { z } from 'zod';

// Donor searches: what a search asks (criteria) and what it answers (saved search, ranked hits with per-locus
// grades, the explanation of one donor, the registry's state). Grades follow ADR 0400/0401: allele/antigen
// level, GvH/HvG direction, DPB1 T-cell epitope category (Crivello et al., Biol Blood Marrow Transplant
// 2016;22:2021), cord adequacy (Eapen et al., Lancet Oncol 2010;11:653 and the `@engraft/clinical` cord rule).

/** Loci a per-locus mismatch limit may be set for. */
const PER_LOCUS = ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1'] as const;
export const ABO_GROUPS = ['A', 'B', 'AB', 'O'] as const;
/** Levels a locus is compared at (ADR 0400): allele (lgx / P group) or antigen (first field, serology). */
export const MATCH_LEVELS = ['allele', 'antigen'] as const;
/** Loci the search form offers per-locus limits and levels for (DPB1 is scored, never counted, by the API). */
export const SEARCH_FORM_LOCI = ['A', 'B', 'C', 'DRB1', 'DQB1'] as const;

/** The criteria the API offers (a subset of @engraft/donors SearchCriteriaInput), stored with the search. */
export const DonorSearchCriteriaSchema = z
  .object({
    loci: z
      .union([z.literal(6), z.literal(8), z.literal(10)])
      .default(10)
      .describe('loci counted: 6 (A, B, DRB1), 8 (+C), 10 (+DQB1); DPB1 is always scored'),
    maxMismatches: z
      .number()
      .int()
      .min(0)
      .max(8)
      .default(2)
      .describe('maximum mismatched positions over the counted loci'),
    donorKinds: z
      .array(z.enum(['adult', 'cord']))
      .min(1)
      .default(['adult'])
      .describe('adult donors and/or cord blood units'),
    weightKg: z
      .number()
      .positive()
      .max(500)
      .optional()
      .describe("the patient's weight, for the cord dose (TNC and CD34+ per kg)"),
    maxMismatchesPerLocus: z
      .object(
        Object.fromEntries(PER_LOCUS.map((l) => [l, z.number().int().min(0).max(2).optional()])) as Record<
          (typeof PER_LOCUS)[number],
          z.ZodOptional<z.ZodNumber>
        >
      )
      .strict()
      .optional()
      .describe(
        'maximum mismatched positions per locus (0, 1 or 2; a locus left out has no limit of its own), e.g. {"DRB1": 0}; DPB1 limits apply only when DPB1 is counted'
      ),
    levels: z
      .object(
        Object.fromEntries(PER_LOCUS.map((l) => [l, z.enum(MATCH_LEVELS).optional()])) as Record<
          (typeof PER_LOCUS)[number],
          z.ZodOptional<z.ZodEnum<{ allele: 'allele'; antigen: 'antigen' }>>
        >
      )
      .strict()
      .optional()
      .describe(
        'level each locus is compared at: allele (default; same allele or P group) or antigen (same serological antigen / first field), e.g. {"A": "antigen"}; a cord-only 6/6 search compares A and B at antigen level unless told otherwise'
      ),
    patientCmv: z
      .enum(['pos', 'neg'])
      .optional()
      .describe(
        "the patient's CMV serostatus: donors with the same serostatus rank first among equally matched donors"
      ),
    patientAbo: z
      .enum(ABO_GROUPS)
      .optional()
      .describe(
        "the patient's ABO group: donors of the same group rank first among equally matched donors; default: the group on the patient's record, when known"
      ),
    frequencySet: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe("haplotype frequency set for match probabilities (default: the centre's default set, if any)"),
    rankBy: z
      .enum(['probability', 'grades'])
      .optional()
      .describe(
        'probability: within a mismatch class by P(≤ m mismatches) from the frequency set (default when a set is available); grades: by definite/potential grades only'
      ),
  })
  .strict();
export type DonorSearchCriteria = z.output<typeof DonorSearchCriteriaSchema>;

export const DonorSearchCreateSchema = z
  .object({
    patientTyping: z
      .string()
      .trim()
      .min(1, "the patient's HLA typing is required (a GL string)")
      .max(4000)
      .describe("the patient's HLA typing as a GL string, any resolution"),
    criteria: DonorSearchCriteriaSchema.default({ loci: 10, maxMismatches: 2, donorKinds: ['adult'] }),
  })
  .strict();
export type DonorSearchCreate = z.output<typeof DonorSearchCreateSchema>;

/** Criteria as stored: the API criteria, the year ages were computed in, and where the patient ABO came from. */
export const StoredDonorSearchCriteriaSchema = DonorSearchCriteriaSchema.extend({
  referenceYear: z.number().int(),
  patientAboFrom: z.enum(['request', 'patient-record']).optional(),
  frequencySetSha256: z.string().optional().describe('SHA-256 of the frequency set file the search used'),
});

export const DonorSearchSummarySchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  patientTyping: z.string(),
  criteria: StoredDonorSearchCriteriaSchema,
  release: z.string().describe('IPD-IMGT/HLA release the search used'),
  total: z.number().int(),
  stored: z.number().int().describe('hits kept with the search (at most the first 200)'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DonorSearchSummary = z.infer<typeof DonorSearchSummarySchema>;

const GradeSchema = z.enum(['definite', 'potential', 'mismatch']);
const MatchLevelSchema = z.enum(MATCH_LEVELS);
const Dpb1CategorySchema = z.enum(['match', 'permissive', 'non-permissive-gvh', 'non-permissive-hvg', 'unknown']);

const probability = z.number().min(0).max(1);
/** Match probabilities of a hit (issue 16, ADR 0411), or why there are none (a typing the set cannot explain). */
export const HitProbabilitySchema = z.union([
  z.object({
    frequencySet: z.string(),
    score: probability.describe('P(≤ m mismatches) over the counted loci, m = the hit’s definite mismatches'),
    p10: probability.nullable().describe('P(10/10)'),
    p9plus: probability.nullable().describe('P(≥ 9/10)'),
    p8of8: probability.nullable().describe('P(8/8)'),
    loci: z.record(z.string(), probability).describe('P(no mismatch) per locus of the set'),
    unaccountedMass: probability.describe('probabilities may be low by at most this much (genotypes cut)'),
    definite: z.boolean().describe('no potential position: P = 1 by the grades'),
  }),
  z.object({ frequencySet: z.string(), error: z.string() }),
]);
export type HitProbabilityView = z.infer<typeof HitProbabilitySchema>;

export const DonorHitSummarySchema = z.object({
  rank: z.number().int(),
  donorId: z.string(),
  registry: z.string(),
  kind: z.enum(['adult', 'cord']),
  sex: z.enum(['M', 'F']).nullable(),
  age: z.number().nullable(),
  abo: z.enum(ABO_GROUPS).nullable(),
  rh: z.enum(['+', '-']).nullable(),
  cmv: z.enum(['pos', 'neg']).nullable(),
  availability: z.enum(['available', 'reserved', 'unavailable']),
  mismatches: z.number().int(),
  potential: z.number().int(),
  loci: z.array(
    z.object({
      locus: z.string(),
      level: MatchLevelSchema,
      typed: z.enum(['typed', 'donor-untyped', 'patient-untyped', 'both-untyped']),
      donorTyping: z.string().nullable(),
      grades: z.array(GradeSchema),
      mismatches: z.number().int(),
      potential: z.number().int(),
      gvh: z.number().int(),
      hvg: z.number().int(),
    })
  ),
  dpb1: Dpb1CategorySchema,
  cord: z
    .object({
      tncE7: z.number().nullable(),
      cd34E5: z.number().nullable(),
      bank: z.string().nullable(),
      tncE7PerKg: z.number().nullable(),
      cd34E5PerKg: z.number().nullable(),
      hlaMatched: z.number().int().nullable(),
      hlaOf: z.union([z.literal(6), z.literal(8)]).nullable(),
      adequateSingle: z.boolean().nullable(),
      adequateDouble: z.boolean().nullable(),
      failed: z.array(z.string()),
    })
    .nullable(),
  probability: HitProbabilitySchema.nullable()
    .optional()
    .describe('match probabilities when the search ranked by probability (absent in searches saved before)'),
});
export type DonorHitSummary = z.infer<typeof DonorHitSummarySchema>;

export const DonorSearchResultsSchema = z.object({
  search: DonorSearchSummarySchema,
  offset: z.number().int(),
  limit: z.number().int(),
  stored: z.number().int(),
  hits: z.array(DonorHitSummarySchema),
});
export type DonorSearchResults = z.infer<typeof DonorSearchResultsSchema>;

const ImputedGenotypeSchema = z.object({
  haplotypes: z.tuple([z.string(), z.string()]),
  probability,
});

export const DonorExplanationSchema = z.object({
  donorId: z.string(),
  release: z.string(),
  loci: z
    .array(
      z.object({
        locus: z.string(),
        counted: z.boolean(),
        level: MatchLevelSchema,
        patientTyping: z.string().optional(),
        donorTyping: z.string().optional(),
        mismatches: z.number().int(),
        potential: z.number().int(),
        gvh: z.number().int(),
        hvg: z.number().int(),
        positions: z
          .array(
            z.object({
              patient: z.string(),
              donor: z.string(),
              allele: GradeSchema,
              antigen: GradeSchema,
              reason: z.string(),
            })
          )
          .readonly(),
        notes: z.array(z.string()).readonly(),
      })
    )
    .readonly(),
  dpb1: z.object({
    category: Dpb1CategorySchema,
    patientGroups: z.array(z.string().nullish()).readonly().describe('TCE groups per position (null: unknown)'),
    donorGroups: z.array(z.string().nullish()).readonly(),
    predicted: z.boolean(),
    reason: z.string(),
  }),
  searchId: z.uuid(),
  searchRelease: z.string(),
  genotypes: z
    .object({
      frequencySet: z.string(),
      patient: z.array(ImputedGenotypeSchema),
      donor: z.array(ImputedGenotypeSchema),
      donorError: z.string().optional(),
    })
    .optional()
    .describe('the most probable genotypes (haplotype pairs) of patient and donor, when the search used a set'),
});
export type DonorExplanationView = z.infer<typeof DonorExplanationSchema>;

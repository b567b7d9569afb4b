import { z } from 'zod';

// Haplotype frequency sets stored on the server (issue 16, ADR 0411): what an import sends and what a list
// answers. The set itself is parsed by @engraft/donors `parseFrequencySet` (ADR 0410).

/** Largest frequency-set file accepted (bytes as sent, gzip or plain). */
export const FREQUENCY_SET_MAX_BYTES = 48 * 1024 * 1024;

export const FrequencySetNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'name must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit'
  )
  .describe('the name searches refer to the set by, e.g. CAU-2026');

export const FrequencySetImportSchema = z
  .object({
    name: FrequencySetNameSchema,
    population: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe('population label of a Haplo,Count,Freq file, or the one population of a multi-population file'),
    contentBase64: z
      .string()
      .min(1, 'the file is empty')
      .max(Math.ceil(FREQUENCY_SET_MAX_BYTES / 3) * 4, 'the file is larger than 48 MB')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contentBase64 is not base64')
      .describe('the file (hap,pop,freq or Haplo,Count,Freq CSV; gzip or plain), base64-encoded'),
    makeDefault: z
      .boolean()
      .optional()
      .describe("make it the default set of this centre's donor searches (the first set imported by a centre is)"),
  })
  .strict();
export type FrequencySetImport = z.output<typeof FrequencySetImportSchema>;

/**
 * The name of the demo's synthetic frequency set (ADR 0412): illustrative frequencies stored by the demo seed, never
 * a population's; the donor search page says so wherever a search used it.
 */
export const DEMO_FREQUENCY_SET = 'DEMO-synthetic';

export const FrequencySetSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  population: z.string().nullable().describe('the population searches use; null: the only one in the file'),
  populations: z.array(z.string()),
  loci: z.array(z.string()).describe('loci in the order the haplotypes are written'),
  resolution: z.enum(['G', 'P', 'lgx', '2-field']),
  haplotypeCount: z.number().int().positive(),
  originalSum: z.number().describe('sum of the frequencies as written, before normalisation'),
  sha256: z.string().describe('SHA-256 of the file as imported (hex)'),
  importedBy: z.string(),
  importedAt: z.string().describe('when (ISO 8601, UTC)'),
  isCentreDefault: z.boolean(),
});
export type FrequencySetSummary = z.output<typeof FrequencySetSummarySchema>;

export const FrequencySetListSchema = z.object({
  sets: z.array(FrequencySetSummarySchema),
  centreDefault: z.string().nullable().describe("name of this centre's default set, if any"),
});
export type FrequencySetList = z.output<typeof FrequencySetListSchema>;

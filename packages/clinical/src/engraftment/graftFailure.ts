// Primary graft failure check and chimerism category. Sources: Kharfan-Dabaja MA et al. (ASTCT) Transplant Cell Ther
// 2021;27:642-649; Sureda A et al., Bone Marrow Transplant 2024;59:832-837; EBMT Handbook 7th ed. 2019 ch. 41;
// CIBMTR disease forms for the 80% chimerism scheme.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const GRAFT_FAILURE_RULE_ID = 'primary-graft-failure@1';
export const CHIMERISM_RULE_ID = 'chimerism-category@1';

export const GraftSourceSchema = z.enum(['pbsc', 'bone-marrow', 'cord-blood']);

export const GraftFailureInputSchema = z.object({
  graftSource: GraftSourceSchema,
  neutrophilRecoveryDay: z
    .number()
    .int()
    .nullable()
    .describe('Day of neutrophil recovery (from the engraftment rule); null if none yet'),
  asOfDay: z.number().int().describe('Day (relative to day 0) of the latest available data'),
});
export type GraftFailureInput = z.infer<typeof GraftFailureInputSchema>;

/**
 * [VERIFY] primary graft failure day (§12.6):
 * - 'astct-2021' (default): ANC >=0.5 not reached by day +30 (PBSC, marrow) or +42 (cord blood).
 * - 'ebmt-2019': day +28 (PBSC, marrow) or +42 (cord blood), EBMT Handbook 2019.
 * - 'custom': customDays per graft source.
 */
export const GraftFailureOptionsSchema = z.object({
  definition: z.enum(['astct-2021', 'ebmt-2019', 'custom']).default('astct-2021'),
  customDays: z
    .object({ pbsc: z.number().int(), 'bone-marrow': z.number().int(), 'cord-blood': z.number().int() })
    .optional(),
});
export type GraftFailureOptions = z.infer<typeof GraftFailureOptionsSchema>;

export const GRAFT_FAILURE_DAYS = {
  'astct-2021': { pbsc: 30, 'bone-marrow': 30, 'cord-blood': 42 },
  'ebmt-2019': { pbsc: 28, 'bone-marrow': 28, 'cord-blood': 42 },
} as const;

export const GraftFailureOutputSchema = z.object({
  primaryGraftFailure: z.boolean().nullable().describe('null = not yet assessable (before the limit day, no recovery)'),
  limitDay: z.number().int(),
  ...ruleResultMeta,
});
export type GraftFailureOutput = z.infer<typeof GraftFailureOutputSchema>;

/** Primary graft failure: no neutrophil recovery by the limit day for the graft source. */
export function checkPrimaryGraftFailure(
  input: GraftFailureInput,
  options?: Partial<GraftFailureOptions>
): GraftFailureOutput {
  const opts = GraftFailureOptionsSchema.parse(options ?? {});
  let table: Record<z.infer<typeof GraftSourceSchema>, number>;
  if (opts.definition === 'custom') {
    if (!opts.customDays) throw new RangeError('definition "custom" needs customDays');
    table = opts.customDays;
  } else {
    table = GRAFT_FAILURE_DAYS[opts.definition];
  }
  const limitDay = table[input.graftSource];
  const r = (v: boolean | null, why: string): GraftFailureOutput => ({
    primaryGraftFailure: v,
    limitDay,
    ruleId: ruleIdWithOptions(GRAFT_FAILURE_RULE_ID, opts),
    explanation: `${why} (${opts.definition}, ${input.graftSource}: limit D+${limitDay})`,
  });
  const d = input.neutrophilRecoveryDay;
  if (d != null && d <= limitDay) return r(false, `no primary graft failure: neutrophil recovery on D+${d}`);
  if (d != null) {
    return r(true, `primary graft failure criteria met: neutrophil recovery only on D+${d}, after the limit`);
  }
  if (input.asOfDay > limitDay) return r(true, `primary graft failure: no neutrophil recovery by D+${limitDay}`);
  return r(null, `not yet assessable: no neutrophil recovery as of D+${input.asOfDay}`);
}

// ---- Chimerism ----

export const ChimerismInputSchema = z.object({
  donorPercent: z.number().min(0).max(100).describe('% donor cells in the sample'),
});
export type ChimerismInput = z.infer<typeof ChimerismInputSchema>;

/**
 * [VERIFY] chimerism scheme (§4.4, §12.7):
 * - 'astct-2021' (default, harmonized 2024): full >95%, mixed 5-95%, loss of graft <5%.
 * - 'cibmtr-80': CIBMTR disease forms: predominantly/completely donor >=80%, mixed 5-<80%, host only <5%.
 */
export const ChimerismOptionsSchema = z.object({ scheme: z.enum(['astct-2021', 'cibmtr-80']).default('astct-2021') });
export type ChimerismOptions = z.infer<typeof ChimerismOptionsSchema>;

export const ChimerismCategorySchema = z.enum(['full-donor', 'mixed', 'loss-of-graft']);
export const ChimerismOutputSchema = z.object({ category: ChimerismCategorySchema, ...ruleResultMeta });
export type ChimerismOutput = z.infer<typeof ChimerismOutputSchema>;

/** Chimerism category from % donor, under the chosen scheme. Store the raw % and compute at report time. */
export function chimerismCategory(input: ChimerismInput, options?: Partial<ChimerismOptions>): ChimerismOutput {
  const { scheme } = ChimerismOptionsSchema.parse(options ?? {});
  const p = input.donorPercent;
  const full = scheme === 'astct-2021' ? p > 95 : p >= 80;
  const pct = `${fmt(p, 1)}% donor`;
  const r = (category: z.infer<typeof ChimerismCategorySchema>, why: string): ChimerismOutput => ({
    category,
    ruleId: ruleIdWithOptions(CHIMERISM_RULE_ID, { scheme }),
    explanation: `${category}: ${pct} ${why} (${scheme})`,
  });
  if (full) return r('full-donor', scheme === 'astct-2021' ? '>95%' : '>=80%');
  if (p >= 5) return r('mixed', scheme === 'astct-2021' ? 'in 5-95%' : 'in 5-<80%');
  return r('loss-of-graft', '<5%');
}

export const graftFailureRule = defineRule({
  name: 'graft-failure',
  id: GRAFT_FAILURE_RULE_ID,
  title: 'Primary graft failure check',
  description: 'Neutrophil recovery not reached by day +30 (+28 EBMT) or +42 for cord blood',
  source: 'ASTCT 2021 (Kharfan-Dabaja); EBMT Handbook 2019 ch. 41',
  inputSchema: GraftFailureInputSchema,
  optionsSchema: GraftFailureOptionsSchema,
  outputSchema: GraftFailureOutputSchema,
  compute: (input, options) => checkPrimaryGraftFailure(input, options),
});

export const chimerismRule = defineRule({
  name: 'chimerism',
  id: CHIMERISM_RULE_ID,
  title: 'Chimerism category',
  description: 'Full donor / mixed / loss of graft from % donor (ASTCT 95% or CIBMTR 80% scheme)',
  source: 'ASTCT 2021; harmonized 2024; CIBMTR disease forms',
  inputSchema: ChimerismInputSchema,
  optionsSchema: ChimerismOptionsSchema,
  outputSchema: ChimerismOutputSchema,
  compute: (input, options) => chimerismCategory(input, options),
});

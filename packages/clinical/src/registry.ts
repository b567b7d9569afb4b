// Registry of every clinical rule, for generic consumers: `engraft clinical <name>`, `POST /api/v1/clinical/<name>`
// and web forms. `runRule` validates raw JSON input and options and never throws.
import type { z } from 'zod';
import { crsRule } from './cart/crs';
import { icansRule } from './cart/icans';
import { iceRule } from './cart/ice';
import { agvhdGlucksbergRule, agvhdIbmtrRule, agvhdRule } from './gvhd/acute';
import { cgvhdLiverRule, cgvhdLungRule, cgvhdRule, cgvhdSkinRule } from './gvhd/chronic';
import { engraftmentRule } from './engraftment/recovery';
import { chimerismRule, graftFailureRule } from './engraftment/graftFailure';
import { dinRule } from './isbt128/din';
import { coiRule, productCodeRule } from './isbt128/productCode';
import { bodyWeightRule, bsaRule } from './dosing/body';
import { cellDoseRule } from './dosing/cellDose';
import { cordRule } from './dosing/cord';
import { cartDoseRule } from './dosing/cart';
import { conditioningRule } from './dosing/conditioning';
import { hctCiRule } from './scores/hctci';
import { performanceRule } from './scores/performance';
import { driRule } from './scores/dri';
import { ebmtRule } from './scores/ebmt';
import { busulfanRule } from './dosing/busulfan';
import { tocilizumabRule } from './dosing/tocilizumab';
import { gradeEpisodeRule } from './episode';
import { secRule } from './isbt128/sec';
import type { ClinicalRule } from './rule';

const rules = [
  crsRule,
  iceRule,
  icansRule,
  agvhdRule,
  agvhdGlucksbergRule,
  agvhdIbmtrRule,
  cgvhdRule,
  cgvhdLungRule,
  cgvhdSkinRule,
  cgvhdLiverRule,
  engraftmentRule,
  graftFailureRule,
  chimerismRule,
  dinRule,
  productCodeRule,
  coiRule,
  secRule,
  bsaRule,
  bodyWeightRule,
  cellDoseRule,
  cordRule,
  cartDoseRule,
  conditioningRule,
  busulfanRule,
  tocilizumabRule,
  hctCiRule,
  performanceRule,
  driRule,
  ebmtRule,
  gradeEpisodeRule,
] as const;

export type ClinicalRuleName = (typeof rules)[number]['name'];
/** A rule of any input/output type, as stored in the registry. */
export type AnyClinicalRule = ClinicalRule<any, unknown, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every rule by its CLI/API name. */
export const clinicalRules: Readonly<Record<string, AnyClinicalRule>> = Object.freeze(
  Object.fromEntries(rules.map((r) => [r.name, r as AnyClinicalRule]))
);

/** Rule names in registry order. */
export const clinicalRuleNames: readonly string[] = rules.map((r) => r.name);

export function getClinicalRule(name: string): AnyClinicalRule | undefined {
  return Object.hasOwn(clinicalRules, name) ? clinicalRules[name] : undefined;
}

export type RuleRunResult = { ok: true; output: unknown } | { ok: false; error: string; path: string };

function firstIssue(error: z.ZodError, prefix: string): { ok: false; error: string; path: string } {
  const issue = error.issues[0];
  const path = [...(prefix ? [prefix] : []), ...(issue?.path ?? []).map(String)].join('.');
  return { ok: false, error: issue?.message ?? 'invalid input', path };
}

/**
 * Validates `input` (and optional `options`) against the rule's schemas and computes the result. Errors come back
 * as `{ok: false, error, path}` with a dotted path to the first offending field ("" for the whole object,
 * "options.x" for an option).
 */
export function runRule(rule: AnyClinicalRule, input: unknown, options?: unknown): RuleRunResult {
  const parsed = rule.inputSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error, '');
  const opts = rule.optionsSchema.safeParse(options ?? {});
  if (!opts.success) return firstIssue(opts.error, 'options');
  try {
    return { ok: true, output: rule.compute(parsed.data, opts.data as object) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), path: '' };
  }
}

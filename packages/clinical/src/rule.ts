// Shared shape of a clinical rule: zod input/options/output schemas plus a pure compute function. The registry
// (registry.ts) lists every rule so the CLI, the server and web forms can iterate over them generically.
import { z } from 'zod';
import { isCalendarDate } from './days';

/** Fields every rule result carries: the versioned rule id (store it with the grade) and a human explanation. */
export const ruleResultMeta = {
  ruleId: z.string().describe('Versioned rule identifier, e.g. "astct-2019-crs@1"; store it with the result'),
  explanation: z
    .string()
    .describe('What determined the result, for display and audit, e.g. "grade 3: one vasopressor"'),
};

export interface RuleResultMeta {
  ruleId: string;
  explanation: string;
}

/** An ISO calendar date 'YYYY-MM-DD' that exists on the calendar (no time, no zone). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

/**
 * A clinical rule. `compute` is pure and expects an already-validated input; `options` holds the explicit,
 * named choices where sources disagree ([VERIFY] items), each defaulted in `optionsSchema`.
 * Method syntax keeps rules with different input types assignable to the generic registry type.
 */
export interface ClinicalRule<TIn = unknown, TOut = unknown, TOpt = unknown> {
  /** CLI / API name: `engraft clinical <name>`, `POST /api/v1/clinical/<name>`. */
  name: string;
  /** Versioned id stored with each result. */
  id: string;
  title: string;
  description: string;
  /** Short citation of the standard the rule implements. */
  source: string;
  inputSchema: z.ZodType<TIn>;
  /** Named options (all optional, each with a default). Parsing `{}` yields the defaults. */
  optionsSchema: z.ZodType<TOpt>;
  outputSchema: z.ZodType<TOut>;
  /**
   * The exact output shape promised by the CLI contract (issue 4), when there is one. The CLI prints only these
   * keys unless `--explain` is given.
   */
  contractOutputSchema?: z.ZodType;
  compute(input: TIn, options?: Partial<TOpt>): TOut;
}

/** Helper that keeps the generic parameters inferred from the schemas. */
export function defineRule<TIn, TOut, TOpt>(rule: ClinicalRule<TIn, TOut, TOpt>): ClinicalRule<TIn, TOut, TOpt> {
  return rule;
}

/** Empty options for rules without choices. */
export const NoOptionsSchema = z.object({});
export type NoOptions = z.infer<typeof NoOptionsSchema>;

/**
 * Result id naming every option in force, so a stored result says which choice produced it:
 * `magic-2016-agvhd@1;lowerGiMeasure=volume-preferred;pediatricAdultCriteriaAbove50Kg=false`.
 */
export function ruleIdWithOptions(id: string, options: object): string {
  const parts = Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length ? `${id};${parts.join(';')}` : id;
}

// The outcomes answer (response contract ADR 0020): Kaplan–Meier or cumulative-incidence curves per group with
// their confidence limits, numbers at risk, median follow-up (reverse Kaplan–Meier) and the log-rank or Gray test
// (Kim & Armand, BBMT 2013;19:860 for the endpoint definitions; the estimators are in @engraft/outcomes).
import { z } from 'zod';

export const CurvePointSchema = z.object({
  time: z.number(),
  estimate: z.number(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  nRisk: z.number(),
  nEvent: z.number(),
  nCensor: z.number(),
  /** Competing events at this time (cumulative incidence only). */
  nCompeting: z.number(),
});

export const OutcomesResultSchema = z.object({
  endpoint: z.object({
    name: z.string(),
    label: z.string(),
    version: z.number(),
    estimator: z.enum(['survival', 'competing']),
  }),
  n: z.number().int(),
  atRiskDays: z.array(z.number()),
  /** Median follow-up in days (reverse Kaplan–Meier) with its 95% CI; null for an empty cohort. */
  medianFollowUp: z
    .object({ median: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable() })
    .nullable(),
  groups: z.array(
    z.object({
      name: z.string(),
      n: z.number().int(),
      events: z.number().int(),
      median: z.number().nullable(),
      medianLower: z.number().nullable(),
      medianUpper: z.number().nullable(),
      points: z.array(CurvePointSchema),
      atRisk: z.array(z.object({ time: z.number(), nRisk: z.number() })),
    })
  ),
  test: z.object({ name: z.enum(['log-rank', 'gray']), stat: z.number(), df: z.number(), p: z.number() }).nullable(),
});
export type OutcomesResult = z.infer<typeof OutcomesResultSchema>;
export type OutcomeGroup = OutcomesResult['groups'][number];
export type CurvePoint = z.infer<typeof CurvePointSchema>;

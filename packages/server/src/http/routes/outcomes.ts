import { DiseaseCodeSchema, DonorTypeSchema, EpisodeTypeSchema, IsoDateSchema, OUTCOME_READERS } from '@engraft/domain';
import { ENDPOINTS } from '@engraft/outcomes';
import { z } from 'zod';
import { analyseOutcomes } from '../../services/outcomes';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

export const OutcomesQuerySchema = z.object({
  endpoint: z.enum(Object.keys(ENDPOINTS) as [keyof typeof ENDPOINTS, ...(keyof typeof ENDPOINTS)[]]).default('OS'),
  groupBy: z.enum(['none', 'episode-type', 'disease', 'donor-type']).default('none'),
  disease: DiseaseCodeSchema.optional(),
  episodeType: EpisodeTypeSchema.optional(),
  donorType: DonorTypeSchema.optional().describe(
    'autologous, matched-related, haploidentical, other-related, unrelated, cord or not-recorded (from the episode type and its chosen donor)'
  ),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});

const CurvePointSchema = z.object({
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

export function registerOutcomeRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  app.get(
    '/outcomes',
    {
      config: { access: OUTCOME_READERS },
      schema: {
        summary: 'Kaplan–Meier or cumulative-incidence analysis of the centre’s infused episodes',
        description:
          'OS, PFS and GRFS by Kaplan–Meier with the log-rank test; relapse and NRM by cumulative incidence (competing risks) with Gray’s test. Time in days from day 0.',
        tags: ['outcomes'],
        querystring: OutcomesQuerySchema,
        response: { 200: OutcomesResultSchema },
      },
    },
    async (req) => analyseOutcomes(db, actorOf(authOf(req)), req.query, today())
  );
}

import {
  DiseaseCodeSchema,
  DonorTypeSchema,
  EpisodeTypeSchema,
  IsoDateSchema,
  OUTCOME_READERS,
  OutcomesResultSchema,
} from '@engraft/domain';
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

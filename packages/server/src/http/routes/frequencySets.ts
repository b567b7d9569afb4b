import {
  DONOR_SEARCHERS,
  FREQUENCY_SET_ADMINS,
  FREQUENCY_SET_MAX_BYTES,
  FrequencySetImportSchema,
  FrequencySetListSchema,
  FrequencySetSummarySchema,
} from '@engraft/domain';
import * as svc from '../../services/frequencySets';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

/** Haplotype frequency sets for match probabilities (issue 16, ADR 0411): list and import. */
export function registerFrequencySetRoutes(app: TypedApp): void {
  const { db } = app.deps;

  app.get(
    '/frequency-sets',
    {
      config: { access: DONOR_SEARCHERS },
      schema: {
        summary: 'Haplotype frequency sets stored on the server, and this centre’s default for donor searches',
        tags: ['donors'],
        response: { 200: FrequencySetListSchema },
      },
    },
    async (req) => svc.listFrequencySets(db, authOf(req).centreId)
  );

  app.post(
    '/frequency-sets',
    {
      // base64 of the largest file, with room for the JSON around it
      bodyLimit: Math.ceil(FREQUENCY_SET_MAX_BYTES / 3) * 4 + 64 * 1024,
      config: { access: FREQUENCY_SET_ADMINS },
      schema: {
        summary: 'Import a haplotype frequency set (hap,pop,freq or Haplo,Count,Freq CSV, gzip or plain, base64)',
        tags: ['donors'],
        body: FrequencySetImportSchema,
        response: { 201: FrequencySetSummarySchema },
      },
    },
    async (req, reply) => {
      const { contentBase64, ...rest } = req.body;
      const summary = await svc.importFrequencySet(db, actorOf(authOf(req)), {
        ...rest,
        fileBytes: Buffer.from(contentBase64, 'base64'),
      });
      return reply.code(201).send(summary);
    }
  );
}

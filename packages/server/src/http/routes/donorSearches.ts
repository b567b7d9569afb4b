import {
  ALL_ROLES,
  DONOR_SEARCHERS,
  DonorExplanationSchema,
  DonorRegistryStatusSchema,
  DonorSearchCreateSchema,
  DonorSearchResultsSchema,
  DonorSearchSummarySchema,
  pageOffset,
} from '@engraft/domain';
import { z } from 'zod';
import { donorSearchCsv, exportDonorSearch } from '../../services/donorSearchExport';
import * as donorSearches from '../../services/donorSearches';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const EpisodeParams = z.object({ episodeId: z.uuid('episode id must be a UUID') });
const SearchParams = z.object({ searchId: z.uuid('search id must be a UUID') });
const ExplainParams = SearchParams.extend({ donorId: z.string().min(1).max(64) });
const PageQuery = z.object({
  offset: pageOffset(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export function registerDonorSearchRoutes(app: TypedApp): void {
  const { db, today } = app.deps;
  const registry = app.donorRegistry;

  app.post(
    '/episodes/:episodeId/donor-searches',
    {
      config: { access: DONOR_SEARCHERS },
      schema: {
        summary:
          'Search the donor registry for the patient of an allogeneic episode and save the search on the episode',
        description: `Saves the criteria (with the patient ABO group taken from the patient record when not given, and the record's weight for a cord search without one), the nomenclature release used, the total and the first ${donorSearches.STORED_HITS} ranked hits. The scan runs on the registry's worker threads. 503 problem+json when no HLA release is loaded, or, with a Retry-After header, while the registry is still loading ("the donor registry is loading (N%)").`,
        tags: ['donors'],
        params: EpisodeParams,
        body: DonorSearchCreateSchema,
        response: { 201: DonorSearchSummarySchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await donorSearches.createDonorSearch(
            db,
            registry,
            actorOf(authOf(req)),
            req.params.episodeId,
            req.body,
            today()
          )
        )
  );

  app.get(
    '/donor-registry',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'Whether the donor registry is loading (with a percentage), ready (release, donors, worker threads) or not available (and why)',
        description:
          'The server loads the IPD-IMGT/HLA release and the donor snapshot in the background at start-up; donor searches answer 503 until it is ready.',
        tags: ['donors'],
        response: { 200: DonorRegistryStatusSchema },
      },
    },
    async () => app.donorRegistry.status()
  );

  app.get(
    '/episodes/:episodeId/donor-searches',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Donor searches saved on an episode, newest first',
        tags: ['donors'],
        params: EpisodeParams,
        response: { 200: z.array(DonorSearchSummarySchema) },
      },
    },
    async (req) => donorSearches.listDonorSearches(db, actorOf(authOf(req)), req.params.episodeId)
  );

  app.get(
    '/donor-searches/:searchId/results',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary:
          'A page of a saved donor search: ranked hits as found then, with per-locus grades, DPB1 category and cord dose',
        tags: ['donors'],
        params: SearchParams,
        querystring: PageQuery,
        response: { 200: DonorSearchResultsSchema },
      },
    },
    async (req) =>
      donorSearches.donorSearchResults(db, actorOf(authOf(req)), req.params.searchId, req.query.offset, req.query.limit)
  );

  app.get(
    '/donor-searches/:searchId/donors/:donorId/explanation',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Why a donor matches the searched patient as it does, locus by locus (from the registry as it is now)',
        tags: ['donors'],
        params: ExplainParams,
        response: { 200: DonorExplanationSchema },
      },
    },
    async (req) =>
      donorSearches.explainDonorOfSearch(db, registry, actorOf(authOf(req)), req.params.searchId, req.params.donorId)
  );

  const ExportQuery = z.object({ format: z.enum(['csv', 'pdf'], 'format must be csv or pdf').default('csv') });
  app.get(
    '/donor-searches/:searchId/export',
    {
      config: { access: DONOR_SEARCHERS, responseContract: 'binary' },
      schema: {
        summary:
          'The stored hits of a saved search, ranked, with their match probabilities, as CSV or PDF for the donor request (audited)',
        tags: ['donors'],
        params: SearchParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { searchId } = req.params;
      const { format } = req.query;
      const e = await exportDonorSearch(db, actorOf(auth), searchId, format);
      const name = `donor-search-${searchId.slice(0, 8)}.${format}`;
      // pdf-lib is loaded on the first PDF asked for, not at every server start (issue 15 §4).
      const body =
        format === 'csv'
          ? donorSearchCsv(e)
          : Buffer.from(await (await import('../../services/donorSearchPdf')).renderDonorSearchPdf(e, auth.centreName));
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(body);
    }
  );
}

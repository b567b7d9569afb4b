// Donor & collection's requests (ADR 0021: one hook per endpoint per feature). Every write refreshes the episode's
// donors and collections (a collection's days change the cumulative CD34+/kg; completing it moves the donor).
import {
  CollectionSchema,
  type Confirmation,
  DonorSchema,
  DonorSearchResultsSchema,
  DonorSearchSummarySchema,
  EpisodeDonorsSchema,
} from '@engraft/domain';
import { z } from 'zod';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { type SubmitOptions, useSubmit } from '../../data/useSubmit';

export const cellsKeys = {
  all: ['cells'] as const,
  /** Everything read for an episode: a write refreshes it all, as the page did by reloading. */
  episode: (episodeId: string) => ['cells', episodeId] as const,
  donors: (episodeId: string) => ['cells', episodeId, 'donors'] as const,
  collections: (episodeId: string) => ['cells', episodeId, 'collections'] as const,
  searches: (episodeId: string) => ['cells', episodeId, 'donor-searches'] as const,
  searchResults: (searchId: string) => ['cells', 'donor-search', searchId, 'results'] as const,
};

export function useEpisodeDonors(episodeId: string) {
  return useApiQuery(cellsKeys.donors(episodeId), `/episodes/${episodeId}/donors`, EpisodeDonorsSchema);
}

export function useCollections(episodeId: string) {
  return useApiQuery(cellsKeys.collections(episodeId), `/episodes/${episodeId}/collections`, z.array(CollectionSchema));
}

export function useEpisodeDonorSearches(episodeId: string) {
  return useApiQuery(
    cellsKeys.searches(episodeId),
    `/episodes/${episodeId}/donor-searches`,
    z.array(DonorSearchSummarySchema)
  );
}

/** The ten best donors of a saved search (none read before a search is chosen). */
export function useDonorSearchResults(searchId: string) {
  return useApiQuery(
    cellsKeys.searchResults(searchId),
    `/donor-searches/${searchId}/results?limit=10`,
    DonorSearchResultsSchema,
    {
      enabled: searchId !== '',
    }
  );
}

/** Per-field messages of a refused write go to the form (a Mantine form's setErrors). */
type Extra = Pick<SubmitOptions<unknown, unknown>, 'onFieldErrors'>;

/** Choosing a donor: a saved search result, a related donor or a cord unit (the body is DonorChooseSchema's). */
export function useChooseDonor(episodeId: string, extra: Extra = {}) {
  return useSubmit({
    send: (body: object) => apiSend('POST', `/episodes/${episodeId}/donors`, body, DonorSchema),
    invalidate: [cellsKeys.episode(episodeId)],
    ...extra,
  });
}

export function useMoveDonor(donorId: string, episodeId: string) {
  return useSubmit({
    send: (body: { status: string; on: string }) => apiSend('POST', `/donors/${donorId}/status`, body, DonorSchema),
    invalidate: [cellsKeys.episode(episodeId)],
  });
}

export function usePlanCollection(episodeId: string, extra: Extra = {}) {
  return useSubmit({
    send: (body: object) => apiSend('POST', `/episodes/${episodeId}/collections`, body, CollectionSchema),
    invalidate: [cellsKeys.episode(episodeId)],
    ...extra,
  });
}

/** Sends with confirmations of implausible values (useConfirmations' withConfirmations). */
export type WithConfirmations = <T>(submit: (c: Confirmation[]) => Promise<T>) => Promise<T | null>;

/** A collection day; an implausible count is confirmed with a reason before it is sent again. */
export function useRecordCollectionDay(
  collectionId: string,
  episodeId: string,
  wc: WithConfirmations,
  extra: Extra = {}
) {
  return useSubmit({
    send: (body: object) =>
      wc((confirmations) =>
        apiSend(
          'POST',
          `/collections/${collectionId}/days`,
          confirmations.length ? { ...body, confirmations } : body,
          CollectionSchema
        )
      ),
    invalidate: [cellsKeys.episode(episodeId)],
    ...extra,
  });
}

export function useMoveCollection(collectionId: string, episodeId: string) {
  return useSubmit({
    send: (body: { status: string; on: string }) =>
      apiSend('POST', `/collections/${collectionId}/status`, body, CollectionSchema),
    invalidate: [cellsKeys.episode(episodeId)],
  });
}

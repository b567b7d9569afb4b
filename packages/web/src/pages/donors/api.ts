// The donor search page's requests (ADR 0021: one hook per endpoint per feature).
import {
  type DonorSearchCreate,
  DonorExplanationSchema,
  DonorRegistryStatusSchema,
  DonorSearchResultsSchema,
  DonorSearchSummarySchema,
  EpisodeDonorsSchema,
  FrequencySetListSchema,
  PatientHlaTypingHistorySchema,
} from '@engraft/domain';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

/** Hits shown per page of a saved search. */
export const PAGE = 50;

export const donorSearchKeys = {
  episode: (episodeId: string) => ['episode-donors', episodeId] as const,
  patientHla: (patientId: string) => ['patient-hla', patientId] as const,
  frequencySets: ['frequency-sets'] as const,
  registry: ['donor-registry'] as const,
  searches: (episodeId: string) => ['donor-searches', episodeId] as const,
  results: (searchId: string, offset: number) => ['donor-search-results', searchId, offset] as const,
  explanation: (searchId: string, donorId: string) => ['donor-explanation', searchId, donorId] as const,
};

/** The episode's patient (name, MRN, weight, ABO/Rh) for the heading and the prefill. */
export function useEpisodePatient(episodeId: string) {
  return useApiQuery(donorSearchKeys.episode(episodeId), `/episodes/${episodeId}/donors`, EpisodeDonorsSchema);
}

/** The patient's current HLA typing on the record, to prefill the search. */
export function usePatientHla(patientId: string | undefined) {
  return useApiQuery(
    donorSearchKeys.patientHla(patientId ?? ''),
    `/patients/${patientId ?? ''}/hla`,
    PatientHlaTypingHistorySchema,
    { enabled: patientId !== undefined }
  );
}

/** The haplotype frequency sets the centre can compute probabilities with, and its default. */
export function useFrequencySets() {
  return useApiQuery(donorSearchKeys.frequencySets, '/frequency-sets', FrequencySetListSchema);
}

/** The donor registry's state, polled every 2 s while it loads (download, generation, index). */
export function useDonorRegistry() {
  return useQuery({
    queryKey: donorSearchKeys.registry,
    queryFn: ({ signal }) => apiGet('/donor-registry', DonorRegistryStatusSchema, { signal }),
    refetchInterval: (q) => (q.state.data?.state === 'loading' ? 2000 : false),
  });
}

export function useDonorSearches(episodeId: string) {
  return useApiQuery(
    donorSearchKeys.searches(episodeId),
    `/episodes/${episodeId}/donor-searches`,
    z.array(DonorSearchSummarySchema)
  );
}

export function useDonorSearchResults(searchId: string | null, offset: number) {
  return useApiQuery(
    donorSearchKeys.results(searchId ?? '', offset),
    `/donor-searches/${searchId ?? ''}/results?offset=${offset}&limit=${PAGE}`,
    DonorSearchResultsSchema,
    { enabled: searchId !== null }
  );
}

export function useDonorExplanation(searchId: string | null, donorId: string | null) {
  return useApiQuery(
    donorSearchKeys.explanation(searchId ?? '', donorId ?? ''),
    `/donor-searches/${searchId ?? ''}/donors/${encodeURIComponent(donorId ?? '')}/explanation`,
    DonorExplanationSchema,
    { enabled: searchId !== null && donorId !== null }
  );
}

/** A request body as the form builds it: numbers as typed are sent on, for the schema to name what is wrong. */
export type DonorSearchRequest = Omit<DonorSearchCreate, 'criteria'> & { criteria: Record<string, unknown> };

export function useCreateDonorSearch(
  episodeId: string,
  opts: { onSaved: (id: string) => void; onFieldErrors: (e: Record<string, string>) => void }
) {
  return useSubmit({
    send: (body: DonorSearchRequest) =>
      apiSend('POST', `/episodes/${episodeId}/donor-searches`, body, DonorSearchSummarySchema),
    invalidate: [donorSearchKeys.searches(episodeId)],
    success: (s) => `Search saved: ${s.total} donor(s) found.`,
    onSaved: (s) => opts.onSaved(s.id),
    onFieldErrors: opts.onFieldErrors,
  });
}

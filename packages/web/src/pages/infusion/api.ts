// The bedside infusion check's requests (ADR 0021: one hook per endpoint per feature).
import {
  type BedsideCheck,
  BedsideCheckSchema,
  BedsideOverviewSchema,
  type Infusion,
  type InfusionComplete,
  InfusionSchema,
} from '@engraft/domain';
import { useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export const bedsideKeys = {
  all: ['bedside'] as const,
  episode: (episodeId: string) => ['bedside', episodeId] as const,
};

export function useBedside(episodeId: string) {
  return useApiQuery(bedsideKeys.episode(episodeId), `/episodes/${episodeId}/bedside`, BedsideOverviewSchema);
}

export type ScanValues = Partial<Record<'mrn' | 'din' | 'productCode' | 'division' | 'coi', string>>;

export function useBedsideCheck(episodeId: string, onFieldErrors: (e: Record<string, string>) => void) {
  return useSubmit({
    send: (body: ScanValues) => apiSend('POST', `/episodes/${episodeId}/bedside-checks`, body, BedsideCheckSchema),
    invalidate: [bedsideKeys.episode(episodeId)],
    onFieldErrors,
  });
}

export function useConfirmCheck(check: BedsideCheck) {
  return useSubmit({
    send: (body: { username: string; password: string }) =>
      apiSend('POST', `/bedside-checks/${check.id}/confirm`, body, BedsideCheckSchema),
    invalidate: [bedsideKeys.episode(check.episodeId)],
    success: 'Second check recorded.',
  });
}

/** Re-reads the bedside page, e.g. after a conflict showed that someone else changed the check. */
export function useReloadBedside(episodeId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: bedsideKeys.episode(episodeId) });
}

export function useStartInfusion(check: BedsideCheck, onFieldErrors: (e: Record<string, string>) => void) {
  return useSubmit({
    send: (body: { startedAt: string; weightKg?: number | string }) =>
      apiSend('POST', `/bedside-checks/${check.id}/infusion`, body, InfusionSchema),
    invalidate: [bedsideKeys.episode(check.episodeId)],
    success: 'Infusion started; the product is recorded as infused.',
    onFieldErrors,
  });
}

/**
 * The contract's body; a volume left empty is sent without it, so the server names the field that is missing, and
 * a volume that is not a number is sent as typed, so the server refuses it naming the field.
 */
type CompleteBody = Omit<InfusionComplete, 'volumeMl'> & { volumeMl?: number | string };

export function useCompleteInfusion(infusion: Infusion, onFieldErrors: (e: Record<string, string>) => void) {
  return useSubmit({
    send: (body: CompleteBody) => apiSend('POST', `/infusions/${infusion.id}/complete`, body, InfusionSchema),
    invalidate: [bedsideKeys.episode(infusion.episodeId)],
    success: 'End of infusion recorded.',
    onFieldErrors,
  });
}

// The manufacturing page's requests (ADR 0021: one hook per endpoint per feature).
import {
  ManufacturingEpisodeSchema,
  type ManufacturingOrderView,
  ManufacturingOrderViewSchema,
  type ManufacturingStatus,
} from '@engraft/domain';
import { useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export const manufacturingKeys = {
  all: ['manufacturing'] as const,
  episode: (episodeId: string) => ['manufacturing', episodeId] as const,
};

export function useManufacturingEpisode(episodeId: string) {
  return useApiQuery(
    manufacturingKeys.episode(episodeId),
    `/episodes/${episodeId}/manufacturing-orders`,
    ManufacturingEpisodeSchema
  );
}

/** Re-reads an episode's orders after a write answered with the changed order. */
export function useReloadManufacturing(episodeId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: manufacturingKeys.episode(episodeId) });
}

export function useMoveOrder(order: ManufacturingOrderView) {
  return useSubmit({
    send: (body: { status: ManufacturingStatus; at?: string }) =>
      apiSend('POST', `/manufacturing-orders/${order.id}/status`, body, ManufacturingOrderViewSchema),
    invalidate: [manufacturingKeys.episode(order.episodeId)],
  });
}

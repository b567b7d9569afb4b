// The manufacturing page's requests (ADR 0021: one hook per endpoint per feature).
import {
  ManufacturingEpisodeSchema,
  type ManufacturingOrderView,
  ManufacturingOrderViewSchema,
  type ManufacturingStatus,
} from '@engraft/domain';
import { ApiError, apiSend } from '../../api';
import { productKeys } from '../../components/products/api';
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

export function useMoveOrder(order: ManufacturingOrderView) {
  return useSubmit({
    send: (body: { status: ManufacturingStatus; at?: string }) =>
      apiSend('POST', `/manufacturing-orders/${order.id}/status`, body, ManufacturingOrderViewSchema),
    invalidate: [manufacturingKeys.episode(order.episodeId)],
  });
}

/**
 * A write of an order form. Invalid fields (400) go to the fields; a refusal (409: a CoI mismatch, a hand-over
 * earlier than the last one) is the form's one message, in the server's words. The episode's orders (and the
 * products, which a receipt creates) are read again.
 */
function useOrderWrite<V>(
  episodeId: string,
  send: (v: V) => Promise<ManufacturingOrderView>,
  onInvalid: (errors: Record<string, string>) => void
) {
  return useSubmit<V, ManufacturingOrderView>({
    send: async (v) => {
      try {
        return await send(v);
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) onInvalid(e.fieldErrors());
        throw e;
      }
    },
    invalidate: [manufacturingKeys.episode(episodeId), productKeys.all],
  });
}

export type OrderBody = Record<string, string>;

export function usePlaceOrder(episodeId: string, onInvalid: (errors: Record<string, string>) => void) {
  return useOrderWrite(
    episodeId,
    (body: OrderBody) =>
      apiSend('POST', `/episodes/${episodeId}/manufacturing-orders`, body, ManufacturingOrderViewSchema),
    onInvalid
  );
}

export function useRecordCustody(order: ManufacturingOrderView, onInvalid: (errors: Record<string, string>) => void) {
  return useOrderWrite(
    order.episodeId,
    (body: object) => apiSend('POST', `/manufacturing-orders/${order.id}/custody`, body, ManufacturingOrderViewSchema),
    onInvalid
  );
}

export function useReceiveProduct(order: ManufacturingOrderView, onInvalid: (errors: Record<string, string>) => void) {
  return useOrderWrite(
    order.episodeId,
    (body: object) => apiSend('POST', `/manufacturing-orders/${order.id}/receipt`, body, ManufacturingOrderViewSchema),
    onInvalid
  );
}

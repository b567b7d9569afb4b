// The cell products' requests shared by the lab pages and the patient page (ADR 0021: one hook per endpoint).
// Every answer about products is under the key prefix ['products'], so a write to a product refreshes the
// lab worklist, the episode's product list and the product's own page at once.
import { type Confirmation, type ProductDetail, ProductDetailSchema, ProductSchema } from '@engraft/domain';
import { z } from 'zod';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { type SubmitOptions, useSubmit } from '../../data/useSubmit';

export const productKeys = {
  all: ['products'] as const,
  worklist: ['products', 'worklist'] as const,
  detail: (productId: string) => ['products', 'detail', productId] as const,
  episode: (episodeId: string) => ['products', 'episode', episodeId] as const,
};

/** Sends with confirmations of implausible values (useConfirmations' withConfirmations). */
export type WithConfirmations = <T>(submit: (c: Confirmation[]) => Promise<T>) => Promise<T | null>;

/** A body with the reasons for implausible values, when there are any (the first attempt sends none). */
export const withReasons = (body: object, confirmations: Confirmation[]): object =>
  confirmations.length ? { ...body, confirmations } : body;

/** The products of an episode (patient page, Products tab). */
export function useEpisodeProducts(episodeId: string) {
  return useApiQuery(productKeys.episode(episodeId), `/episodes/${episodeId}/products`, z.array(ProductSchema));
}

/** Registers a product directly on an episode (a cord unit from a bank, a marrow harvest, a DLI). */
export function useRegisterProduct(
  episodeId: string,
  wc: WithConfirmations,
  extra: Pick<SubmitOptions<object, ProductDetail | null>, 'onFieldErrors' | 'onSaved'> = {}
) {
  return useSubmit<object, ProductDetail | null>({
    send: (body: object) =>
      wc((confirmations) =>
        apiSend('POST', `/episodes/${episodeId}/products`, withReasons(body, confirmations), ProductDetailSchema)
      ),
    invalidate: [productKeys.all],
    ...extra,
  });
}

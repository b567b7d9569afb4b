// The product lab pages' requests (ADR 0021: one hook per endpoint per feature). The keys are shared with the
// patient page's product list (components/products/api.ts), so a write here refreshes it too.
import { LabWorklistSchema, type ProductDetail, ProductDetailSchema } from '@engraft/domain';
import { apiSend } from '../../api';
import { productKeys, type WithConfirmations, withReasons } from '../../components/products/api';
import { useApiQuery } from '../../data/useApiQuery';
import { type SubmitOptions, useSubmit } from '../../data/useSubmit';

export { productKeys };

/** The lab's worklist: the centre's products not yet infused or discarded. */
export function useLabWorklist() {
  return useApiQuery(productKeys.worklist, '/products', LabWorklistSchema);
}

/** One product with its history, doses, release and label checks. */
export function useProduct(productId: string) {
  return useApiQuery(productKeys.detail(productId), `/products/${productId}`, ProductDetailSchema);
}

/** The lab's action endpoints on a product (POST /products/:id/<action>); each answers the changed product. */
export type ProductAction =
  | 'processing'
  | 'storage'
  | 'qc'
  | 'release-request'
  | 'release'
  | 'release-exception'
  | 'thaw'
  | 'ship'
  | 'receive'
  | 'discard-request'
  | 'discard'
  | 'discard-cancel';

type Extra = Pick<SubmitOptions<object, ProductDetail | null>, 'onFieldErrors' | 'onSaved'>;

/**
 * One action on a product. Counts go through `wc` (useConfirmations): an implausible value is sent again with
 * the user's reason; a cancelled confirmation resolves to null and sends nothing more.
 */
export function useProductAction(productId: string, action: ProductAction, wc: WithConfirmations | null, extra: Extra) {
  return useSubmit<object, ProductDetail | null>({
    send: (body) => {
      const post = (b: object) => apiSend('POST', `/products/${productId}/${action}`, b, ProductDetailSchema);
      return wc ? wc((confirmations) => post(withReasons(body, confirmations))) : post(body);
    },
    invalidate: [productKeys.all],
    ...extra,
  });
}

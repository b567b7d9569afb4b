// The product lab pages' requests (ADR 0021: one hook per endpoint per feature).
import { LabWorklistSchema } from '@engraft/domain';
import { useApiQuery } from '../../data/useApiQuery';

export const productKeys = {
  all: ['products'] as const,
  worklist: ['products', 'worklist'] as const,
};

/** The lab's worklist: the centre's products not yet infused or discarded. */
export function useLabWorklist() {
  return useApiQuery(productKeys.worklist, '/products', LabWorklistSchema);
}

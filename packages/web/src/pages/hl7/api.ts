// The hospital feed review's requests (ADR 0021: one hook per endpoint per feature).
import { type Hl7ReviewItem, Hl7ReviewItemSchema, Hl7ReviewListSchema } from '@engraft/domain';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export type ReviewStatus = 'open' | 'applied' | 'discarded';

export const hl7Keys = {
  all: ['hl7-review'] as const,
  list: (status: ReviewStatus) => ['hl7-review', status] as const,
};

export function useHl7ReviewList(status: ReviewStatus) {
  return useApiQuery(hl7Keys.list(status), `/hl7/review?status=${status}&limit=100`, Hl7ReviewListSchema);
}

export function useResolveHl7ReviewItem() {
  return useSubmit({
    send: (v: { item: Hl7ReviewItem; action: 'apply' | 'discard'; reason: string }) =>
      apiSend(
        'POST',
        `/hl7/review/${v.item.id}/resolution`,
        { action: v.action, reason: v.reason },
        Hl7ReviewItemSchema
      ),
    invalidate: [hl7Keys.all],
    success: (item) => (item.status === 'applied' ? 'Applied.' : 'Discarded.'),
  });
}

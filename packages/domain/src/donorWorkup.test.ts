import { describe, expect, it } from 'vitest';
import { DONOR_STATUSES, type DonorStatus } from './cellProducts';
import {
  collectionTransitionError,
  CollectionCreateSchema,
  DonorChooseSchema,
  DONOR_WORKUP_ORDER,
  donorTransitionError,
  nextDonorStatus,
} from './donorWorkup';

describe('donor work-up status machine', () => {
  it('moves one step forward at a time', () => {
    for (let i = 0; i + 1 < DONOR_WORKUP_ORDER.length; i++) {
      expect(donorTransitionError(DONOR_WORKUP_ORDER[i]!, DONOR_WORKUP_ORDER[i + 1]!)).toBeNull();
      expect(nextDonorStatus(DONOR_WORKUP_ORDER[i]!)).toBe(DONOR_WORKUP_ORDER[i + 1]);
    }
    expect(nextDonorStatus('collected')).toBeNull();
    expect(nextDonorStatus('cancelled')).toBeNull();
  });
  it('refuses skipping, going back and leaving a final state, with words', () => {
    expect(donorTransitionError('identified', 'workup')).toBe(
      'a donor at identified cannot move to work-up (next: confirmatory typing or cancelled)'
    );
    expect(donorTransitionError('workup', 'identified')).toMatch(/cannot move to identified/);
    expect(donorTransitionError('collected', 'cancelled')).toBe(
      'a donor at collected cannot move to cancelled (the work-up is over)'
    );
    expect(donorTransitionError('workup', 'workup')).toBe('the donor is already work-up');
  });
  it('allows cancelling from any status but collected (and cancelled)', () => {
    const all = Object.keys(DONOR_STATUSES) as DonorStatus[];
    expect(all.filter((s) => donorTransitionError(s, 'cancelled') === null)).toEqual([
      'identified',
      'confirmatory-typing',
      'workup',
      'medically-cleared',
      'collection-scheduled',
    ]);
  });
});

describe('collection status machine', () => {
  it('planned → in progress → complete | cancelled', () => {
    expect(collectionTransitionError('planned', 'in-progress')).toBeNull();
    expect(collectionTransitionError('in-progress', 'complete')).toBeNull();
    expect(collectionTransitionError('in-progress', 'cancelled')).toBeNull();
    expect(collectionTransitionError('complete', 'in-progress')).toBe(
      'a collection that is complete cannot become in progress (it is final)'
    );
    expect(collectionTransitionError('in-progress', 'planned')).toMatch(/next: complete, cancelled/);
  });
});

describe('schemas', () => {
  it('checks target order', () => {
    expect(CollectionCreateSchema.safeParse({ method: 'leukapheresis' }).success).toBe(true);
    expect(
      CollectionCreateSchema.safeParse({
        method: 'apheresis',
        recipientWeightKg: 70,
        targets: { minimum: 5, target: 4, maximum: null },
      }).success
    ).toBe(false);
  });
  it('validates a related donor', () => {
    expect(
      DonorChooseSchema.safeParse({ kind: 'related', relationship: 'sibling', match: 'hla-identical', aboRh: 'A+' })
        .success
    ).toBe(true);
    expect(
      DonorChooseSchema.safeParse({ kind: 'related', relationship: 'cousin', match: 'hla-identical' }).success
    ).toBe(false);
    expect(
      DonorChooseSchema.safeParse({ kind: 'related', relationship: 'sibling', match: 'hla-identical', aboRh: 'A' })
        .error?.issues[0]?.path
    ).toEqual(['aboRh']);
  });
});

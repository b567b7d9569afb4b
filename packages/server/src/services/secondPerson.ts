// The two-person steps of the product lab (release: issue 14, ADR 0011; discard: issue 13, ADR 0511), written once:
// the first person's request refuses a move the product cannot make and a second request while one is pending; the
// second person's confirmation refuses the move, a missing request, and anyone who is not a distinct natural person.
import type { ProductStatus } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { conflict } from '../errors';
import { refuseMove } from './productLabCommon';
import { assertDistinctPersons } from './twoPerson';

/** The pending first step: the requesting account, its name for messages, and the reason given (discard). */
export interface PendingFirst {
  requestedById: string | null;
  requestedBy: string | null;
  reason?: string;
}

export type LabTwoPersonStep = 'release' | 'discard';

const LAB: Record<
  LabTwoPersonStep,
  { to: ProductStatus; request: string; confirm: string; pending: (f: PendingFirst) => string; missing: string }
> = {
  release: {
    to: 'released',
    request: 'request release',
    confirm: 'release the product',
    pending: (f) => `release was already requested by ${f.requestedBy}; a different lab user confirms it`,
    missing: 'release has not been requested: a first lab user requests release, then a second one confirms it',
  },
  discard: {
    to: 'discarded',
    request: 'request a discard',
    confirm: 'discard the product',
    pending: (f) =>
      `a discard was already requested by ${f.requestedBy ?? 'another user'} (${f.reason}); a different lab user confirms or cancels it`,
    missing:
      'a discard has not been requested: a first lab user requests it with a reason, then a second, different lab user confirms it',
  },
};

/** First person: refuses (409) a move the product cannot make, then a request while another is pending. */
export function refuseSecondRequest(step: LabTwoPersonStep, status: ProductStatus, pending: PendingFirst | null): void {
  const s = LAB[step];
  refuseMove(status, s.to, s.request);
  if (pending) throw conflict(s.pending(pending), step);
}

/**
 * Second person: refuses (409) a move the product cannot make, a confirmation with no pending request, and a
 * confirmer who is not a distinct natural person from the requester (same account, or an account one created for
 * the other, or both created by one administrator, within the window). Returns the pending request.
 */
export async function confirmSecondPerson<P extends PendingFirst>(
  db: Queryable,
  step: LabTwoPersonStep,
  status: ProductStatus,
  pending: P | null,
  secondId: string | null
): Promise<P> {
  const s = LAB[step];
  refuseMove(status, s.to, s.confirm);
  if (!pending) throw conflict(s.missing, step);
  await assertDistinctPersons(db, pending.requestedById, secondId, step);
  return pending;
}

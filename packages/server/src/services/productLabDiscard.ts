// Two-person discard of a product: a request with its reason, confirmation by a different lab user, or withdrawal.
import { conflict } from '../errors';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import { productName, timeline } from './productLabCommon';
import { audit, labStep } from './productLabDetail';
import { confirmSecondPerson, refuseSecondRequest } from './secondPerson';

/** First person: a lab user asks for the product to be discarded, with the reason; the status does not change yet. */
export const requestDiscard = labStep<string>(async (c, reason, actor, clock) => {
  const p = c.product;
  refuseSecondRequest('discard', p.status, await labRepo.pendingDiscardRequest(c.tx, p.id));
  await productsRepo.insertProductEvent(c.tx, p.id, {
    kind: 'discard-requested',
    details: { reason },
    performedBy: actor.userId,
  });
  await timeline(c.tx, actor, p, clock.today, `Discard requested (awaiting a second person): ${productName(p)}`);
  await audit(c, actor, 'discard-request', { status: p.status }, { status: p.status, discardRequested: true }, reason);
});

/** Second person: a DIFFERENT lab user confirms the discard with their own reason; only now is the product discarded. */
export const confirmDiscard = labStep<string>(async (c, reason, actor, clock) => {
  const p = c.product;
  const pending = await confirmSecondPerson(
    c.tx,
    'discard',
    p.status,
    await labRepo.pendingDiscardRequest(c.tx, p.id),
    actor.userId
  );
  await labRepo.setStorage(c.tx, p.id, null);
  await productsRepo.moveProductStatus(c.tx, p.id, 'discarded', {
    kind: 'discarded',
    details: { reason, requestedBy: pending.requestedBy, requestReason: pending.reason, from: p.storage },
    performedBy: actor.userId,
  });
  await timeline(c.tx, actor, p, clock.today, `Product discarded (two people): ${productName(p)}`);
  await audit(
    c,
    actor,
    'discard',
    { status: p.status, storage: p.storage },
    { status: 'discarded', requestedBy: pending.requestedBy, requestReason: pending.reason },
    reason
  );
});

/** Withdraws a pending discard request (the requester or another lab user), with the reason. */
export const cancelDiscard = labStep<string>(async (c, reason, actor, clock) => {
  const p = c.product;
  const pending = await labRepo.pendingDiscardRequest(c.tx, p.id);
  if (!pending) throw conflict('no discard request is pending for this product', 'discard');
  await productsRepo.insertProductEvent(c.tx, p.id, {
    kind: 'discard-cancelled',
    details: { reason, requestedBy: pending.requestedBy, requestReason: pending.reason },
    performedBy: actor.userId,
  });
  await timeline(c.tx, actor, p, clock.today, `Discard request cancelled: ${productName(p)}`);
  await audit(
    c,
    actor,
    'discard-cancel',
    { discardRequested: true, requestReason: pending.reason },
    { discardRequested: false },
    reason
  );
});

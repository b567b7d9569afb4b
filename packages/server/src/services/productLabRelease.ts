// Release of a product with two signatures by two different lab users, and a physician's exceptional release
// despite a positive culture (ADR 0510).
import { conflict } from '../errors';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import { productName, refuseMove, timeline } from './productLabCommon';
import { audit, exceptionInForce, labStep, refuseBlocked } from './productLabDetail';
import { confirmSecondPerson, type PendingFirst, refuseSecondRequest } from './secondPerson';

/** First release signature: a lab user who reviewed the record asks for release. */
export const requestRelease = labStep<string | undefined>(async (c, note, actor, clock) => {
  const p = c.product;
  const requested = p.releaseRequestedBy ? { requestedById: null, requestedBy: p.releaseRequestedBy } : null;
  refuseSecondRequest('release', p.status, requested);
  refuseBlocked(p, await labRepo.listProductEvents(c.tx, p.id), clock, 'request release');
  await labRepo.setReleaseRequested(c.tx, p.id, actor.userId);
  await productsRepo.insertProductEvent(c.tx, p.id, {
    kind: 'release-requested',
    details: note ? { note } : {},
    performedBy: actor.userId,
  });
  await audit(c, actor, 'release-request', null, { status: p.status });
});

/** Second release signature: a DIFFERENT lab user confirms; the product becomes released. */
export const confirmRelease = labStep<string | undefined>(async (c, note, actor, clock) => {
  const p = c.product;
  const requestedById = await labRepo.releaseRequestedById(c.tx, p.id);
  const pending: PendingFirst | null = requestedById ? { requestedById, requestedBy: p.releaseRequestedBy } : null;
  await confirmSecondPerson(c.tx, 'release', p.status, pending, actor.userId);
  const events = await labRepo.listProductEvents(c.tx, p.id);
  refuseBlocked(p, events, clock, 'release the product');
  const exception = exceptionInForce(events);
  await labRepo.setReleased(c.tx, p.id, actor.userId);
  await productsRepo.moveProductStatus(c.tx, p.id, 'released', {
    kind: 'released',
    details: {
      requestedBy: p.releaseRequestedBy,
      sterility: p.sterility,
      ...(exception ? { exception } : {}),
      ...(note ? { note } : {}),
    },
    performedBy: actor.userId,
  });
  await timeline(c.tx, actor, p, clock.today, `Product released (two signatures): ${productName(p)}`);
  await audit(
    c,
    actor,
    'release',
    { status: p.status },
    { status: 'released', requestedBy: p.releaseRequestedBy, exception }
  );
});

/** A physician authorises release despite a positive culture, with the reason (ADR 0510). */
export const authoriseExceptionalRelease = labStep<string>(async (c, reason, actor, clock) => {
  const p = c.product;
  if (p.sterility !== 'positive') {
    throw conflict('an exceptional release is recorded only for a product with a positive sterility culture', 'reason');
  }
  refuseMove(p.status, 'released', 'authorise an exceptional release');
  await productsRepo.insertProductEvent(c.tx, p.id, {
    kind: 'release-exception',
    details: { reason },
    performedBy: actor.userId,
  });
  await timeline(
    c.tx,
    actor,
    p,
    clock.today,
    `Exceptional release authorised despite positive culture: ${productName(p)}`
  );
  await audit(c, actor, 'release-exception', null, { sterility: p.sterility }, reason);
});

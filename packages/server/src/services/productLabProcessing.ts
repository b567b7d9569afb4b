// Processing, storage, QC results and thaw of a product (ADR 0510): each one transaction with its product event,
// timeline line where it matters to the care team, and audit event.
import {
  countFindings,
  countOrderErrors,
  type CountKey,
  type Counts,
  processingFindings,
  thawFindings,
  PROCESSING_STEPS,
  type ProcessStep,
  type ProductStatus,
  QC_TESTS,
  type QcResult,
  type StorageLocation,
  type StoreInput,
  thawError,
  type ThawInput,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict, EngraftError } from '../errors';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import type { CentreActor } from './patients';
import {
  type LabClock,
  productName,
  refuseMove,
  timeline,
  dayOf,
  refuseFuture,
  countsOfProduct,
  given,
  refuseImpossible,
  confirm,
} from './productLabCommon';
import { act, audit } from './productLabDetail';

/** A processing step with its post-processing counts; cryopreservation freezes the product and stores it. */
export async function processStep(
  db: Database,
  actor: CentreActor,
  productId: string,
  input: ProcessStep,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    const cryo = input.step === 'cryopreservation';
    let to: ProductStatus = p.status;
    if (cryo) {
      if (!['collected', 'processing', 'stored'].includes(p.status)) {
        throw conflict(`cannot cryopreserve a product that is ${p.status}`, 'status');
      }
      if (p.cryopreserved) throw conflict('the product is already cryopreserved', 'step');
      if (p.status !== 'stored') refuseMove(p.status, 'stored', 'cryopreserve the product');
      to = 'stored';
    } else if (p.status !== 'processing') {
      refuseMove(p.status, 'processing', `record ${PROCESSING_STEPS[input.step].toLowerCase()}`);
      to = 'processing';
    }
    refuseFuture(input.performedAt, clock, 'performedAt', 'the processing time');
    const before = countsOfProduct(p);
    refuseImpossible({ ...before, ...given(input.counts) }, 'counts.');
    const checked = confirm(
      [...countFindings(p.kind, input.counts, 'counts.'), ...processingFindings(input.step, before, input.counts)],
      input.confirmations
    );
    await labRepo.updateCounts(c.tx, p.id, input.counts);
    if (cryo) await labRepo.setCryopreserved(c.tx, p.id);
    if (input.storage) await labRepo.setStorage(c.tx, p.id, input.storage);
    // The record changed after a first release signature: that signature no longer covers it.
    if (p.releaseRequestedBy) await labRepo.clearRelease(c.tx, p.id);
    const event = {
      kind: cryo ? 'cryopreserved' : 'processed',
      details: {
        step: input.step,
        counts: input.counts,
        ...(input.storage ? { storage: input.storage } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...checked.details,
      },
      performedBy: actor.userId,
      ...(input.performedAt ? { performedAt: input.performedAt } : {}),
    };
    if (to !== p.status) await productsRepo.moveProductStatus(c.tx, p.id, to, event);
    else await productsRepo.insertProductEvent(c.tx, p.id, event);
    if (cryo) {
      await timeline(c.tx, actor, p, dayOf(input.performedAt, clock), `Product cryopreserved: ${productName(p)}`);
    }
    const { confirmations: _c, ...recorded } = input;
    await audit(
      c,
      actor,
      'update',
      { status: p.status, counts: before },
      { status: to, ...recorded, ...checked.audit },
      checked.reason
    );
  });
}

const sameLocation = (a: StorageLocation | null, b: StorageLocation) =>
  a != null && a.freezer === b.freezer && a.rack === b.rack && a.box === b.box && a.position === b.position;

/** Puts a product in a storage location, or moves it there; a collected or processed product becomes stored. */
export async function store(db: Database, actor: CentreActor, productId: string, input: StoreInput, clock: LabClock) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    if (sameLocation(p.storage, input.location)) throw conflict('the product is already in that location', 'location');
    const details = { from: p.storage, to: input.location, ...(input.note ? { note: input.note } : {}) };
    if (p.status === 'stored' || p.status === 'released') {
      await labRepo.setStorage(c.tx, p.id, input.location);
      await productsRepo.insertProductEvent(c.tx, p.id, {
        kind: p.storage ? 'storage-move' : 'stored',
        details,
        performedBy: actor.userId,
      });
    } else {
      refuseMove(p.status, 'stored', 'store the product');
      await labRepo.setStorage(c.tx, p.id, input.location);
      await productsRepo.moveProductStatus(c.tx, p.id, 'stored', {
        kind: 'stored',
        details,
        performedBy: actor.userId,
      });
    }
    await audit(c, actor, 'update', { storage: p.storage, status: p.status }, { storage: input.location });
  });
}

/** A QC result; a sterility result sets the product's sterility. Results arriving after infusion are recorded too. */
export async function recordQc(db: Database, actor: CentreActor, productId: string, input: QcResult, clock: LabClock) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    refuseFuture(input.sampledAt, clock, 'sampledAt', 'the sampling time');
    const key: CountKey | null =
      input.value == null
        ? null
        : input.test === 'cd34'
          ? 'cd34Cells'
          : input.test === 'viability'
            ? 'viabilityPct'
            : null;
    let checked: ReturnType<typeof confirm> = { details: {}, audit: {}, reason: undefined };
    if (key) {
      const value = { [key]: input.value } as Counts;
      const order = countOrderErrors({ ...countsOfProduct(p), ...value });
      if (order.length) {
        throw new EngraftError(
          'invalid',
          `Impossible counts: ${order.map((e) => e.message).join('; ')}`,
          order.map((e) => ({ ...e, path: 'value' }))
        );
      }
      const findings = countFindings(p.kind, value).map((f) => ({ ...f, field: 'value' }));
      checked = confirm(findings, input.confirmations, () => key);
    }
    if (input.test === 'sterility' && input.outcome) await labRepo.setSterility(c.tx, p.id, input.outcome);
    if (input.test === 'viability' && input.value != null) {
      await labRepo.updateCounts(c.tx, p.id, { viabilityPct: input.value });
    }
    if (input.test === 'cd34' && input.value != null) {
      await labRepo.updateCounts(c.tx, p.id, { cd34Cells: input.value });
    }
    const { confirmations: _c, ...result } = input;
    await productsRepo.insertProductEvent(c.tx, p.id, {
      kind: 'qc',
      details: { ...result, ...checked.details },
      performedBy: actor.userId,
    });
    if (input.test === 'sterility' && input.outcome === 'positive') {
      await timeline(
        c.tx,
        actor,
        p,
        clock.today,
        `Positive sterility culture on ${productName(p)}${input.organism ? ` (${input.organism})` : ''}`
      );
    }
    await audit(
      c,
      actor,
      'update',
      { sterility: p.sterility },
      { qc: result, test: QC_TESTS[input.test], ...checked.audit },
      checked.reason
    );
  });
}

/** Thaws a released cryopreserved product, with the time and post-thaw counts. */
export async function thaw(db: Database, actor: CentreActor, productId: string, input: ThawInput, clock: LabClock) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    const why = thawError(p);
    if (why) throw conflict(`cannot thaw: ${why}`, 'status');
    refuseMove(p.status, 'thawed', 'thaw the product');
    refuseFuture(input.thawedAt, clock, 'thawedAt', 'the thaw time');
    const preFreeze = countsOfProduct(p);
    refuseImpossible(input.counts, 'counts.');
    const checked = confirm(
      [...countFindings(p.kind, input.counts, 'counts.'), ...thawFindings(preFreeze, input.counts)],
      input.confirmations
    );
    const thawedAt = input.thawedAt ?? clock.now;
    await labRepo.setStorage(c.tx, p.id, null);
    await productsRepo.moveProductStatus(c.tx, p.id, 'thawed', {
      kind: 'thawed',
      details: {
        thawedAt,
        counts: input.counts,
        from: p.storage,
        ...(input.note ? { note: input.note } : {}),
        ...checked.details,
      },
      performedBy: actor.userId,
      performedAt: thawedAt,
    });
    await timeline(c.tx, actor, p, dayOf(input.thawedAt, clock), `Product thawed: ${productName(p)}`);
    await audit(
      c,
      actor,
      'update',
      { status: p.status, counts: preFreeze },
      { status: 'thawed', thawedAt, counts: input.counts, ...checked.audit },
      checked.reason
    );
  });
}

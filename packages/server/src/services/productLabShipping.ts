// Shipping a product out and receiving it back, and the record of a printed label.
import { labelBarcodes } from '@engraft/clinical';
import {
  confirmedCountKeys,
  labelCheck,
  type ProductDetail,
  type ProductStatus,
  type StorageLocation,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict } from '../errors';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import type { CentreActor } from './patients';
import { type LabClock, refuseMove, defaultCollectionType } from './productLabCommon';
import { act, audit, exceptionInForce } from './productLabDetail';

export async function ship(
  db: Database,
  actor: CentreActor,
  productId: string,
  input: { destination: string; courier?: string | undefined; note?: string | undefined },
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    refuseMove(p.status, 'shipped', 'ship the product');
    await labRepo.setStorage(c.tx, p.id, null);
    await productsRepo.moveProductStatus(c.tx, p.id, 'shipped', {
      kind: 'shipped',
      details: { ...input, from: p.storage },
      performedBy: actor.userId,
    });
    await audit(c, actor, 'update', { status: p.status }, { status: 'shipped', destination: input.destination });
  });
}

/** Receives a shipped product back: frozen → stored, fresh → collected. Release signatures are cleared: this facility releases it again. */
export async function receive(
  db: Database,
  actor: CentreActor,
  productId: string,
  input: {
    condition: 'frozen' | 'fresh';
    from?: string | undefined;
    storage?: StorageLocation | undefined;
    note?: string | undefined;
  },
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    const to: ProductStatus = input.condition === 'frozen' ? 'stored' : 'collected';
    refuseMove(p.status, to, 'receive the product');
    await labRepo.clearRelease(c.tx, p.id);
    if (input.storage) await labRepo.setStorage(c.tx, p.id, input.storage);
    await productsRepo.moveProductStatus(c.tx, p.id, to, {
      kind: 'received',
      details: { ...input },
      performedBy: actor.userId,
    });
    await audit(c, actor, 'update', { status: p.status }, { status: to, ...input });
  });
}

/** Records that a label was printed (product event + audit) and returns what the label shows. */
export async function labelPrinted(
  db: Database,
  actor: CentreActor,
  productId: string,
  clock: LabClock
): Promise<ProductDetail> {
  return act(db, actor, productId, clock, async (c) => {
    // A label never carries a count nobody confirmed, nor a product the record blocks (issue 13, ADR 0511).
    const events = await labRepo.listProductEvents(c.tx, c.product.id);
    const check = labelCheck(c.product, {
      now: clock.now,
      exception: exceptionInForce(events),
      confirmedCounts: confirmedCountKeys(events),
    });
    if (!check.printable) throw conflict(`cannot print a label: ${check.blockers.join('; ')}`, 'label');
    const collectionType = (await labRepo.collectionTypeOf(c.tx, c.product.id)) ?? defaultCollectionType(c.episode);
    const codes = labelBarcodes({
      din: c.product.din,
      productCode: c.product.productCode,
      collectionType,
      division: c.product.division,
      expiresAt: c.product.expiresAt ? new Date(c.product.expiresAt) : null,
    });
    await productsRepo.insertProductEvent(c.tx, c.product.id, {
      kind: 'label-printed',
      details: { barcodes: codes },
      performedBy: actor.userId,
    });
    await audit(c, actor, 'print', null, { label: 'ISBT 128 product label', barcodes: codes });
  });
}

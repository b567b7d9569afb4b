// Reading products (the detail with history, doses and release check; an episode's products; the lab worklist)
// and running a lab action: one transaction that locks the product, changes it and answers it as it is now.
import { dinEyeReadable, labelBarcodes } from '@engraft/clinical';
import {
  confirmedCountKeys,
  labelCheck,
  type Product,
  type ProductDetail,
  type ProductStatus,
  productDoses,
  releaseCheck,
  type ProductEvent,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';
import { type LabClock, isAutologous, requireProduct, defaultCollectionType } from './productLabCommon';

/** A product as the lab page reads it (`@engraft/domain` `ProductDetailSchema`). */
export type { ProductDetail };

/** The exceptional release in force: a physician's authorisation recorded after the latest positive culture. */
export function exceptionInForce(events: ProductEvent[]): { reason: string; by: string | null } | null {
  let found: { reason: string; by: string | null } | null = null;
  for (const e of events) {
    if (e.kind === 'qc' && e.details.test === 'sterility' && e.details.outcome === 'positive') found = null;
    if (e.kind === 'release-exception') {
      found = { reason: typeof e.details.reason === 'string' ? e.details.reason : '', by: e.performedBy };
    }
  }
  return found;
}

export async function detailOf(
  tx: Queryable,
  actor: CentreActor,
  productId: string,
  clock: LabClock
): Promise<ProductDetail> {
  const { product, episode, patient } = await requireProduct(tx, actor, productId);
  const events = await labRepo.listProductEvents(tx, product.id);
  const collectionType = (await labRepo.collectionTypeOf(tx, product.id)) ?? defaultCollectionType(episode);
  const autologous = isAutologous(episode);
  const weight = patient.weightKg;
  const thaw = [...events].reverse().find((e) => e.kind === 'thawed');
  const thawCounts = (thaw?.details.counts ?? {}) as Record<string, number>;
  const ctx = { now: clock.now, exception: exceptionInForce(events), confirmedCounts: confirmedCountKeys(events) };
  const check = releaseCheck(product, ctx);
  const eye = dinEyeReadable(product.din);
  return {
    product: { ...product, collectionType },
    patient: {
      id: patient.id,
      mrn: patient.mrn,
      familyName: patient.familyName,
      givenName: patient.givenName,
      weightKg: weight,
      aboRh: patient.aboRh,
    },
    episode: { id: episode.id, type: episode.type },
    autologous,
    eyeReadable: { din: eye.text, checkCharacter: eye.checkCharacter },
    barcodes: labelBarcodes({
      din: product.din,
      productCode: product.productCode,
      collectionType,
      division: product.division,
      expiresAt: product.expiresAt ? new Date(product.expiresAt) : null,
    }),
    doses: weight ? productDoses(product, weight, autologous) : null,
    dosesNote: weight ? null : 'no weight is recorded for the recipient: doses per kg cannot be computed',
    postThaw: thaw
      ? {
          thawedAt: typeof thaw.details.thawedAt === 'string' ? thaw.details.thawedAt : thaw.performedAt,
          counts: thawCounts,
          doses: weight
            ? productDoses(
                {
                  kind: product.kind,
                  tncCells: thawCounts.tncCells ?? null,
                  cd34Cells: thawCounts.cd34Cells ?? null,
                  cd3Cells: thawCounts.cd3Cells ?? null,
                  carTCells: null,
                },
                weight,
                autologous
              )
            : null,
        }
      : null,
    release: {
      ...check,
      requestedBy: product.releaseRequestedBy,
      releasedBy: product.releasedBy,
      releasedAt: product.releasedAt,
    },
    label: labelCheck(product, ctx),
    discardRequest: await labRepo.pendingDiscardRequest(tx, product.id),
    events,
  };
}

/** A product with its history, per-kg doses and release check. Audited as a read of the patient's record. */
export async function getProductDetail(
  db: Database,
  actor: CentreActor,
  productId: string,
  clock: LabClock,
  opts: { audit?: boolean } = {}
): Promise<ProductDetail> {
  return db.transaction(async (tx) => {
    const d = await detailOf(tx, actor, productId, clock);
    if (opts.audit !== false) {
      await appendAudit(tx, actor, {
        action: 'read',
        entityType: 'product',
        entityId: productId,
        patientId: d.patient.id,
      });
    }
    return d;
  });
}

export async function listEpisodeProducts(db: Database, actor: CentreActor, episodeId: string): Promise<Product[]> {
  return db.transaction(async (tx) => {
    const { patient } = await requireEpisode(tx, actor, episodeId);
    const products = await productsRepo.listEpisodeProducts(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'products',
      entityId: episodeId,
      patientId: patient.id,
    });
    return products;
  });
}

/** The lab worklist of the centre: products in the given statuses (default: all but infused and discarded). */
export async function labWorklist(db: Database, actor: CentreActor, statuses: readonly ProductStatus[] | null) {
  return db.transaction(async (tx) => {
    const rows = await labRepo.labWorklist(tx, actor.centreId, statuses);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'product-worklist',
      after: { statuses, count: rows.length },
    });
    return rows.map((r) => ({ ...r, awaitingSecondSignature: r.releaseRequestedBy != null && r.releasedBy == null }));
  });
}

export type Ctx = Awaited<ReturnType<typeof requireProduct>> & { tx: Queryable };

/** Runs a lab action on a product in one transaction, then answers the product as it is now. */
export async function act(
  db: Database,
  actor: CentreActor,
  productId: string,
  clock: LabClock,
  fn: (c: Ctx) => Promise<void>
): Promise<ProductDetail> {
  return db.transaction(async (tx) => {
    await labRepo.lockProduct(tx, actor.centreId, productId);
    const c = await requireProduct(tx, actor, productId);
    await fn({ ...c, tx });
    return detailOf(tx, actor, productId, clock);
  });
}

/**
 * A lab step on one product, called as `(db, actor, productId, text, clock)` with the step's note or reason as `text`:
 * `step` runs in `act`'s transaction on the locked product; the product's detail after it.
 */
export const labStep =
  <T>(step: (c: Ctx, text: T, actor: CentreActor, clock: LabClock) => Promise<void>) =>
  (db: Database, actor: CentreActor, productId: string, text: T, clock: LabClock): Promise<ProductDetail> =>
    act(db, actor, productId, clock, (c) => step(c, text, actor, clock));

export const audit = (c: Ctx, actor: CentreActor, action: string, before: unknown, after: unknown, reason?: string) =>
  appendAudit(c.tx, actor, {
    action,
    entityType: 'product',
    entityId: c.product.id,
    patientId: c.patient.id,
    before,
    after,
    reason: reason ?? null,
  });

export function refuseBlocked(p: Product, events: ProductEvent[], clock: LabClock, what: string): void {
  const check = releaseCheck(p, {
    now: clock.now,
    exception: exceptionInForce(events),
    confirmedCounts: confirmedCountKeys(events),
  });
  if (!check.releasable) throw conflict(`cannot ${what}: ${check.blockers.join('; ')}`, 'release');
}

import { assertDistinctPersons } from './twoPerson';
import { checkCoi, checkDin, checkProductCode, dinEyeReadable, labelBarcodes } from '@engraft/clinical';
import {
  type Confirmation,
  confirmedCountKeys,
  confirmedMap,
  countFindings,
  countOrderErrors,
  type CountKey,
  type Counts,
  type Episode,
  type Finding,
  futureDateError,
  futureTimeError,
  labelCheck,
  mergeFindings,
  processingFindings,
  thawFindings,
  type Product,
  type ProductDetail,
  PRODUCT_KINDS,
  PROCESSING_STEPS,
  type ProcessStep,
  type ProductLabRegister,
  type ProductStatus,
  productDoses,
  productTransitionError,
  QC_TESTS,
  type QcResult,
  releaseCheck,
  type StorageLocation,
  type StoreInput,
  thawError,
  type ThawInput,
  type ProductEvent,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, notFound, requireConfirmations, unprocessable } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as episodesRepo from '../repo/episodes';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

// The processing laboratory's use cases (issue 7; ADR 0510): each is one transaction = the product change, its
// product_event (who/when), an episode timeline event where the step matters to the care team, and the audit event.

export interface LabClock {
  /** The centre's calendar day (YYYY-MM-DD) for timeline events. */
  today: string;
  /** Now, as an ISO date-time (expiry checks). */
  now: string;
}

/** ISBT 128 collection type when none was recorded: 1 "autologous use only" or V "volunteer allogeneic" (ST-001 Table 7). */
export function isAutologous(episode: Pick<Episode, 'type' | 'cellOrigin'>): boolean {
  return (
    episode.type === 'autologous-hct' ||
    episode.type === 'car-t' ||
    (episode.type === 'other-cell-therapy' && episode.cellOrigin === 'autologous')
  );
}
const defaultCollectionType = (episode: Pick<Episode, 'type' | 'cellOrigin'>): string =>
  isAutologous(episode) ? '1' : 'V';

/** "W9999 26 000001 K" plus division when divided: how people name a product in messages and on the timeline. */
export function productName(p: Pick<Product, 'din' | 'division' | 'description'>): string {
  const e = dinEyeReadable(p.din);
  return `${p.description} ${e.text} ${e.checkCharacter}${p.division === '00' ? '' : ` (division ${p.division})`}`;
}

async function requireProduct(tx: Queryable, actor: CentreActor, productId: string) {
  const product = await productsRepo.getProduct(tx, actor.centreId, productId);
  if (!product) throw notFound('product');
  const { episode, patient } = await requireEpisode(tx, actor, product.episodeId);
  return { product, episode, patient };
}

function refuseMove(from: ProductStatus, to: ProductStatus, what: string): void {
  const why = productTransitionError(from, to);
  if (why) throw conflict(`cannot ${what}: ${why}`, 'status');
}

async function timeline(tx: Queryable, actor: CentreActor, p: Product, date: string, label: string): Promise<void> {
  await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
    episodeId: p.episodeId,
    date,
    kind: 'product',
    label,
    recordedBy: actor.userId,
  });
}

const dayOf = (at: string | undefined, clock: LabClock) => (at ? at.slice(0, 10) : clock.today);

/** Refuses (422, naming the field) a time in the future beyond the clock skew. */
function refuseFuture(at: string | undefined, clock: LabClock, path: string, label: string): void {
  const why = futureTimeError(at, clock.now, label);
  if (why) throw unprocessable(path, why);
}

const countsOfProduct = (p: Product): Counts => ({
  volumeMl: p.volumeMl,
  tncCells: p.tncCells,
  cd34Cells: p.cd34Cells,
  cd3Cells: p.cd3Cells,
  carTCells: p.carTCells,
  viabilityPct: p.viabilityPct,
});
const given = (c: Counts): Counts => Object.fromEntries(Object.entries(c).filter(([, v]) => v != null));

/** Refuses (422) counts that would leave the record impossible: the new counts over the ones kept (CD34+ above TNC). */
function refuseImpossible(after: Counts, prefix: string): void {
  const errors = countOrderErrors(after, prefix);
  if (errors.length) {
    throw new EngraftError('invalid', `Impossible counts: ${errors.map((e) => e.message).join('; ')}`, errors);
  }
}

/**
 * Asks for confirmations of the findings (422 confirmation-required until each has a reason) and returns what
 * the product event and the audit event record: the confirmed counts by key and the confirmations themselves.
 */
function confirm(
  findings: Finding[],
  confirmations: Confirmation[] | undefined,
  keyOf?: (field: string) => CountKey | null
) {
  const used = requireConfirmations(mergeFindings(findings), confirmations);
  const confirmed = confirmedMap(used, keyOf);
  return {
    details: Object.keys(confirmed).length ? { confirmed } : {},
    audit: used.length
      ? {
          confirmations: used.map((c) => ({
            ...c,
            finding: findings
              .filter((f) => f.field === c.field)
              .map((f) => f.message)
              .join('; '),
          })),
        }
      : {},
    reason: used.length ? used.map((c) => `${c.field}: ${c.reason}`).join('; ') : undefined,
  };
}

// ---- Register ----

/** Checks the DIN, product code and CoI (ISBT 128, ICCBBA ST-001 v6.2.2); 422 with the field path when one fails. */
function checkIdentifiers(input: ProductLabRegister, collectionType: string): string {
  const din = checkDin({ din: input.din });
  if (!din.valid || !din.normalizedDin) throw unprocessable('din', `the DIN is not valid: ${din.errors.join('; ')}`);
  const code = checkProductCode({ productCode: `${input.productCode}${collectionType}${input.division}` });
  if (!code.valid) throw unprocessable('productCode', `the product code is not valid: ${code.errors.join('; ')}`);
  if (input.coi) {
    const coi = checkCoi({ coi: input.coi });
    if (!coi.valid) {
      throw unprocessable('coi', `the chain of identity identifier is not valid: ${coi.errors.join('; ')}`);
    }
  }
  return din.normalizedDin;
}

/** Registers a product directly on an episode (cord unit from a bank, marrow harvest, DLI …). */
export async function registerProduct(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: ProductLabRegister,
  clock: LabClock
): Promise<ProductDetail> {
  const id = await db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    const collectionType = input.collectionType ?? defaultCollectionType(episode);
    const din = checkIdentifiers(input, collectionType);
    const future = futureDateError(input.collectedOn, clock.today, 'the collection date');
    if (future) throw unprocessable('collectedOn', future);
    if (input.collectedOn && input.expiresAt && input.expiresAt.slice(0, 10) < input.collectedOn) {
      throw unprocessable(
        'expiresAt',
        `the expiry ${input.expiresAt.slice(0, 10)} is before the collection date ${input.collectedOn}`
      );
    }
    const checked = confirm(countFindings(input.kind, input), input.confirmations);
    const dupes = await productsRepo.findProductsByDin(tx, actor.centreId, din);
    if (dupes.some((d) => d.productCode === input.productCode && d.division === input.division)) {
      throw conflict(
        `a product with DIN ${dinEyeReadable(din).text}, product code ${input.productCode} and division ${input.division} is already registered; use another division for a split product`,
        'din'
      );
    }
    const { storage, collectionType: _ct, confirmations: _c, ...rest } = input;
    const description = input.description ?? PRODUCT_KINDS[input.kind];
    const product = await productsRepo.insertProduct(
      tx,
      actor.centreId,
      { patientId: patient.id, episodeId, status: input.cryopreserved ? 'stored' : 'collected' },
      { ...rest, din, description },
      actor.userId
    );
    await labRepo.setCollectionType(tx, product.id, collectionType);
    if (storage) await labRepo.setStorage(tx, product.id, storage);
    await productsRepo.insertProductEvent(tx, product.id, {
      kind: 'registered',
      details: {
        productCode: input.productCode,
        division: input.division,
        collectionType,
        ...(storage ? { storage } : {}),
        ...checked.details,
      },
      statusAfter: product.status,
      performedBy: actor.userId,
    });
    await timeline(tx, actor, product, clock.today, `Product registered: ${productName(product)}`);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'product',
      entityId: product.id,
      patientId: patient.id,
      after: { ...rest, din, collectionType, storage: storage ?? null, ...checked.audit },
      reason: checked.reason ?? null,
    });
    return product.id;
  });
  return getProductDetail(db, actor, id, clock, { audit: false });
}

// ---- Read ----

/** A product as the lab page reads it (`@engraft/domain` `ProductDetailSchema`). */
export type { ProductDetail };

/** The exceptional release in force: a physician's authorisation recorded after the latest positive culture. */
function exceptionInForce(events: ProductEvent[]): { reason: string; by: string | null } | null {
  let found: { reason: string; by: string | null } | null = null;
  for (const e of events) {
    if (e.kind === 'qc' && e.details.test === 'sterility' && e.details.outcome === 'positive') found = null;
    if (e.kind === 'release-exception') {
      found = { reason: typeof e.details.reason === 'string' ? e.details.reason : '', by: e.performedBy };
    }
  }
  return found;
}

async function detailOf(tx: Queryable, actor: CentreActor, productId: string, clock: LabClock): Promise<ProductDetail> {
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

// ---- Lab actions ----

type Ctx = Awaited<ReturnType<typeof requireProduct>> & { tx: Queryable };

/** Runs a lab action on a product in one transaction, then answers the product as it is now. */
async function act(
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

const audit = (c: Ctx, actor: CentreActor, action: string, before: unknown, after: unknown, reason?: string) =>
  appendAudit(c.tx, actor, {
    action,
    entityType: 'product',
    entityId: c.product.id,
    patientId: c.patient.id,
    before,
    after,
    reason: reason ?? null,
  });

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

function refuseBlocked(p: Product, events: ProductEvent[], clock: LabClock, what: string): void {
  const check = releaseCheck(p, {
    now: clock.now,
    exception: exceptionInForce(events),
    confirmedCounts: confirmedCountKeys(events),
  });
  if (!check.releasable) throw conflict(`cannot ${what}: ${check.blockers.join('; ')}`, 'release');
}

/** First release signature: a lab user who reviewed the record asks for release. */
export async function requestRelease(
  db: Database,
  actor: CentreActor,
  productId: string,
  note: string | undefined,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    refuseMove(p.status, 'released', 'request release');
    if (p.releaseRequestedBy) {
      throw conflict(
        `release was already requested by ${p.releaseRequestedBy}; a different lab user confirms it`,
        'release'
      );
    }
    refuseBlocked(p, await labRepo.listProductEvents(c.tx, p.id), clock, 'request release');
    await labRepo.setReleaseRequested(c.tx, p.id, actor.userId);
    await productsRepo.insertProductEvent(c.tx, p.id, {
      kind: 'release-requested',
      details: note ? { note } : {},
      performedBy: actor.userId,
    });
    await audit(c, actor, 'release-request', null, { status: p.status });
  });
}

/** Second release signature: a DIFFERENT lab user confirms; the product becomes released. */
export async function confirmRelease(
  db: Database,
  actor: CentreActor,
  productId: string,
  note: string | undefined,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    refuseMove(p.status, 'released', 'release the product');
    const requestedBy = await labRepo.releaseRequestedById(c.tx, p.id);
    if (!requestedBy) {
      throw conflict(
        'release has not been requested: a first lab user requests release, then a second one confirms it',
        'release'
      );
    }
    await assertDistinctPersons(c.tx, requestedBy, actor.userId, 'release');
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
}

/** A physician authorises release despite a positive culture, with the reason (ADR 0510). */
export async function authoriseExceptionalRelease(
  db: Database,
  actor: CentreActor,
  productId: string,
  reason: string,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    if (p.sterility !== 'positive') {
      throw conflict(
        'an exceptional release is recorded only for a product with a positive sterility culture',
        'reason'
      );
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

/** First person: a lab user asks for the product to be discarded, with the reason; the status does not change yet. */
export async function requestDiscard(
  db: Database,
  actor: CentreActor,
  productId: string,
  reason: string,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    refuseMove(p.status, 'discarded', 'request a discard');
    const pending = await labRepo.pendingDiscardRequest(c.tx, p.id);
    if (pending) {
      throw conflict(
        `a discard was already requested by ${pending.requestedBy ?? 'another user'} (${pending.reason}); a different lab user confirms or cancels it`,
        'discard'
      );
    }
    await productsRepo.insertProductEvent(c.tx, p.id, {
      kind: 'discard-requested',
      details: { reason },
      performedBy: actor.userId,
    });
    await timeline(c.tx, actor, p, clock.today, `Discard requested (awaiting a second person): ${productName(p)}`);
    await audit(
      c,
      actor,
      'discard-request',
      { status: p.status },
      { status: p.status, discardRequested: true },
      reason
    );
  });
}

/** Second person: a DIFFERENT lab user confirms the discard with their own reason; only now is the product discarded. */
export async function confirmDiscard(
  db: Database,
  actor: CentreActor,
  productId: string,
  reason: string,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
    const p = c.product;
    refuseMove(p.status, 'discarded', 'discard the product');
    const pending = await labRepo.pendingDiscardRequest(c.tx, p.id);
    if (!pending) {
      throw conflict(
        'a discard has not been requested: a first lab user requests it with a reason, then a second, different lab user confirms it',
        'discard'
      );
    }
    await assertDistinctPersons(c.tx, pending.requestedById, actor.userId, 'discard');
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
}

/** Withdraws a pending discard request (the requester or another lab user), with the reason. */
export async function cancelDiscard(
  db: Database,
  actor: CentreActor,
  productId: string,
  reason: string,
  clock: LabClock
) {
  return act(db, actor, productId, clock, async (c) => {
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
}

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

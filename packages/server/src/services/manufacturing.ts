import { checkCartDose, checkDin } from '@engraft/clinical';
import {
  coiFor,
  type CustodyEventCreate,
  type DoseCheck,
  isCommercialProduct,
  MANUFACTURING_FINAL,
  MANUFACTURING_STATUSES,
  MANUFACTURING_TRANSITIONS,
  type ManufacturingOrderCreate,
  type ManufacturingOrderView,
  type ManufacturingReceipt,
  type ManufacturingStatus,
  type ManufacturingStatusChange,
  manufacturingProductLabel,
  manufacturingTransitionError,
  normaliseCoi,
  PRODUCT_KINDS,
  veinToVein,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as episodesRepo from '../repo/episodes';
import * as repo from '../repo/manufacturing';
import { productJourney } from '../repo/productJourney';
import * as productsRepo from '../repo/products';
import { orderJourney } from './manufacturingJourney';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

// Cell-therapy manufacturing orders (issue 7; CAR-T US prescribing information; ICCBBA ST-001 v6.2.2 §2.4.40; 21 CFR 1271.290 and the CAR-T labels): order, status moves
// checked by @engraft/domain, chain-of-custody hand-overs in time order, and receipt of the final product,
// which must carry the order's Chain of Identity. Each write is one transaction with its audit event and a
// timeline event (kind 'manufacturing').

const CELL_THERAPY_TYPES = ['car-t', 'other-cell-therapy'];

export type { DoseCheck, ManufacturingOrderView };

const e6 = (n: number): string => `${(n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} ×10⁶`;
const dateOf = (isoTime: string): string => isoTime.slice(0, 10);

async function requireOrder(tx: Queryable, actor: CentreActor, orderId: string, forUpdate = false) {
  const order = await repo.getOrder(tx, actor.centreId, orderId, forUpdate);
  if (!order) throw notFound('manufacturing order');
  return { order, ...(await requireEpisode(tx, actor, order.episodeId)) };
}

/** The received dose against the label (commercial products, patient weight from the record). */
export function doseCheckOf(
  productName: string,
  doseCells: number | null,
  weightKg: number | null,
  targetDose: string | null
): DoseCheck | null {
  if (doseCells == null) return null;
  if (!isCommercialProduct(productName)) {
    return {
      withinLabel: null,
      message: `${e6(doseCells)} cells received; in-house / trial product: no label dose${targetDose ? ` (target: ${targetDose})` : ''}`,
    };
  }
  if (weightKg == null) {
    return {
      withinLabel: null,
      message: `${e6(doseCells)} cells received; no weight on the patient record, so the label dose was not checked`,
    };
  }
  // The label rule refuses a dose of 0 (issue 13): none received is out of the label, said as such.
  if (!(doseCells > 0)) {
    return { withinLabel: false, message: 'OUT OF LABEL RANGE: no CAR-positive viable T cells recorded as received' };
  }
  const r = checkCartDose({ product: productName, weightKg, doseCells });
  return {
    withinLabel: r.withinLabel,
    message: r.withinLabel ? `within label range: ${r.explanation}` : `OUT OF LABEL RANGE: ${r.explanation}`,
  };
}

async function viewOf(
  tx: Queryable,
  actor: CentreActor,
  order: repo.OrderRow,
  { patient, episode }: { patient: { id: string; weightKg: number | null }; episode: { actualDayZero: string | null } },
  today: string
): Promise<ManufacturingOrderView> {
  // One query at a time: a transaction holds one connection.
  const product = order.receivedProductId
    ? await productsRepo.getProduct(tx, actor.centreId, order.receivedProductId)
    : undefined;
  const collection = order.collectionId ? await repo.getCollection(tx, actor.centreId, order.collectionId) : undefined;
  const journey = orderJourney(
    order.status,
    await repo.statusEvents(tx, order.id),
    await repo.custodyEvents(tx, order.id, product?.id ?? null),
    product ?? null,
    product ? await productJourney(tx, product.id) : null
  );
  const at = (s: ManufacturingStatus): string | null => journey.history.find((h) => h.status === s)?.at ?? null;
  // Infusion: the product's 'infused' event; else the episode's actual day 0 once it is on or after the receipt.
  const receivedAt = at('received');
  const infusedEvent = product ? await repo.infusedAt(tx, product.id) : null;
  const dayZero =
    product && receivedAt && episode.actualDayZero && episode.actualDayZero >= dateOf(receivedAt)
      ? episode.actualDayZero
      : null;
  const infused = infusedEvent ?? dayZero;
  const collectionDay = collection?.firstDay ?? null;
  const orderCollected = at('collected');
  const collectedOn = collectionDay ?? (orderCollected ? dateOf(orderCollected) : null);
  const v = veinToVein({
    collectedOn,
    shippedOutOn: at('shipped-to-manufacturer'),
    receivedOn: receivedAt,
    infusedOn: infused ? dateOf(infused) : null,
    today,
  });
  return {
    ...order,
    patientId: patient.id,
    productLabel: manufacturingProductLabel(order.productName),
    commercial: isCommercialProduct(order.productName),
    // 'received' is reached by recording the receipt, not by a status button.
    status: journey.status,
    nextStatuses: MANUFACTURING_TRANSITIONS[journey.status].filter((s) => s !== 'received'),
    history: journey.history,
    custody: journey.custody,
    receivedProduct: product ?? null,
    doseCheck: product ? doseCheckOf(order.productName, product.carTCells, patient.weightKg, order.targetDose) : null,
    veinToVein: { ...v, collectedFrom: collectionDay ? 'collection' : orderCollected ? 'order' : null },
  };
}

/** The manufacturing page of an episode: who it is for, the leukapheresis collections to link, and the orders (newest first). */
export async function listOrders(db: Database, actor: CentreActor, episodeId: string, today: string) {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    const orders = await repo.listEpisodeOrders(tx, actor.centreId, episodeId);
    const views: ManufacturingOrderView[] = [];
    for (const o of orders) views.push(await viewOf(tx, actor, o, { patient, episode }, today));
    const collections = await repo.leukapheresisCollections(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'manufacturing-orders',
      entityId: episodeId,
      patientId: patient.id,
    });
    return {
      episode,
      patient: {
        id: patient.id,
        mrn: patient.mrn,
        familyName: patient.familyName,
        givenName: patient.givenName,
        weightKg: patient.weightKg,
      },
      collections,
      orders: views,
    };
  });
}

export async function getOrderView(
  db: Database,
  actor: CentreActor,
  orderId: string,
  today: string
): Promise<ManufacturingOrderView> {
  return db.transaction(async (tx) => {
    const { order, patient, episode } = await requireOrder(tx, actor, orderId);
    const view = await viewOf(tx, actor, order, { patient, episode }, today);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'manufacturing-order',
      entityId: orderId,
      patientId: patient.id,
    });
    return view;
  });
}

/**
 * Places an order on a CAR-T / cell-therapy episode and gives it its Chain of Identity: one assigned from the
 * centre's FIN and the year's sequence, or the manufacturer's / sponsor's (structure checked, unique). A linked
 * leukapheresis collection takes the same CoI (or must already carry it).
 */
export async function createOrder(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: ManufacturingOrderCreate,
  ctx: { fin: string; now: string; today: string }
): Promise<ManufacturingOrderView> {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    if (!CELL_THERAPY_TYPES.includes(episode.type)) {
      throw new EngraftError('invalid', 'manufacturing orders are placed on CAR-T or other cell-therapy episodes', [
        { path: 'episodeId', message: 'not a cell-therapy episode' },
      ]);
    }
    const commercial = isCommercialProduct(input.productName);
    if (episode.type === 'car-t' && !commercial && !input.manufacturer) {
      throw invalid('manufacturer', 'name the manufacturer (or trial sponsor) of an in-house / trial product');
    }
    const active = (await repo.listEpisodeOrders(tx, actor.centreId, episodeId)).find(
      (o) => !MANUFACTURING_FINAL.includes(o.status)
    );
    if (active) {
      throw conflict(
        `this episode already has an active order (CoI ${active.coi}, ${MANUFACTURING_STATUSES[active.status].toLowerCase()}): cancel it or let it finish before ordering again`
      );
    }
    const cellType = commercial ? 'T' : (episode.cellType ?? input.cellType);
    const cellOrigin = commercial ? 'autologous' : (episode.cellOrigin ?? input.cellOrigin);

    let collection: repo.CollectionRef | undefined;
    if (input.collectionId) {
      collection = await repo.getCollection(tx, actor.centreId, input.collectionId);
      if (!collection || collection.episodeId !== episodeId) {
        throw invalid('collectionId', 'that collection is not a collection of this episode');
      }
      if (collection.method !== 'leukapheresis') {
        throw invalid('collectionId', 'the starting material of a cell-therapy order is a leukapheresis collection');
      }
    }

    let coi: string;
    let coiSource: 'assigned' | 'external';
    if (input.coi) {
      coi = normaliseCoi(input.coi);
      coiSource = 'external';
      if (await repo.coiInUse(tx, coi)) {
        throw conflict(
          `CoI ${coi} is already used by another order: a Chain of Identity belongs to one therapy event`,
          'coi'
        );
      }
    } else {
      const year = Number(ctx.today.slice(0, 4));
      // Skip any number a manufacturer-given CoI under the same FIN already took.
      do coi = coiFor(ctx.fin, year, await repo.nextCoiSequence(tx, ctx.fin, year));
      while (await repo.coiInUse(tx, coi));
      coiSource = 'assigned';
    }
    if (collection?.coi && collection.coi !== coi) {
      throw conflict(
        `the collection already carries CoI ${collection.coi}, not ${coi}: one collection feeds one therapy event`,
        'collectionId'
      );
    }
    if (collection) await repo.setCollectionCoi(tx, collection.id, coi);

    const order = await repo.insertOrder(tx, actor.centreId, {
      episodeId,
      productName: input.productName,
      cellType,
      cellOrigin,
      manufacturer: input.manufacturer || null,
      coi,
      coiSource,
      collectionId: input.collectionId ?? null,
      slotOn: input.slotOn ?? null,
      targetDose: input.targetDose || null,
      userId: actor.userId,
    });
    const orderedAt = input.orderedAt ?? ctx.now;
    await repo.insertStatusEvent(tx, order.id, { status: 'ordered', at: orderedAt, note: null, userId: actor.userId });
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId,
      date: dateOf(orderedAt),
      kind: 'manufacturing',
      recordedBy: actor.userId,
      label: `Manufacturing ordered: ${manufacturingProductLabel(input.productName)}, CoI ${coi}`,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'manufacturing-order',
      entityId: order.id,
      patientId: patient.id,
      after: { ...input, coi, coiSource },
    });
    return viewOf(tx, actor, order, { patient, episode }, ctx.today);
  });
}

/** Moves the order one step (or cancels / fails it); the time may not be earlier than the previous status. */
export async function changeStatus(
  db: Database,
  actor: CentreActor,
  orderId: string,
  input: ManufacturingStatusChange,
  ctx: { now: string; today: string }
): Promise<ManufacturingOrderView> {
  return db.transaction(async (tx) => {
    const { order, patient, episode } = await requireOrder(tx, actor, orderId, true);
    if (input.status === 'received') {
      throw conflict(
        'an order becomes received when the final product is registered: record the receipt (with its CoI and DIN)',
        'status'
      );
    }
    const refused = manufacturingTransitionError(order.status, input.status);
    if (refused) throw conflict(refused, 'status');
    const at = input.at ?? ctx.now;
    const last = (await repo.statusEvents(tx, orderId)).at(-1);
    if (last && new Date(at) < new Date(last.at)) {
      throw conflict(
        `${MANUFACTURING_STATUSES[input.status].toLowerCase()} at ${at} would be earlier than the previous status (${MANUFACTURING_STATUSES[last.status].toLowerCase()} at ${last.at})`,
        'at'
      );
    }
    await repo.setOrderStatus(tx, orderId, input.status);
    await repo.insertStatusEvent(tx, orderId, {
      status: input.status,
      at,
      note: input.note || null,
      userId: actor.userId,
    });
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: order.episodeId,
      date: dateOf(at),
      kind: 'manufacturing',
      recordedBy: actor.userId,
      label: `Manufacturing: ${MANUFACTURING_STATUSES[input.status].toLowerCase()} (CoI ${order.coi})${input.note ? ` — ${input.note}` : ''}`,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'manufacturing-order',
      entityId: orderId,
      patientId: patient.id,
      before: { status: order.status },
      after: { status: input.status, at },
    });
    return viewOf(tx, actor, { ...order, status: input.status }, { patient, episode }, ctx.today);
  });
}

/** Records one hand-over; it may not be earlier than the previous hand-over of the order or its product. */
export async function addCustodyEvent(
  db: Database,
  actor: CentreActor,
  orderId: string,
  input: CustodyEventCreate,
  today: string
): Promise<ManufacturingOrderView> {
  return db.transaction(async (tx) => {
    const { order, patient, episode } = await requireOrder(tx, actor, orderId, true);
    if (order.status === 'cancelled') {
      throw conflict('the order is cancelled: no further custody hand-overs are recorded on it');
    }
    const previous = (await repo.custodyEvents(tx, orderId, order.receivedProductId)).at(-1);
    if (previous && new Date(input.handedAt) < new Date(previous.handedAt)) {
      throw conflict(
        `a custody event cannot be earlier than the previous one (${previous.fromParty} → ${previous.toParty} at ${previous.handedAt}); record hand-overs in the order they happened`,
        'handedAt'
      );
    }
    const productId = input.leg === 'return' ? order.receivedProductId : null;
    const id = await repo.insertCustodyEvent(tx, {
      orderId,
      productId,
      leg: input.leg,
      fromParty: input.fromParty,
      toParty: input.toParty,
      handedAt: input.handedAt,
      temperatureC: input.temperatureC ?? null,
      note: input.note || null,
      userId: actor.userId,
    });
    const temp = input.temperatureC == null ? '' : ` at ${input.temperatureC} °C`;
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: order.episodeId,
      date: dateOf(input.handedAt),
      kind: 'manufacturing',
      recordedBy: actor.userId,
      label: `Custody (CoI ${order.coi}): ${input.fromParty} → ${input.toParty}${temp}`,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'custody-event',
      entityId: id,
      patientId: patient.id,
      after: { orderId, ...input },
    });
    return viewOf(tx, actor, order, { patient, episode }, today);
  });
}

/**
 * Receives the final product: the CoI on the bag must be the order's (otherwise refused: do not accept it);
 * the DIN is checked (ISBT 128 ST-001); the product is registered as stored with the order and CoI, and the
 * dose is checked against the label with the patient's recorded weight.
 */
export async function receiveProduct(
  db: Database,
  actor: CentreActor,
  orderId: string,
  input: ManufacturingReceipt,
  ctx: { now: string; today: string }
): Promise<ManufacturingOrderView> {
  return db.transaction(async (tx) => {
    const { order, episode, patient } = await requireOrder(tx, actor, orderId, true);
    const scanned = normaliseCoi(input.coi);
    if (scanned !== order.coi) {
      throw conflict(
        `Chain of Identity mismatch: the product carries CoI ${scanned} but this order is ${order.coi}. Do not accept the product; quarantine it and call the manufacturer.`,
        'coi'
      );
    }
    if (order.status !== 'shipped-to-centre') {
      throw conflict(
        `only an order shipped to the centre can be received; this order is ${MANUFACTURING_STATUSES[order.status].toLowerCase()}`,
        'status'
      );
    }
    const din = checkDin({ din: input.din });
    if (!din.valid || !din.normalizedDin) throw invalid('din', din.explanation);
    if (
      (await productsRepo.findProductsByDin(tx, actor.centreId, din.normalizedDin)).some(
        (p) => p.productCode === input.productCode && p.division === input.division
      )
    ) {
      throw conflict(
        `a product ${din.normalizedDin} ${input.productCode} ${input.division} is already registered`,
        'din'
      );
    }
    const at = input.receivedAt ?? ctx.now;
    const last = (await repo.statusEvents(tx, orderId)).at(-1);
    if (last && new Date(at) < new Date(last.at)) {
      throw conflict(
        `the receipt at ${at} would be earlier than the previous status (${MANUFACTURING_STATUSES[last.status].toLowerCase()} at ${last.at})`,
        'receivedAt'
      );
    }
    if (input.kind === 'car-t' ? false : isCommercialProduct(order.productName)) {
      throw invalid('kind', 'a commercial CAR-T product is registered as CAR-T cells');
    }

    const product = await productsRepo.insertProduct(
      tx,
      actor.centreId,
      { patientId: patient.id, episodeId: episode.id, manufacturingOrderId: order.id, status: 'stored' },
      {
        din: din.normalizedDin,
        productCode: input.productCode,
        division: input.division,
        kind: input.kind,
        description: `${PRODUCT_KINDS[input.kind]}: ${manufacturingProductLabel(order.productName)}`.slice(0, 200),
        collectionId: order.collectionId ?? undefined,
        carTCells: input.carTCells,
        volumeMl: input.volumeMl,
        cryopreserved: input.cryopreserved,
        expiresAt: input.expiresAt,
        coi: order.coi,
      },
      actor.userId
    );
    await productsRepo.insertProductEvent(tx, product.id, {
      kind: 'received',
      details: { manufacturingOrderId: order.id, coi: order.coi, bags: input.bags },
      statusAfter: 'stored',
      performedBy: actor.userId,
      performedAt: at,
    });
    await repo.linkReturnCustody(tx, order.id, product.id);
    await repo.setOrderStatus(tx, orderId, 'received', { productId: product.id, bags: input.bags });
    await repo.insertStatusEvent(tx, orderId, { status: 'received', at, note: null, userId: actor.userId });
    const dose = doseCheckOf(order.productName, input.carTCells, patient.weightKg, order.targetDose);
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: order.episodeId,
      date: dateOf(at),
      kind: 'manufacturing',
      recordedBy: actor.userId,
      label: `Product received (DIN ${din.normalizedDin}, ${input.bags} bag${input.bags === 1 ? '' : 's'}), CoI ${order.coi} verified${dose?.withinLabel === false ? '; dose OUT OF LABEL RANGE' : ''}`,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'manufacturing-receipt',
      entityId: product.id,
      patientId: patient.id,
      after: {
        orderId,
        din: din.normalizedDin,
        productCode: input.productCode,
        division: input.division,
        carTCells: input.carTCells,
        bags: input.bags,
        withinLabel: dose?.withinLabel ?? null,
      },
    });
    return viewOf(
      tx,
      actor,
      { ...order, status: 'received', receivedProductId: product.id, receivedBags: input.bags },
      { patient, episode },
      ctx.today
    );
  });
}

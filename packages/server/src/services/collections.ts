import { apheresisProgress, checkDin, defaultApheresisTargets } from '@engraft/clinical';
import {
  COLLECTION_METHODS,
  COLLECTION_STATUSES,
  type Collection,
  type CollectionBag,
  type CollectionCreate,
  type CollectionDayCreate,
  type CollectionStatusChange,
  type CollectionMethod,
  collectionTransitionError,
  confirmedMap,
  countFindings,
  type CountKey,
  type Episode,
  futureDateError,
  type ProductKind,
  PRODUCT_KINDS,
  type Product,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict, invalid, notFound, requireConfirmations, unprocessable } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/collections';
import * as donorsRepo from '../repo/donors';
import * as episodesRepo from '../repo/episodes';
import * as patientsRepo from '../repo/patients';
import * as productsRepo from '../repo/products';
import { takesDonor } from './donors';
import { requireEpisode } from './episodeAccess';
import type { CentreActor } from './patients';

// Collections of an episode (issue 7; Duong HK et al., BBMT 2014;20:1262; ICCBBA ST-001 v6.2.2 §2.4.1; ADR 0500): bone marrow harvest,
// apheresis days with the cumulative CD34+/kg against the collection's targets, cord unit receipt,
// leukapheresis. A day may register its bag as a product in the same transaction.

/** A collection as the API answers it (`@engraft/domain` `CollectionSchema`). */
export type { Collection };

const withProgress = (c: repo.StoredCollection): Collection => {
  const t = c.targets;
  const progress =
    c.method === 'apheresis' && c.recipientWeightKg && t.minimum != null && t.target != null
      ? apheresisProgress({
          recipientWeightKg: c.recipientWeightKg,
          targets: { minimum: t.minimum, target: t.target, maximum: t.maximum },
          days: c.days.map((d) => ({ date: d.collectedOn, cd34Cells: d.cd34Cells })),
        })
      : null;
  return { ...c, progress };
};

async function requireCollection(
  tx: Queryable,
  actor: CentreActor,
  collectionId: string
): Promise<{ collection: repo.StoredCollection; episode: Episode }> {
  const collection = await repo.getCollection(tx, actor.centreId, collectionId);
  if (!collection) throw notFound('collection');
  return { collection, episode: await requireEpisode(tx, actor, collection.episodeId) };
}

const methodLabel = (m: keyof typeof COLLECTION_METHODS) => COLLECTION_METHODS[m].replace(/ \(HPC\)$/, '');

export async function createCollection(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: CollectionCreate,
  today: string
): Promise<Collection> {
  return db.transaction(async (tx) => {
    const episode = await requireEpisode(tx, actor, episodeId);
    let donorAboRh: string | null = null;
    if (takesDonor(episode)) {
      if (!input.donorId) throw invalid('donorId', 'choose the donor this collection is from');
      const donor = await donorsRepo.getDonor(tx, actor.centreId, input.donorId);
      if (!donor || donor.episodeId !== episodeId) {
        throw invalid('donorId', 'that donor is not chosen for this episode');
      }
      if (donor.status === 'cancelled') throw conflict(`${donor.displayName} is cancelled`, 'donorId');
      if ((input.method === 'cord-receipt') !== (donor.source === 'cord')) {
        throw invalid(
          'method',
          input.method === 'cord-receipt'
            ? 'a cord unit receipt is for a chosen cord unit'
            : 'a cord unit is received, not collected: use “cord blood unit receipt”'
        );
      }
      donorAboRh = donor.aboRh;
    } else {
      if (input.donorId) throw invalid('donorId', 'this episode uses the patient’s own cells: no donor');
      if (input.method === 'cord-receipt') throw invalid('method', 'a cord unit receipt is for allogeneic episodes');
    }
    const weight =
      input.recipientWeightKg ??
      (await patientsRepo.getPatient(tx, actor.centreId, episode.patientId))?.weightKg ??
      null;
    if (input.method === 'apheresis' && weight == null) {
      throw invalid(
        'recipientWeightKg',
        "give the recipient's weight: CD34+ doses are per kg (the patient has no recorded weight)"
      );
    }
    const targets =
      input.method === 'apheresis'
        ? (input.targets ??
          defaultApheresisTargets(takesDonor(episode) ? 'allogeneic' : 'autologous', { tandem: input.tandem }))
        : (input.targets ?? null);
    const id = await repo.insertCollection(
      tx,
      actor.centreId,
      episodeId,
      {
        donorId: input.donorId ?? null,
        method: input.method,
        mobilisation: input.mobilisation ?? null,
        plannedOn: input.plannedOn ?? null,
        recipientWeightKg: weight,
        targets,
      },
      actor.userId
    );
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId,
      date: input.plannedOn ?? today,
      kind: 'collection',
      label: `${methodLabel(input.method)} planned${input.mobilisation ? ` (${input.mobilisation})` : ''}`,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'collection',
      entityId: id,
      patientId: episode.patientId,
      after: { ...input, targets, donorAboRh },
    });
    return withProgress((await repo.getCollection(tx, actor.centreId, id))!);
  });
}

/** Validates and normalises a DIN (ISBT 128 ST-001 §2.4.1; ICCBBA ST-001 v6.2.2 §2.4.1): a wrong keyboard check character is refused. */
export function normalisedDin(din: string, path = 'product.din'): string {
  const r = checkDin({ din });
  if (!r.valid || !r.normalizedDin) throw invalid(path, `the DIN is not valid: ${r.errors.join('; ')}`);
  return r.normalizedDin;
}

async function registerBag(
  tx: Queryable,
  actor: CentreActor,
  episode: Episode,
  collection: repo.StoredCollection,
  day: { id: string; collectedOn: string; cd34Cells: number | null; tncCells: number | null },
  bag: CollectionBag,
  path: string,
  confirmed: Partial<Record<CountKey, string>> = {}
): Promise<Product> {
  const din = normalisedDin(bag.din, `${path}.din`);
  if (await repo.productExists(tx, din, bag.productCode, bag.division)) {
    throw conflict(`a product ${din} ${bag.productCode} division ${bag.division} is already registered`, `${path}.din`);
  }
  let aboRh: string | null = null;
  if (collection.donorId) aboRh = (await donorsRepo.getDonor(tx, actor.centreId, collection.donorId))?.aboRh ?? null;
  const product = await productsRepo.insertProduct(
    tx,
    actor.centreId,
    { patientId: episode.patientId, episodeId: episode.id },
    {
      din,
      productCode: bag.productCode,
      division: bag.division,
      kind: bag.kind,
      description: PRODUCT_KINDS[bag.kind],
      collectionId: collection.id,
      ...(collection.donorId ? { donorId: collection.donorId } : {}),
      collectedOn: day.collectedOn,
      ...(bag.volumeMl !== undefined ? { volumeMl: bag.volumeMl } : {}),
      ...(day.cd34Cells != null ? { cd34Cells: day.cd34Cells } : {}),
      ...(day.tncCells != null ? { tncCells: day.tncCells } : {}),
      ...(aboRh ? { aboRh } : {}),
      cryopreserved: false,
    },
    actor.userId
  );
  await repo.linkDayProduct(tx, day.id, product.id);
  await productsRepo.insertProductEvent(tx, product.id, {
    kind: 'registered',
    details: {
      collectionId: collection.id,
      collectedOn: day.collectedOn,
      ...(Object.keys(confirmed).length ? { confirmed } : {}),
    },
    statusAfter: 'collected',
    performedBy: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: 'create',
    entityType: 'product',
    entityId: product.id,
    patientId: episode.patientId,
    after: { din, productCode: bag.productCode, division: bag.division, kind: bag.kind, collectionId: collection.id },
  });
  return product;
}

const e6 = (x: number) => x.toFixed(2);

/** The product a collection makes when no bag says otherwise: the kind whose plausible counts the day is checked against. */
const KIND_OF_METHOD: Record<CollectionMethod, ProductKind> = {
  apheresis: 'hpc-apheresis',
  'bm-harvest': 'hpc-marrow',
  'cord-receipt': 'hpc-cord',
  leukapheresis: 'mnc-apheresis',
};

/**
 * Records a collection day (an apheresis day, the marrow harvest, the cord unit receipt, a leukapheresis) and,
 * when a bag is given, registers it as a product in the same transaction. A planned collection becomes in progress.
 */
export async function addCollectionDay(
  db: Database,
  actor: CentreActor,
  collectionId: string,
  input: CollectionDayCreate,
  today: string
): Promise<Collection> {
  return db.transaction(async (tx) => {
    const { collection, episode } = await requireCollection(tx, actor, collectionId);
    const future = futureDateError(input.collectedOn, today, 'the collection date');
    if (future) throw unprocessable('collectedOn', future);
    // Counts outside the plausible range of the bag's kind need a confirmation with a reason (issue 13, H-COUNT-7).
    const kind = input.product?.kind ?? KIND_OF_METHOD[collection.method];
    const used = requireConfirmations(
      countFindings(kind, { cd34Cells: input.cd34Cells ?? null, tncCells: input.tncCells ?? null }),
      input.confirmations
    );
    const { confirmations: _c, ...recorded } = input;
    if (collection.status === 'complete' || collection.status === 'cancelled') {
      throw conflict(
        `the collection is ${COLLECTION_STATUSES[collection.status].toLowerCase()}: no further day can be recorded`,
        'collectedOn'
      );
    }
    const dayId = await repo.insertCollectionDay(
      tx,
      collectionId,
      {
        collectedOn: input.collectedOn,
        processedVolumeL: input.processedVolumeL ?? null,
        cd34Cells: input.cd34Cells ?? null,
        tncCells: input.tncCells ?? null,
      },
      actor.userId
    );
    if (!dayId) throw conflict(`a collection day on ${input.collectedOn} is already recorded`, 'collectedOn');
    let product: Product | undefined;
    if (input.product) {
      product = await registerBag(
        tx,
        actor,
        episode,
        collection,
        {
          id: dayId,
          collectedOn: input.collectedOn,
          cd34Cells: input.cd34Cells ?? null,
          tncCells: input.tncCells ?? null,
        },
        input.product,
        'product',
        confirmedMap(used)
      );
    }
    if (collection.status === 'planned') {
      await repo.setCollectionStatus(tx, collectionId, 'in-progress', input.collectedOn);
    }
    const after = withProgress((await repo.getCollection(tx, actor.centreId, collectionId))!);
    const n = after.days.findIndex((d) => d.id === dayId) + 1;
    const dose = after.progress?.days.find((d) => d.date === input.collectedOn);
    const label =
      `${methodLabel(collection.method)}${collection.method === 'apheresis' ? ` day ${n}` : ''}` +
      (dose && dose.cd34PerKg != null
        ? `: CD34+ ${e6(dose.cd34PerKg)} ×10⁶/kg (cumulative ${e6(dose.cumulativePerKg)})`
        : '') +
      (product ? ` · bag ${product.din} ${product.productCode}` : '');
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: episode.id,
      date: input.collectedOn,
      kind: 'collection',
      label,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'collection-day',
      entityId: dayId,
      patientId: episode.patientId,
      after: { collectionId, ...recorded, ...(used.length ? { confirmations: used } : {}) },
      reason: used.length ? used.map((c) => `${c.field}: ${c.reason}`).join('; ') : null,
    });
    return after;
  });
}

/** Registers the bag of an already recorded day (the lab labels it later). */
export async function registerDayProduct(
  db: Database,
  actor: CentreActor,
  collectionId: string,
  dayId: string,
  input: CollectionBag
): Promise<Product> {
  return db.transaction(async (tx) => {
    const { collection, episode } = await requireCollection(tx, actor, collectionId);
    const day = collection.days.find((d) => d.id === dayId);
    if (!day) throw notFound('collection day');
    if (day.productId) throw conflict('this day’s bag is already registered', 'din');
    return registerBag(tx, actor, episode, collection, day, input, 'product');
  });
}

export async function changeCollectionStatus(
  db: Database,
  actor: CentreActor,
  collectionId: string,
  input: CollectionStatusChange
): Promise<Collection> {
  return db.transaction(async (tx) => {
    const { collection, episode } = await requireCollection(tx, actor, collectionId);
    const why = collectionTransitionError(collection.status, input.status);
    if (why) throw conflict(why, 'status');
    if (input.status === 'complete' && collection.days.length === 0) {
      throw conflict('record at least one collection day before completing the collection', 'status');
    }
    await repo.setCollectionStatus(tx, collectionId, input.status, input.on);
    const after = withProgress((await repo.getCollection(tx, actor.centreId, collectionId))!);
    const summary =
      input.status === 'complete' && after.progress
        ? `: CD34+ ${e6(after.progress.cumulativePerKg)} ×10⁶/kg in ${after.days.length} day(s)`
        : '';
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: episode.id,
      date: input.on,
      kind: 'collection',
      label: `${methodLabel(collection.method)} ${COLLECTION_STATUSES[input.status].toLowerCase()}${summary}`,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'collection',
      entityId: collectionId,
      patientId: episode.patientId,
      before: { status: collection.status },
      after: input,
    });
    return after;
  });
}

export async function listCollections(db: Database, actor: CentreActor, episodeId: string): Promise<Collection[]> {
  return db.transaction(async (tx) => {
    const episode = await requireEpisode(tx, actor, episodeId);
    const list = await repo.listEpisodeCollections(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'collections',
      entityId: episodeId,
      patientId: episode.patientId,
    });
    return list.map(withProgress);
  });
}

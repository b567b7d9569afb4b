// Registering a product directly on an episode (cord unit from a bank, marrow harvest, DLI …; ADR 0510).
import { dinEyeReadable } from '@engraft/clinical';
import {
  countFindings,
  futureDateError,
  type ProductDetail,
  PRODUCT_KINDS,
  type ProductLabRegister,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict, unprocessable } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as labRepo from '../repo/productLab';
import * as productsRepo from '../repo/products';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';
import {
  type LabClock,
  productName,
  timeline,
  confirm,
  defaultCollectionType,
  checkIdentifiers,
} from './productLabCommon';
import { getProductDetail } from './productLabDetail';

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

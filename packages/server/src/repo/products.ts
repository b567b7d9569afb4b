import {
  type Product,
  type ProductKind,
  type ProductRegister,
  type ProductStatus,
  type StorageLocation,
  mod37CheckOf,
} from '@engraft/domain';
import type { Queryable } from '../db/database';
import { dinRegisteredElsewhere } from '../errors';
import { iso } from './rows';

// Products (migration 0004): the shared table of every cell product. Status moves go through
// `moveProductStatus`, which writes the product event in the caller's transaction; services check the move
// with @engraft/domain `productTransitionError` first.

interface ProductRow {
  id: string;
  patient_id: string;
  episode_id: string;
  collection_id: string | null;
  donor_id: string | null;
  manufacturing_order_id: string | null;
  din: string;
  product_code: string;
  division: string;
  description: string;
  kind: ProductKind;
  status: ProductStatus;
  collected_on: string | null;
  volume_ml: string | null;
  tnc_cells: string | null;
  cd34_cells: string | null;
  cd3_cells: string | null;
  car_t_cells: string | null;
  viability_pct: string | null;
  sterility: Product['sterility'];
  abo_rh: string | null;
  cryopreserved: boolean;
  expires_at: Date | string | null;
  storage: StorageLocation | null;
  coi: string | null;
  release_requested_by_name: string | null;
  released_by_name: string | null;
  released_at: Date | string | null;
  created_at: Date | string;
}

const num = (v: string | number | null): number | null => (v == null ? null : Number(v));

export const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  patientId: r.patient_id,
  episodeId: r.episode_id,
  collectionId: r.collection_id,
  donorId: r.donor_id,
  manufacturingOrderId: r.manufacturing_order_id,
  din: r.din,
  dinCheckCharacter: mod37CheckOf(r.din),
  productCode: r.product_code,
  division: r.division,
  description: r.description,
  kind: r.kind,
  status: r.status,
  collectedOn: r.collected_on,
  volumeMl: num(r.volume_ml),
  tncCells: num(r.tnc_cells),
  cd34Cells: num(r.cd34_cells),
  cd3Cells: num(r.cd3_cells),
  carTCells: num(r.car_t_cells),
  viabilityPct: num(r.viability_pct),
  sterility: r.sterility,
  aboRh: r.abo_rh,
  cryopreserved: r.cryopreserved,
  expiresAt: r.expires_at == null ? null : iso(r.expires_at),
  storage: r.storage,
  coi: r.coi,
  releaseRequestedBy: r.release_requested_by_name,
  releasedBy: r.released_by_name,
  releasedAt: r.released_at == null ? null : iso(r.released_at),
  createdAt: iso(r.created_at),
});

const SELECT = `select p.*, rq.display_name as release_requested_by_name, rl.display_name as released_by_name
  from products p left join users rq on rq.id = p.release_requested_by left join users rl on rl.id = p.released_by`;

/** Inserts a product for an episode's patient; `din` must already be the normalised 13 characters. */
export async function insertProduct(
  db: Queryable,
  centreId: string,
  target: { patientId: string; episodeId: string; manufacturingOrderId?: string | null; status?: ProductStatus },
  p: ProductRegister & { description: string },
  userId: string | null
): Promise<Product> {
  // Every way a product enters the system comes through here: the check holds for all of them (ADR 0012).
  if (await dinRegisteredAtAnotherCentre(db, centreId, p.din, p.productCode, p.division)) {
    throw dinRegisteredElsewhere(p.din, p.productCode, p.division);
  }
  const rows = await db.query<{ id: string }>(
    `insert into products (centre_id, patient_id, episode_id, collection_id, donor_id, manufacturing_order_id, din, product_code, division,
       description, kind, status, collected_on, volume_ml, tnc_cells, cd34_cells, cd3_cells, car_t_cells, viability_pct, abo_rh,
       cryopreserved, expires_at, coi, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24) returning id`,
    [
      centreId,
      target.patientId,
      target.episodeId,
      p.collectionId ?? null,
      p.donorId ?? null,
      target.manufacturingOrderId ?? null,
      p.din,
      p.productCode,
      p.division,
      p.description,
      p.kind,
      target.status ?? 'collected',
      p.collectedOn ?? null,
      p.volumeMl ?? null,
      p.tncCells ?? null,
      p.cd34Cells ?? null,
      p.cd3Cells ?? null,
      p.carTCells ?? null,
      p.viabilityPct ?? null,
      p.aboRh ?? null,
      p.cryopreserved,
      p.expiresAt ?? null,
      p.coi ?? null,
      userId,
    ]
  );
  return (await getProduct(db, centreId, rows[0]!.id))!;
}

export async function getProduct(db: Queryable, centreId: string, id: string): Promise<Product | undefined> {
  const rows = await db.query<ProductRow>(`${SELECT} where p.centre_id = $1 and p.id = $2`, [centreId, id]);
  return rows[0] && toProduct(rows[0]);
}

/** Whether another centre registered this DIN with this product code and division (the answer names no centre). */
export async function dinRegisteredAtAnotherCentre(
  db: Queryable,
  centreId: string,
  din: string,
  productCode: string,
  division: string
): Promise<boolean> {
  const rows = await db.query(
    'select 1 from products where din = $1 and product_code = $2 and division = $3 and centre_id <> $4 limit 1',
    [din, productCode, division, centreId]
  );
  return rows.length > 0;
}

/** Every product (all divisions) carrying this DIN in the centre. */
export async function findProductsByDin(db: Queryable, centreId: string, din: string): Promise<Product[]> {
  const rows = await db.query<ProductRow>(
    `${SELECT} where p.centre_id = $1 and p.din = $2 order by p.product_code, p.division`,
    [centreId, din]
  );
  return rows.map(toProduct);
}

export async function listEpisodeProducts(db: Queryable, centreId: string, episodeId: string): Promise<Product[]> {
  const rows = await db.query<ProductRow>(
    `${SELECT} where p.centre_id = $1 and p.episode_id = $2 order by p.created_at, p.din, p.division`,
    [centreId, episodeId]
  );
  return rows.map(toProduct);
}

/** The products of many episodes in one statement, each episode's in listEpisodeProducts' order. */
export async function listProductsOfEpisodes(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[]
): Promise<Product[]> {
  const rows = await db.query<ProductRow>(
    `${SELECT} where p.centre_id = $1 and p.episode_id = any($2::uuid[]) order by p.created_at, p.din, p.division`,
    [centreId, episodeIds]
  );
  return rows.map(toProduct);
}

/** Sets the status (the caller has checked the move) and records the product event that made it. */
export async function moveProductStatus(
  db: Queryable,
  productId: string,
  to: ProductStatus,
  event: { kind: string; details?: Record<string, unknown>; performedBy: string | null; performedAt?: string }
): Promise<void> {
  await db.query('update products set status = $2, updated_at = now() where id = $1', [productId, to]);
  await insertProductEvent(db, productId, { ...event, statusAfter: to });
}

export async function insertProductEvent(
  db: Queryable,
  productId: string,
  event: {
    kind: string;
    details?: Record<string, unknown>;
    statusAfter?: ProductStatus | null;
    performedBy: string | null;
    performedAt?: string;
  }
): Promise<void> {
  await db.query(
    `insert into product_events (product_id, kind, details, status_after, performed_by, performed_at) values ($1,$2,$3,$4,$5,coalesce($6::timestamptz, now()))`,
    [
      productId,
      event.kind,
      JSON.stringify(event.details ?? {}),
      event.statusAfter ?? null,
      event.performedBy,
      event.performedAt ?? null,
    ]
  );
}

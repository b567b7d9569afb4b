import type { CollectionMethod, CollectionStatus } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso, numOrNull } from './rows';

// Collections and collection days (migrations 0004, 0005). Every query filters by centre.

interface CollectionRow {
  id: string;
  episode_id: string;
  donor_id: string | null;
  method: CollectionMethod;
  mobilisation: string | null;
  target_cd34_per_kg: string | number | null;
  min_cd34_per_kg: string | number | null;
  max_cd34_per_kg: string | number | null;
  recipient_weight_kg: string | number | null;
  status: CollectionStatus;
  status_on: string | null;
  planned_on: string | null;
  created_at: Date | string;
}

interface DayRow {
  id: string;
  collection_id: string;
  collected_on: string;
  processed_volume_l: string | number | null;
  cd34_cells: string | number | null;
  tnc_cells: string | number | null;
  product_id: string | null;
  din: string | null;
  product_code: string | null;
  division: string | null;
  recorded_by_name: string | null;
}

export interface StoredCollectionDay {
  id: string;
  collectedOn: string;
  processedVolumeL: number | null;
  cd34Cells: number | null;
  tncCells: number | null;
  productId: string | null;
  product: { din: string; productCode: string; division: string } | null;
  recordedBy: string | null;
}

export interface StoredCollection {
  id: string;
  episodeId: string;
  donorId: string | null;
  method: CollectionMethod;
  mobilisation: string | null;
  targets: { minimum: number | null; target: number | null; maximum: number | null };
  recipientWeightKg: number | null;
  status: CollectionStatus;
  statusOn: string | null;
  plannedOn: string | null;
  days: StoredCollectionDay[];
  createdAt: string;
}

const toDay = (r: DayRow): StoredCollectionDay => ({
  id: r.id,
  collectedOn: r.collected_on,
  processedVolumeL: numOrNull(r.processed_volume_l),
  cd34Cells: numOrNull(r.cd34_cells),
  tncCells: numOrNull(r.tnc_cells),
  productId: r.product_id,
  product: r.din ? { din: r.din, productCode: r.product_code!, division: r.division! } : null,
  recordedBy: r.recorded_by_name,
});

const toCollection = (r: CollectionRow, days: DayRow[]): StoredCollection => ({
  id: r.id,
  episodeId: r.episode_id,
  donorId: r.donor_id,
  method: r.method,
  mobilisation: r.mobilisation,
  targets: {
    minimum: numOrNull(r.min_cd34_per_kg),
    target: numOrNull(r.target_cd34_per_kg),
    maximum: numOrNull(r.max_cd34_per_kg),
  },
  recipientWeightKg: numOrNull(r.recipient_weight_kg),
  status: r.status,
  statusOn: r.status_on,
  plannedOn: r.planned_on,
  days: days.filter((d) => d.collection_id === r.id).map(toDay),
  createdAt: iso(r.created_at),
});

export interface CollectionInsert {
  donorId: string | null;
  method: CollectionMethod;
  mobilisation: string | null;
  plannedOn: string | null;
  recipientWeightKg: number | null;
  targets: { minimum: number; target: number; maximum: number | null } | null;
}

export async function insertCollection(
  db: Queryable,
  centreId: string,
  episodeId: string,
  c: CollectionInsert,
  userId: string | null
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into collections (centre_id, episode_id, donor_id, method, mobilisation, planned_on, recipient_weight_kg, min_cd34_per_kg, target_cd34_per_kg, max_cd34_per_kg, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning id`,
    [
      centreId,
      episodeId,
      c.donorId,
      c.method,
      c.mobilisation,
      c.plannedOn,
      c.recipientWeightKg,
      c.targets?.minimum ?? null,
      c.targets?.target ?? null,
      c.targets?.maximum ?? null,
      userId,
    ]
  );
  return rows[0]!.id;
}

export async function setCollectionStatus(
  db: Queryable,
  id: string,
  status: CollectionStatus,
  on: string
): Promise<void> {
  await db.query('update collections set status = $2, status_on = $3, updated_at = now() where id = $1', [
    id,
    status,
    on,
  ]);
}

const DAYS = `select cd.*, p.din, p.product_code, p.division, u.display_name as recorded_by_name
  from collection_days cd join collections c on c.id = cd.collection_id
  left join products p on p.id = cd.product_id left join users u on u.id = cd.recorded_by`;

export async function getCollection(
  db: Queryable,
  centreId: string,
  id: string
): Promise<StoredCollection | undefined> {
  const rows = await db.query<CollectionRow>('select * from collections where centre_id = $1 and id = $2', [
    centreId,
    id,
  ]);
  if (!rows[0]) return undefined;
  const days = await db.query<DayRow>(`${DAYS} where c.centre_id = $1 and c.id = $2 order by cd.collected_on`, [
    centreId,
    id,
  ]);
  return toCollection(rows[0], days);
}

export async function listEpisodeCollections(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<StoredCollection[]> {
  const rows = await db.query<CollectionRow>(
    'select * from collections where centre_id = $1 and episode_id = $2 order by created_at, id',
    [centreId, episodeId]
  );
  const days = await db.query<DayRow>(`${DAYS} where c.centre_id = $1 and c.episode_id = $2 order by cd.collected_on`, [
    centreId,
    episodeId,
  ]);
  return rows.map((r) => toCollection(r, days));
}

/** Inserts a collection day; undefined when the collection already has a day on that date. */
export async function insertCollectionDay(
  db: Queryable,
  collectionId: string,
  d: { collectedOn: string; processedVolumeL: number | null; cd34Cells: number | null; tncCells: number | null },
  userId: string | null
): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `insert into collection_days (collection_id, collected_on, processed_volume_l, cd34_cells, tnc_cells, recorded_by) values ($1,$2,$3,$4,$5,$6)
     on conflict (collection_id, collected_on) do nothing returning id`,
    [collectionId, d.collectedOn, d.processedVolumeL, d.cd34Cells, d.tncCells, userId]
  );
  return rows[0]?.id;
}

export async function linkDayProduct(db: Queryable, dayId: string, productId: string): Promise<void> {
  await db.query('update collection_days set product_id = $2 where id = $1', [dayId, productId]);
}

/** Whether a product with this DIN, product code and division already exists (in any centre: DINs are global). */
export async function productExists(
  db: Queryable,
  din: string,
  productCode: string,
  division: string
): Promise<boolean> {
  const rows = await db.query('select 1 from products where din = $1 and product_code = $2 and division = $3 limit 1', [
    din,
    productCode,
    division,
  ]);
  return rows.length > 0;
}

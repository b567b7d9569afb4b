import type { ManufacturingStatus } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';

// Manufacturing orders, their status history and chain-of-custody events (migrations 0004 and 0007).
// Every query filters by centre (custody and status events through their order).

export interface OrderRow {
  id: string;
  episodeId: string;
  productName: string;
  cellType: 'T' | 'B' | 'NK';
  cellOrigin: 'autologous' | 'allogeneic';
  manufacturer: string | null;
  coi: string;
  coiSource: 'assigned' | 'external';
  collectionId: string | null;
  slotOn: string | null;
  status: ManufacturingStatus;
  targetDose: string | null;
  receivedProductId: string | null;
  receivedBags: number | null;
  createdBy: string | null;
  createdAt: string;
}

interface DbOrder {
  id: string;
  episode_id: string;
  product_name: string;
  cell_type: OrderRow['cellType'];
  cell_origin: OrderRow['cellOrigin'];
  manufacturer: string | null;
  coi: string;
  coi_source: OrderRow['coiSource'];
  collection_id: string | null;
  slot_on: string | null;
  status: ManufacturingStatus;
  target_dose: string | null;
  received_product_id: string | null;
  received_bags: number | null;
  created_by_name: string | null;
  created_at: Date | string;
}

const dateOnly = (v: string | Date | null): string | null =>
  v == null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

const toOrder = (r: DbOrder): OrderRow => ({
  id: r.id,
  episodeId: r.episode_id,
  productName: r.product_name,
  cellType: r.cell_type,
  cellOrigin: r.cell_origin,
  manufacturer: r.manufacturer,
  coi: r.coi,
  coiSource: r.coi_source,
  collectionId: r.collection_id,
  slotOn: dateOnly(r.slot_on),
  status: r.status,
  targetDose: r.target_dose,
  receivedProductId: r.received_product_id,
  receivedBags: r.received_bags == null ? null : Number(r.received_bags),
  createdBy: r.created_by_name,
  createdAt: iso(r.created_at),
});

const SELECT = `select o.*, u.display_name as created_by_name from manufacturing_orders o left join users u on u.id = o.created_by`;

/** Draws the next CoI sequence number of a FIN and year (1, 2, …) in the caller's transaction. */
export async function nextCoiSequence(db: Queryable, fin: string, year: number): Promise<number> {
  const rows = await db.query<{ last_value: number }>(
    `insert into coi_sequences (fin, year, last_value) values ($1, $2, 1)
     on conflict (fin, year) do update set last_value = coi_sequences.last_value + 1 returning last_value`,
    [fin, year]
  );
  return Number(rows[0]!.last_value);
}

export async function coiInUse(db: Queryable, coi: string): Promise<boolean> {
  const rows = await db.query('select 1 from manufacturing_orders where coi = $1', [coi]);
  return rows.length > 0;
}

export async function insertOrder(
  db: Queryable,
  centreId: string,
  o: {
    episodeId: string;
    productName: string;
    cellType: string;
    cellOrigin: string;
    manufacturer: string | null;
    coi: string;
    coiSource: 'assigned' | 'external';
    collectionId: string | null;
    slotOn: string | null;
    targetDose: string | null;
    userId: string | null;
  }
): Promise<OrderRow> {
  const rows = await db.query<{ id: string }>(
    `insert into manufacturing_orders (centre_id, episode_id, product_name, cell_type, cell_origin, manufacturer, coi, coi_source, collection_id, slot_on, target_dose, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) returning id`,
    [
      centreId,
      o.episodeId,
      o.productName,
      o.cellType,
      o.cellOrigin,
      o.manufacturer,
      o.coi,
      o.coiSource,
      o.collectionId,
      o.slotOn,
      o.targetDose,
      o.userId,
    ]
  );
  return (await getOrder(db, centreId, rows[0]!.id))!;
}

export async function getOrder(
  db: Queryable,
  centreId: string,
  id: string,
  forUpdate = false
): Promise<OrderRow | undefined> {
  if (forUpdate) {
    await db.query('select id from manufacturing_orders where centre_id = $1 and id = $2 for update', [centreId, id]);
  }
  const rows = await db.query<DbOrder>(`${SELECT} where o.centre_id = $1 and o.id = $2`, [centreId, id]);
  return rows[0] && toOrder(rows[0]);
}

export async function listEpisodeOrders(db: Queryable, centreId: string, episodeId: string): Promise<OrderRow[]> {
  const rows = await db.query<DbOrder>(
    `${SELECT} where o.centre_id = $1 and o.episode_id = $2 order by o.created_at desc, o.id`,
    [centreId, episodeId]
  );
  return rows.map(toOrder);
}

export async function setOrderStatus(
  db: Queryable,
  orderId: string,
  status: ManufacturingStatus,
  received?: { productId: string; bags: number }
): Promise<void> {
  await db.query(
    `update manufacturing_orders set status = $2, received_product_id = coalesce($3, received_product_id), received_bags = coalesce($4, received_bags), updated_at = now() where id = $1`,
    [orderId, status, received?.productId ?? null, received?.bags ?? null]
  );
}

export interface StatusEventRow {
  status: ManufacturingStatus;
  at: string;
  note: string | null;
  recordedBy: string | null;
}

export async function insertStatusEvent(
  db: Queryable,
  orderId: string,
  e: { status: ManufacturingStatus; at: string; note: string | null; userId: string | null }
): Promise<void> {
  await db.query(
    'insert into manufacturing_status_events (order_id, status, status_at, note, recorded_by) values ($1,$2,$3,$4,$5)',
    [orderId, e.status, e.at, e.note, e.userId]
  );
}

export async function statusEvents(db: Queryable, orderId: string): Promise<StatusEventRow[]> {
  const rows = await db.query<{
    status: ManufacturingStatus;
    status_at: Date | string;
    note: string | null;
    recorded_by_name: string | null;
  }>(
    `select e.status, e.status_at, e.note, u.display_name as recorded_by_name from manufacturing_status_events e left join users u on u.id = e.recorded_by
     where e.order_id = $1 order by e.status_at, e.created_at`,
    [orderId]
  );
  return rows.map((r) => ({ status: r.status, at: iso(r.status_at), note: r.note, recordedBy: r.recorded_by_name }));
}

export interface CustodyRow {
  id: string;
  leg: 'outbound' | 'return';
  productId: string | null;
  fromParty: string;
  toParty: string;
  handedAt: string;
  temperatureC: number | null;
  note: string | null;
  recordedBy: string | null;
  createdAt: string;
}

/** The custody events of an order and of its received product, in time order. */
export async function custodyEvents(db: Queryable, orderId: string, productId: string | null): Promise<CustodyRow[]> {
  const rows = await db.query<{
    id: string;
    leg: CustodyRow['leg'];
    product_id: string | null;
    from_party: string;
    to_party: string;
    handed_at: Date | string;
    temperature_c: string | number | null;
    note: string | null;
    recorded_by_name: string | null;
    created_at: Date | string;
  }>(
    `select c.*, u.display_name as recorded_by_name from custody_events c left join users u on u.id = c.recorded_by
     where c.order_id = $1 or ($2::uuid is not null and c.product_id = $2::uuid) order by c.handed_at, c.created_at`,
    [orderId, productId]
  );
  return rows.map((r) => ({
    id: r.id,
    leg: r.leg,
    productId: r.product_id,
    fromParty: r.from_party,
    toParty: r.to_party,
    handedAt: iso(r.handed_at),
    temperatureC: r.temperature_c == null ? null : Number(r.temperature_c),
    note: r.note,
    recordedBy: r.recorded_by_name,
    createdAt: iso(r.created_at),
  }));
}

export async function insertCustodyEvent(
  db: Queryable,
  e: {
    orderId: string;
    productId: string | null;
    leg: string;
    fromParty: string;
    toParty: string;
    handedAt: string;
    temperatureC: number | null;
    note: string | null;
    userId: string | null;
  }
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into custody_events (order_id, product_id, leg, from_party, to_party, handed_at, temperature_c, note, recorded_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
    [e.orderId, e.productId, e.leg, e.fromParty, e.toParty, e.handedAt, e.temperatureC, e.note, e.userId]
  );
  return rows[0]!.id;
}

/** Binds the return-leg custody events of an order to the product that arrived. */
export async function linkReturnCustody(db: Queryable, orderId: string, productId: string): Promise<void> {
  await db.query(
    `update custody_events set product_id = $2 where order_id = $1 and leg = 'return' and product_id is null`,
    [orderId, productId]
  );
}

export interface CollectionRef {
  id: string;
  episodeId: string;
  method: string;
  coi: string | null;
  firstDay: string | null;
  plannedOn: string | null;
}

export async function getCollection(db: Queryable, centreId: string, id: string): Promise<CollectionRef | undefined> {
  const rows = await db.query<{
    id: string;
    episode_id: string;
    method: string;
    coi: string | null;
    first_day: string | Date | null;
    planned_on: string | Date | null;
  }>(
    `select c.id, c.episode_id, c.method, c.coi, c.planned_on, (select min(d.collected_on) from collection_days d where d.collection_id = c.id) as first_day
     from collections c where c.centre_id = $1 and c.id = $2`,
    [centreId, id]
  );
  const r = rows[0];
  return (
    r && {
      id: r.id,
      episodeId: r.episode_id,
      method: r.method,
      coi: r.coi,
      firstDay: dateOnly(r.first_day),
      plannedOn: dateOnly(r.planned_on),
    }
  );
}

/** The leukapheresis collections of an episode, for linking an order to its starting material. */
export async function leukapheresisCollections(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<CollectionRef[]> {
  const rows = await db.query<{ id: string }>(
    `select id from collections where centre_id = $1 and episode_id = $2 and method = 'leukapheresis' order by created_at`,
    [centreId, episodeId]
  );
  const out: CollectionRef[] = [];
  for (const r of rows) out.push((await getCollection(db, centreId, r.id))!);
  return out;
}

export async function setCollectionCoi(db: Queryable, collectionId: string, coi: string): Promise<void> {
  await db.query('update collections set coi = $2, updated_at = now() where id = $1 and coi is null', [
    collectionId,
    coi,
  ]);
}

/** When the product was infused (its 'infused' product event), if it was. */
export async function infusedAt(db: Queryable, productId: string): Promise<string | null> {
  const rows = await db.query<{ performed_at: Date | string }>(
    `select performed_at from product_events where product_id = $1 and (kind = 'infused' or status_after = 'infused') order by performed_at limit 1`,
    [productId]
  );
  return rows[0] ? iso(rows[0].performed_at) : null;
}

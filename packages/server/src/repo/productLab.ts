import type { Product, ProductCounts, ProductEvent, ProductStatus, StorageLocation } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';
import { toProduct } from './products';

// SQL of the processing laboratory (migration 0006 on top of 0004's products): counts, storage, sterility,
// release signatures, the product history and the lab worklist. Status moves use repo/products moveProductStatus.

interface EventRow {
  id: string;
  kind: string;
  details: Record<string, unknown> | string;
  status_after: string | null;
  performed_by_name: string | null;
  performed_at: Date | string;
}

/** Everything done to a product, oldest first, with who did it. */
export async function listProductEvents(db: Queryable, productId: string): Promise<ProductEvent[]> {
  const rows = await db.query<EventRow>(
    `select e.id, e.kind, e.details, e.status_after, u.display_name as performed_by_name, e.performed_at
       from product_events e left join users u on u.id = e.performed_by
      where e.product_id = $1 order by e.performed_at, e.created_at`,
    [productId]
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
    statusAfter: r.status_after,
    performedBy: r.performed_by_name,
    performedAt: iso(r.performed_at),
  }));
}

export async function collectionTypeOf(db: Queryable, productId: string): Promise<string | null> {
  const rows = await db.query<{ collection_type: string | null }>(
    'select collection_type from products where id = $1',
    [productId]
  );
  return rows[0]?.collection_type ?? null;
}

export async function setCollectionType(db: Queryable, productId: string, collectionType: string): Promise<void> {
  await db.query('update products set collection_type = $2 where id = $1', [productId, collectionType]);
}

/** Overwrites the counts given (post-processing values); counts not given are kept. */
export async function updateCounts(db: Queryable, productId: string, c: ProductCounts): Promise<void> {
  await db.query(
    `update products set volume_ml = coalesce($2, volume_ml), tnc_cells = coalesce($3, tnc_cells), cd34_cells = coalesce($4, cd34_cells),
       cd3_cells = coalesce($5, cd3_cells), viability_pct = coalesce($6, viability_pct), updated_at = now() where id = $1`,
    [productId, c.volumeMl ?? null, c.tncCells ?? null, c.cd34Cells ?? null, c.cd3Cells ?? null, c.viabilityPct ?? null]
  );
}

export async function setCryopreserved(db: Queryable, productId: string): Promise<void> {
  await db.query('update products set cryopreserved = true, updated_at = now() where id = $1', [productId]);
}

export async function setStorage(db: Queryable, productId: string, storage: StorageLocation | null): Promise<void> {
  await db.query('update products set storage = $2::jsonb, updated_at = now() where id = $1', [
    productId,
    storage == null ? null : JSON.stringify(storage),
  ]);
}

export async function setSterility(db: Queryable, productId: string, sterility: Product['sterility']): Promise<void> {
  await db.query('update products set sterility = $2, updated_at = now() where id = $1', [productId, sterility]);
}

export async function setReleaseRequested(db: Queryable, productId: string, userId: string | null): Promise<void> {
  await db.query(
    'update products set release_requested_by = $2, release_requested_at = now(), updated_at = now() where id = $1',
    [productId, userId]
  );
}

export async function releaseRequestedById(db: Queryable, productId: string): Promise<string | null> {
  const rows = await db.query<{ release_requested_by: string | null }>(
    'select release_requested_by from products where id = $1',
    [productId]
  );
  return rows[0]?.release_requested_by ?? null;
}

export async function setReleased(db: Queryable, productId: string, userId: string | null): Promise<void> {
  await db.query('update products set released_by = $2, released_at = now(), updated_at = now() where id = $1', [
    productId,
    userId,
  ]);
}

/** Clears the release signatures (a product leaves released: stored again, shipped, or its request went stale). */
export async function clearRelease(db: Queryable, productId: string): Promise<void> {
  await db.query(
    'update products set release_requested_by = null, release_requested_at = null, released_by = null, released_at = null, updated_at = now() where id = $1',
    [productId]
  );
}

export interface LabWorklistRow extends Product {
  collectionType: string | null;
  patient: { id: string; mrn: string; familyName: string; givenName: string };
  releaseRequestedAt: string | null;
}

/** Products of the centre in the given statuses (default: every status but infused and discarded), oldest first. */
export async function labWorklist(
  db: Queryable,
  centreId: string,
  statuses: readonly ProductStatus[] | null
): Promise<LabWorklistRow[]> {
  const rows = await db.query<
    Parameters<typeof toProduct>[0] & {
      collection_type: string | null;
      mrn: string;
      family_name: string;
      given_name: string;
      release_requested_at: Date | string | null;
    }
  >(
    `select p.*, rq.display_name as release_requested_by_name, rl.display_name as released_by_name, pt.mrn, pt.family_name, pt.given_name
       from products p
       join patients pt on pt.id = p.patient_id and pt.centre_id = p.centre_id
       left join users rq on rq.id = p.release_requested_by
       left join users rl on rl.id = p.released_by
      where p.centre_id = $1 and (case when $2::text[] is null then p.status not in ('infused', 'discarded') else p.status = any($2::text[]) end)
      order by p.created_at, p.din, p.division
      limit 500`,
    [centreId, statuses ? [...statuses] : null]
  );
  return rows.map((r) => ({
    ...toProduct(r),
    collectionType: r.collection_type,
    patient: { id: r.patient_id, mrn: r.mrn, familyName: r.family_name, givenName: r.given_name },
    releaseRequestedAt: r.release_requested_at == null ? null : iso(r.release_requested_at),
  }));
}

export interface DiscardRequest {
  requestedById: string | null;
  requestedBy: string | null;
  requestedAt: string;
  reason: string;
}

/** The pending discard request of a product: its latest discard event, when that is a request (issue 13, ADR 0511). */
export async function pendingDiscardRequest(db: Queryable, productId: string): Promise<DiscardRequest | null> {
  const rows = await db.query<{
    kind: string;
    performed_by: string | null;
    display_name: string | null;
    performed_at: Date | string;
    details: Record<string, unknown> | string;
  }>(
    `select e.kind, e.performed_by, u.display_name, e.performed_at, e.details
       from product_events e left join users u on u.id = e.performed_by
      where e.product_id = $1 and e.kind in ('discard-requested', 'discard-cancelled', 'discarded')
      order by e.performed_at desc, e.created_at desc limit 1`,
    [productId]
  );
  const r = rows[0];
  if (!r || r.kind !== 'discard-requested') return null;
  const details = typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details;
  return {
    requestedById: r.performed_by,
    requestedBy: r.display_name,
    requestedAt: iso(r.performed_at),
    reason: typeof details.reason === 'string' ? details.reason : '',
  };
}

/** Locks a product row of the centre for the rest of the transaction (lab actions run one at a time per product). */
export async function lockProduct(db: Queryable, centreId: string, productId: string): Promise<void> {
  await db.query('select id from products where id = $1 and centre_id = $2 for update', [productId, centreId]);
}

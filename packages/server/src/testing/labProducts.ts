import type { ProductRegister, ProductStatus } from '@engraft/domain';
import type { Database } from '../db/database';
import { insertProduct, moveProductStatus } from '../repo/products';

export interface LabProductState {
  /** The statuses the product is moved through, in order, each as an event by `labUserId`. */
  path: ProductStatus[];
  /** Registers the product and performs the moves. */
  labUserId: string;
  /** The sterility culture result to set (left pending when absent). */
  sterility?: 'negative' | 'positive';
  /** The two release signatures to set (none when absent). */
  release?: { requestedBy: string; releasedBy: string };
}

/**
 * A product as the processing lab would have left it, written to the database without the lab's API (for bedside,
 * infusion and two-person tests): registered for `owner`, moved along `state.path`, with the sterility and release
 * signatures given; its id and DIN.
 */
export async function labProduct(
  db: Database,
  centreId: string,
  owner: { patientId: string; episodeId: string },
  product: ProductRegister & { description: string },
  state: LabProductState
): Promise<{ id: string; din: string }> {
  const p = await insertProduct(db, centreId, owner, product, state.labUserId);
  for (const s of state.path) await moveProductStatus(db, p.id, s, { kind: s, performedBy: state.labUserId });
  if (state.sterility) await db.query('update products set sterility = $2 where id = $1', [p.id, state.sterility]);
  if (state.release) {
    await db.query(
      'update products set release_requested_by = $2, released_by = $3, released_at = now() where id = $1',
      [p.id, state.release.requestedBy, state.release.releasedBy]
    );
  }
  return { id: p.id, din: product.din };
}

/**
 * The body of a registration of an HPC, Apheresis bag (ISBT 128 product code S1295) through the lab's API: 250 mL,
 * 4 × 10^10 TNC, 3.5 × 10^8 CD34+ cells, 97 % viable, unless `over` says otherwise.
 */
export function apheresisBag(din: string, over: Partial<ProductRegister> = {}): Partial<ProductRegister> {
  return {
    din,
    productCode: 'S1295',
    kind: 'hpc-apheresis',
    volumeMl: 250,
    tncCells: 4e10,
    cd34Cells: 3.5e8,
    viabilityPct: 97,
    ...over,
  };
}

// A received CAR-T order after the receipt: its status follows the product (thawed, infused) and its chain of
// custody goes on past the lab — thaw, hand-over to the ward, bedside infusion — from the product, bedside check
// and infusion records (21 CFR 1271.290: each product is tracked to its final disposition, here the recipient).
import { type CustodyEvent, type ManufacturingStatus, orderStatusOfProduct } from '@engraft/domain';
import type { CustodyRow, StatusEventRow } from '../repo/manufacturing';
import type { ProductJourney } from '../repo/productJourney';

export const LAB = 'Cell therapy laboratory';
export const WARD = 'Ward (bedside)';

export interface OrderJourney {
  status: ManufacturingStatus;
  history: StatusEventRow[];
  custody: CustodyEvent[];
}

export function orderJourney(
  status: ManufacturingStatus,
  history: StatusEventRow[],
  recorded: CustodyRow[],
  product: { id: string; status: string } | null,
  journey: ProductJourney | null
): OrderJourney {
  const custody: CustodyEvent[] = recorded.map((c) => ({ ...c, source: 'hand-over' }));
  const current = orderStatusOfProduct(status, product?.status ?? null);
  if (!product || !journey || current === status) return { status, history, custody };
  const steps = [...history];
  const base = { leg: 'return' as const, productId: product.id, temperatureC: null };
  const { thaw, infusion } = journey;
  if (thaw) {
    steps.push({ status: 'thawed', at: thaw.at, note: null, recordedBy: thaw.by });
    custody.push({
      ...base,
      id: thaw.eventId,
      source: 'thaw',
      fromParty: `${LAB} (storage)`,
      toParty: `${LAB} (thawed)`,
      handedAt: thaw.at,
      note: 'Thawed for infusion',
      recordedBy: thaw.by,
      createdAt: thaw.at,
    });
  }
  if (infusion && current === 'infused') {
    const { check } = infusion;
    steps.push({ status: 'infused', at: infusion.startedAt, note: null, recordedBy: infusion.startedBy });
    custody.push(
      {
        ...base,
        id: check.id,
        source: 'ward',
        fromParty: LAB,
        toParty: WARD,
        handedAt: check.at,
        note: `Bag scanned at the bedside by ${check.by ?? 'unknown'}, confirmed by ${check.confirmedBy ?? 'unknown'}`,
        recordedBy: check.by,
        createdAt: check.at,
      },
      {
        ...base,
        id: infusion.id,
        source: 'infusion',
        fromParty: WARD,
        toParty: 'Patient (infused)',
        handedAt: infusion.startedAt,
        note: 'Bedside infusion started',
        recordedBy: infusion.startedBy,
        createdAt: infusion.startedAt,
      }
    );
  }
  // In the order of the chain (after the recorded hand-overs, which end with the receipt): a back-dated infusion
  // start may carry an earlier time than the check that was scanned at the bedside.
  return { status: current, history: steps, custody };
}

import { PRODUCT_KINDS, PRODUCT_STATUSES, type ProductKind, type ProductStatus } from '@engraft/domain';
import type { BiologicallyDerivedProduct } from 'fhir/r4';
import { ISBT_DIN, ISBT_PRODUCT_CODE, PRODUCT_KIND_SYSTEM, PRODUCT_STATUS_SYSTEM } from './systems';

export interface ProductRow {
  id: string;
  patient_id: string;
  donor_id: string | null;
  din: string;
  product_code: string;
  division: string;
  description: string;
  kind: ProductKind;
  status: ProductStatus;
  collected_on: string | null;
  cryopreserved: boolean;
  expires_at: string | null;
  updated_at: string;
}

/** Products that can still be given are `available` (FHIR R4 product-status); the others are not. */
const AVAILABLE: ReadonlySet<ProductStatus> = new Set([
  'collected',
  'processing',
  'stored',
  'released',
  'shipped',
  'thawed',
]);

/**
 * A cell product as FHIR R4 BiologicallyDerivedProduct (§8.x): the ISBT 128 DIN (ICCBBA ST-001, Data Structure
 * 001) as identifier, with the division; the product description code as `productCode`; Engraft's status as a
 * second coding; the collection date and source (the patient for autologous products).
 */
export function toBiologicallyDerivedProduct(r: ProductRow): BiologicallyDerivedProduct {
  return {
    resourceType: 'BiologicallyDerivedProduct',
    id: r.id,
    meta: { lastUpdated: r.updated_at },
    identifier: [{ system: ISBT_DIN, value: r.din }],
    productCategory: 'cells',
    productCode: {
      coding: [
        { system: ISBT_PRODUCT_CODE, code: r.product_code, display: r.description },
        { system: PRODUCT_KIND_SYSTEM, code: r.kind, display: PRODUCT_KINDS[r.kind] },
      ],
      text: `${r.description} (division ${r.division})`,
    },
    status: AVAILABLE.has(r.status) ? 'available' : 'unavailable',
    extension: [
      {
        url: PRODUCT_STATUS_SYSTEM,
        valueCoding: { system: PRODUCT_STATUS_SYSTEM, code: r.status, display: PRODUCT_STATUSES[r.status] },
      },
    ],
    quantity: 1,
    ...(r.collected_on || !r.donor_id
      ? {
          collection: {
            ...(r.donor_id ? {} : { source: { reference: `Patient/${r.patient_id}` } }),
            ...(r.collected_on ? { collectedDateTime: r.collected_on } : {}),
          },
        }
      : {}),
    ...(r.cryopreserved || r.expires_at
      ? {
          storage: [
            {
              ...(r.cryopreserved ? { description: 'cryopreserved' } : {}),
              ...(r.expires_at ? { duration: { end: r.expires_at } } : {}),
            },
          ],
        }
      : {}),
  };
}

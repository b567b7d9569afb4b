import type { Specimen } from 'fhir/r4';
import { ENGRAFT } from './systems';

export const COLLECTION_METHOD_SYSTEM = `${ENGRAFT}/CodeSystem/collection-method`;

export interface CollectionRow {
  id: string;
  patient_id: string;
  donor_id: string | null;
  method: string;
  mobilisation: string | null;
  status: 'planned' | 'in-progress' | 'complete' | 'cancelled';
  first_day: string | null;
  last_day: string | null;
  updated_at: string;
}

/**
 * A cell collection (apheresis, marrow harvest, cord receipt, leukapheresis) as FHIR R4 Specimen (§8.x): the
 * starting material the products are made from, collected over the period of its collection days. The subject
 * is the patient when the patient is the source (autologous, CAR-T); a donor's collection names no subject.
 */
export function toSpecimen(r: CollectionRow): Specimen {
  return {
    resourceType: 'Specimen',
    id: r.id,
    meta: { lastUpdated: r.updated_at },
    status: r.status === 'cancelled' ? 'unavailable' : 'available',
    type: { coding: [{ system: COLLECTION_METHOD_SYSTEM, code: r.method }], text: r.method },
    ...(r.donor_id ? {} : { subject: { reference: `Patient/${r.patient_id}` } }),
    ...(r.first_day
      ? {
          collection: {
            collectedPeriod: { start: r.first_day, ...(r.last_day ? { end: r.last_day } : {}) },
            ...(r.mobilisation ? { method: { text: r.mobilisation } } : {}),
          },
        }
      : {}),
  };
}

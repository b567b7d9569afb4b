// Answers of the mocked API for the product pages' component tests (shapes of @engraft/domain's views).
import type { LabWorklistRow, ProductDetail } from '@engraft/domain';

export const PRODUCT = '00000000-0000-4000-8000-0000000000b1';
export const PATIENT = '00000000-0000-4000-8000-0000000000a1';
export const EPISODE = '00000000-0000-4000-8000-0000000000e1';

type Event = ProductDetail['events'][number];
export const event = (n: number, kind: string, details: Record<string, unknown>, over: Partial<Event> = {}): Event => ({
  id: `00000000-0000-4000-8000-00000000030${n}`,
  kind,
  details,
  statusAfter: null,
  performedBy: 'Test lab',
  performedAt: `2026-12-0${n}T10:00:00.000Z`,
  ...over,
});

type Over = Omit<Partial<ProductDetail>, 'product'> & { product?: Partial<ProductDetail['product']> };

/** An autologous apheresis product of 100 mL, 3.5 ×10⁸ CD34+ for a 70 kg recipient, collected and not released. */
export function productDetail(over: Over = {}): ProductDetail {
  const { product, ...rest } = over;
  return {
    product: {
      id: PRODUCT,
      patientId: PATIENT,
      episodeId: EPISODE,
      collectionId: null,
      donorId: null,
      manufacturingOrderId: null,
      din: 'W999926000101',
      dinCheckCharacter: 'K',
      productCode: 'S1398',
      division: '00',
      description: 'HPC, Apheresis',
      kind: 'hpc-apheresis',
      status: 'collected',
      collectedOn: '2026-12-01',
      volumeMl: 100,
      tncCells: 4e10,
      cd34Cells: 3.5e8,
      cd3Cells: null,
      carTCells: null,
      viabilityPct: 96,
      sterility: 'pending',
      aboRh: 'A+',
      cryopreserved: false,
      expiresAt: null,
      storage: null,
      coi: null,
      releaseRequestedBy: null,
      releasedBy: null,
      releasedAt: null,
      createdAt: '2026-12-01T09:00:00.000Z',
      collectionType: '1',
      ...product,
    },
    patient: {
      id: PATIENT,
      mrn: 'SYN-100',
      familyName: 'ROWAN',
      givenName: 'Lab',
      weightKg: 70,
      aboRh: 'A+',
    },
    episode: { id: EPISODE, type: 'autologous-hct' },
    autologous: true,
    eyeReadable: { din: 'W9999 26 000101', checkCharacter: 'K' },
    barcodes: { din: '=W999926000101', productCode: '=<S139800', expiry: null, compound: '' },
    doses: [
      {
        measure: 'cd34',
        label: 'CD34+',
        value: 5,
        unit: '10^6/kg',
        adequate: true,
        explanation: '3.5 ×10⁸ CD34+ / 70 kg',
      },
    ],
    dosesNote: null,
    postThaw: null,
    release: {
      releasable: false,
      blockers: ['Sterility culture is pending.'],
      warnings: [],
      requestedBy: null,
      releasedBy: null,
      releasedAt: null,
    },
    label: { printable: false, blockers: ['No expiry date.'] },
    discardRequest: null,
    events: [event(1, 'registered', { productCode: 'S1398', collectionType: '1', division: '00' })],
    ...rest,
  };
}

/** Row n of the lab worklist: the product above with its own id and DIN, and the patient it is for. */
export function worklistRow(n: number, over: Partial<LabWorklistRow> = {}): LabWorklistRow {
  const { product, patient } = productDetail();
  return {
    ...product,
    id: `00000000-0000-4000-8000-00000000010${n}`,
    din: `W99992600010${n}`,
    patient: { id: patient.id, mrn: patient.mrn, familyName: patient.familyName, givenName: patient.givenName },
    releaseRequestedAt: null,
    awaitingSecondSignature: false,
    ...over,
  };
}

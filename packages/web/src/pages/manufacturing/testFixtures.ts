// Answers of the mocked API for the manufacturing page's component tests (shapes of @engraft/domain's views).
import type { CustodyEvent, ManufacturingEpisodeView, ManufacturingOrderView, Product } from '@engraft/domain';

export const EPISODE = '00000000-0000-4000-8000-0000000000e1';
export const PATIENT = '00000000-0000-4000-8000-0000000000a1';
export const ORDER = '00000000-0000-4000-8000-0000000000d1';
export const PRODUCT = '00000000-0000-4000-8000-0000000000b1';

const product: Product = {
  id: PRODUCT,
  patientId: PATIENT,
  episodeId: EPISODE,
  collectionId: null,
  donorId: null,
  manufacturingOrderId: ORDER,
  din: 'W999926000123',
  dinCheckCharacter: 'K',
  productCode: 'S1295',
  division: '00',
  description: 'CAR-T cells',
  kind: 'car-t',
  status: 'infused',
  collectedOn: null,
  volumeMl: 68,
  tncCells: null,
  cd34Cells: null,
  cd3Cells: null,
  carTCells: 1.5e8,
  viabilityPct: null,
  sterility: 'negative',
  aboRh: null,
  cryopreserved: true,
  expiresAt: null,
  storage: null,
  coi: 'CHW999926000001',
  releaseRequestedBy: 'Test lab',
  releasedBy: 'Test admin',
  releasedAt: '2026-03-14T09:00:00.000Z',
  createdAt: '2026-03-12T14:00:00.000Z',
};

export const custody = (
  source: CustodyEvent['source'],
  fromParty: string,
  toParty: string,
  handedAt: string,
  n: number
): CustodyEvent => ({
  id: `00000000-0000-4000-8000-00000000001${n}`,
  source,
  leg: 'return',
  productId: PRODUCT,
  fromParty,
  toParty,
  handedAt,
  temperatureC: null,
  note: null,
  recordedBy: 'Test nurse',
  createdAt: handedAt,
});

export const order = (over: Partial<ManufacturingOrderView> = {}): ManufacturingOrderView => ({
  id: ORDER,
  episodeId: EPISODE,
  patientId: PATIENT,
  productName: 'axicabtagene-ciloleucel',
  productLabel: 'Yescarta (axicabtagene ciloleucel) — LBCL, FL',
  commercial: true,
  cellType: 'T',
  cellOrigin: 'autologous',
  manufacturer: 'Kite',
  coi: 'CHW999926000001',
  coiSource: 'assigned',
  collectionId: null,
  slotOn: null,
  status: 'in-manufacturing',
  nextStatuses: ['shipped-to-centre', 'cancelled', 'manufacturing-failed'],
  targetDose: null,
  receivedProductId: null,
  receivedBags: null,
  createdBy: 'Test coordinator',
  createdAt: '2026-03-01T09:00:00.000Z',
  history: [
    { status: 'ordered', at: '2026-03-01T09:00:00.000Z', note: null, recordedBy: 'Test coordinator' },
    { status: 'in-manufacturing', at: '2026-03-04T09:00:00.000Z', note: null, recordedBy: 'Test coordinator' },
  ],
  custody: [],
  receivedProduct: null,
  doseCheck: null,
  veinToVein: {
    collectedOn: '2026-03-02',
    infusedOn: null,
    days: null,
    daysSoFar: 13,
    turnaroundDays: null,
    collectedFrom: 'order',
  },
  ...over,
});

export const infused = order({
  status: 'infused',
  nextStatuses: [],
  receivedProductId: PRODUCT,
  receivedBags: 1,
  receivedProduct: product,
  history: [
    { status: 'ordered', at: '2026-03-01T09:00:00.000Z', note: null, recordedBy: 'Test coordinator' },
    { status: 'received', at: '2026-03-12T14:00:00.000Z', note: null, recordedBy: 'Test lab' },
    { status: 'thawed', at: '2026-03-15T08:00:00.000Z', note: null, recordedBy: 'Test lab' },
    { status: 'infused', at: '2026-03-15T10:00:00.000Z', note: null, recordedBy: 'Test nurse' },
  ],
  custody: [
    custody('hand-over', 'Kite', 'Cell therapy laboratory', '2026-03-12T14:00:00.000Z', 1),
    custody(
      'thaw',
      'Cell therapy laboratory (storage)',
      'Cell therapy laboratory (thawed)',
      '2026-03-15T08:00:00.000Z',
      2
    ),
    custody('ward', 'Cell therapy laboratory', 'Ward (bedside)', '2026-03-15T09:50:00.000Z', 3),
    custody('infusion', 'Ward (bedside)', 'Patient (infused)', '2026-03-15T10:00:00.000Z', 4),
  ],
  veinToVein: { ...order().veinToVein, infusedOn: '2026-03-15', days: 13, daysSoFar: null },
});

export const page = (orders: ManufacturingOrderView[]): ManufacturingEpisodeView => ({
  episode: {
    id: EPISODE,
    patientId: PATIENT,
    diagnosisId: '00000000-0000-4000-8000-0000000000f9',
    type: 'car-t',
    cellType: null,
    cellOrigin: null,
    phase: 'infusion',
    plannedDayZero: '2026-03-15',
    actualDayZero: null,
    protocol: null,
    createdAt: '2026-02-01T09:00:00.000Z',
  },
  patient: { id: PATIENT, mrn: 'MFG-1', familyName: 'MAKER', givenName: 'Mo', weightKg: 80 },
  collections: [],
  orders,
});

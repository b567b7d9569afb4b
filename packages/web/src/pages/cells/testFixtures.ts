// Answers of the Donor & collection API as the server writes them, for the component tests.
import type { Collection, Donor, DonorHitSummary, DonorSearchSummary, EpisodeDonors } from '@engraft/domain';

export const EPISODE_ID = '00000000-0000-4000-8000-0000000000e1';
export const PATIENT_ID = '00000000-0000-4000-8000-0000000000a1';
export const SEARCH_ID = '00000000-0000-4000-8000-0000000000d5';
export const url = `/episodes/${EPISODE_ID}/cells`;
export const path = '/episodes/:episodeId/cells';

export function episodeDonors(over: Partial<EpisodeDonors> = {}): EpisodeDonors {
  return {
    episode: {
      id: EPISODE_ID,
      patientId: PATIENT_ID,
      diagnosisId: '00000000-0000-4000-8000-0000000000f1',
      type: 'allogeneic-hct',
      cellType: null,
      cellOrigin: null,
      phase: 'work-up',
      plannedDayZero: '2026-12-20',
      actualDayZero: null,
      protocol: null,
      createdAt: '2026-11-01T08:00:00.000Z',
    },
    patient: {
      id: PATIENT_ID,
      mrn: 'SYN-200',
      familyName: 'Marsh',
      givenName: 'Ada',
      aboRh: 'A+',
      weightKg: 70,
    },
    takesDonor: true,
    donors: [],
    today: '2026-12-06',
    ...over,
  };
}

export function donor(over: Partial<Donor> = {}): Donor {
  return {
    id: '00000000-0000-4000-8000-0000000000b1',
    episodeId: EPISODE_ID,
    source: 'related',
    relationship: 'sibling',
    matchGrade: 'hla-identical',
    registryDonorId: null,
    donorSearchId: null,
    displayName: 'Brother',
    hlaTyping: null,
    sex: 'male',
    birthDate: '1980-05-02',
    birthYear: 1980,
    aboRh: 'O+',
    cmv: 'negative',
    weightKg: 82,
    cordBank: null,
    cordTnc: null,
    cordCd34: null,
    status: 'medically-cleared',
    statusOn: '2026-12-01',
    history: [
      { status: 'identified', on: '2026-11-10', note: null, recordedBy: 'Test coordinator' },
      { status: 'medically-cleared', on: '2026-12-01', note: null, recordedBy: 'Test physician' },
    ],
    createdAt: '2026-11-10T08:00:00.000Z',
    ...over,
  };
}

/** An apheresis collection with one day of 3.5 ×10⁶ CD34+/kg for 70 kg (target 4, minimum 2). */
export function collection(over: Partial<Collection> = {}): Collection {
  return {
    id: '00000000-0000-4000-8000-0000000000c1',
    episodeId: EPISODE_ID,
    donorId: null,
    method: 'apheresis',
    mobilisation: 'G-CSF',
    targets: { minimum: 2, target: 4, maximum: 8 },
    recipientWeightKg: 70,
    status: 'in-progress',
    statusOn: '2026-12-05',
    plannedOn: '2026-12-05',
    days: [
      {
        id: '00000000-0000-4000-8000-0000000000c2',
        collectedOn: '2026-12-05',
        processedVolumeL: 18,
        cd34Cells: 245e6,
        tncCells: null,
        productId: null,
        product: null,
        recordedBy: 'Test nurse',
      },
    ],
    createdAt: '2026-12-05T08:00:00.000Z',
    progress: {
      recipientWeightKg: 70,
      targets: { minimum: 2, target: 4, maximum: 8 },
      days: [
        {
          date: '2026-12-05',
          cd34Cells: 245e6,
          cd34PerKg: 3.5,
          cumulativePerKg: 3.5,
          status: 'minimum reached',
        },
      ],
      cumulativePerKg: 3.5,
      remainingToMinimum: 0,
      remainingToTarget: 0.5,
      status: 'minimum reached',
      anotherDayNeeded: true,
      message: '3.50 ×10⁶ CD34+/kg collected; 0.50 more to the target',
    },
    ...over,
  };
}

export function search(over: Partial<DonorSearchSummary> = {}): DonorSearchSummary {
  return {
    id: SEARCH_ID,
    episodeId: EPISODE_ID,
    patientTyping: 'HLA-A*02:01+HLA-A*24:02',
    criteria: { loci: 10, maxMismatches: 2, donorKinds: ['adult'], referenceYear: 2026 },
    release: '3.58.0',
    total: 12,
    stored: 12,
    createdBy: 'Test hla',
    createdAt: '2026-12-02T09:00:00.000Z',
    ...over,
  };
}

export function hit(over: Partial<DonorHitSummary> = {}): DonorHitSummary {
  return {
    rank: 1,
    donorId: 'DKMS-0001',
    registry: 'DKMS',
    kind: 'adult',
    sex: 'F',
    age: 31,
    abo: 'A',
    rh: '+',
    cmv: 'neg',
    availability: 'available',
    mismatches: 0,
    potential: 0,
    loci: [],
    dpb1: 'permissive',
    cord: null,
    ...over,
  };
}

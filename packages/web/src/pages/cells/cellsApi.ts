// Shapes the donors and collections API answers (server services/donors.ts, services/collections.ts).
import type { CollectionMethod, CollectionStatus, Donor, Episode } from '@engraft/domain';

export interface DonorsAnswer {
  episode: Episode;
  patient: { id: string; mrn: string; familyName: string; givenName: string; aboRh: string; weightKg: number | null };
  takesDonor: boolean;
  donors: Donor[];
  today: string;
}

export type ApheresisStatus = 'below minimum' | 'minimum reached' | 'target reached' | 'above maximum';

export interface CollectionDay {
  id: string;
  collectedOn: string;
  processedVolumeL: number | null;
  cd34Cells: number | null;
  tncCells: number | null;
  productId: string | null;
  product: { din: string; productCode: string; division: string } | null;
  recordedBy: string | null;
}

export interface Progress {
  recipientWeightKg: number;
  targets: { minimum: number; target: number; maximum: number | null };
  days: {
    date: string;
    cd34Cells: number | null;
    cd34PerKg: number | null;
    cumulativePerKg: number;
    status: ApheresisStatus;
  }[];
  cumulativePerKg: number;
  remainingToMinimum: number;
  remainingToTarget: number;
  status: ApheresisStatus;
  anotherDayNeeded: boolean;
  message: string;
}

export interface Collection {
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
  days: CollectionDay[];
  progress: Progress | null;
  createdAt: string;
}

export interface SavedSearch {
  id: string;
  patientTyping: string;
  total: number;
  createdAt: string;
}

export interface SearchHit {
  rank: number;
  donorId: string;
  registry: string;
  kind: 'adult' | 'cord';
  sex: string | null;
  age: number | null;
  abo: string | null;
  rh: string | null;
  cmv: string | null;
  mismatches: number;
}

export const STATUS_COLOR: Record<ApheresisStatus, string> = {
  'below minimum': 'red',
  'minimum reached': 'orange',
  'target reached': 'teal',
  'above maximum': 'grape',
};

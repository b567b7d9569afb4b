// Shapes of API answers, built from the domain schemas the server validates against.
import type { Diagnosis, Episode, EpisodeEvent, Patient, SEXES } from '@engraft/domain';

export interface PatientListItem {
  id: string;
  mrn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  sex: (typeof SEXES)[number];
  episode: { id: string; type: string; phase: string; dayZero: string } | null;
}
export interface PatientList {
  /** Counted up to 1,000; `totalIsLowerBound` when there are more (show "1,000+"). */
  total: number;
  totalIsLowerBound: boolean;
  items: PatientListItem[];
  today: string;
}
export interface PatientRecord {
  patient: Patient;
  diagnoses: Diagnosis[];
  episodes: Episode[];
  events: EpisodeEvent[];
  today: string;
}

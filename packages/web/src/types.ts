// Shapes of API answers, built from the domain schemas the server validates against.
import type { Diagnosis, Episode, EpisodeEvent, Patient } from '@engraft/domain';

export type { PatientList, PatientListItem } from '@engraft/domain';
export interface PatientRecord {
  patient: Patient;
  diagnoses: Diagnosis[];
  episodes: Episode[];
  events: EpisodeEvent[];
  today: string;
}

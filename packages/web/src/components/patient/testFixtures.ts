// A patient record as the server answers GET /patients/:id, for the component tests.
import type { Diagnosis, Episode, PatientRecord } from '@engraft/domain';

export const PATIENT_ID = '00000000-0000-4000-8000-0000000000a1';
export const EPISODE_ID = '00000000-0000-4000-8000-0000000000e1';
export const DIAGNOSIS_ID = '00000000-0000-4000-8000-0000000000d1';

export const diagnosis: Diagnosis = {
  id: DIAGNOSIS_ID,
  patientId: PATIENT_ID,
  disease: 'AML',
  diagnosisDate: '2026-05-04',
  status: 'CR1',
  subtype: null,
  createdAt: '2026-05-05T08:00:00.000Z',
};

export function episode(over: Partial<Episode> = {}): Episode {
  return {
    id: EPISODE_ID,
    patientId: PATIENT_ID,
    diagnosisId: DIAGNOSIS_ID,
    type: 'allogeneic-hct',
    cellType: null,
    cellOrigin: null,
    phase: 'conditioning',
    plannedDayZero: '2026-12-10',
    actualDayZero: null,
    protocol: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    closure: null,
    ...over,
  };
}

export function patientRecord(over: Partial<PatientRecord> = {}): PatientRecord {
  return {
    patient: {
      id: PATIENT_ID,
      centreId: '00000000-0000-4000-8000-0000000000c1',
      mrn: 'SYN-300',
      familyName: 'Okafor',
      givenName: 'Ngozi',
      dateOfBirth: '1975-02-14',
      sex: 'female',
      aboRh: 'B+',
      weightKg: 64,
      heightCm: 168,
      createdAt: '2026-05-05T08:00:00.000Z',
      updatedAt: '2026-05-05T08:00:00.000Z',
    },
    diagnoses: [diagnosis],
    episodes: [episode()],
    events: [
      {
        id: '00000000-0000-4000-8000-0000000000f1',
        episodeId: EPISODE_ID,
        date: '2026-12-04',
        kind: 'admission',
        label: 'Admitted for conditioning',
        recordedBy: 'Test nurse',
        createdAt: '2026-12-04T08:00:00.000Z',
      },
    ],
    today: '2026-12-06',
    ...over,
  };
}

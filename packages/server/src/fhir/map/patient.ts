import type { Patient, Practitioner } from 'fhir/r4';
import { MRN_SYSTEM, USERNAME_SYSTEM, V2_0203 } from './systems';

export interface PatientRow {
  id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  date_of_birth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  updated_at: string;
}

/** FHIR R4 Patient (§8.1): the MRN as an `MR` identifier (v2 table 0203), name, gender, birth date. */
export function toPatient(r: PatientRow): Patient {
  return {
    resourceType: 'Patient',
    id: r.id,
    meta: { lastUpdated: r.updated_at },
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }] },
        system: MRN_SYSTEM,
        value: r.mrn,
      },
    ],
    active: true,
    name: [{ use: 'official', family: r.family_name, given: [r.given_name] }],
    // administrative-gender (R4 §4.4.1.5) has the same four codes as Engraft's sex.
    gender: r.sex,
    birthDate: r.date_of_birth,
  };
}

export interface PractitionerRow {
  id: string;
  username: string;
  display_name: string;
  disabled: boolean;
}

/** FHIR R4 Practitioner (§8.4): a member of staff of the centre, by display name and username; nothing else. */
export function toPractitioner(r: PractitionerRow): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: r.id,
    identifier: [{ system: USERNAME_SYSTEM, value: r.username }],
    active: !r.disabled,
    name: [{ text: r.display_name }],
  };
}

import type { GradeRow } from '../fhir/map/observation';
import type { EpisodeRecord } from '../registries/episodeRecord';

// A synthetic episode record for the mapping tests (no real patient): an allogeneic HCT with day 0 on 2026-01-10.

export const PATIENT = '11111111-1111-4111-8111-111111111111';
export const EPISODE = '22222222-2222-4222-8222-222222222222';
export const DAY_ZERO = '2026-01-10';

let n = 0;
export function grade(kind: GradeRow['grade_kind'], on: string, value: number | string): GradeRow {
  n += 1;
  const id = `33333333-3333-4333-8333-${String(n).padStart(12, '0')}`;
  const part = typeof value === 'number' ? { grade: value, ruleId: `${kind}-rule` } : { severity: value };
  return {
    id,
    patient_id: PATIENT,
    episode_id: EPISODE,
    grade_kind: kind,
    assessed_on: on,
    result: kind === 'crs' || kind === 'icans' ? { [kind]: part } : part,
    updated_at: `${on}T12:00:00.000Z`,
  };
}

export function alloRecord(overrides: Partial<EpisodeRecord> = {}): EpisodeRecord {
  return {
    patient: {
      id: PATIENT,
      mrn: 'SYN-000123',
      family_name: 'Synthetic',
      given_name: 'Ada',
      date_of_birth: '1970-05-04',
      sex: 'female',
      updated_at: '2026-01-01T00:00:00.000Z',
    },
    diagnosis: {
      id: '44444444-4444-4444-8444-444444444444',
      patient_id: PATIENT,
      disease: 'AML',
      diagnosis_date: '2025-09-01',
      status: 'CR1',
      subtype: 'NPM1 mutated',
      created_at: '2025-09-02T00:00:00.000Z',
    },
    episode: {
      id: EPISODE,
      patient_id: PATIENT,
      diagnosis_id: '44444444-4444-4444-8444-444444444444',
      type: 'allogeneic-hct',
      phase: 'early-follow-up',
      planned_day_zero: DAY_ZERO,
      actual_day_zero: DAY_ZERO,
      created_at: '2025-10-01T00:00:00.000Z',
      updated_at: '2026-01-10T00:00:00.000Z',
      closed_on: null,
    },
    donor: { source: 'unrelated', relationship: null, matchGrade: '8/8', sex: 'male', cmv: 'negative' },
    products: [
      {
        id: '55555555-5555-4555-8555-555555555555',
        patient_id: PATIENT,
        donor_id: '66666666-6666-4666-8666-666666666666',
        din: 'W000026000001',
        product_code: 'S1295',
        division: '00',
        description: 'HPC, Apheresis',
        kind: 'hpc-apheresis',
        status: 'infused',
        collected_on: '2026-01-09',
        cryopreserved: false,
        expires_at: null,
        updated_at: '2026-01-10T10:00:00.000Z',
      },
    ],
    infusions: [
      {
        id: '77777777-7777-4777-8777-777777777777',
        patient_id: PATIENT,
        product_id: '55555555-5555-4555-8555-555555555555',
        episode_type: 'allogeneic-hct',
        started_at: '2026-01-10T10:00:00.000Z',
        ended_at: '2026-01-10T10:40:00.000Z',
        started_by: '88888888-8888-4888-8888-888888888888',
      },
    ],
    conditioning: {
      templateId: 'flu-mel140@1',
      intensity: 'RIC',
      agents: [
        {
          id: '99999999-9999-4999-8999-999999999999.0',
          patient_id: PATIENT,
          status: 'active',
          verified: true,
          prescribed_by: '88888888-8888-4888-8888-888888888888',
          prescribed_at: '2026-01-01T09:00:00.000Z',
          rule_id: 'flu-mel140@1',
          agent: {
            index: 0,
            agent: 'fludarabine',
            label: 'Fludarabine',
            route: 'IV',
            unit: 'mg',
            doseRule: '30 mg/m² daily',
            amountPerAdministration: 51,
            administrationsPerDay: 1,
            administrations: 5,
            days: [-6, -5, -4, -3, -2],
          },
        },
      ],
    },
    grades: [grade('agvhd', '2026-02-01', 1), grade('agvhd', '2026-02-08', 2), grade('agvhd', '2026-02-15', 2)],
    neutrophil: { status: 'recovered', date: '2026-01-27' },
    platelet: { status: 'recovered', date: '2026-02-02' },
    events: [{ kind: 'last-contact', occurredOn: '2026-04-15', causeOfDeath: null }],
    ...overrides,
  };
}

/** The same patient treated with CAR-T cells (day 0 the same), with CRS and ICANS assessed daily. */
export function carTRecord(overrides: Partial<EpisodeRecord> = {}): EpisodeRecord {
  const base = alloRecord();
  return {
    ...base,
    diagnosis: { ...base.diagnosis, disease: 'NHL', status: 'relapse', subtype: null },
    episode: { ...base.episode, type: 'car-t' },
    donor: null,
    products: [
      { ...base.products[0]!, donor_id: null, description: 'CAR-T cells', kind: 'car-t', product_code: 'S2345' },
    ],
    infusions: [{ ...base.infusions[0]!, episode_type: 'car-t' }],
    grades: [
      grade('crs', '2026-01-11', 1),
      grade('crs', '2026-01-12', 2),
      grade('icans', '2026-01-12', 0),
      grade('icans', '2026-01-14', 3),
    ],
    neutrophil: null,
    platelet: null,
    ...overrides,
  };
}

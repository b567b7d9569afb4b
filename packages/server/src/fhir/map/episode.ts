import { DISEASE_STATUSES, DISEASES, EPISODE_PHASES, EPISODE_TYPES, type DiseaseCode } from '@engraft/domain';
import type { Condition, EpisodeOfCare, Procedure } from 'fhir/r4';
import {
  CONDITION_CATEGORY,
  CONDITION_CLINICAL,
  CONDITION_VERIFICATION,
  DISEASE_STATUS_SYSTEM,
  DISEASE_SYSTEM,
  EPISODE_PHASE_SYSTEM,
  EPISODE_TYPE_SYSTEM,
  EXT_DAY_ZERO,
  EXT_PLANNED_DAY_ZERO,
} from './systems';

export interface DiagnosisRow {
  id: string;
  patient_id: string;
  disease: DiseaseCode;
  diagnosis_date: string;
  status: keyof typeof DISEASE_STATUSES;
  subtype: string | null;
  created_at: string;
}

/** The indication as FHIR R4 Condition (§9.2), with the disease status at referral as its `stage`. */
export function toCondition(r: DiagnosisRow): Condition {
  return {
    resourceType: 'Condition',
    id: r.id,
    meta: { lastUpdated: r.created_at },
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: 'active' }] },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: 'confirmed' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis' }] }],
    code: {
      coding: [{ system: DISEASE_SYSTEM, code: r.disease, display: DISEASES[r.disease].label }],
      text: r.subtype ? `${DISEASES[r.disease].label} (${r.subtype})` : DISEASES[r.disease].label,
    },
    subject: { reference: `Patient/${r.patient_id}` },
    onsetDateTime: r.diagnosis_date,
    stage: [
      {
        summary: {
          coding: [{ system: DISEASE_STATUS_SYSTEM, code: r.status, display: DISEASE_STATUSES[r.status] }],
        },
      },
    ],
  };
}

export interface EpisodeRow {
  id: string;
  patient_id: string;
  diagnosis_id: string;
  type: keyof typeof EPISODE_TYPES;
  phase: keyof typeof EPISODE_PHASES;
  planned_day_zero: string;
  actual_day_zero: string | null;
  created_at: string;
  updated_at: string;
  closed_on: string | null;
}

/**
 * The episode as FHIR R4 EpisodeOfCare (§10.x): status from the phase, the period from opening to closure,
 * day 0 (actual, else planned) as Engraft extensions since EpisodeOfCare has no element for it.
 */
export function toEpisodeOfCare(r: EpisodeRow): EpisodeOfCare {
  const status: EpisodeOfCare['status'] =
    r.phase === 'closed' ? 'finished' : r.phase === 'referral' || r.phase === 'work-up' ? 'planned' : 'active';
  const start = r.created_at.slice(0, 10);
  return {
    resourceType: 'EpisodeOfCare',
    id: r.id,
    meta: { lastUpdated: r.updated_at },
    extension: [
      { url: EXT_PLANNED_DAY_ZERO, valueDate: r.planned_day_zero },
      ...(r.actual_day_zero ? [{ url: EXT_DAY_ZERO, valueDate: r.actual_day_zero }] : []),
    ],
    status,
    type: [
      { coding: [{ system: EPISODE_TYPE_SYSTEM, code: r.type, display: EPISODE_TYPES[r.type] }] },
      { coding: [{ system: EPISODE_PHASE_SYSTEM, code: r.phase, display: EPISODE_PHASES[r.phase] }] },
    ],
    diagnosis: [{ condition: { reference: `Condition/${r.diagnosis_id}` }, rank: 1 }],
    patient: { reference: `Patient/${r.patient_id}` },
    period: { start, ...(r.closed_on && r.closed_on >= start ? { end: r.closed_on } : {}) },
  };
}

export interface InfusionRow {
  id: string;
  patient_id: string;
  product_id: string;
  episode_type: keyof typeof EPISODE_TYPES;
  started_at: string;
  ended_at: string | null;
  started_by: string;
}

/** The cell infusion (day 0) as FHIR R4 Procedure (§9.x): the infused product as `usedReference`. */
export function toProcedure(r: InfusionRow): Procedure {
  return {
    resourceType: 'Procedure',
    id: r.id,
    status: r.ended_at ? 'completed' : 'in-progress',
    code: {
      coding: [{ system: EPISODE_TYPE_SYSTEM, code: r.episode_type, display: EPISODE_TYPES[r.episode_type] }],
      text: `${EPISODE_TYPES[r.episode_type]}: cell infusion`,
    },
    subject: { reference: `Patient/${r.patient_id}` },
    performedPeriod: { start: r.started_at, ...(r.ended_at ? { end: r.ended_at } : {}) },
    performer: [{ actor: { reference: `Practitioner/${r.started_by}` } }],
    usedReference: [{ reference: `BiologicallyDerivedProduct/${r.product_id}` }],
  };
}

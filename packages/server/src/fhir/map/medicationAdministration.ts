import type { MedicationAdministration } from 'fhir/r4';
import { AGENT_SYSTEM, ENGRAFT, UCUM } from './systems';

/** How a dose was given compared with its plan (Engraft's outcomes, ADR 0702). */
export const ADMINISTRATION_OUTCOME_SYSTEM = `${ENGRAFT}/CodeSystem/administration-outcome`;

/** One recorded administration (migration 0024) with the planned date of its line (episode planned day 0 + day). */
export interface AdministrationRow {
  id: string;
  patient_id: string;
  episode_id: string;
  plan_id: string;
  agent_index: number;
  agent: string;
  agent_label: string;
  day: number;
  sequence: number;
  planned_amount: number | null;
  unit: 'mg' | 'Gy';
  outcome: 'as-planned' | 'reduced' | 'delayed' | 'omitted';
  amount: number | null;
  started_at: string | null;
  ended_at: string | null;
  planned_date: string;
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
  corrected_at: string | null;
}

const OUTCOME_TEXT: Record<AdministrationRow['outcome'], string> = {
  'as-planned': 'Given as planned',
  reduced: 'Given, reduced',
  delayed: 'Given, delayed',
  omitted: 'Omitted',
};

/**
 * A dose given (or omitted) against a conditioning plan as FHIR R4 MedicationAdministration (§10.x): `request`
 * is the MedicationRequest of the plan's agent (`<plan id>.<agent index>`), `context` the episode, the amount as
 * a UCUM quantity. An omitted dose is `not-done` with the reason as `statusReason`, effective on the planned date
 * of its line (R4 requires effective[x]); a reduced or delayed dose is `completed` with its reason in the note, which also names the plan line.
 */
export function toMedicationAdministration(r: AdministrationRow): MedicationAdministration {
  const omitted = r.outcome === 'omitted';
  const effective = omitted
    ? { effectiveDateTime: r.planned_date }
    : r.ended_at
      ? { effectivePeriod: { start: r.started_at!, end: r.ended_at } }
      : { effectiveDateTime: r.started_at! };
  return {
    resourceType: 'MedicationAdministration',
    id: r.id,
    meta: { lastUpdated: r.corrected_at ?? r.recorded_at },
    status: omitted ? 'not-done' : 'completed',
    ...(omitted && r.reason ? { statusReason: [{ text: r.reason }] } : {}),
    category: {
      coding: [{ system: ADMINISTRATION_OUTCOME_SYSTEM, code: r.outcome, display: OUTCOME_TEXT[r.outcome] }],
    },
    medicationCodeableConcept: {
      coding: [{ system: AGENT_SYSTEM, code: r.agent, display: r.agent_label }],
      text: r.agent_label,
    },
    subject: { reference: `Patient/${r.patient_id}` },
    context: { reference: `EpisodeOfCare/${r.episode_id}` },
    ...effective,
    performer: [{ actor: { reference: `Practitioner/${r.recorded_by}` } }],
    request: { reference: `MedicationRequest/${r.plan_id}.${r.agent_index}` },
    note: [
      {
        text: `${OUTCOME_TEXT[r.outcome]}${r.reason && !omitted ? `: ${r.reason}` : ''}; plan day ${r.day}, administration ${r.sequence}${r.planned_amount === null ? '' : `, planned ${r.planned_amount} ${r.unit}`}`,
      },
    ],
    // mad-1: a dosage has a dose (or rate); an omitted dose has none.
    ...(r.amount === null
      ? {}
      : { dosage: { dose: { value: Number(r.amount), unit: r.unit, system: UCUM, code: r.unit } } }),
  };
}

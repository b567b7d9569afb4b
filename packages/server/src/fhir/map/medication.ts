import type { MedicationRequest } from 'fhir/r4';
import { AGENT_SYSTEM, ENGRAFT, UCUM } from './systems';

export const PLAN_SYSTEM = `${ENGRAFT}/sid/conditioning-plan`;

/** The parts of a stored conditioning plan's computed agent that the request carries (`@engraft/clinical` PlanAgent). */
export interface PlanAgentPart {
  index: number;
  agent: string;
  label: string;
  route: string;
  unit: 'mg' | 'Gy';
  doseRule: string;
  amountPerAdministration: number | null;
  administrationsPerDay: number;
  administrations: number;
  days: number[];
}

/** One agent of a stored plan (`id` is `<plan id>.<agent index>`). */
export interface PlanAgentRow {
  id: string;
  patient_id: string;
  status: 'draft' | 'active' | 'superseded' | 'cancelled';
  verified: boolean;
  prescribed_by: string;
  prescribed_at: string;
  rule_id: string;
  agent: PlanAgentPart;
}

const STATUS: Record<PlanAgentRow['status'], MedicationRequest['status']> = {
  draft: 'draft',
  active: 'active',
  superseded: 'stopped',
  cancelled: 'cancelled',
};

/**
 * Each agent of a conditioning or lymphodepletion plan as FHIR R4 MedicationRequest (§10.x): the amount per
 * administration as computed by the regimen rule (`@engraft/clinical` conditioning; the rule id in
 * `dosageInstruction.text` and as a note), the days relative to day 0 in the text. An unverified active plan
 * is still a proposal until the second physician verifies it (ADR 0530): intent `proposal`, else `order`.
 */
export function toMedicationRequest(r: PlanAgentRow): MedicationRequest {
  const a = typeof r.agent === 'string' ? (JSON.parse(r.agent) as PlanAgentPart) : r.agent;
  const planId = r.id.split('.')[0]!;
  return {
    resourceType: 'MedicationRequest',
    id: r.id,
    status: STATUS[r.status],
    intent: r.verified ? 'order' : 'proposal',
    medicationCodeableConcept: { coding: [{ system: AGENT_SYSTEM, code: a.agent, display: a.label }], text: a.label },
    subject: { reference: `Patient/${r.patient_id}` },
    authoredOn: r.prescribed_at,
    requester: { reference: `Practitioner/${r.prescribed_by}` },
    groupIdentifier: { system: PLAN_SYSTEM, value: planId },
    note: [{ text: `computed by ${r.rule_id}` }],
    dosageInstruction: [
      {
        text: `${a.doseRule}; days ${a.days.join(', ')} (relative to day 0)`,
        route: { text: a.route },
        timing: {
          repeat: { frequency: a.administrationsPerDay, period: 1, periodUnit: 'd', count: a.administrations },
        },
        ...(a.amountPerAdministration === null
          ? {}
          : {
              doseAndRate: [
                { doseQuantity: { value: a.amountPerAdministration, unit: a.unit, system: UCUM, code: a.unit } },
              ],
            }),
      },
    ],
  };
}

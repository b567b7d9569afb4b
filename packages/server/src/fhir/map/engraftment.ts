import {
  ANC_THRESHOLD,
  CONSECUTIVE_VALUES,
  PLATELET_THRESHOLD,
  PLATELET_TRANSFUSION_FREE_DAYS,
} from '@engraft/clinical';
import type { Observation } from 'fhir/r4';
import { ENGRAFTMENT_SYSTEM, OBS_CATEGORY, RULE_SYSTEM } from './systems';

export type EngraftmentKind = 'neutrophil' | 'platelet';
export const ENGRAFTMENT_KINDS: readonly EngraftmentKind[] = ['neutrophil', 'platelet'];

/** An engraftment date as the monitoring page derives it (ADR 0704): one per kind and infused episode. */
export interface EngraftmentRow {
  kind: EngraftmentKind;
  patientId: string;
  episodeId: string;
  /** The engraftment day: the first day of the qualifying run. */
  date: string;
  /** Days after day 0. */
  day: number;
  ruleId: string;
  /** The rule's explanation of this date (the days and values of the run). */
  explanation: string;
  /** Ids of the lab results (observations) of the run, one per day. */
  derivedFrom: string[];
}

/** Engraftment codes in Engraft's own code system (no LOINC or SNOMED CT code could be verified; ADR 0704). */
export const ENGRAFTMENT_CODES: Record<EngraftmentKind, { code: string; display: string }> = {
  neutrophil: { code: 'neutrophil-engraftment', display: 'Neutrophil engraftment date (initial ANC recovery)' },
  platelet: { code: 'platelet-engraftment', display: 'Platelet engraftment date (initial platelet recovery)' },
};

/** Observation id prefixes: `<prefix><episode id>`, stable across reads (derived from the episode, not random). */
export const ENGRAFTMENT_PREFIX: Record<EngraftmentKind, string> = {
  neutrophil: 'anc-engraftment-',
  platelet: 'plt-engraftment-',
};

export const engraftmentId = (r: Pick<EngraftmentRow, 'kind' | 'episodeId'>): string =>
  `${ENGRAFTMENT_PREFIX[r.kind]}${r.episodeId}`;

/** The episode id and kind an engraftment Observation id names, or undefined when it is not one. */
export function parseEngraftmentId(id: string): { kind: EngraftmentKind; episodeId: string } | undefined {
  const kind = ENGRAFTMENT_KINDS.find((k) => id.startsWith(ENGRAFTMENT_PREFIX[k]));
  return kind ? { kind, episodeId: id.slice(ENGRAFTMENT_PREFIX[kind].length) } : undefined;
}

/**
 * The published definitions the dates follow (CIBMTR Forms Instruction Manual, form 2450 "Initial ANC Recovery"
 * and "Initial Platelet Recovery"; Kharfan-Dabaja MA et al., Transplant Cell Ther 2021;27:642-649), as
 * `@engraft/clinical` computeEngraftment applies them.
 */
export const ENGRAFTMENT_DEFINITIONS: Record<EngraftmentKind, string> = {
  neutrophil:
    `First of ${CONSECUTIVE_VALUES} consecutive days with ANC >= ${ANC_THRESHOLD} ×10⁹/L after the nadir ` +
    '(CIBMTR Forms Instruction Manual, initial ANC recovery)',
  platelet:
    `First of ${CONSECUTIVE_VALUES} consecutive days with platelets >= ${PLATELET_THRESHOLD} ×10⁹/L without a ` +
    `platelet transfusion in the ${PLATELET_TRANSFUSION_FREE_DAYS} days before (CIBMTR Forms Instruction Manual, ` +
    'initial platelet recovery)',
};

/**
 * An engraftment date as an R4 Observation: the date as `valueDateTime` and `effectiveDateTime`, the rule (id,
 * published definition and this date's explanation) as `method`, the lab results of the run as `derivedFrom`,
 * the episode as `focus`.
 */
export function toEngraftmentObservation(r: EngraftmentRow): Observation {
  const c = ENGRAFTMENT_CODES[r.kind];
  return {
    resourceType: 'Observation',
    id: engraftmentId(r),
    status: 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: { coding: [{ system: ENGRAFTMENT_SYSTEM, code: c.code, display: c.display }], text: c.display },
    subject: { reference: `Patient/${r.patientId}` },
    focus: [{ reference: `EpisodeOfCare/${r.episodeId}` }],
    effectiveDateTime: r.date,
    valueDateTime: r.date,
    method: {
      coding: [{ system: RULE_SYSTEM, code: r.ruleId }],
      text: `${ENGRAFTMENT_DEFINITIONS[r.kind]}. ${r.explanation}`,
    },
    derivedFrom: r.derivedFrom.map((id) => ({ reference: `Observation/lab-${id}` })),
    note: [{ text: `Day +${r.day} after day 0.` }],
  };
}

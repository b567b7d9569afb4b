import { ANALYTES, type Analyte } from '@engraft/domain';
import type { Coding, Observation } from 'fhir/r4';
import {
  ANALYTE_SYSTEM,
  EXT_LINEAGE,
  GRADE_SYSTEM,
  LINEAGE_SYSTEM,
  LOINC,
  OBS_CATEGORY,
  RULE_SYSTEM,
  UCUM,
} from './systems';

export interface LabRow {
  id: string;
  patient_id: string;
  analyte: Analyte;
  lineage: string | null;
  observed_on: string;
  reported_value: number;
  reported_unit: string;
  created_at: string;
}

/**
 * The unit spellings Engraft accepts (`@engraft/domain` labs.ts) as UCUM codes (Schadow G, McDonald CJ, The
 * Unified Code for Units of Measure, Regenstrief Institute, version 2.1 2017: `10*9/L`, `[IU]/mL`, `u` for
 * micro in the case-sensitive form). A unit already written in UCUM maps to itself.
 */
const UCUM_OF: Record<string, string> = {
  'x10^9/L': '10*9/L',
  '10^9/L': '10*9/L',
  'G/L': '10*9/L',
  'x10^3/uL': '10*3/uL',
  '10^3/uL': '10*3/uL',
  'K/uL': '10*3/uL',
  'cells/uL': '/uL',
  'cells/mm3': '/mm3',
  'µmol/L': 'umol/L',
  'µg/L': 'ug/L',
  'IU/mL': '[IU]/mL',
};

export const ucumOf = (unit: string): string => UCUM_OF[unit] ?? unit;

/**
 * LOINC codes emitted for analytes whose `ANALYTES` list is empty: CMV DNA in IU/mL by NAA (72493-0), the code
 * the HL7 v2 feed reads for `cmv-pcr` (hl7/labCodes.ts; CIBMTR FHIR Reporting IG, NMDP/CIBMTR 2025, "Laboratory
 * Observations"), so a viral load that came in under it goes out under it. Searchable by it as well.
 */
const EMITTED_LOINC: Partial<Record<Analyte, string>> = { 'cmv-pcr': '72493-0' };

/** The LOINC codes an analyte is found by, the one emitted first. */
export const loincOf = (analyte: Analyte): readonly string[] => {
  const extra = EMITTED_LOINC[analyte];
  return extra ? [extra, ...ANALYTES[analyte].loinc] : ANALYTES[analyte].loinc;
};

/** The analyte's LOINC code (the first, when it has one), then Engraft's analyte code. */
export function analyteCodings(analyte: Analyte): Coding[] {
  const def = ANALYTES[analyte];
  return [
    ...loincOf(analyte)
      .slice(0, 1)
      .map((code) => ({ system: LOINC, code, display: def.label })),
    { system: ANALYTE_SYSTEM, code: analyte, display: def.label },
  ];
}

/** Lab id prefix: lab results and assessments share the Observation type but not a table. */
export const LAB_PREFIX = 'lab-';

/**
 * A lab result as FHIR R4 Observation (§8.x laboratory profile of the base spec: category `laboratory`,
 * LOINC code, valueQuantity in UCUM). The value and unit are the ones reported (as imported), so what came in
 * comes out; the canonical value is Engraft's internal copy.
 */
export function toLabObservation(r: LabRow): Observation {
  const unit = ucumOf(r.reported_unit);
  return {
    resourceType: 'Observation',
    id: `${LAB_PREFIX}${r.id}`,
    meta: { lastUpdated: r.created_at },
    status: 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: { coding: analyteCodings(r.analyte), text: ANALYTES[r.analyte].label },
    subject: { reference: `Patient/${r.patient_id}` },
    effectiveDateTime: r.observed_on,
    valueQuantity: { value: Number(r.reported_value), unit: r.reported_unit, system: UCUM, code: unit },
    ...(r.lineage
      ? {
          extension: [{ url: EXT_LINEAGE, valueCode: r.lineage }],
          // Donor chimerism % of a cell fraction: the fraction as the method (whole blood, T cells, …), since no
          // LOINC code for donor chimerism was found to verify (the analyte's local code stands; ADR 0702).
          method: { coding: [{ system: LINEAGE_SYSTEM, code: r.lineage }], text: `${r.lineage} chimerism` },
        }
      : {}),
  };
}

export type GradeKind = 'crs' | 'icans' | 'agvhd' | 'cgvhd';
export const GRADE_KINDS: readonly GradeKind[] = ['crs', 'icans', 'agvhd', 'cgvhd'];

export interface GradeRow {
  id: string;
  patient_id: string;
  episode_id: string;
  grade_kind: GradeKind;
  assessed_on: string;
  result: Record<string, unknown>;
  updated_at: string;
}

const GRADE_LABELS: Record<GradeKind, string> = {
  crs: 'Cytokine release syndrome grade (ASTCT 2019)',
  icans: 'ICANS grade (ASTCT 2019)',
  agvhd: 'Acute GVHD overall grade',
  cgvhd: 'Chronic GVHD global severity (NIH 2014)',
};

interface RuleResult {
  grade?: number;
  severity?: string;
  ruleId?: string;
  explanation?: string;
}

/** The part of a stored assessment result that carries one grade (a CRS/ICANS day holds both). */
function gradeResult(kind: GradeKind, result: Record<string, unknown>): RuleResult {
  if (kind === 'crs' || kind === 'icans') return result[kind] ?? {};
  return result;
}

/**
 * A grade computed by a clinical rule as an Observation: the grade as a coded value, the rule (id and its
 * explanation) as `method`, the episode as `focus`. CRS/ICANS: Lee DW et al., Biol Blood Marrow Transplant
 * 2019;25:625-638; acute GVHD: Harris AC et al. (MAGIC), Biol Blood Marrow Transplant 2016;22:4-10; chronic
 * GVHD: Jagasia MH et al. (NIH), Biol Blood Marrow Transplant 2015;21:389-401.
 */
export function toGradeObservation(r: GradeRow): Observation {
  const g = gradeResult(r.grade_kind, r.result);
  const value = g.severity ?? (g.grade === undefined ? 'unknown' : `grade-${g.grade}`);
  return {
    resourceType: 'Observation',
    id: `${r.grade_kind}-${r.id}`,
    meta: { lastUpdated: r.updated_at },
    status: 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'exam', display: 'Exam' }] }],
    code: { coding: [{ system: GRADE_SYSTEM, code: r.grade_kind, display: GRADE_LABELS[r.grade_kind] }] },
    subject: { reference: `Patient/${r.patient_id}` },
    focus: [{ reference: `EpisodeOfCare/${r.episode_id}` }],
    effectiveDateTime: r.assessed_on,
    valueCodeableConcept: { coding: [{ system: GRADE_SYSTEM, code: value }], text: value },
    ...(g.ruleId
      ? {
          method: {
            coding: [{ system: RULE_SYSTEM, code: g.ruleId }],
            ...(g.explanation ? { text: g.explanation } : {}),
          },
        }
      : {}),
  };
}

import { BILIRUBIN_UMOL_PER_MG_DL, unitText } from '@engraft/clinical';
import { z } from 'zod';
import { pastOrTodayDate } from './dates';
import { ConfirmationsSchema, type Finding, plausibility, type QuantitySpec } from './safety/quantity';

/**
 * Laboratory analytes followed after infusion, each stored in one canonical unit. Conversion factors are the
 * standard SI conversions (AMA Manual of Style, SI conversion table): bilirubin 1 mg/dL = 17.1 µmol/L,
 * creatinine 1 mg/dL = 88.4 µmol/L, hemoglobin 1 g/dL = 10 g/L = 0.6206 mmol/L (Hb monomer), CRP 1 mg/dL = 10 mg/L.
 * Unit spellings include the UCUM codes used by FHIR (10*9/L, 10*3/uL, umol/L, [IU]/mL).
 */
const COUNT_UNITS = {
  'x10^9/L': 1,
  '10^9/L': 1,
  '10*9/L': 1,
  'G/L': 1,
  'x10^3/uL': 1,
  '10^3/uL': 1,
  '10*3/uL': 1,
  'K/uL': 1,
  '/uL': 0.001,
  'cells/uL': 0.001,
  '/mm3': 0.001,
  'cells/mm3': 0.001,
} as const;

/**
 * Each analyte's ranges, in its canonical unit (issue 13; ADR 0601):
 * - `max` (with 0 as the minimum) is the **possible** range: a value outside it cannot be a measurement of that
 *   analyte and is refused, naming the field. Negative values are impossible for every analyte.
 * - `plausible` is the range a result usually lies in; outside it the value is accepted only with a recorded
 *   confirmation (a reason, stored in the audit event).
 * Sources and reasoning:
 * - WBC, ANC: hyperleukocytosis is WBC > 100 ×10⁹/L (Röllig C, Ehninger G, Blood 2015;125:3246-3252), so counts
 *   above 100 need confirmation; counts above 1,000 ×10⁹/L are not reported even in leukostasis and are refused.
 * - Platelets: extreme thrombocytosis is > 1,000 ×10⁹/L (Schafer AI, N Engl J Med 2004;350:1211-1219), so counts
 *   above 1,000 need confirmation; above 3,000 ×10⁹/L we refuse: no series reports such counts and, after a
 *   transplant, a number of that size is a unit error (cells/µL typed against ×10⁹/L: 5,000/µL is 5 ×10⁹/L, a
 *   patient who needs platelets), which would make a thrombocytopenic patient look engrafted.
 * - Hemoglobin: above 25 g/dL (beyond polycythaemia) or below 3 g/dL needs confirmation; above 30 g/dL refused.
 * - Bilirubin above 40 mg/dL, creatinine above 15 mg/dL, CRP above 500 mg/L, ferritin above 100,000 ng/mL
 *   (beyond the hyperferritinaemia of HLH) and CMV DNA above 10⁸ IU/mL need confirmation: lab practice, values a
 *   laboratory would phone through and repeat. The possible maxima are an order of magnitude above (a dilution or
 *   unit slip).
 * - Chimerism is a percentage: 0–100, nothing to confirm.
 */
export const ANALYTES = {
  anc: {
    label: 'ANC (absolute neutrophil count)',
    unit: 'x10^9/L',
    units: COUNT_UNITS,
    max: 1000,
    plausible: { max: 100 },
    loinc: ['751-8', '26499-4'],
  },
  wbc: {
    label: 'White cell count',
    unit: 'x10^9/L',
    units: COUNT_UNITS,
    max: 1000,
    plausible: { max: 100 },
    loinc: ['6690-2', '26464-8'],
  },
  platelets: {
    label: 'Platelets',
    unit: 'x10^9/L',
    units: COUNT_UNITS,
    max: 3000,
    plausible: { max: 1000 },
    loinc: ['777-3', '26515-7'],
  },
  hemoglobin: {
    label: 'Hemoglobin',
    unit: 'g/dL',
    units: { 'g/dL': 1, 'g/L': 0.1, 'mmol/L': 1 / 0.6206 },
    max: 30,
    plausible: { min: 3, max: 25 },
    loinc: ['718-7'],
  },
  bilirubin: {
    label: 'Bilirubin (total)',
    unit: 'mg/dL',
    units: { 'mg/dL': 1, 'umol/L': 1 / BILIRUBIN_UMOL_PER_MG_DL, 'µmol/L': 1 / BILIRUBIN_UMOL_PER_MG_DL },
    max: 80,
    plausible: { max: 40 },
    loinc: ['1975-2'],
  },
  creatinine: {
    label: 'Creatinine',
    unit: 'mg/dL',
    units: { 'mg/dL': 1, 'umol/L': 1 / 88.4, 'µmol/L': 1 / 88.4 },
    max: 40,
    plausible: { max: 15 },
    loinc: ['2160-0'],
  },
  crp: {
    label: 'C-reactive protein',
    unit: 'mg/L',
    units: { 'mg/L': 1, 'mg/dL': 10 },
    max: 1000,
    plausible: { max: 500 },
    loinc: ['1988-5'],
  },
  ferritin: {
    label: 'Ferritin',
    unit: 'ng/mL',
    units: { 'ng/mL': 1, 'ug/L': 1, 'µg/L': 1 },
    max: 1_000_000,
    plausible: { max: 100_000 },
    loinc: ['2276-4'],
  },
  // CMV viral load: IU/mL only (the WHO standard); copies/mL are assay-specific and are not converted.
  'cmv-pcr': {
    label: 'CMV DNA (PCR)',
    unit: 'IU/mL',
    units: { 'IU/mL': 1, '[IU]/mL': 1 },
    max: 1e10,
    plausible: { max: 1e8 },
    loinc: [],
  },
  chimerism: { label: 'Donor chimerism', unit: '%', units: { '%': 1 }, max: 100, plausible: {}, loinc: [] },
} as const satisfies Record<
  string,
  {
    label: string;
    unit: string;
    units: Record<string, number>;
    max: number;
    plausible: { min?: number; max?: number };
    loinc: readonly string[];
  }
>;

export type Analyte = keyof typeof ANALYTES;
export const ANALYTE_CODES = Object.keys(ANALYTES) as [Analyte, ...Analyte[]];
export const AnalyteSchema = z.enum(ANALYTE_CODES);

/** Chimerism lineages (Kharfan-Dabaja MA et al., Transplant Cell Ther 2021;27:642): stored raw, categorised at display time. */
export const CHIMERISM_LINEAGES = ['whole-blood', 'bone-marrow', 'T-cell', 'myeloid', 'B-cell', 'NK-cell'] as const;
export const LineageSchema = z.enum(CHIMERISM_LINEAGES);

/** The possible and plausible range of an analyte as a quantity in its canonical unit. */
export function analyteSpec(analyte: Analyte): QuantitySpec {
  const a = ANALYTES[analyte];
  return { label: a.label, unit: a.unit, min: 0, max: a.max, plausible: a.plausible };
}

const fmtValue = (n: number): string => (Math.abs(n) >= 1e5 ? n.toExponential() : String(n));

/** A lab value as typed: a finite number; the range is checked against the analyte and unit (below). */
const LabValueNumberSchema = z.number({
  error: (iss) => (iss.input === undefined || iss.input === null ? 'required' : 'value must be a number'),
});

/** Adds the issues of a value against its analyte's possible range (in the unit given), at path `value`. */
function checkValue(ctx: z.RefinementCtx, analyte: Analyte, value: number, unit: string): void {
  const def = ANALYTES[analyte];
  // Own keys only: "constructor" or "toString" is no unit (it read Object.prototype's and was accepted).
  const factor = Object.hasOwn(def.units, unit) ? (def.units as Record<string, number>)[unit] : undefined;
  if (factor === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['unit'],
      message: `unit ${unit} is not accepted for ${def.label}; use one of ${Object.keys(def.units).join(', ')}`,
    });
    return;
  }
  if (value < 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: `${def.label} must not be negative (${fmtValue(value)} ${unitText(unit)})`,
    });
  } else if (value * factor > def.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: `${def.label} ${fmtValue(value)} ${unitText(unit)} is impossible (at most ${fmtValue(def.max)} ${unitText(def.unit)}); check the value and the unit`,
    });
  }
}

/** The plausibility finding of a validated result (value outside the analyte's usual range), at `field`. */
export function observationFinding(
  o: Pick<ObservationCreate, 'analyte' | 'value' | 'unit'>,
  field = 'value'
): Finding | null {
  const def = ANALYTES[o.analyte];
  const f = plausibility(field, normaliseValue(o), analyteSpec(o.analyte));
  return f && o.unit !== def.unit
    ? { field, message: `${f.message} (typed ${fmtValue(o.value)} ${unitText(o.unit)})` }
    : f;
}

export const ObservationCreateSchema = z
  .object({
    analyte: AnalyteSchema,
    observedOn: pastOrTodayDate('result date'),
    value: LabValueNumberSchema,
    unit: z.string().trim().min(1),
    lineage: LineageSchema.nullable().optional(),
    /** Reasons for values outside the usual range (field "value"), recorded in the audit event. */
    confirmations: ConfirmationsSchema.optional(),
  })
  .superRefine((o, ctx) => {
    checkValue(ctx, o.analyte, o.value, o.unit);
    if (o.analyte === 'chimerism' && !o.lineage) {
      ctx.addIssue({ code: 'custom', path: ['lineage'], message: 'say which lineage the chimerism was measured in' });
    }
    if (o.analyte !== 'chimerism' && o.lineage) {
      ctx.addIssue({ code: 'custom', path: ['lineage'], message: 'lineage applies to chimerism only' });
    }
  });
export type ObservationCreate = z.infer<typeof ObservationCreateSchema>;

/** The value in the analyte's canonical unit (validated input only). */
export function normaliseValue(o: Pick<ObservationCreate, 'analyte' | 'value' | 'unit'>): number {
  const units = ANALYTES[o.analyte].units as Record<string, number>;
  const factor = Object.hasOwn(units, o.unit) ? units[o.unit] : undefined;
  if (factor === undefined) throw new RangeError(`unknown unit ${o.unit} for ${o.analyte}`);
  // Round away binary noise from the factors; 6 significant digits is beyond any lab's precision.
  return Number((o.value * factor).toPrecision(6));
}

export const ObservationSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  analyte: AnalyteSchema,
  lineage: LineageSchema.nullable(),
  observedOn: z.string(),
  value: z.number(),
  unit: z.string(),
  reportedValue: z.number(),
  reportedUnit: z.string(),
  source: z.enum(['manual', 'csv', 'fhir', 'hl7']),
  /** When the result was last corrected (null: as first recorded). */
  correctedAt: z.string().nullable().optional(),
});
export type Observation = z.infer<typeof ObservationSchema>;

export const TRANSFUSION_PRODUCTS = ['platelets', 'red-cells'] as const;
export const TransfusionCreateSchema = z.object({
  product: z.enum(TRANSFUSION_PRODUCTS),
  givenOn: pastOrTodayDate('transfusion date'),
});
export type TransfusionCreate = z.infer<typeof TransfusionCreateSchema>;

export const LabImportSchema = z.object({
  format: z.enum(['csv', 'fhir']),
  /** CSV text (header: date, analyte, value, unit[, lineage][, mrn]) or a FHIR R4 Bundle of Observations as JSON text. */
  content: z.string().min(1, 'the file is empty').max(5_000_000, 'files over 5 MB: split them'),
  /**
   * Reasons for the values outside their usual range, one per flagged line (field "line N: value", as the
   * confirmation-required problem lists them). The file stays all or nothing; the reasons go into the audit event.
   */
  confirmations: ConfirmationsSchema.optional(),
});
export type LabImport = z.infer<typeof LabImportSchema>;

export const LabImportReportSchema = z.object({
  accepted: z.boolean(),
  inserted: z.number().int(),
  duplicates: z.array(z.object({ line: z.number().int(), message: z.string() })),
  errors: z.array(z.object({ line: z.number().int(), path: z.string(), message: z.string() })),
});
export type LabImportReport = z.infer<typeof LabImportReportSchema>;

/** Why a recorded result is corrected or deleted: required, kept in the audit trail with the before/after. */
export const ChangeReasonSchema = z
  .string()
  .trim()
  .min(3, 'say why (at least 3 characters)')
  .max(500, 'at most 500 characters');

/** A correction of a recorded lab result: date, value, unit (and lineage for chimerism); the analyte stays. */
export const ObservationCorrectionSchema = z.object({
  observedOn: pastOrTodayDate('result date'),
  value: LabValueNumberSchema.min(0, 'value must not be negative'),
  unit: z.string().trim().min(1),
  lineage: LineageSchema.nullable().optional(),
  reason: ChangeReasonSchema,
  confirmations: ConfirmationsSchema.optional(),
});
export type ObservationCorrection = z.infer<typeof ObservationCorrectionSchema>;

export const TransfusionCorrectionSchema = TransfusionCreateSchema.extend({ reason: ChangeReasonSchema });
export type TransfusionCorrection = z.infer<typeof TransfusionCorrectionSchema>;

export const DeletionSchema = z.object({ reason: ChangeReasonSchema });
export type Deletion = z.infer<typeof DeletionSchema>;

import {
  ANALYTES,
  type Analyte,
  type ObservationCreate,
  ObservationCreateSchema,
  observationFinding,
  type TransfusionCreate,
  TransfusionCreateSchema,
} from './labs';
import { rowChecker } from './labRowCheck';
import { issuePath } from './problem';
import type { Finding } from './safety/quantity';
import { parseTypedNumber } from './safety/typedNumber';

/**
 * One parsed line of a lab file: an observation or a transfusion, for the patient given or the row's MRN.
 * `finding`: the value is possible but outside the analyte's usual range; its field is "line N: value" (CSV) or
 * "line N: resource.value" (FHIR), and the import needs a confirmation with a reason for it.
 */
export type LabRow =
  | { line: number; mrn: string | null; kind: 'observation'; observation: ObservationCreate; finding: Finding | null }
  | { line: number; mrn: string | null; kind: 'transfusion'; transfusion: TransfusionCreate };

/** The findings of a parsed file, one per flagged line, in line order. */
export function labFileFindings(rows: readonly LabRow[]): Finding[] {
  return rows.flatMap((r) => (r.kind === 'observation' && r.finding ? [r.finding] : []));
}

export interface LabRowError {
  line: number;
  path: string;
  message: string;
}

/** Adds a row's zod issues, one message per field (the first), with the file's column names. */
function pushIssues(
  errors: LabRowError[],
  line: number,
  issues: readonly { path: PropertyKey[]; message: string }[],
  rename: (path: string) => string
): void {
  const seen = new Set<string>();
  for (const iss of issues) {
    const path = rename(issuePath(iss.path));
    if (seen.has(path)) continue;
    seen.add(path);
    errors.push({ line, path, message: iss.message });
  }
}

export interface ParsedLabFile {
  rows: LabRow[];
  errors: LabRowError[];
}

const TRANSFUSION_ANALYTES: Record<string, TransfusionCreate['product']> = {
  'platelet-transfusion': 'platelets',
  'red-cell-transfusion': 'red-cells',
};

/**
 * CSV records (header row already mapped to keys) → lab rows. Columns: date, analyte, value, unit, optional
 * lineage (chimerism) and mrn. Transfusions are rows with analyte platelet-transfusion / red-cell-transfusion.
 */
export function labRowsFromCsv(records: readonly Record<string, string | undefined>[], firstLine = 2): ParsedLabFile {
  const rows: LabRow[] = [];
  const errors: LabRowError[] = [];
  const first = records[0];
  if (first) {
    for (const col of ['date', 'analyte']) {
      if (!(col in first)) {
        errors.push({
          line: 1,
          path: col,
          message: `the header has no "${col}" column (expected date, analyte, value, unit[, lineage][, mrn])`,
        });
      }
    }
    if (errors.length) return { rows, errors };
  }
  const check = rowChecker();
  records.forEach((r, i) => {
    const line = firstLine + i;
    const mrn = r.mrn?.trim() || null;
    const analyte = (r.analyte ?? '').trim();
    const date = (r.date ?? '').trim();
    const product = Object.hasOwn(TRANSFUSION_ANALYTES, analyte) ? TRANSFUSION_ANALYTES[analyte] : undefined;
    if (product) {
      const fast = check.transfusion(product, date);
      if (fast) {
        rows.push({ line, mrn, kind: 'transfusion', transfusion: fast });
        return;
      }
      const t = TransfusionCreateSchema.safeParse({ product, givenOn: date });
      if (t.success) rows.push({ line, mrn, kind: 'transfusion', transfusion: t.data });
      else pushIssues(errors, line, t.error.issues, (p) => (p === 'givenOn' ? 'date' : p));
      return;
    }
    // The value is read as typed (parseTypedNumber): no hexadecimal (0x10), no decimal comma (1,5), no trailing text.
    const typed = parseTypedNumber(r.value ?? '');
    const value = typed.kind === 'number' ? typed.value : undefined;
    const unit = (r.unit ?? '').trim();
    const lineage = r.lineage?.trim() || null;
    // The fast check accepts a valid row as zod would (labRowCheck.ts); anything else goes to zod for its messages.
    const fast = check.observation(analyte, date, value, unit, lineage);
    if (fast) {
      rows.push({
        line,
        mrn,
        kind: 'observation',
        observation: fast,
        finding: observationFinding(fast, `line ${line}: value`),
      });
      return;
    }
    if (typed.kind === 'error') errors.push({ line, path: 'value', message: `value ${typed.message}` });
    const o = ObservationCreateSchema.safeParse({ analyte, observedOn: date, value, unit, lineage });
    if (o.success) {
      if (typed.kind !== 'error') {
        rows.push({
          line,
          mrn,
          kind: 'observation',
          observation: o.data,
          finding: observationFinding(o.data, `line ${line}: value`),
        });
      }
    } else {
      const issues =
        typed.kind === 'error' ? o.error.issues.filter((i) => issuePath(i.path) !== 'value') : o.error.issues;
      pushIssues(errors, line, issues, (p) => (p === 'observedOn' ? 'date' : p));
    }
  });
  return { rows, errors };
}

/** FHIR R4 dateTime with at least a full date: YYYY-MM-DD[Thh:mm[:ss[.fff]](Z|±hh:mm)]. */
const FHIR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const LOCAL_SYSTEM = 'https://engraft.dev/fhir/CodeSystem/analyte';
const LOINC = 'http://loinc.org';
const ACCEPTED_STATUS = new Set(['final', 'amended', 'corrected']);

function analyteOf(codings: readonly { system?: unknown; code?: unknown }[]): Analyte | undefined {
  for (const c of codings) {
    if (c.system === LOINC && typeof c.code === 'string') {
      const hit = (Object.keys(ANALYTES) as Analyte[]).find((a) =>
        (ANALYTES[a].loinc as readonly string[]).includes(c.code as string)
      );
      if (hit) return hit;
    }
    if (c.system === LOCAL_SYSTEM && typeof c.code === 'string' && Object.hasOwn(ANALYTES, c.code)) {
      return c.code as Analyte;
    }
  }
  return undefined;
}

/**
 * A FHIR R4 Bundle of Observation resources → lab rows. The analyte comes from a LOINC code (or Engraft's
 * local code system for CMV PCR and chimerism), the value from valueQuantity (UCUM code or unit), the date
 * from effectiveDateTime/effectivePeriod.start as written (its calendar date), the MRN from
 * subject.identifier.value when present. "line" is the 1-based entry number.
 */
export function labRowsFromFhirBundle(bundle: unknown): ParsedLabFile {
  const rows: LabRow[] = [];
  const errors: LabRowError[] = [];
  const b = bundle as { resourceType?: unknown; entry?: unknown };
  if (b?.resourceType !== 'Bundle' || !Array.isArray(b.entry)) {
    return { rows, errors: [{ line: 0, path: 'resourceType', message: 'expected a FHIR R4 Bundle with entries' }] };
  }
  b.entry.forEach((entry: unknown, i: number) => {
    const line = i + 1;
    const res = (entry as { resource?: Record<string, unknown> } | null)?.resource;
    if (res?.resourceType !== 'Observation') {
      errors.push({ line, path: 'resource.resourceType', message: 'only Observation resources can be imported' });
      return;
    }
    if (typeof res.status !== 'string' || !ACCEPTED_STATUS.has(res.status)) {
      errors.push({
        line,
        path: 'resource.status',
        message: `status ${String(res.status)} is not a final result (final, amended or corrected)`,
      });
      return;
    }
    const coding = (res.code as { coding?: unknown } | null | undefined)?.coding;
    // Issue 14: a coding that is not an array of objects ({}, "x", [null]) is no code, not a crash.
    const codings = (Array.isArray(coding) ? coding : []).filter(
      (c): c is { system?: unknown; code?: unknown } => typeof c === 'object' && c !== null
    );
    const analyte = analyteOf(codings);
    if (!analyte) {
      errors.push({
        line,
        path: 'resource.code',
        message: `no known LOINC code (${codings.map((c) => String(c.code)).join(', ') || 'none'})`,
      });
      return;
    }
    const q = res.valueQuantity as { value?: unknown; code?: unknown; unit?: unknown } | undefined;
    const effective: unknown = res.effectiveDateTime ?? (res.effectivePeriod as { start?: unknown } | undefined)?.start;
    const units = ANALYTES[analyte].units as Record<string, number>;
    const written = [q?.code, q?.unit].filter((u): u is string => typeof u === 'string');
    const unit = written.find((u) => Object.hasOwn(units, u)) ?? written[0] ?? '';
    const lineageCoding = ((res.bodySite as { coding?: { code?: unknown }[] } | undefined)?.coding ?? [])[0]?.code;
    // FHIR dateTime as written (a full date, optionally with a time and zone); its calendar date is the result date.
    const observedOn =
      typeof effective === 'string' && FHIR_DATE_TIME.test(effective)
        ? effective.slice(0, 10)
        : typeof effective === 'string'
          ? effective
          : JSON.stringify(effective ?? '');
    // valueQuantity.value is a JSON number in FHIR; text ("16", "0x10") is refused, not converted.
    if (q?.value !== undefined && typeof q.value !== 'number') {
      errors.push({
        line,
        path: 'resource.value',
        message: `value must be a JSON number, not ${JSON.stringify(q.value)}`,
      });
    }
    const o = ObservationCreateSchema.safeParse({
      analyte,
      observedOn,
      value: typeof q?.value === 'number' ? q.value : undefined,
      unit,
      lineage: analyte === 'chimerism' ? (lineageCoding ?? null) : null,
    });
    const subject = res.subject as { identifier?: { value?: unknown } } | undefined;
    const mrn = typeof subject?.identifier?.value === 'string' ? subject.identifier.value : null;
    const valueRefused = q?.value !== undefined && typeof q.value !== 'number';
    if (o.success) {
      if (!valueRefused) {
        rows.push({
          line,
          mrn,
          kind: 'observation',
          observation: o.data,
          finding: observationFinding(o.data, `line ${line}: resource.value`),
        });
      }
    } else {
      pushIssues(
        errors,
        line,
        valueRefused ? o.error.issues.filter((i) => issuePath(i.path) !== 'value') : o.error.issues,
        (p) => `resource.${p}`
      );
    }
  });
  return { rows, errors };
}

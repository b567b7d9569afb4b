import {
  type Finding,
  type ObservationCreate,
  ObservationCreateSchema,
  observationFinding,
  parseTypedNumber,
} from '@engraft/domain';
import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { Hl7Problem } from './ack';
import { analyteOfCode, type CodedElement, unitFor } from './labCodes';
import { dateOfTimestamp, value } from './message';

/** One OBX of an ORU^R01 (HL7 v2.5.1 Chapter 7, section 7.4.2 OBX), read against Engraft's analytes. */
export type LabLine =
  | {
      kind: 'result';
      /** Occurrence of this OBX in the message (1-based), for ERR-2. */
      obx: number;
      /** Filler order (OBR-3, else placer OBR-2) + OBX-3 code + OBX-4 sub-id: what a correction refers to. */
      key: string | null;
      status: 'F' | 'C';
      observation: ObservationCreate;
      finding: Finding | null;
    }
  | {
      kind: 'held';
      obx: number;
      reason: 'unknown-analyte' | 'invalid-value' | 'not-stored';
      problem: Hl7Problem;
      text: string;
    }
  | { kind: 'skipped'; obx: number; problem: Hl7Problem };

/**
 * OBX-11 result status (HL7 v2.5.1 table 0085): F final and C corrected are stored; P preliminary, R not verified,
 * I pending and S partial are skipped until the final result comes; D (delete), W (wrong patient) and X (cancelled)
 * change what is already recorded, which a person does (held for review).
 */
const SKIPPED_STATUS = new Set(['P', 'R', 'I', 'S', 'N', 'O', 'U', '']);

const coded = (m: Hl7Message, s: Hl7Segment, field: number): CodedElement[] => [
  { code: value(m, s, field, 1), text: value(m, s, field, 2), system: value(m, s, field, 3) },
  { code: value(m, s, field, 4), text: value(m, s, field, 5), system: value(m, s, field, 6) },
];

/** OBX-5 as a number: NM, or SN without a comparator or range (HL7 v2.5.1 Chapter 2A, SN). */
function numericValue(m: Hl7Message, obx: Hl7Segment): { value: number } | { error: string } {
  const type = value(m, obx, 2);
  if (type === 'SN') {
    const comparator = value(m, obx, 5, 1);
    const separator = value(m, obx, 5, 3);
    if ((comparator && comparator !== '=') || separator) {
      const shown = [comparator, value(m, obx, 5, 2), separator, value(m, obx, 5, 4)].join('');
      return { error: `${shown} is a bound or a range, not a measured value; Engraft stores measured values only` };
    }
    const n = parseTypedNumber(value(m, obx, 5, 2));
    return n.kind === 'number' ? { value: n.value } : { error: `OBX-5 ${n.kind === 'error' ? n.message : 'is empty'}` };
  }
  if (type !== 'NM') return { error: `OBX-2 value type ${type || '(empty)'}: a result is numeric (NM or SN)` };
  const n = parseTypedNumber(value(m, obx, 5, 1));
  return n.kind === 'number' ? { value: n.value } : { error: `OBX-5 ${n.kind === 'error' ? n.message : 'is empty'}` };
}

/** Reads every OBX of an ORU^R01 under its OBR; the patient (PID) is matched by the caller. */
export function readOruLines(m: Hl7Message): LabLine[] {
  const lines: LabLine[] = [];
  let obr: Hl7Segment | undefined;
  let obx = 0;
  for (const s of m.segments) {
    if (s.name === 'OBR') obr = s;
    if (s.name !== 'OBX') continue;
    obx++;
    const text = s.toString();
    const at = (field: number) => ({ segment: 'OBX', sequence: obx, field });
    const status = value(m, s, 11);
    if (SKIPPED_STATUS.has(status)) {
      lines.push({
        kind: 'skipped',
        obx,
        problem: {
          ...at(11),
          code: 103,
          severity: 'W',
          message: `OBX ${obx}: status ${status || '(empty)'} is not a final result; not stored`,
        },
      });
      continue;
    }
    const code = analyteOfCode(coded(m, s, 3));
    if (code.kind === 'unknown') {
      lines.push({
        kind: 'held',
        obx,
        reason: 'unknown-analyte',
        text,
        problem: { ...at(3), code: 204, severity: 'E', message: `OBX ${obx}: ${code.message}; held for review` },
      });
      continue;
    }
    if (status !== 'F' && status !== 'C') {
      lines.push({
        kind: 'held',
        obx,
        reason: 'not-stored',
        text,
        problem: {
          ...at(11),
          code: 207,
          severity: 'E',
          message: `OBX ${obx}: status ${status} changes a recorded result; held for review`,
        },
      });
      continue;
    }
    const n = numericValue(m, s);
    const rawUnit = value(m, s, 6, 1);
    const unit = unitFor(code.analyte, rawUnit);
    const date = dateOfTimestamp(value(m, s, 14)) ?? dateOfTimestamp(obr ? value(m, obr, 7) : '');
    const parsed = ObservationCreateSchema.safeParse({
      analyte: code.analyte,
      observedOn: date ?? '',
      value: 'value' in n ? n.value : 0,
      unit: unit ?? rawUnit,
      lineage: code.lineage,
    });
    const problems: string[] = [];
    let field = 5;
    if ('error' in n) problems.push(n.error);
    if (!date) {
      problems.push('no observation date (OBX-14 or OBR-7)');
      field = 14;
    }
    if (!parsed.success) {
      for (const iss of parsed.error.issues) {
        const path = String(iss.path[0] ?? '');
        if (path === 'value' && 'error' in n) continue;
        if (path === 'observedOn' && !date) continue;
        problems.push(iss.message);
        if (path === 'unit') field = 6;
        if (path === 'observedOn') field = 14;
      }
    }
    if (problems.length || !parsed.success) {
      lines.push({
        kind: 'held',
        obx,
        reason: 'invalid-value',
        text,
        problem: {
          ...at(field),
          code: 102,
          severity: 'E',
          message: `OBX ${obx}: ${problems.join('; ')}; held for review`,
        },
      });
      continue;
    }
    const filler = obr ? value(m, obr, 3) || value(m, obr, 2) : '';
    const key = filler ? `${filler}|${value(m, s, 3, 1)}|${value(m, s, 4)}` : null;
    lines.push({
      kind: 'result',
      obx,
      key,
      status,
      observation: parsed.data,
      finding: observationFinding(parsed.data),
    });
  }
  return lines;
}

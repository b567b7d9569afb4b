import { describe, expect, it } from 'vitest';
import { addDays, latestRecordedDate, todayIso } from './dates';
import { labRowsFromCsv, type ParsedLabFile } from './labImport';
import { rowChecker } from './labRowCheck';
import {
  ANALYTE_CODES,
  ANALYTES,
  ObservationCreateSchema,
  observationFinding,
  TRANSFUSION_PRODUCTS,
  TransfusionCreateSchema,
} from './labs';
import { issuePath } from './problem';
import { parseTypedNumber } from './safety/typedNumber';

const today = todayIso();
const latest = latestRecordedDate(today);
const DATES = [
  today,
  latest,
  addDays(latest, 1),
  '1900-01-01',
  '1899-12-31',
  '2024-02-29',
  '2023-02-29',
  '2020-13-01',
  '2020-1-01',
  ' 2020-01-01',
  '',
  '9999-01-01',
];
const VALUES = [
  '0',
  '-0',
  '-1',
  '5',
  '0.0001',
  '1e3',
  '1E3',
  ' 5',
  '5,0',
  '',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '4×10^2',
  '0x10',
  '12 abc',
];
const ODD_UNITS = ['', ' x10^9/L', 'constructor', '__proto__', 'toString', 'g/l', '%'];
const LINEAGES = [null, 'T-cell', 'whole-blood', 'blood', ''];

/** The possible maximum of an analyte in each of its units, and the next number above it. */
function boundaries(analyte: keyof typeof ANALYTES, unit: string): number[] {
  if (!Object.hasOwn(ANALYTES, analyte) || !Object.hasOwn(ANALYTES[analyte].units, unit)) return [];
  const factor = (ANALYTES[analyte].units as Record<string, number>)[unit]!;
  const atMax = ANALYTES[analyte].max / factor;
  return [atMax, atMax * (1 + Number.EPSILON), atMax * (1 - Number.EPSILON), Number.MAX_VALUE, Number.MIN_VALUE];
}

describe('the fast row check accepts exactly what zod accepts, with the same values', () => {
  it('observations: every analyte, unit, odd number, boundary value, date and lineage', () => {
    const check = rowChecker(today);
    let accepted = 0;
    let compared = 0;
    const differing: string[] = [];
    for (const analyte of [...ANALYTE_CODES, 'platelet', 'hasOwnProperty', '']) {
      const own = Object.hasOwn(ANALYTES, analyte) ? Object.keys(ANALYTES[analyte as 'anc'].units) : ['x10^9/L'];
      for (const unit of [...own, ...ODD_UNITS]) {
        const numbers: (number | undefined)[] = VALUES.map((v) => {
          const t = parseTypedNumber(v);
          return t.kind === 'number' ? t.value : undefined;
        });
        numbers.push(Number.NaN, Number.POSITIVE_INFINITY, -0, ...boundaries(analyte as 'anc', unit));
        for (const value of numbers) {
          for (const observedOn of DATES) {
            for (const lineage of analyte === 'chimerism' || observedOn === today ? LINEAGES : [null]) {
              const zod = ObservationCreateSchema.safeParse({ analyte, observedOn, value, unit, lineage });
              const fast = check.observation(analyte, observedOn, value, unit, lineage);
              // Compared by hand (an expect per row would take seconds); differing rows are listed at the end.
              const same =
                fast === undefined
                  ? !zod.success
                  : zod.success &&
                    JSON.stringify(Object.entries(fast)) === JSON.stringify(Object.entries(zod.data)) &&
                    Object.is(fast.value, zod.data.value);
              if (!same) differing.push(JSON.stringify({ analyte, observedOn, value, unit, lineage, fast }));
              if (fast) accepted++;
              compared++;
            }
          }
        }
      }
    }
    expect(differing).toEqual([]);
    // The generator reaches both verdicts in numbers (not a test that passes by accepting nothing).
    expect(compared).toBeGreaterThan(50_000);
    expect(accepted).toBeGreaterThan(2_000);
  });

  it('transfusions: both products, every date', () => {
    const check = rowChecker(today);
    for (const product of TRANSFUSION_PRODUCTS) {
      for (const givenOn of DATES) {
        const zod = TransfusionCreateSchema.safeParse({ product, givenOn });
        const fast = check.transfusion(product, givenOn);
        expect(fast !== undefined, givenOn).toBe(zod.success);
        if (fast) expect(fast).toStrictEqual(zod.data);
      }
    }
  });

  it('pins the boundaries: the possible maximum is accepted, the next number above it is not; 0 yes, -1 no', () => {
    const check = rowChecker(today);
    expect(check.observation('platelets', today, 3000, 'x10^9/L', null)?.value).toBe(3000);
    expect(check.observation('platelets', today, 3000.0000000000005, 'x10^9/L', null)).toBeUndefined();
    expect(check.observation('chimerism', today, 100, '%', 'T-cell')?.value).toBe(100);
    expect(check.observation('chimerism', today, 0, '%', 'T-cell')?.value).toBe(0);
    expect(check.observation('anc', today, -1, 'x10^9/L', null)).toBeUndefined();
    expect(check.observation('anc', latest, 1, 'x10^9/L', null)).toBeDefined();
    expect(check.observation('anc', addDays(latest, 1), 1, 'x10^9/L', null)).toBeUndefined();
    expect(check.observation('anc', '1900-01-01', 1, 'x10^9/L', null)).toBeDefined();
    expect(check.observation('anc', '1899-12-31', 1, 'x10^9/L', null)).toBeUndefined();
  });
});

/** labRowsFromCsv as it was before the fast check: zod for every row (the oracle for rows and messages). */
function zodOnly(records: readonly Record<string, string>[], firstLine = 2): ParsedLabFile {
  const out: ParsedLabFile = { rows: [], errors: [] };
  const push = (
    line: number,
    issues: readonly { path: PropertyKey[]; message: string }[],
    rename: (p: string) => string
  ) => {
    const seen = new Set<string>();
    for (const iss of issues) {
      const path = rename(issuePath(iss.path));
      if (seen.has(path)) continue;
      seen.add(path);
      out.errors.push({ line, path, message: iss.message });
    }
  };
  records.forEach((r, i) => {
    const line = firstLine + i;
    const mrn = r.mrn?.trim() || null;
    const analyte = (r.analyte ?? '').trim();
    const date = (r.date ?? '').trim();
    const product = ({ 'platelet-transfusion': 'platelets', 'red-cell-transfusion': 'red-cells' } as const)[
      analyte as 'platelet-transfusion'
    ];
    if (Object.hasOwn({ 'platelet-transfusion': 1, 'red-cell-transfusion': 1 }, analyte)) {
      const t = TransfusionCreateSchema.safeParse({ product, givenOn: date });
      if (t.success) out.rows.push({ line, mrn, kind: 'transfusion', transfusion: t.data });
      else push(line, t.error.issues, (p) => (p === 'givenOn' ? 'date' : p));
      return;
    }
    const typed = parseTypedNumber(r.value ?? '');
    if (typed.kind === 'error') out.errors.push({ line, path: 'value', message: `value ${typed.message}` });
    const o = ObservationCreateSchema.safeParse({
      analyte,
      observedOn: date,
      value: typed.kind === 'number' ? typed.value : undefined,
      unit: (r.unit ?? '').trim(),
      lineage: r.lineage?.trim() || null,
    });
    if (o.success) {
      if (typed.kind !== 'error') {
        const finding = observationFinding(o.data, `line ${line}: value`);
        out.rows.push({ line, mrn, kind: 'observation', observation: o.data, finding });
      }
    } else {
      const issues =
        typed.kind === 'error' ? o.error.issues.filter((x) => issuePath(x.path) !== 'value') : o.error.issues;
      push(line, issues, (p) => (p === 'observedOn' ? 'date' : p));
    }
  });
  return out;
}

describe('labRowsFromCsv with the fast check', () => {
  it('gives the same rows, findings, line numbers and messages as zod alone, valid and refused rows mixed', () => {
    const records: Record<string, string>[] = [];
    for (const analyte of ['anc', 'platelets', 'chimerism', 'cmv-pcr', 'red-cell-transfusion', 'nope', ' anc ']) {
      for (const value of [...VALUES, '1001', '3000', '3001', '1e8', '1.5e8', '26', '2']) {
        for (const date of [today, '1899-12-31', '2023-02-29', addDays(latest, 1)]) {
          for (const lineage of ['', 'myeloid', 'x']) {
            const unit = analyte === 'chimerism' ? '%' : analyte === 'cmv-pcr' ? 'IU/mL' : 'x10^9/L';
            records.push({ date, analyte, value, unit, lineage, mrn: records.length % 5 ? '' : ' MRN-1 ' });
          }
        }
      }
    }
    const got = labRowsFromCsv(records);
    const want = zodOnly(records);
    expect(got).toStrictEqual(want);
    expect(got.rows.length).toBeGreaterThan(100);
    expect(got.errors.length).toBeGreaterThan(1000);
    expect(got.rows.some((r) => r.kind === 'observation' && r.finding)).toBe(true);
  });
});

import {
  ANALYTE_CODES,
  ANALYTES,
  CHIMERISM_LINEAGES,
  labFileFindings,
  type LabRow,
  labRowsFromCsv,
  labRowsFromFhirBundle,
  type LabRowError,
} from '@engraft/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../demo/syntheticData';
import { parseLabFile } from './labFileParse';

/**
 * The parse as it was before the rows were validated while being read (issue 14): the whole file parsed by
 * csv-parse at once, then `labRowsFromCsv` 100 records at a time, stopping at a wrong header. The oracle for rows,
 * line numbers, findings and messages.
 */
function wholeFileParse(content: string): { rows: LabRow[]; errors: LabRowError[] } {
  let records: Record<string, string>[];
  try {
    records = parseCsv<Record<string, string>>(content, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    const message = `not readable as CSV: ${err instanceof Error ? err.message : String(err)}`;
    return { rows: [], errors: [{ line: 0, path: 'content', message }] };
  }
  const rows: LabRow[] = [];
  const errors: LabRowError[] = [];
  for (let start = 0; start < records.length; start += 100) {
    const part = labRowsFromCsv(records.slice(start, start + 100), 2 + start);
    rows.push(...part.rows);
    errors.push(...part.errors);
    if (part.errors.some((e) => e.line === 1)) break;
  }
  return { rows, errors };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A CSV line of a lab file: mostly valid results, some transfusions, chimerism, values out of range, bad rows. */
function line(r: () => number, i: number, withMrn: boolean, badRate: number): string {
  const day = 1 + (i % 28);
  let date = `2020-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let analyte: string = pick(r, ANALYTE_CODES);
  const units = Object.keys(ANALYTES[analyte as keyof typeof ANALYTES].units);
  let unit = pick(r, units);
  const max = ANALYTES[analyte as keyof typeof ANALYTES].max;
  // Some values far outside the usual range (a finding that needs a confirmation), most within it.
  let value = (r() < 0.05 ? max * 0.9 : r() * max * 0.05).toPrecision(3);
  let lineage = analyte === 'chimerism' ? pick(r, CHIMERISM_LINEAGES) : '';
  if (r() < 0.05) {
    analyte = pick(r, ['platelet-transfusion', 'red-cell-transfusion']);
    value = '';
    unit = '';
  }
  if (r() < badRate) {
    const bad = Math.floor(r() * 7);
    if (bad === 0) value = pick(r, ['0x10', '1,5', '', 'NaN', '-1', '12 abc']);
    if (bad === 1) date = pick(r, ['2020-02-30', '9999-01-01', '', '1899-12-31', '20-01-01']);
    if (bad === 2) analyte = pick(r, ['ancx', '', 'constructor']);
    if (bad === 3) unit = pick(r, ['', 'g/l', '__proto__']);
    if (bad === 4) lineage = analyte === 'chimerism' ? '' : 'T-cell';
    if (bad === 5) value = String(max * 10);
    if (bad === 6) date = ' 2020-01-01 ';
  }
  // Quoted fields (a comma inside quotes) and multi-byte characters, which may fall across a 16 KB slice.
  const mrn = withMrn ? (r() < 0.1 ? '"MRN-é,1"' : r() < 0.02 ? 'OTHER-µ' : 'MRN-é,1'.replace(',', '')) : undefined;
  const fields = [date, analyte, value, unit, lineage];
  if (mrn !== undefined) fields.push(mrn);
  return fields.join(',');
}

function file(seed: number, rows: number, badRate: number): string {
  const r = random(seed);
  const withMrn = r() < 0.5;
  const header = withMrn ? 'Date, analyte ,value,unit,lineage,MRN' : 'date,analyte,value,unit,lineage';
  const lines = [r() < 0.3 ? `\uFEFF${header}` : header];
  for (let i = 0; i < rows; i++) {
    lines.push(line(r, i, withMrn, badRate));
    if (r() < 0.01) lines.push('');
  }
  return lines.join(r() < 0.3 ? '\r\n' : '\n');
}

async function expectSameAsWholeFile(content: string): Promise<void> {
  const want = wholeFileParse(content);
  const got = await parseLabFile({ format: 'csv', content });
  expect(got.errors).toEqual(want.errors);
  expect(got.rows.length).toBe(want.rows.length);
  expect(got.rows.slice(0, got.rows.length)).toEqual(want.rows);
  expect(got.rows.findings()).toEqual(labFileFindings(want.rows));
  want.rows.forEach((w, i) => {
    expect(got.rows.line(i)).toBe(w.line);
    expect(got.rows.mrn(i)).toBe(w.mrn);
    expect(got.rows.date(i)).toBe(w.kind === 'observation' ? w.observation.observedOn : w.transfusion.givenOn);
  });
}

describe('parseLabFile (CSV validated while it is read, rows kept column-wise)', () => {
  it('gives the rows, findings, errors and line numbers of the whole-file parse, on generated files', async () => {
    // Sizes around the 100-record validation batches and the 16 KB slices; clean files and files with bad rows.
    const sizes = [0, 1, 99, 100, 101, 250, 799, 1_500, 4_000];
    for (const [k, rows] of sizes.entries()) {
      for (const badRate of [0, 0.002, 0.05]) {
        await expectSameAsWholeFile(file(1000 * k + Math.round(badRate * 1000), rows, badRate));
      }
    }
  });

  it('keeps one batch of header errors for a file without a date column, as the whole-file parse', async () => {
    const content = file(7, 1_200, 0).replace(/^(\uFEFF)?date/i, '$1day');
    await expectSameAsWholeFile(content);
    const got = await parseLabFile({ format: 'csv', content });
    expect(got.errors).toEqual([expect.objectContaining({ line: 1, path: 'date' })]);
  });

  it('reports only that a file is not CSV when the break comes after thousands of rows (bad rows included)', async () => {
    for (const tail of ['\n2020-01-01,anc,"1.5,x10^9/L', '\n2020-01-01,anc,1.5,x10^9/L,,MRN,extra,fields']) {
      const content = file(11, 3_000, 0.01) + tail;
      await expectSameAsWholeFile(content);
      const got = await parseLabFile({ format: 'csv', content });
      expect(got.rows.length).toBe(0);
      expect(got.errors).toEqual([expect.objectContaining({ line: 0, path: 'content' })]);
    }
  });

  it('gives the rows of a FHIR bundle as labRowsFromFhirBundle does', async () => {
    const entry = (code: string, value: unknown, date: string) => ({
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code }] },
        valueQuantity: { value, unit: '10*9/L', code: '10*9/L' },
        effectiveDateTime: date,
        subject: { identifier: { value: 'MRN-1' } },
      },
    });
    const bundle = {
      resourceType: 'Bundle',
      entry: [entry('751-8', 1.2, '2020-01-02'), entry('777-3', 900, '2020-01-03T10:00:00Z'), entry('751-8', '1', 'x')],
    };
    const want = labRowsFromFhirBundle(bundle);
    const got = await parseLabFile({ format: 'fhir', content: JSON.stringify(bundle) });
    expect(want.rows.length).toBeGreaterThan(0);
    expect(got.errors).toEqual(want.errors);
    expect(got.rows.slice(0, got.rows.length)).toEqual(want.rows);
    expect(got.rows.findings()).toEqual(labFileFindings(want.rows));
  });
});

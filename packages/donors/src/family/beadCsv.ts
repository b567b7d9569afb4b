// Single-antigen bead results from the CSV exports of the common Luminex platforms (One Lambda LABScreen read
// in HLA Fusion, Immucor LIFECODES LSA read in MATCH IT! Antibody). Accepted columns (header names, any case):
//   specificity: Specificity | Allele Specificity | Antigen Specificity | Bead Specificity | Allele | Antigen
//   MFI:         MFI | Normalized MFI | Normalized Value | Raw MFI | Value
//   date:        Test Date | Date | Run Date        (optional when the import gives the date)
//   sample:      Sample ID | SampleID | Sample      (optional; one sample per file)
// A DQ or DP bead carrying both chains may be written "DQA1*05:01, DQB1*02:01" (quoted) or with "~". The file is
// refused as a whole when any row is wrong, each error naming its line and column.
import { splitCsv } from '../importer';
import type { BeadResult } from './dsa';

const COLUMNS = {
  specificity: ['specificity', 'allele specificity', 'antigen specificity', 'bead specificity', 'allele', 'antigen'],
  mfi: ['mfi', 'normalized mfi', 'normalized value', 'raw mfi', 'value'],
  date: ['test date', 'date', 'run date'],
  sample: ['sample id', 'sampleid', 'sample'],
} as const;

const ALLELE = /^(A|B|C|DRB1|DRB3|DRB4|DRB5|DQA1|DQB1|DPA1|DPB1)\*\d{2,3}(:\d{2,3}){1,3}[A-Z]?$/;
const ANTIGEN = /^(A|B|Cw?|DR|DQ|DPw?)\d{1,4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** MFI is bounded by the reader's scale (0 to ~30,000 on current instruments); above 100,000 is a wrong column. */
const MAX_MFI = 100_000;

export interface BeadCsvError {
  line: number;
  column: string;
  message: string;
}

export type BeadCsvResult =
  { ok: true; sampleId: string | null; results: BeadResult[] } | { ok: false; errors: BeadCsvError[] };

const findColumn = (header: string[], names: readonly string[]): number =>
  header.findIndex((h) => names.includes(h.trim().toLowerCase()));

/** Normalises one specificity cell; returns an error text when a chain is not an HLA name or antigen. */
function specificityOf(cell: string): { value: string } | { error: string } {
  const chains = cell
    .split(/[~,]/)
    .map((c) => c.trim().replace(/^HLA-/, ''))
    .filter(Boolean);
  if (!chains.length) return { error: 'empty specificity' };
  for (const c of chains) {
    if (!ALLELE.test(c) && !ANTIGEN.test(c)) return { error: `"${c}" is not an HLA allele (A*02:01) or antigen (A2)` };
  }
  if (chains.length > 2) return { error: 'a bead carries one or two chains' };
  return { value: chains.join('~') };
}

/**
 * Reads a bead export. `defaultDate` is used when the file has no date column; `today` bounds dates (a test
 * cannot be dated in the future).
 */
export function parseBeadCsv(text: string, opts: { defaultDate?: string; today: string }): BeadCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: BeadCsvError[] = [];
  const headerLine = lines.findIndex((l) => l.trim() !== '');
  if (headerLine < 0) return { ok: false, errors: [{ line: 1, column: '', message: 'the file is empty' }] };
  let header: string[];
  try {
    header = splitCsv(lines[headerLine]!);
  } catch {
    return { ok: false, errors: [{ line: headerLine + 1, column: '', message: 'the header cannot be read' }] };
  }
  const col = {
    specificity: findColumn(header, COLUMNS.specificity),
    mfi: findColumn(header, COLUMNS.mfi),
    date: findColumn(header, COLUMNS.date),
    sample: findColumn(header, COLUMNS.sample),
  };
  if (col.specificity < 0) {
    errors.push({ line: headerLine + 1, column: 'specificity', message: 'no specificity column' });
  }
  if (col.mfi < 0) errors.push({ line: headerLine + 1, column: 'MFI', message: 'no MFI column' });
  if (col.date < 0 && !opts.defaultDate) {
    errors.push({ line: headerLine + 1, column: 'date', message: 'no test date column: give the test date' });
  }
  if (errors.length) return { ok: false, errors };
  const results: BeadResult[] = [];
  const samples = new Set<string>();
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    let cells: string[];
    try {
      cells = splitCsv(raw);
    } catch (err) {
      errors.push({ line, column: '', message: err instanceof Error ? err.message : 'unreadable row' });
      continue;
    }
    const spec = specificityOf(cells[col.specificity] ?? '');
    if ('error' in spec) errors.push({ line, column: header[col.specificity]!, message: spec.error });
    const mfiText = (cells[col.mfi] ?? '').trim();
    const mfi = Number(mfiText);
    if (!/^\d+(\.\d+)?$/.test(mfiText) || mfi > MAX_MFI) {
      errors.push({ line, column: header[col.mfi]!, message: `"${mfiText}" is not an MFI (0 to ${MAX_MFI})` });
    }
    const date = col.date >= 0 ? (cells[col.date] ?? '').trim() : opts.defaultDate!;
    if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date))) {
      errors.push({
        line,
        column: col.date >= 0 ? header[col.date]! : 'date',
        message: `"${date}" is not a date (YYYY-MM-DD)`,
      });
    } else if (date > opts.today) {
      errors.push({ line, column: col.date >= 0 ? header[col.date]! : 'date', message: `${date} is in the future` });
    }
    if (col.sample >= 0) samples.add((cells[col.sample] ?? '').trim());
    if ('value' in spec) results.push({ specificity: spec.value, mfi, testedOn: date });
  }
  if (samples.size > 1) {
    errors.push({
      line: headerLine + 2,
      column: header[col.sample]!,
      message: `the file holds ${samples.size} samples: import one patient's sample per file`,
    });
  }
  if (!errors.length && !results.length) errors.push({ line: headerLine + 2, column: '', message: 'no bead results' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, sampleId: samples.size ? [...samples][0]! : null, results };
}

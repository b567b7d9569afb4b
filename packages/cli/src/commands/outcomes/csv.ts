// CSV input of the outcomes commands: csv-parse (RFC 4180: quotes, "" escapes, CRLF, BOM, blank lines skipped)
// plus typed column access. Errors name the line.
import { parse } from 'csv-parse/sync';

export interface CsvTable {
  header: string[];
  /** Data rows; each has exactly header.length fields. */
  rows: string[][];
  /** 1-based line number in the file where each data row starts (for messages). */
  lines: number[];
}

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Parses CSV text with csv-parse (RFC 4180), keeping each record's line for messages. */
export function parseCsv(text: string): CsvTable {
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvError(`line ${startLine(text, e.lines)}: unterminated quoted field`);
    }
    if (e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'INVALID_OPENING_QUOTE') {
      throw new CsvError(`line ${e.lines ?? '?'}: characters after a closing quote`);
    }
    throw new CsvError(`not readable as CSV: ${e.message ?? String(err)}`);
  }
  const [head, ...data] = records;
  if (!head) throw new CsvError('the CSV file is empty');
  const header = head.record;
  for (const r of data) {
    if (r.record.length !== header.length) {
      throw new CsvError(`line ${firstLine(r)}: ${r.record.length} fields, but the header has ${header.length}`);
    }
  }
  return { header, rows: data.map((r) => r.record), lines: data.map(firstLine) };
}

/** csv-parse counts lines up to a record's end; a quoted field may span several, so go back to its first. */
function firstLine(r: { raw: string; info: { lines: number } }): number {
  return r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
}

/** csv-parse reports the line where it gave up; the unterminated field started on the last record line. */
function startLine(text: string, reported: number | undefined): number {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/).length;
  return Math.min(reported ?? lines, lines);
}

/** Index of a named column, or a clear error listing the available ones. */
export function columnIndex(table: CsvTable, name: string, option: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new CsvError(`${option} ${name}: no such column (columns: ${table.header.join(', ')})`);
  return i;
}

/** A numeric column; empty or non-numeric cells are errors naming the line. */
export function numberColumn(table: CsvTable, name: string, option: string): number[] {
  const c = columnIndex(table, name, option);
  return table.rows.map((r, k) => {
    const s = r[c]!;
    const v = s === '' ? Number.NaN : Number(s);
    if (!Number.isFinite(v)) {
      throw new CsvError(`line ${table.lines[k]}: column ${name} must be a number, got ${JSON.stringify(s)}`);
    }
    return v;
  });
}

/** A label column: all-numeric labels become numbers (so they sort numerically, like R), else strings. */
export function labelColumn(table: CsvTable, name: string, option: string): (string | number)[] {
  const c = columnIndex(table, name, option);
  const raw = table.rows.map((r, k) => {
    const s = r[c]!;
    if (s === '') throw new CsvError(`line ${table.lines[k]}: column ${name} is empty`);
    return s;
  });
  const numeric = raw.every((s) => Number.isFinite(Number(s)));
  return numeric ? raw.map(Number) : raw;
}

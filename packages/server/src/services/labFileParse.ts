import {
  type LabImport,
  type LabImportReport,
  type LabRow,
  labRowsFromCsv,
  labRowsFromFhirBundle,
} from '@engraft/domain';
import { finished } from 'node:stream/promises';
import { parse as csvParser } from 'csv-parse';

/**
 * Gives the event loop back whenever `budgetMs` of synchronous work has run since the last turn (issue 14: a
 * 32,000-row file parsed and validated in one go held every other request for up to 700 ms).
 */
export function turnTaker(budgetMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/** Work between two turns for other requests: short enough that a concurrent page read is not held up by it. */
export const TURN_BUDGET_MS = 8;
/** Bytes of CSV given to the streaming parser at a time, and records validated at a time. */
const CSV_SLICE_BYTES = 16 * 1024;
const VALIDATE_SLICE_ROWS = 100;

const CSV_OPTIONS = {
  columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
  skip_empty_lines: true,
  trim: true,
  bom: true,
} as const;

/** The CSV's records (header mapped to keys), parsed by csv-parse's streaming parser a slice at a time. */
async function csvRecords(content: string, turn: () => Promise<void>): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  const parser = csvParser(CSV_OPTIONS);
  let failure: Error | undefined;
  parser.on('data', (r: Record<string, string>) => void records.push(r));
  parser.on('error', (err: Error) => (failure ??= err));
  // Bytes, not characters: a slice boundary inside a character is joined up by the parser (as the whole-file call).
  const bytes = Buffer.from(content, 'utf8');
  for (let at = 0; at < bytes.length && !parser.destroyed; at += CSV_SLICE_BYTES) {
    parser.write(bytes.subarray(at, at + CSV_SLICE_BYTES));
    await turn();
  }
  if (!parser.destroyed) parser.end();
  try {
    await finished(parser);
  } catch (err) {
    throw failure ?? err;
  }
  if (failure !== undefined) throw failure;
  return records;
}

/**
 * Parses and validates a lab file (the pure `@engraft/domain` functions do the validation), giving other requests
 * their turn every few milliseconds; line numbers stay the file's. Never throws for bad content: a file that is not
 * CSV or JSON is reported as an error on `content`.
 */
export async function parseLabFile(file: LabImport): Promise<{ rows: LabRow[]; errors: LabImportReport['errors'] }> {
  const turn = turnTaker(TURN_BUDGET_MS);
  if (file.format === 'csv') {
    let records: Record<string, string>[];
    try {
      records = await csvRecords(file.content, turn);
    } catch (err) {
      const message = `not readable as CSV: ${err instanceof Error ? err.message : String(err)}`;
      return { rows: [], errors: [{ line: 0, path: 'content', message }] };
    }
    const rows: LabRow[] = [];
    const errors: LabImportReport['errors'] = [];
    for (let start = 0; start < records.length; start += VALIDATE_SLICE_ROWS) {
      const part = labRowsFromCsv(records.slice(start, start + VALIDATE_SLICE_ROWS), 2 + start);
      for (const r of part.rows) rows.push(r);
      for (const e of part.errors) errors.push(e);
      if (part.errors.some((e) => e.line === 1)) break; // the header is wrong: every slice would say so
      await turn();
    }
    return { rows, errors };
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(file.content);
  } catch {
    return { rows: [], errors: [{ line: 0, path: 'content', message: 'not valid JSON (expected a FHIR R4 Bundle)' }] };
  }
  return labRowsFromFhirBundle(bundle);
}

import { type LabImport, type LabImportReport, labRowsFromCsv, labRowsFromFhirBundle } from '@engraft/domain';
import { finished } from 'node:stream/promises';
import { parse as csvParser } from 'csv-parse';
import { LabRowTable } from './labRowTable';

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

/**
 * The CSV's rows, validated as csv-parse's streaming parser gives its records (16 KB of CSV at a time): each 100
 * records go to `labRowsFromCsv` (line = 2 + the record's index, as for the whole file) and only the valid rows
 * (column-wise, `LabRowTable`) and the errors are kept, so the records die young (issue 14: 32,000 records kept
 * until validated made each young-generation collection of the parse copy them). A header without date or analyte
 * stops the validation (every batch would say so); the file is still read to its end, since a file that is not CSV
 * is reported as that alone.
 * @throws the parser's error for content that is not CSV
 */
async function csvRows(content: string, turn: () => Promise<void>): Promise<ParsedLabRows> {
  const rows = new LabRowTable();
  const errors: LabImportReport['errors'] = [];
  let pending: Record<string, string>[] = [];
  let validated = 0;
  let headerWrong = false;
  const validate = (all: boolean) => {
    let at = 0;
    for (; pending.length - at >= VALIDATE_SLICE_ROWS || (all && at < pending.length); at += VALIDATE_SLICE_ROWS) {
      if (headerWrong) continue;
      const part = labRowsFromCsv(pending.slice(at, at + VALIDATE_SLICE_ROWS), 2 + validated);
      for (const r of part.rows) rows.push(r);
      for (const e of part.errors) errors.push(e);
      headerWrong = part.errors.some((e) => e.line === 1);
      validated += VALIDATE_SLICE_ROWS;
    }
    pending = pending.slice(at);
  };
  const parser = csvParser(CSV_OPTIONS);
  let failure: Error | undefined;
  parser.on('data', (r: Record<string, string>) => void pending.push(r));
  parser.on('error', (err: Error) => (failure ??= err));
  // Bytes, not characters: a slice boundary inside a character is joined up by the parser (as the whole-file call).
  const bytes = Buffer.from(content, 'utf8');
  for (let at = 0; at < bytes.length && !parser.destroyed; at += CSV_SLICE_BYTES) {
    parser.write(bytes.subarray(at, at + CSV_SLICE_BYTES));
    validate(false);
    await turn();
  }
  if (!parser.destroyed) parser.end();
  try {
    await finished(parser);
  } catch (err) {
    throw failure ?? err;
  }
  if (failure !== undefined) throw failure;
  validate(true);
  return { rows, errors };
}

/** A parsed lab file: its valid rows (column-wise) and every problem found. */
export interface ParsedLabRows {
  rows: LabRowTable;
  errors: LabImportReport['errors'];
}

/**
 * Parses and validates a lab file (the pure `@engraft/domain` functions do the validation), giving other requests
 * their turn every few milliseconds; line numbers stay the file's. Never throws for bad content: a file that is not
 * CSV or JSON is reported as an error on `content`.
 */
export async function parseLabFile(file: LabImport): Promise<ParsedLabRows> {
  const turn = turnTaker(TURN_BUDGET_MS);
  if (file.format === 'csv') {
    try {
      return await csvRows(file.content, turn);
    } catch (err) {
      const message = `not readable as CSV: ${err instanceof Error ? err.message : String(err)}`;
      return { rows: new LabRowTable(), errors: [{ line: 0, path: 'content', message }] };
    }
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(file.content);
  } catch {
    const message = 'not valid JSON (expected a FHIR R4 Bundle)';
    return { rows: new LabRowTable(), errors: [{ line: 0, path: 'content', message }] };
  }
  const { rows, errors } = labRowsFromFhirBundle(bundle);
  return { rows: LabRowTable.of(rows), errors };
}

import type { ZodError } from 'zod';
import type { DonorIndex } from './donorIndex';
import { LOCI, isLocus } from './loci';
import type { Locus } from './loci';
import type { DonorRecord, DonorRecordInput } from './schema';
import { DonorRecordSchema } from './schema';
import { TypingError, normalizeTyping, splitByLocus } from './typing';
import type { WriterOptions } from './writer';

// Registry file import (issue 6): WMDA `ID%<GL string>` text and CSV. Pure: lines in, records and errors out;
// reading files (and gzip) is in io.ts. Bad rows are reported with their line number and skipped, or the whole
// import is refused (strict); rows are staged in an index writer and published together, never half-applied.

export type ImportFormat = 'wmda' | 'csv';

export interface ImportError {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly id?: string;
  readonly message: string;
}

export interface ImportOptions {
  /** Registry recorded on WMDA-format rows (which carry none), and CSV rows with an empty registry. Default 'WMDA'. */
  readonly registry?: string;
  /** Refuse the whole import when any row is invalid. */
  readonly strict?: boolean;
}

/** Parses data lines of one format; create one per file (CSV keeps its header). */
export class RowParser {
  private header: string[] | undefined;
  readonly errors: ImportError[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly format: ImportFormat,
    private readonly options: ImportOptions = {}
  ) {}

  /** One line → a record, or undefined (blank, comment, header, or an error recorded in `errors`). */
  parse(line: string, lineNo: number): DonorRecord | undefined {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '' || text.startsWith('#')) return undefined;
    try {
      const input = this.format === 'wmda' ? this.wmda(text) : this.csv(text, lineNo);
      if (!input) return undefined;
      const parsed = DonorRecordSchema.safeParse(input);
      if (!parsed.success) return this.fail(lineNo, input.id, zodMessage(parsed.error));
      const record = parsed.data;
      record.typing = normalizeTyping(record.typing);
      if (this.seen.has(record.id)) {
        return this.fail(lineNo, record.id, `duplicate id ${record.id} (already on an earlier line)`);
      }
      this.seen.add(record.id);
      return record;
    } catch (err) {
      if (err instanceof TypingError || err instanceof RowError) return this.fail(lineNo, undefined, err.message);
      throw err;
    }
  }

  fail(line: number, id: string | undefined, message: string): undefined {
    this.errors.push(id === undefined ? { line, message } : { line, id, message });
    return undefined;
  }

  private wmda(text: string): DonorRecordInput {
    const pct = text.indexOf('%');
    if (pct <= 0) throw new RowError(`expected ID%<GL string>`);
    const id = text.slice(0, pct).trim();
    const gl = text.slice(pct + 1).trim();
    if (gl === '') throw new RowError(`${id}: empty GL string`);
    return { id, registry: this.options.registry ?? 'WMDA', kind: 'adult', typing: splitByLocus(gl) };
  }

  private csv(text: string, lineNo: number): DonorRecordInput | undefined {
    const cells = splitCsv(text);
    if (!this.header) {
      this.header = cells.map(normalizeColumn);
      const unknown = this.header.filter((h) => !KNOWN_COLUMNS.has(h));
      if (unknown.length > 0) {
        throw new HeaderError(
          lineNo,
          `unknown CSV column(s): ${unknown.join(', ')} (known: ${[...KNOWN_COLUMNS].join(', ')})`
        );
      }
      if (!this.header.includes('id')) throw new HeaderError(lineNo, 'the CSV header has no id column');
      return undefined;
    }
    if (cells.length !== this.header.length) {
      throw new RowError(`${cells.length} fields, the header has ${this.header.length}`);
    }
    // column name → trimmed non-empty cell (a plain object per row: cheaper than a Map on million-row files)
    const row: Record<string, string> = {};
    const header = this.header;
    for (let i = 0; i < header.length; i++) {
      const v = (cells[i] as string).trim();
      if (v !== '') row[header[i] as string] = v;
    }
    const get = (key: string): string | undefined => row[key];
    const has = (key: string): boolean => row[key] !== undefined;
    const num = (key: string): number | undefined => {
      const v = row[key];
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new RowError(`${key}: '${v}' is not a number`);
      return n;
    };
    const typing: Partial<Record<Locus, string>> = has('gl') ? { ...splitByLocus(get('gl') ?? '') } : {};
    for (const locus of LOCI) {
      const v = get(locus.toLowerCase());
      if (v === undefined) continue;
      if (typing[locus] !== undefined) throw new RowError(`${locus} given both in the gl column and its own column`);
      typing[locus] = v;
    }
    const kind = get('kind') ?? (has('tnc_e7') ? 'cord' : 'adult');
    const input: Record<string, unknown> = {
      id: get('id') ?? '',
      registry: get('registry') ?? this.options.registry ?? 'WMDA',
      kind,
      typing,
    };
    const copy = (col: string, key: string): void => {
      const v = get(col);
      if (v !== undefined) input[key] = v;
    };
    copy('sex', 'sex');
    copy('birth_date', 'birthDate');
    copy('abo', 'abo');
    copy('rh', 'rh');
    copy('cmv', 'cmv');
    copy('population', 'population');
    copy('availability', 'availability');
    const year = num('birth_year');
    if (year !== undefined) input.birthYear = year;
    const tnc = num('tnc_e7');
    if (tnc !== undefined || has('cd34_e5') || has('volume_ml') || has('bank')) {
      const cord: Record<string, unknown> = {};
      if (tnc !== undefined) cord.tncE7 = tnc;
      const cd34 = num('cd34_e5');
      if (cd34 !== undefined) cord.cd34E5 = cd34;
      const vol = num('volume_ml');
      if (vol !== undefined) cord.volumeMl = vol;
      copy('bank', '_bank');
      if (input._bank !== undefined) {
        cord.bank = input._bank;
        delete input._bank;
      }
      input.cord = cord;
    }
    return input as DonorRecordInput;
  }
}

/** CSV columns: snake_case (camelCase and any case accepted); loci by name. */
export const CSV_COLUMNS = [
  'id',
  'registry',
  'kind',
  'sex',
  'birth_date',
  'birth_year',
  'abo',
  'rh',
  'cmv',
  'population',
  'availability',
  'gl',
  ...LOCI.map((l) => l.toLowerCase()),
  'tnc_e7',
  'cd34_e5',
  'volume_ml',
  'bank',
] as const;
const KNOWN_COLUMNS = new Set<string>(CSV_COLUMNS);

function normalizeColumn(name: string): string {
  const t = name.trim();
  if (isLocus(t.toUpperCase())) return t.toLowerCase();
  return t
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

/** Splits one CSV line (RFC 4180 quotes; no embedded newlines). */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new RowError('unterminated quoted field');
  out.push(cur);
  return out;
}

class RowError extends Error {}

/** A bad CSV header: the file cannot be read at all. */
export class HeaderError extends Error {
  override readonly name = 'HeaderError';
  constructor(
    readonly line: number,
    message: string
  ) {
    super(`line ${line}: ${message}`);
  }
}

function zodMessage(err: ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
}

export interface ImportSummary {
  readonly format: ImportFormat;
  readonly lines: number;
  /** Rows accepted into the index (0 when refused). */
  readonly imported: number;
  readonly added: number;
  readonly updated: number;
  /** Rows skipped, with line numbers. */
  readonly errors: readonly ImportError[];
  /** True when nothing was applied (strict mode with errors). */
  readonly refused: boolean;
  readonly elapsedMs: number;
  readonly release: string;
}

export interface ImportIntoOptions extends ImportOptions, WriterOptions {
  /** Called every `progressEvery` lines (default 10,000) with the lines read so far. */
  readonly onProgress?: (lines: number) => void;
  readonly progressEvery?: number;
  /** Rows staged per writer call (default 5,000). */
  readonly batchSize?: number;
}

/**
 * Imports lines (sync or async iterable, e.g. io.readLines) into an index: rows are checked (record schema,
 * loci, typings resolved against the index's release), invalid ones reported and skipped, valid ones staged
 * in one writer and published together. In strict mode any error refuses the import and nothing changes.
 * @throws HeaderError when a CSV header cannot be read (nothing is applied)
 */
export async function importLines(
  index: DonorIndex,
  lines: AsyncIterable<string> | Iterable<string>,
  format: ImportFormat,
  options: ImportIntoOptions = {}
): Promise<ImportSummary> {
  const started = performance.now();
  const parser = new RowParser(format, options);
  const writer = index.writer(options);
  const batchSize = options.batchSize ?? 5000;
  const every = options.progressEvery ?? 10_000;
  let batch: DonorRecord[] = [];
  let batchLines: number[] = [];
  let lineNo = 0;
  const flush = (): void => {
    const errors = writer.upsert(batch);
    if (errors.length > 0) {
      const lineOf = new Map(batch.map((d, i) => [d.id, batchLines[i] ?? 0]));
      for (const e of errors) parser.fail(lineOf.get(e.id) ?? 0, e.id, e.message);
    }
    batch = [];
    batchLines = [];
  };
  try {
    for await (const line of lines) {
      lineNo++;
      const record = parser.parse(line, lineNo);
      if (record) {
        batch.push(record);
        batchLines.push(lineNo);
        if (batch.length >= batchSize) flush();
      }
      if (options.onProgress && lineNo % every === 0) options.onProgress(lineNo);
      if (options.strict && parser.errors.length > 0) break;
    }
    if (batch.length > 0 && !(options.strict && parser.errors.length > 0)) flush();
  } catch (err) {
    writer.abort();
    throw err;
  }
  options.onProgress?.(lineNo);
  const errors = [...parser.errors].sort((a, b) => a.line - b.line);
  const base = { format, lines: lineNo, errors, release: index.release };
  if (options.strict && errors.length > 0) {
    writer.abort();
    return { ...base, imported: 0, added: 0, updated: 0, refused: true, elapsedMs: performance.now() - started };
  }
  const result = writer.commit();
  return {
    ...base,
    imported: result.added + result.updated,
    added: result.added,
    updated: result.updated,
    refused: false,
    elapsedMs: performance.now() - started,
  };
}

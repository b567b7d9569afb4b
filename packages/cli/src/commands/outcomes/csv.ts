// A small RFC 4180 CSV reader for the outcomes commands: header row, quoted fields with "" escapes, commas and
// newlines inside quotes, LF or CRLF line ends, a leading BOM. Blank lines are skipped. Errors name the line.

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

export function parseCsv(text: string): CsvTable {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  const endField = (): void => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    const blank = fields.length === 0 && !wasQuoted && field.trim() === '';
    endField();
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.trim() !== '') throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      field = '';
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (wasQuoted && ch.trim() !== '') throw new CsvError(`line ${line}: characters after a closing quote`);
      field += ch;
    }
  }
  if (quoted) throw new CsvError(`line ${recordLine}: unterminated quoted field`);
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  const [head, ...data] = records;
  if (!head) throw new CsvError('the CSV file is empty');
  const header = head.fields;
  for (const r of data) {
    if (r.fields.length !== header.length) {
      throw new CsvError(`line ${r.line}: ${r.fields.length} fields, but the header has ${header.length}`);
    }
  }
  return { header, rows: data.map((r) => r.fields), lines: data.map((r) => r.line) };
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

// Columnar CSV reader for the outcomes commands (issue 15 §2): one pass over the file's bytes fills a
// Float64Array per numeric column and interns group labels to codes, with no object per record. RFC 4180
// (Shafranovich 2005, IETF RFC 4180 §2): fields separated by commas, records by CRLF or LF, a field in double
// quotes may hold commas, line breaks and "" for a quote. As the csv-parse reader (csv.ts) it skips a BOM and
// empty lines, trims spaces around fields (not inside quotes), and every error names the line.
import { CsvError } from './csv';

export interface NumberSpec {
  readonly name: string;
  /** The command-line option naming the column (for messages). */
  readonly option: string;
  readonly kind: 'number';
  /** A problem with a value (a number), or undefined if it is acceptable. */
  readonly check?: (v: number) => string | undefined;
}

export interface LabelSpec {
  readonly name: string;
  readonly option: string;
  readonly kind: 'label';
}

export type ColumnSpec = NumberSpec | LabelSpec;

export interface LabelColumn {
  /** Distinct labels in order of first appearance: numbers if every label is numeric (as R), else strings. */
  readonly levels: (string | number)[];
  readonly codes: Int32Array;
}

export interface ColumnarTable {
  readonly header: string[];
  readonly rows: number;
  readonly numbers: ReadonlyMap<string, Float64Array>;
  readonly labels: ReadonlyMap<string, LabelColumn>;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Reads the named columns of a CSV file. @throws CsvError naming the line */
export function readColumns(input: Uint8Array, specs: readonly ColumnSpec[]): ColumnarTable {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const scan = new Scanner(buf);
  const header = scan.header();
  const width = header.length;
  const at = new Int32Array(width).fill(-1);
  specs.forEach((s, k) => {
    const i = header.indexOf(s.name);
    if (i < 0) throw new CsvError(`${s.option} ${s.name}: no such column (columns: ${header.join(', ')})`);
    at[i] = k;
  });
  // Rows are at most the line count; columns grow by doubling, then are trimmed.
  let capacity = Math.max(16, Math.min(1 << 20, buf.length >> 3));
  let nums = specs.map((s) => (s.kind === 'number' ? new Float64Array(capacity) : null));
  let codes = specs.map((s) => (s.kind === 'label' ? new Int32Array(capacity) : null));
  const interners = specs.map((s) => (s.kind === 'label' ? new Interner() : null));
  let rows = 0;
  while (scan.pos < buf.length) {
    if (scan.skipEmptyLine()) continue;
    if (rows === capacity) {
      capacity *= 2;
      nums = nums.map((a) => (a ? grow(a, capacity) : null));
      codes = codes.map((a) => (a ? grow(a, capacity) : null));
    }
    const line = scan.line;
    let field = 0;
    for (;;) {
      const k = field < width ? (at[field] as number) : -1;
      const end = scan.field(k >= 0);
      if (k >= 0) {
        const spec = specs[k] as ColumnSpec;
        if (spec.kind === 'number') {
          const v = scan.number();
          if (!Number.isFinite(v)) {
            throw new CsvError(
              `line ${line}: column ${spec.name} must be a number, got ${JSON.stringify(scan.text())}`
            );
          }
          const problem = spec.check?.(v);
          if (problem !== undefined) {
            throw new CsvError(`line ${line}: column ${spec.name} must be ${problem}, got ${v}`);
          }
          (nums[k] as Float64Array)[rows] = v;
        } else {
          if (scan.start === scan.end && !scan.quoted) throw new CsvError(`line ${line}: column ${spec.name} is empty`);
          (codes[k] as Int32Array)[rows] = (interners[k] as Interner).id(scan, line, spec.name);
        }
      }
      field++;
      if (end) break;
    }
    if (field !== width) throw new CsvError(`line ${line}: ${field} fields, but the header has ${width}`);
    rows++;
  }
  const numbers = new Map<string, Float64Array>();
  const labels = new Map<string, LabelColumn>();
  specs.forEach((s, k) => {
    if (s.kind === 'number') numbers.set(s.name, (nums[k] as Float64Array).slice(0, rows));
    else {
      labels.set(s.name, {
        levels: (interners[k] as Interner).levels(),
        codes: (codes[k] as Int32Array).slice(0, rows),
      });
    }
  });
  return { header, rows, numbers, labels };
}

function grow<T extends Float64Array | Int32Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/** Byte-level RFC 4180 tokenizer; the last field read is buf[start, end), quoted or not. */
class Scanner {
  pos = 0;
  line = 1;
  start = 0;
  end = 0;
  quoted = false;
  /** The quoted field contains "" (an escaped quote). */
  escaped = false;

  constructor(readonly buf: Buffer) {
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.pos = 3;
  }

  header(): string[] {
    while (this.pos < this.buf.length && this.skipEmptyLine());
    if (this.pos >= this.buf.length) throw new CsvError('the CSV file is empty');
    const names: string[] = [];
    for (;;) {
      const end = this.field(true);
      names.push(this.text());
      if (end) return names;
    }
  }

  /** Skips one empty line (LF, CRLF or CR) if the next record is empty. */
  skipEmptyLine(): boolean {
    const b = this.buf[this.pos];
    if (b === LF) {
      this.pos++;
      this.line++;
      return true;
    }
    if (b === CR) {
      this.pos += this.buf[this.pos + 1] === LF ? 2 : 1;
      this.line++;
      return true;
    }
    return false;
  }

  /** Reads one field; returns true if it ended the record. `keep`: the caller reads the field's value. */
  field(keep: boolean): boolean {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos;
    while (p < n && (buf[p] === SPACE || buf[p] === TAB)) p++;
    this.quoted = false;
    if (buf[p] === QUOTE) {
      const opened = this.line;
      this.quoted = true;
      this.escaped = false;
      const s = ++p;
      for (;;) {
        if (p >= n) throw new CsvError(`line ${opened}: unterminated quoted field`);
        const b = buf[p];
        if (b === QUOTE) {
          if (buf[p + 1] === QUOTE) {
            this.escaped = true;
            p += 2;
            continue;
          }
          break;
        }
        if (b === LF) this.line++;
        p++;
      }
      this.start = s;
      this.end = p++;
      while (p < n && (buf[p] === SPACE || buf[p] === TAB)) p++;
      if (p < n && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) {
        throw new CsvError(`line ${this.line}: characters after a closing quote`);
      }
    } else {
      const s = p;
      while (p < n) {
        const b = buf[p];
        if (b === COMMA || b === LF || b === CR) break;
        if (b === QUOTE) {
          throw new CsvError(`line ${this.line}: a quote inside an unquoted field (quote the whole field)`);
        }
        p++;
      }
      let e = p;
      if (keep) while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
      this.start = s;
      this.end = e;
    }
    if (p >= n) {
      this.pos = p;
      return true;
    }
    const b = buf[p];
    if (b === COMMA) {
      this.pos = p + 1;
      return false;
    }
    this.pos = p + (b === CR && buf[p + 1] === LF ? 2 : 1);
    this.line++;
    return true;
  }

  /** The last field as text (quotes unescaped). */
  text(): string {
    const s = this.buf.toString('utf8', this.start, this.end);
    return this.escaped && this.quoted ? s.replaceAll('""', '"') : s;
  }

  /**
   * The last field as a number, equal to Number(text) (NaN for an empty field). Plain decimals of up to 15
   * digits are converted from the bytes: the digits as an exact integer divided by an exact power of ten is the
   * correctly rounded double (Clinger WD, "How to read floating point numbers accurately", PLDI 1990, §5 fast
   * path); anything else (exponents, more digits, hex, quoted) goes through Number.
   */
  number(): number {
    const buf = this.buf;
    let p = this.start;
    const e = this.end;
    if (p === e) return Number.NaN;
    if (!this.quoted) {
      let neg = false;
      if (buf[p] === 0x2d) {
        neg = true;
        p++;
      }
      let m = 0;
      let nd = 0; // digits
      let digits = 0; // significant digits (from the first non-zero one)
      let frac = -1; // digits after the point, -1 without a point
      for (; p < e; p++) {
        const d = (buf[p] as number) - 0x30;
        if (d >= 0 && d <= 9) {
          m = m * 10 + d;
          nd++;
          if (m > 0) digits++;
          if (frac >= 0) frac++;
        } else if (d === -2 && frac < 0) frac = 0;
        else break;
      }
      const k = frac < 0 ? 0 : frac;
      if (p === e && nd > 0 && digits <= 15 && k <= 22) {
        const v = k === 0 ? m : m / (POW10[k] as number);
        return neg ? -v : v;
      }
    }
    const t = this.text();
    return t.trim() === '' ? Number.NaN : Number(t);
  }
}

/** b equals buf[start, end) (a loop: Buffer.compare's call costs more than comparing a short label). */
function sameBytes(b: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (b.length !== end - start) return false;
  for (let i = 0; i < b.length; i++) if (b[i] !== buf[start + i]) return false;
  return true;
}

/** Interns the label bytes of one column: a hash of the bytes, then a byte compare; strings made once per label. */
class Interner {
  private readonly byHash = new Map<number, number[]>();
  private readonly bytes: Buffer[] = [];
  private readonly byText = new Map<string, number>();
  private readonly names: string[] = [];

  id(scan: Scanner, line: number, column: string): number {
    if (scan.quoted) return this.idOfText(scan.text(), line, column);
    const { buf, start, end } = scan;
    let h = 0x811c9dc5;
    for (let p = start; p < end; p++) h = Math.imul(h ^ (buf[p] as number), 0x01000193);
    const ids = this.byHash.get(h);
    if (ids) {
      for (const id of ids) {
        const b = this.bytes[id] as Buffer;
        if (sameBytes(b, buf, start, end)) return id;
      }
    }
    const id = this.idOfText(scan.text(), line, column);
    if (this.bytes[id] === undefined) {
      this.bytes[id] = Buffer.from(buf.subarray(start, end));
      if (ids) ids.push(id);
      else this.byHash.set(h, [id]);
    }
    return id;
  }

  private idOfText(text: string, line: number, column: string): number {
    if (text === '') throw new CsvError(`line ${line}: column ${column} is empty`);
    let id = this.byText.get(text);
    if (id === undefined) {
      id = this.names.length;
      this.byText.set(text, id);
      this.names.push(text);
    }
    return id;
  }

  /** Numbers if every label is numeric (so they sort numerically, like R), else the strings. */
  levels(): (string | number)[] {
    const numeric = this.names.every((s) => Number.isFinite(Number(s)));
    return numeric ? this.names.map(Number) : [...this.names];
  }
}

import { HlaError } from '../errors';
import { compareNatural } from '../naturalSort';

/**
 * One NMDP multiple allele code. Generic codes list second fields only (`AB` = `01/02`) and apply to any
 * first field; allele-specific codes list 2-field names (`GNF` = `02:01/02:09/02:43N`).
 */
export interface MacEntry {
  readonly code: string;
  readonly generic: boolean;
  readonly values: readonly string[];
}

/** The 7 fake test codes at the top of Atlas's LargeMacDictionary.csv (see the data PROVENANCE.md). */
export const ATLAS_FAKE_MACS: ReadonlySet<string> = new Set(['ABC', 'DEF', 'NUL', 'TCE', 'XYZ', 'YYY', 'ZZZ']);

const CODE = /^[A-Z]{2,5}$/;
const GENERIC_VALUE = /^\d{2,4}[NLSQCA]?$/;
const SPECIFIC_VALUE = /^\d{2,4}:\d{2,4}[NLSQCA]?$/;

/** Code → its allele list as written in the file. */
interface CodeSource {
  readonly size: number;
  get(code: string): string | undefined;
  entries(): Iterable<[string, string]>;
}

/**
 * A MAC dictionary: code → entry, plus the reverse index used to encode allele lists. NMDP's full list has
 * about 1.14 M codes: a dictionary read from numer.v3 text indexes it on the first lookup
 * into a typed array (no string per code), parses a code's list when asked for it, and builds the
 * reverse index only when encoding.
 */
export class MacDictionary {
  private source: CodeSource | undefined;
  private readonly parsed = new Map<string, MacEntry>();
  private byValues: Map<string, string> | undefined;

  constructor(
    entries: Iterable<MacEntry>,
    private readonly lazySource?: () => CodeSource
  ) {
    if (lazySource) return;
    const map = new Map<string, string>();
    for (const entry of entries) {
      map.set(entry.code, entry.values.join('/'));
      this.parsed.set(entry.code, entry);
    }
    this.source = { size: map.size, get: (code) => map.get(code), entries: () => map.entries() };
  }

  /** A dictionary over numer.v3 / alpha.v3 text (indexed on first use) or the Atlas CSV. */
  static fromText(text: string): MacDictionary {
    if (text.startsWith('Code,')) return new MacDictionary(parseMacCsv(text));
    return new MacDictionary([], () => new NumerIndex(text));
  }

  get size(): number {
    return this.codes().size;
  }

  /** @throws HlaError `bad-data` when the code's line in the file is malformed. */
  get(code: string): MacEntry | undefined {
    const done = this.parsed.get(code);
    if (done) return done;
    const subtype = this.codes().get(code);
    if (subtype === undefined) return undefined;
    const entry = entryOf(code, subtype, 'MAC file');
    this.parsed.set(code, entry);
    return entry;
  }

  /** The code whose value list is exactly `values` (any order), or undefined. */
  codeFor(generic: boolean, values: readonly string[]): string | undefined {
    if (!this.byValues) {
      const byValues = new Map<string, string>();
      for (const [code, subtype] of this.codes().entries()) {
        const key = valuesKey(!subtype.includes(':'), subtype.split('/'));
        // numer.v3 lists each value list once; if two codes share one, the shorter code wins.
        const existing = byValues.get(key);
        if (existing === undefined || existing.length > code.length) byValues.set(key, code);
      }
      this.byValues = byValues;
    }
    return this.byValues.get(valuesKey(generic, values));
  }

  private codes(): CodeSource {
    this.source ??= this.lazySource?.() ?? { size: 0, get: () => undefined, entries: () => [] };
    return this.source;
  }
}

// MAC codes are 2 to 5 capital letters, so each has a slot number below 26^2 + … + 26^5 (12.4 M): the
// index is one Int32Array of line offsets into the text (about 50 MB) instead of a million strings.
const SLOT_BASE = [0, 0, 0, 676, 676 + 17_576, 676 + 17_576 + 456_976];
const SLOTS = 676 + 17_576 + 456_976 + 11_881_376;

function slotOf(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 2 || length > 5) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 65;
    if (c < 0 || c > 25) return -1;
    value = value * 26 + c;
  }
  return (SLOT_BASE[length] ?? 0) + value;
}

class NumerIndex implements CodeSource {
  private readonly lineOf = new Int32Array(SLOTS);
  readonly size: number;

  constructor(private readonly text: string) {
    let count = 0;
    this.scan((codeStart, tab, _end, lineNo) => {
      const slot = slotOf(text, codeStart, tab);
      if (slot < 0) {
        const code = text.slice(codeStart, tab);
        throw new HlaError(
          'bad-data',
          code,
          `MAC file line ${lineNo}: '${code}' is not a MAC code (2 to 5 capital letters)`
        );
      }
      if (this.lineOf[slot] === 0) count++;
      this.lineOf[slot] = codeStart + 1;
    });
    this.size = count;
  }

  get(code: string): string | undefined {
    const slot = slotOf(code, 0, code.length);
    const at = slot < 0 ? 0 : (this.lineOf[slot] ?? 0);
    if (at === 0) return undefined;
    const tab = this.text.indexOf('\t', at - 1);
    let end = this.text.indexOf('\n', tab);
    if (end < 0) end = this.text.length;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(tab + 1, end);
  }

  *entries(): Iterable<[string, string]> {
    const rows: [string, string][] = [];
    this.scan((codeStart, tab, end) => rows.push([this.text.slice(codeStart, tab), this.text.slice(tab + 1, end)]));
    yield* rows;
  }

  // Calls back for every `CODE<TAB>SUBTYPE` row (after an optional flag column); quoted date, header
  // and blank lines are skipped, anything else is reported with its line number.
  private scan(row: (codeStart: number, tab: number, end: number, lineNo: number) => void): void {
    const text = this.text;
    let lineNo = 0;
    for (let start = 0; start < text.length;) {
      let next = text.indexOf('\n', start);
      if (next < 0) next = text.length;
      lineNo++;
      let end = next;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (end > start && text.charCodeAt(start) !== 34 /* " */ && !text.startsWith('CODE', start)) {
        const lastTab = text.lastIndexOf('\t', end - 1);
        const prevTab = lastTab > start ? text.lastIndexOf('\t', lastTab - 1) : -1;
        const codeStart = prevTab >= start ? prevTab + 1 : start;
        if (lastTab >= start && lastTab > codeStart) row(codeStart, lastTab, end, lineNo);
        else {
          const line = text.slice(start, end);
          if (line.trim() !== '' && !/^\*?\s*CODE\b/.test(line)) {
            throw new HlaError('bad-data', line, `MAC file line ${lineNo}: expected CODE<TAB>SUBTYPE, got '${line}'`);
          }
        }
      }
      start = next + 1;
    }
  }
}

function valuesKey(generic: boolean, values: readonly string[]): string {
  return (generic ? 'g:' : 's:') + [...new Set(values)].sort(compareNatural).join('/');
}

function entryOf(code: string, subtype: string, where: string): MacEntry {
  const values = subtype.split('/');
  if (!CODE.test(code)) {
    throw new HlaError('bad-data', code, `${where}: '${code}' is not a MAC code (2 to 5 capital letters)`);
  }
  const generic = values.every((v) => GENERIC_VALUE.test(v));
  if (!generic && !values.every((v) => SPECIFIC_VALUE.test(v))) {
    throw new HlaError('bad-data', subtype, `${where}: MAC ${code} has a malformed allele list '${subtype}'`);
  }
  return { code, generic, values };
}

/**
 * NMDP numer.v3.txt / alpha.v3.txt: a quoted "LAST UPDATED" line, a `CODE<TAB>SUBTYPE` header, then
 * `CODE<TAB>SUBTYPE` rows (alpha.v3 adds a leading flag column) (py-ard mac_codes.py).
 */
export function parseMacNumer(text: string): MacEntry[] {
  const out: MacEntry[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('"') || line.startsWith('CODE') || /^\*?\s*CODE\b/.test(line)) continue;
    const f = line.split('\t').filter((x) => x !== '' && x !== '*');
    const [code, subtype] = f.length >= 2 ? [f[f.length - 2] ?? '', f[f.length - 1] ?? ''] : ['', ''];
    if (!code) throw new HlaError('bad-data', line, `MAC file line ${i + 1}: expected CODE<TAB>SUBTYPE, got '${line}'`);
    out.push(entryOf(code, subtype, `MAC file line ${i + 1}`));
  }
  return out;
}

/**
 * Atlas LargeMacDictionary.csv (Azure table export `Code,Code@type,HLA,HLA@type,IsGeneric,…` with `#`
 * comment lines). Its 7 fake test codes are dropped unless `keepFakes` (PROVENANCE.md).
 */
export function parseMacCsv(text: string, keepFakes = false): MacEntry[] {
  const out: MacEntry[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#') || line.startsWith('Code,')) continue;
    const f = line.split(',');
    const code = f[0] ?? '';
    if (!keepFakes && ATLAS_FAKE_MACS.has(code)) continue;
    if (f.length < 5) {
      throw new HlaError('bad-data', line, `MAC CSV line ${i + 1}: expected Code,Code@type,HLA,… got '${line}'`);
    }
    out.push(entryOf(code, f[2] ?? '', `MAC CSV line ${i + 1}`));
  }
  return out;
}

/** Parses either MAC format, recognised from its content. */
export function parseMacFile(text: string): MacEntry[] {
  return text.startsWith('Code,') ? parseMacCsv(text) : parseMacNumer(text);
}

import { HlaError } from '../errors';
import { compareNatural } from '../naturalSort';

/**
 * One NMDP multiple allele code. Generic codes list second fields only (`AB` = `01/02`) and apply to any
 * first field; allele-specific codes list 2-field names (`GNF` = `02:01/02:09/02:43N`) (hla.md §4.3).
 */
export interface MacEntry {
  readonly code: string;
  readonly generic: boolean;
  readonly values: readonly string[];
}

/** The 7 fake test codes at the top of Atlas's LargeMacDictionary.csv (PROVENANCE.md, hla.md §4.3). */
export const ATLAS_FAKE_MACS: ReadonlySet<string> = new Set(['ABC', 'DEF', 'NUL', 'TCE', 'XYZ', 'YYY', 'ZZZ']);

const CODE = /^[A-Z]{2,5}$/;
const GENERIC_VALUE = /^\d{2,4}[NLSQCA]?$/;
const SPECIFIC_VALUE = /^\d{2,4}:\d{2,4}[NLSQCA]?$/;

/** A MAC dictionary: code → entry, plus the reverse index used to encode allele lists. */
export class MacDictionary {
  private readonly byCode = new Map<string, MacEntry>();
  private readonly byValues = new Map<string, string>();

  constructor(entries: Iterable<MacEntry>) {
    for (const entry of entries) {
      this.byCode.set(entry.code, entry);
      const key = valuesKey(entry.generic, entry.values);
      // numer.v3 lists each value list once; if two codes share one, the first (shortest) code wins.
      const existing = this.byValues.get(key);
      if (existing === undefined || existing.length > entry.code.length) this.byValues.set(key, entry.code);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): MacEntry | undefined {
    return this.byCode.get(code);
  }

  /** The code whose value list is exactly `values` (any order), or undefined. */
  codeFor(generic: boolean, values: readonly string[]): string | undefined {
    return this.byValues.get(valuesKey(generic, values));
  }
}

function valuesKey(generic: boolean, values: readonly string[]): string {
  return (generic ? 'g:' : 's:') + [...new Set(values)].sort(compareNatural).join('/');
}

function entryOf(code: string, subtype: string, where: string): MacEntry {
  const values = subtype.split('/');
  if (!CODE.test(code)) throw new HlaError('bad-data', code, `${where}: '${code}' is not a MAC code (2 to 5 capital letters)`);
  const generic = values.every((v) => GENERIC_VALUE.test(v));
  if (!generic && !values.every((v) => SPECIFIC_VALUE.test(v))) {
    throw new HlaError('bad-data', subtype, `${where}: MAC ${code} has a malformed allele list '${subtype}'`);
  }
  return { code, generic, values };
}

/**
 * NMDP numer.v3.txt / alpha.v3.txt: a quoted "LAST UPDATED" line, a `CODE<TAB>SUBTYPE` header, then
 * `CODE<TAB>SUBTYPE` rows (alpha.v3 adds a leading flag column) (py-ard mac_codes.py; hla.md §4.3).
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
    if (f.length < 5) throw new HlaError('bad-data', line, `MAC CSV line ${i + 1}: expected Code,Code@type,HLA,… got '${line}'`);
    out.push(entryOf(code, f[2] ?? '', `MAC CSV line ${i + 1}`));
  }
  return out;
}

/** Parses either MAC format, recognised from its content. */
export function parseMacFile(text: string): MacEntry[] {
  return text.startsWith('Code,') ? parseMacCsv(text) : parseMacNumer(text);
}

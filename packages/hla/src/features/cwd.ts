import type { HlaEngine } from '../engine';
import { HlaError, isHlaError } from '../errors';
import { compareNatural } from '../naturalSort';

/** CIWD 3.0 categories: common, intermediate, well-documented, rare (Hurley CK et al. 2020, HLA 95:516, Table 1). */
export const CIWD_CATEGORIES = ['C', 'I', 'WD', 'R'] as const;
export type CiwdCategory = (typeof CIWD_CATEGORIES)[number];
/** Population columns of ciwd.3.0.0.csv (Hurley et al. 2020, Methods). */
export const CIWD_POPULATIONS = ['TOTAL', 'AFA', 'API', 'EURO', 'HIS', 'MENA', 'NAM', 'UNK'] as const;
export type CiwdPopulation = (typeof CIWD_POPULATIONS)[number];

/** One CWD/CIWD table: the listed names, as written in the file. */
export interface CwdTable {
  readonly source: 'CWD 2.0' | 'CIWD 3.0.0';
  readonly alleles: readonly string[];
}

export interface CiwdSelection {
  /** Column to read (default TOTAL). */
  readonly population?: CiwdPopulation;
  /** Categories kept (default C, I and WD: the "common, intermediate and well-documented" set). */
  readonly categories?: readonly CiwdCategory[];
}

/**
 * Reads CWD2.csv (`LOCUS,ALLELE`; Mack SJ et al. 2013, Tissue Antigens 81:194, CWD catalogue 2.0.0) or
 * ciwd.3.0.0.csv (`ALLELE,TOTAL,AFA,…`; Hurley CK et al. 2020, HLA 95:516), recognised by the header.
 * @throws HlaError `bad-data` naming the line of a malformed row.
 */
export function parseCwdTable(text: string, selection: CiwdSelection = {}): CwdTable {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const ciwd = header[0] === 'ALLELE' && header[1] === 'TOTAL';
  if (!ciwd && !(header[0] === 'LOCUS' && header[1] === 'ALLELE')) {
    throw new HlaError('bad-data', lines[0] ?? '', `CWD table line 1: expected 'LOCUS,ALLELE' or 'ALLELE,TOTAL,…'`);
  }
  const column = ciwd ? header.indexOf(selection.population ?? 'TOTAL') : 1;
  if (column < 0) {
    throw new HlaError('bad-data', lines[0] ?? '', `CIWD table line 1: no column ${selection.population ?? ''}`);
  }
  const keep = new Set<string>(selection.categories ?? ['C', 'I', 'WD']);
  const alleles: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const f = line.split(',');
    const allele = (ciwd ? f[0] : f[1]) ?? '';
    if (!/^[A-Z][A-Z0-9]*\*\d/.test(allele) || f.length < (ciwd ? header.length : 2)) {
      throw new HlaError('bad-data', line, `CWD table line ${i + 1}: expected an allele name, got '${line}'`);
    }
    if (ciwd) {
      const category = f[column] ?? '';
      if (!(CIWD_CATEGORIES as readonly string[]).includes(category)) {
        throw new HlaError('bad-data', line, `CIWD table line ${i + 1}: category '${category}' is not C, I, WD or R`);
      }
      if (!keep.has(category)) continue;
    }
    alleles.push(allele);
  }
  return { source: ciwd ? 'CIWD 3.0.0' : 'CWD 2.0', alleles };
}

/** A typing reduced to its CWD alleles. */
export interface CwdReduction {
  /** The GL string with each allele list cut to its CWD members (lgx names). */
  readonly gl: string;
  /** Allele lists with no CWD member, kept whole at lgx rather than dropped (a typing is never emptied). */
  readonly withoutCwd: readonly string[];
}

/**
 * CWD reduction (py-ard 2.3.1 `cwd_redux`): each allele list is reduced to lgx and cut to the lgx names of
 * the table's alleles. A list with no CWD member is kept whole and reported, so a rare allele never
 * disappears from a typing. Table names the release does not know are skipped.
 */
export class CwdReducer {
  private readonly lgx: ReadonlySet<string>;
  /** Table names the engine's release does not know (renamed or deleted since the table was made). */
  readonly unknown: readonly string[];

  constructor(
    private readonly engine: HlaEngine,
    readonly table: CwdTable
  ) {
    const lgx = new Set<string>();
    const unknown: string[] = [];
    for (const allele of table.alleles) {
      try {
        for (const name of engine.reduce(allele, 'lgx').split('/')) lgx.add(name);
      } catch (err) {
        if (!isHlaError(err)) throw err;
        unknown.push(allele);
      }
    }
    this.lgx = lgx;
    this.unknown = unknown;
  }

  /** @throws HlaError for an invalid typing, as reduce does. */
  reduce(typing: string): CwdReduction {
    const withoutCwd: string[] = [];
    const lgx = this.engine.reduce(typing, 'lgx');
    // '/' binds tightest, so the text between other operators is exactly one allele list.
    const gl = lgx.replace(/[^~+|^]+/g, (list) => {
      const names = list.split('/');
      const prefix = (n: string): string => (n.startsWith('HLA-') ? n.slice(4) : n);
      const kept = names.filter((n) => this.lgx.has(prefix(n)));
      if (kept.length === 0) {
        withoutCwd.push(list);
        return list;
      }
      return kept.sort(compareNatural).join('/');
    });
    return { gl, withoutCwd };
  }
}

import { HlaError } from './errors';
import type { DeletedName, TceRow } from './imgt/parseFiles';
import {
  parseAlleleList,
  parseDeletedNames,
  parseGroupFile,
  parseRelDnaSer,
  parseRelSerSer,
  parseTce,
  parseVersionHeader,
} from './imgt/parseFiles';
import { expressionSuffix } from './name';

/** The text of the files of one IPD-IMGT/HLA release (see loadImgtRelease for reading them from disk). */
export interface ImgtFiles {
  /** `3.58.0`; read from the Allelelist.txt header when omitted. */
  readonly version?: string;
  readonly alleleList: string;
  readonly gGroups: string;
  readonly pGroups: string;
  readonly relDnaSer: string;
  readonly relSerSer: string;
  /** tce/dpb_tce.csv, optional (present since 3.33.0). */
  readonly tce?: string;
  /** wmda/hla_nom.txt, optional: deleted and renamed names (V2 names such as A*0105N). */
  readonly nomenclature?: string;
}

/**
 * One release in memory, indexed for reduction. Alleles are numbered by their position in `alleles`;
 * groups and truncated names hold those numbers, so the whole release is a few arrays and maps.
 */
export interface HlaRelease {
  readonly version: string;
  /** WHO allele names, Allelelist.txt order. */
  readonly alleles: readonly string[];
  readonly alleleId: ReadonlyMap<string, number>;
  readonly loci: ReadonlySet<string>;
  /** G group index of each allele, -1 outside any G group (hla_nom_g rows with an empty 3rd field). */
  readonly gOf: Int32Array;
  readonly gNames: readonly string[];
  readonly gMembers: readonly (readonly number[])[];
  readonly gByName: ReadonlyMap<string, number>;
  /** P group index of each allele, -1 for nulls and alleles outside any P group. */
  readonly pOf: Int32Array;
  readonly pNames: readonly string[];
  readonly pMembers: readonly (readonly number[])[];
  readonly pByName: ReadonlyMap<string, number>;
  /**
   * Truncated names without expression suffix (`A*01`, `A*01:04`, `A*01:04:01`, and each full name
   * without its suffix) → the alleles under them. The canonical written form adds the suffix only
   * when every allele under it carries the same one (short nulls).
   */
  readonly truncated: ReadonlyMap<string, readonly number[]>;
  /** Truncated key → its canonical written form (`A*01:04` → `A*01:04N`, `A*01:01` → `A*01:01`). */
  readonly truncatedName: ReadonlyMap<string, string>;
  /** Serological antigens of each allele (unambiguous, possible, assumed fields of rel_dna_ser). */
  readonly serologyOf: readonly (readonly string[])[];
  /** Every recognised antigen name (`A9`, `Cw10`, `DR52`, `B5102`) → WHO alleles it covers. */
  readonly serologyAlleles: ReadonlyMap<string, readonly number[]>;
  /** Broad antigen → its splits (`A9` → `A23`,`A24`), from rel_ser_ser. */
  readonly splits: ReadonlyMap<string, readonly string[]>;
  /** Antigen → associated antigens (`A2` → `A203`,`A210`), from rel_ser_ser. */
  readonly associated: ReadonlyMap<string, readonly string[]>;
  readonly tce: ReadonlyMap<string, TceRow> | undefined;
  /** Names IMGT/HLA deleted (hla_nom.txt), with the name of the identical sequence when there is one. */
  readonly deleted: ReadonlyMap<string, DeletedName>;
}

const NO_ANTIGENS: string[] = [];

// rel_dna_ser locus → serological locus name (WHO antigen names: A, B, Cw, DR, DQ; DRB3/4/5 carry DR52/53/51).
const SEROLOGY_LOCUS: Readonly<Record<string, string>> = {
  'A*': 'A',
  'B*': 'B',
  'C*': 'Cw',
  'DRB1*': 'DR',
  'DRB3*': 'DR',
  'DRB4*': 'DR',
  'DRB5*': 'DR',
  'DQB1*': 'DQ',
};

/** Builds the in-memory indexes of a release from its file contents. Pure: no I/O. */
export function buildRelease(files: ImgtFiles): HlaRelease {
  const version = files.version ?? parseVersionHeader(files.alleleList);
  if (!version) {
    throw new HlaError('bad-data', 'Allelelist.txt', 'Allelelist.txt: no "# version: IPD-IMGT/HLA x.y.z" header');
  }
  const alleles = parseAlleleList(files.alleleList);
  const alleleId = new Map<string, number>();
  const loci = new Set<string>();
  const truncated = new Map<string, number[]>();
  const add = (key: string, id: number): void => {
    const list = truncated.get(key);
    if (list) list.push(id);
    else truncated.set(key, [id]);
  };
  for (const [id, name] of alleles.entries()) {
    alleleId.set(name, id);
    const star = name.indexOf('*');
    loci.add(name.slice(0, star));
    // One key per field boundary, then the whole name without its expression suffix.
    for (let i = name.indexOf(':', star); i > 0; i = name.indexOf(':', i + 1)) add(name.slice(0, i), id);
    const last = name.charCodeAt(name.length - 1);
    add(last >= 65 && last <= 90 ? name.slice(0, -1) : name, id);
  }
  const g = indexGroups(parseGroupFile(files.gGroups, 'hla_nom_g.txt'), alleleId, alleles.length);
  const p = indexGroups(parseGroupFile(files.pGroups, 'hla_nom_p.txt'), alleleId, alleles.length);
  const sero = indexSerology(files, alleleId, alleles.length);
  let tce: Map<string, TceRow> | undefined;
  if (files.tce !== undefined) tce = new Map(parseTce(files.tce).map((row) => [row.allele, row]));
  return {
    version,
    alleles,
    alleleId,
    loci,
    gOf: g.of,
    gNames: g.names,
    gMembers: g.members,
    gByName: g.byName,
    pOf: p.of,
    pNames: p.names,
    pMembers: p.members,
    pByName: p.byName,
    truncated,
    truncatedName: canonicalNames(truncated, alleles),
    ...sero,
    tce,
    deleted: new Map(parseDeletedNames(files.nomenclature ?? '').map((row) => [row.name, row])),
  };
}

function indexGroups(rows: ReturnType<typeof parseGroupFile>, alleleId: ReadonlyMap<string, number>, count: number) {
  const of = new Int32Array(count).fill(-1);
  const names: string[] = [];
  const members: number[][] = [];
  const byName = new Map<string, number>();
  for (const row of rows) {
    const index = names.length;
    const ids: number[] = [];
    for (const member of row.members) {
      // A member missing from Allelelist would be a data erratum; it cannot be typed, so it is skipped.
      const id = alleleId.get(member);
      if (id === undefined) continue;
      of[id] = index;
      ids.push(id);
    }
    names.push(row.name);
    members.push(ids);
    byName.set(row.name, index);
  }
  return { of, names, members, byName };
}

function indexSerology(files: ImgtFiles, alleleId: ReadonlyMap<string, number>, count: number) {
  const serologyOf: string[][] = new Array<string[]>(count).fill(NO_ANTIGENS);
  const direct = new Map<string, number[]>();
  for (const row of parseRelDnaSer(files.relDnaSer)) {
    const locus = SEROLOGY_LOCUS[row.allele.slice(0, row.allele.indexOf('*') + 1)];
    const id = locus === undefined ? undefined : alleleId.get(row.allele);
    if (id === undefined || locus === undefined) continue;
    // Expert-assigned exceptions (field 6) are not used: py-ard maps B*13:04 to B15/B21 only.
    const antigens: string[] = [];
    for (const list of [row.unambiguous, row.possible, row.assumed]) {
      for (const number of list) {
        if (number === '0' || number === '?') continue;
        const antigen = locus + number;
        if (antigens.includes(antigen)) continue;
        antigens.push(antigen);
        const ids = direct.get(antigen);
        if (ids) ids.push(id);
        else direct.set(antigen, [id]);
      }
    }
    if (antigens.length > 0) serologyOf[id] = antigens;
  }
  const splits = new Map<string, string[]>();
  const associated = new Map<string, string[]>();
  for (const row of parseRelSerSer(files.relSerSer)) {
    const name = row.locus + row.antigen;
    if (row.splits.length > 0) {
      splits.set(
        name,
        row.splits.map((s) => row.locus + s)
      );
    }
    if (row.associated.length > 0) {
      associated.set(
        name,
        row.associated.map((s) => row.locus + s)
      );
    }
  }
  const all = new Set<string>([...direct.keys(), ...splits.keys(), ...associated.keys()]);
  for (const list of [...splits.values(), ...associated.values()]) for (const a of list) all.add(a);
  // An antigen covers its own alleles, those of its splits and of its associated antigens (rel_ser_ser).
  const serologyAlleles = new Map<string, number[]>();
  const collect = (antigen: string, into: Set<number>, depth: number): void => {
    for (const id of direct.get(antigen) ?? []) into.add(id);
    if (depth > 4) return;
    for (const child of [...(splits.get(antigen) ?? []), ...(associated.get(antigen) ?? [])]) {
      collect(child, into, depth + 1);
    }
  };
  for (const antigen of all) {
    const ids = new Set<number>();
    collect(antigen, ids, 0);
    serologyAlleles.set(
      antigen,
      [...ids].sort((a, b) => a - b)
    );
  }
  return { serologyOf, serologyAlleles, splits, associated };
}

// Canonical written form of a truncated key: with the shared expression suffix when all its alleles carry
// it ("short nulls", py-ard reduce_shortnull), else bare.
function canonicalNames(
  truncated: ReadonlyMap<string, readonly number[]>,
  alleles: readonly string[]
): Map<string, string> {
  const suffixOf = alleles.map(expressionSuffix);
  const out = new Map<string, string>();
  for (const [key, members] of truncated) {
    const first = suffixOf[members[0] ?? 0] ?? '';
    let shared = first !== '';
    for (let i = 1; shared && i < members.length; i++) if (suffixOf[members[i] ?? 0] !== first) shared = false;
    out.set(key, shared ? key + first : key);
  }
  return out;
}

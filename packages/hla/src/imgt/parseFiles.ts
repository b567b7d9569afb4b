import { HlaError } from '../errors';

// Parsers for the files of an IPD-IMGT/HLA release as published in github.com/ANHIG/IMGTHLA
// (layouts in the release's wmda/README.md). They take file contents, never paths.

/** Data lines of an IMGT text file: drops `#` header lines, blank lines and a trailing CR. */
export function dataLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0 || line.startsWith('#')) continue;
    out.push(line);
  }
  return out;
}

/** `# version: IPD-IMGT/HLA 3.58.0` header line → `3.58.0`. */
export function parseVersionHeader(text: string): string | undefined {
  return /^# version: IPD-IMGT\/HLA (\d+\.\d+\.\d+)/m.exec(text)?.[1];
}

/** Allelelist.txt: `AlleleID,Allele` CSV after a 6-line header → WHO allele names in file order. */
export function parseAlleleList(text: string): string[] {
  const names: string[] = [];
  for (const [i, line] of dataLines(text).entries()) {
    if (i === 0 && line.startsWith('AlleleID')) continue;
    const comma = line.indexOf(',');
    const name = line.slice(comma + 1);
    if (comma < 0 || !name.includes('*')) {
      throw new HlaError('bad-data', line, `Allelelist.txt: cannot read line '${line}'`);
    }
    names.push(name);
  }
  return names;
}

/** One G or P group: its full name (`A*01:01:01G`) and its members as full allele names. */
export interface GroupRow {
  readonly name: string;
  readonly members: readonly string[];
}

/**
 * wmda/hla_nom_g.txt and hla_nom_p.txt: `Locus*;allele/allele/…;GroupName`. Rows with an empty third
 * field are alleles outside any group (wmda/README.md) and are skipped.
 */
export function parseGroupFile(text: string, file: string): GroupRow[] {
  const rows: GroupRow[] = [];
  for (const line of dataLines(text)) {
    const [locus, list, group] = line.split(';');
    if (locus === undefined || list === undefined || !locus.endsWith('*')) {
      throw new HlaError('bad-data', line, `${file}: cannot read line '${line}'`);
    }
    if (!group) continue;
    rows.push({ name: locus + group, members: list.split('/').map((a) => locus + a) });
  }
  return rows;
}

/** One row of rel_dna_ser.txt. Antigen lists are locus-less numbers (`15`, `21`); `0` = null, `?` = none. */
export interface DnaSerologyRow {
  readonly allele: string;
  readonly unambiguous: readonly string[];
  readonly possible: readonly string[];
  readonly assumed: readonly string[];
  readonly expert: readonly string[];
  /** Field 7 (HATS specificity), present from 3.64.0 on. */
  readonly hats: string;
}

const NONE: readonly string[] = [];

/** wmda/rel_dna_ser.txt, 6-field (≤ 3.63) or 7-field (≥ 3.64, adds HATS) layout. */
export function parseRelDnaSer(text: string): DnaSerologyRow[] {
  const split = (s: string | undefined): readonly string[] => (s ? s.split('/').filter((x) => x !== '') : NONE);
  return dataLines(text).map((line) => {
    const f = line.split(';');
    if (f.length < 6 || !f[0]?.endsWith('*')) {
      throw new HlaError('bad-data', line, `rel_dna_ser.txt: cannot read line '${line}'`);
    }
    return {
      allele: (f[0] ?? '') + (f[1] ?? ''),
      unambiguous: split(f[2]),
      possible: split(f[3]),
      assumed: split(f[4]),
      expert: split(f[5]),
      hats: f[6] ?? '',
    };
  });
}

/** One row of rel_ser_ser.txt: broad antigen with its splits and associated antigens. */
export interface SerologyRelationRow {
  readonly locus: string;
  readonly antigen: string;
  readonly splits: readonly string[];
  readonly associated: readonly string[];
}

/** wmda/rel_ser_ser.txt: `Locus;Antigen;Splits;Associated` (e.g. `A;9;23/24;`, `B;21;49/50;4005`). */
export function parseRelSerSer(text: string): SerologyRelationRow[] {
  const split = (s: string | undefined): string[] => (s ? s.split('/').filter((x) => x !== '') : []);
  return dataLines(text).map((line) => {
    const f = line.split(';');
    if (f.length < 3 || !f[0] || !f[1]) {
      throw new HlaError('bad-data', line, `rel_ser_ser.txt: cannot read line '${line}'`);
    }
    return { locus: f[0], antigen: f[1], splits: split(f[2]), associated: split(f[3]) };
  });
}

/** DPB1 T-cell-epitope assignment: group `0` (null), `1`, `2`, `2a` or `3`; `predicted` when marked `$`. */
export interface TceAssignment {
  readonly group: string;
  readonly predicted: boolean;
}
export interface TceRow {
  readonly allele: string;
  readonly protein: string;
  readonly v1: TceAssignment | undefined;
  readonly v2: TceAssignment | undefined;
}

/** tce/dpb_tce.csv: `Allele,Protein,V1_Assignment,V2_Assignment,Comments`; `$` = predicted. */
export function parseTce(text: string): TceRow[] {
  const assignment = (s: string | undefined): TceAssignment | undefined => {
    if (!s) return undefined;
    const predicted = s.endsWith('$');
    return { group: predicted ? s.slice(0, -1) : s, predicted };
  };
  return dataLines(text)
    .filter((line) => !line.startsWith('Allele,'))
    .map((line) => {
      const f = line.split(',');
      if (f.length < 4 || !f[0]?.startsWith('DPB1*')) {
        throw new HlaError('bad-data', line, `dpb_tce.csv: cannot read line '${line}'`);
      }
      return { allele: f[0], protein: f[1] ?? '', v1: assignment(f[2]), v2: assignment(f[3]) };
    });
}

/** md5checksum.txt: `MD5 (file) = hex` lines → file → lowercase hex. */
export function parseMd5Checksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of dataLines(text)) {
    const m = /^MD5 \((.+)\) = ([0-9a-fA-F]{32})$/.exec(line.trim());
    if (!m?.[1] || !m[2]) throw new HlaError('bad-data', line, `md5checksum.txt: cannot read line '${line}'`);
    out.set(m[1], m[2].toLowerCase());
  }
  return out;
}

/** A name that IMGT/HLA deleted (wmda/hla_nom.txt rows with a deletion date). */
export interface DeletedName {
  /** Full name with locus, as written then (`A*0105N`, `A*01:34N`). */
  readonly name: string;
  /** Deletion date, `YYYYMMDD`. */
  readonly deleted: string;
  /** The current name of the same sequence (`A*01:04:01:01N`), when the row gives one. */
  readonly identicalTo: string | undefined;
  /** Why (`Sequence identical`, `Sequence error`, `Never assigned`). */
  readonly reason: string;
}

/**
 * wmda/hla_nom.txt: `Locus*;Name;Assigned;Deleted;IdenticalTo;Reason` (serology rows have a locus without
 * `*`). Only deleted allele names are kept: every current name is in Allelelist.txt.
 */
export function parseDeletedNames(text: string): DeletedName[] {
  const out: DeletedName[] = [];
  for (const line of dataLines(text)) {
    const f = line.split(';');
    if (f.length < 5 || !f[0]) throw new HlaError('bad-data', line, `hla_nom.txt: cannot read line '${line}'`);
    if (!f[0].endsWith('*') || !f[3]) continue;
    out.push({
      name: f[0] + (f[1] ?? ''),
      deleted: f[3],
      identicalTo: f[4] ? f[0] + f[4] : undefined,
      reason: f[5] ?? '',
    });
  }
  return out;
}

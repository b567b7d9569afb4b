// Residues 77-83 of every HLA-A, -B and -C allele, read from an IPD-IMGT/HLA release's protein alignment
// (alignments/A_prot.txt, B_prot.txt, C_prot.txt; Robinson J et al., Nucleic Acids Res 2024;52:D1205, "The
// alignment files"): each block lists the reference allele in full, then every other allele with '-' where it
// is identical to the reference, '*' where it was not sequenced and '.' for a gap. Residue numbering is that of
// the mature protein: the reference's first 24 residues are the class I leader (-24 to -1), so mature residue
// N is the reference's (24 + N)th residue, gaps not counted. Pure text in, a lookup out: the caller reads the file.
import type { ResiduesOf } from './kirLigand';

const CLASS_I_LEADER = 24;
const ALLELE_LINE = /^\s*((?:HLA-)?[A-Z0-9]+\*\d+(?::\d+)+[A-Z]?)\s+(.*)$/;

export class AlignmentFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlignmentFormatError';
  }
}

/**
 * Reads a protein alignment one line at a time (a release's B_prot.txt is megabytes: the file is streamed, never
 * held whole). It keeps each allele's aligned residues only up to the reference's residue 83 column once that
 * column is known, so memory stays near the first block or two of every allele.
 */
export class ProteinAlignmentReader {
  private readonly rows = new Map<string, string>();
  private reference: string | null = null;
  /** Alignment columns of mature residues 1 and 77-83 in the reference, once the reference reaches 83. */
  private columns: number[] | null = null;

  /** Reads one line of the file (header, ruler, allele row or blank). */
  line(line: string): void {
    const m = ALLELE_LINE.exec(line);
    if (!m) return;
    const name = m[1]!.replace(/^HLA-/, '');
    this.reference ??= name;
    const seen = this.rows.get(name) ?? '';
    const limit = this.columns ? this.columns[this.columns.length - 1]! + 1 : Infinity;
    if (seen.length >= limit) return;
    this.rows.set(name, (seen + m[2]!.replace(/[\s|]/g, '')).slice(0, limit));
    if (!this.columns && name === this.reference) this.columns = columnsOf(this.rows.get(name)!);
  }

  /** Each allele's residues 77-83 ('*' where not sequenced). @throws AlignmentFormatError */
  result(): Map<string, string> {
    const reference = this.reference;
    if (!reference) throw new AlignmentFormatError('no allele rows: not an IPD-IMGT/HLA protein alignment');
    const ref = this.rows.get(reference)!;
    const columns = this.columns ?? columnsOf(ref);
    if (!columns) throw new AlignmentFormatError(`reference ${reference} ends before residue 83`);
    // A class I mature protein starts G-S-H (HLA-A, -B) or C-S-H (HLA-C): a check that the leader was 24 long.
    if (!/^[GC]SH/.test(ref.slice(columns[0]).replace(/\./g, ''))) {
      throw new AlignmentFormatError(
        `reference ${reference}: mature residue 1 is not where a class I leader of 24 ends`
      );
    }
    const out = new Map<string, string>();
    for (const [name, seq] of this.rows) {
      const residues = columns.slice(1).map((col) => {
        const c = seq[col];
        if (c === undefined || c === '*' || c === '.') return '*';
        return c === '-' ? ref[col]! : c;
      });
      out.set(name, residues.join(''));
    }
    return out;
  }
}

/** Columns of mature residues 1 and 77-83 in the reference row, gaps ('.') not counted; null before 83. */
function columnsOf(ref: string): number[] | null {
  const columns: number[] = [];
  let residue = -CLASS_I_LEADER;
  for (let col = 0; col < ref.length && columns.length < 8; col++) {
    if (ref[col] === '.') continue;
    if (residue === 1 || (residue >= 77 && residue <= 83)) columns.push(col);
    residue += residue === -1 ? 2 : 1;
  }
  return columns.length < 8 ? null : columns;
}

/** Each allele's residues 77-83 from one protein alignment file ('*' where not sequenced). */
export function parseProteinAlignment(text: string): Map<string, string> {
  const reader = new ProteinAlignmentReader();
  for (const line of text.split(/\r?\n/)) reader.line(line);
  return reader.result();
}

/**
 * A lookup by allele name at any resolution of two fields or more: "C*03:04" reads the first allele of that
 * protein sequenced at 77-83 (the second field names the protein, so they agree). Null when the release has none.
 */
export function residuesLookup(...alignments: ReadonlyMap<string, string>[]): ResiduesOf {
  const byProtein = new Map<string, string>();
  const exact = new Map<string, string>();
  for (const a of alignments) {
    for (const [name, r] of a) {
      exact.set(name, r);
      const protein = name.split(':').slice(0, 2).join(':');
      if (!r.includes('*') && !byProtein.has(protein)) byProtein.set(protein, r);
    }
  }
  return (allele) => {
    const hit = exact.get(allele);
    if (hit && !hit.includes('*')) return hit;
    return byProtein.get(allele.split(':').slice(0, 2).join(':')) ?? hit ?? null;
  };
}

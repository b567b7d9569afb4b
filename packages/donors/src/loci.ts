/** Loci a donor record can carry, in the order the index stores them (the first six are always indexed). */
export const LOCI = ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1', 'DRB3', 'DRB4', 'DRB5', 'DQA1', 'DPA1'] as const;
export type Locus = (typeof LOCI)[number];

export function isLocus(value: string): value is Locus {
  return (LOCI as readonly string[]).includes(value);
}

/** Loci counted for the usual match grades: 6/6 = A, B, DRB1; 8/8 adds C; 10/10 adds DQB1; 12/12 adds DPB1. */
export const MATCH_LOCI: Readonly<Record<6 | 8 | 10 | 12, readonly Locus[]>> = {
  6: ['A', 'B', 'DRB1'],
  8: ['A', 'B', 'C', 'DRB1'],
  10: ['A', 'B', 'C', 'DRB1', 'DQB1'],
  12: ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1'],
};

// Serological locus names (WHO antigens) → gene; DR51/52/53 are carried by DRB5/3/4.
const SEROLOGY_LOCUS: Readonly<Record<string, Locus>> = {
  A: 'A',
  B: 'B',
  Cw: 'C',
  DR: 'DRB1',
  DQ: 'DQB1',
  DPw: 'DPB1',
};

/** The locus of one typing name (`HLA-A*01:01`, `A*01:AB`, `Cw10`, `DR52`), or undefined if it is not one of LOCI. */
export function locusOfName(name: string): Locus | undefined {
  const text = name.startsWith('HLA-') ? name.slice(4) : name;
  const star = text.indexOf('*');
  if (star > 0) {
    const gene = text.slice(0, star);
    return isLocus(gene) ? gene : undefined;
  }
  const m = /^(A|B|Cw|DR|DQ|DPw)(\d+)$/.exec(text);
  if (!m) return undefined;
  if (m[1] === 'DR') {
    if (m[2] === '51') return 'DRB5';
    if (m[2] === '52') return 'DRB3';
    if (m[2] === '53') return 'DRB4';
  }
  return SEROLOGY_LOCUS[m[1] ?? ''];
}

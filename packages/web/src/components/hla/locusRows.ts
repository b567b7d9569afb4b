/** One row of the compact locus table: the locus and what each of its two positions holds. */
export interface LocusRow {
  readonly locus: string;
  readonly first: string;
  /** '' when the locus has one position written (hemizygous or not resolved). */
  readonly second: string;
}

/**
 * Splits a multi-locus GL string (`A*01:01+A*02:01^B*08:01`) into one row per locus for display: `^` separates
 * loci and `+` the two positions (GL String grammar: Milius RP et al. 2013, Tissue Antigens 82:106). Genotype
 * alternatives (`|`) are shown whole in the first column rather than guessed apart.
 */
export function hlaLocusRows(gl: string): LocusRow[] {
  return gl
    .split('^')
    .filter((block) => block !== '')
    .map((block) => {
      const first = block.split(/[+|~/]/)[0] ?? '';
      const star = first.indexOf('*');
      const locus = (star > 0 ? first.slice(0, star) : first).replace(/^HLA-/, '');
      if (block.includes('|')) return { locus, first: block, second: '' };
      const [a = '', b = ''] = block.split('+');
      return { locus, first: a, second: b };
    });
}

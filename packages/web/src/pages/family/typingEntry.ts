/** Loci typed in per locus for a family work-up: class I and the class II loci segregation and DSA read. */
export const TYPED_LOCI = ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1'] as const;

/**
 * Composes a GL string from per-locus entries (`^` between loci, `+` between the two positions; GL String
 * grammar: Milius RP et al., Tissue Antigens 2013;82:106-112). An entry without `*` gets the locus prefix.
 */
export function glOfLoci(rows: Record<string, [string, string]>): string {
  return TYPED_LOCI.map((locus) => {
    const names = (rows[locus] ?? ['', ''])
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => (n.includes('*') ? n : `${locus}*${n}`));
    return names.join('+');
  })
    .filter(Boolean)
    .join('^');
}

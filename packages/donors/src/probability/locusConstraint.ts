import { compareNatural } from '@engraft/hla';
import type { HaplotypeIndex } from './haplotypeIndex';

// The constraint one typed locus puts on a genotype (ADR 0410): the alleles allowed on either haplotype and, for
// each, the alleles allowed on the other one (the two positions of a genotype alternative, orientation free).

export interface LocusConstraint {
  readonly l: number;
  /** 1 where the allele may sit on either haplotype. */
  readonly union: Uint8Array;
  /** For an allele x on one haplotype, the alleles allowed on the other (1 = allowed). */
  readonly partner: (Uint8Array | undefined)[];
  /** The same as id lists. */
  readonly partnerIds: (number[] | undefined)[];
  /** Haplotypes carrying an allowed allele (the imputer pivots on the locus with the fewest). */
  readonly haplotypes: number;
}

/**
 * Builds the constraint of locus `l`; names the set does not carry go to `unrepresented`. When no genotype
 * alternative has a represented allele in both positions, returns the absent names (naturally sorted).
 */
export function buildConstraint(
  ix: HaplotypeIndex,
  l: number,
  alternatives: readonly (readonly [string, string])[],
  namesOf: (position: string) => readonly string[],
  unrepresented: Set<string>
): LocusConstraint | { readonly absent: string[] } {
  const size = ix.alleleNames[l]?.length ?? 0;
  const union = new Uint8Array(size);
  const partner: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(size);
  const ids = (position: string): number[] => {
    const out: number[] = [];
    for (const name of namesOf(position)) {
      const id = ix.alleleId[l]?.get(name);
      if (id === undefined) unrepresented.add(name);
      else out.push(id);
    }
    return out;
  };
  const allow = (xs: readonly number[], ys: readonly number[]) => {
    for (const x of xs) {
      union[x] = 1;
      let row = partner[x];
      if (!row) {
        row = new Uint8Array(size);
        partner[x] = row;
      }
      for (const y of ys) row[y] = 1;
    }
  };
  let explainable = false;
  for (const [p1, p2] of alternatives) {
    const s1 = ids(p1);
    const s2 = ids(p2);
    if (s1.length === 0 || s2.length === 0) continue;
    explainable = true;
    allow(s1, s2);
    allow(s2, s1);
  }
  if (!explainable) {
    const names = alternatives.flatMap(([a, b]) => [...namesOf(a), ...namesOf(b)]);
    const absent = [...new Set(names)].filter((n) => ix.alleleId[l]?.get(n) === undefined);
    return { absent: absent.sort(compareNatural) };
  }
  const partnerIds = partner.map((row) => {
    if (!row) return undefined;
    const list: number[] = [];
    for (let y = 0; y < row.length; y++) if (row[y]) list.push(y);
    return list;
  });
  let haplotypes = 0;
  for (let a = 0; a < size; a++) if (union[a]) haplotypes += ix.byAllele[l]?.[a]?.length ?? 0;
  return { l, union, partner, partnerIds, haplotypes };
}

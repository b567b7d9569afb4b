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
  const ids = (position: string): number[] => {
    const out: number[] = [];
    for (const name of namesOf(position)) {
      const id = ix.alleleId[l]?.get(name);
      if (id === undefined) unrepresented.add(name);
      else out.push(id);
    }
    return out;
  };
  // An allele's partners are the union of the other positions of the alternatives it fills: alleles filling
  // the same positions (a MAC's or an XX code's many alleles) share one row, built once (rows are read only).
  const sources = new Map<number, number[]>();
  const positions: number[][] = [];
  let explainable = false;
  for (const [p1, p2] of alternatives) {
    const s1 = ids(p1);
    const s2 = ids(p2);
    if (s1.length === 0 || s2.length === 0) continue;
    explainable = true;
    const [k1, k2] = [positions.length, positions.length + 1];
    positions.push(s1, s2);
    for (const x of s1) addSource(sources, x, k2);
    for (const x of s2) addSource(sources, x, k1);
  }
  if (!explainable) {
    const names = alternatives.flatMap(([a, b]) => [...namesOf(a), ...namesOf(b)]);
    const absent = [...new Set(names)].filter((n) => ix.alleleId[l]?.get(n) === undefined);
    return { absent: absent.sort(compareNatural) };
  }
  const partner: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(size);
  const partnerIds: (number[] | undefined)[] = new Array<number[] | undefined>(size);
  const shared = new Map<string, { row: Uint8Array; list: number[] }>();
  for (const [x, from] of sources) {
    union[x] = 1;
    const key = from.join(',');
    let hit = shared.get(key);
    if (!hit) {
      const row = new Uint8Array(size);
      for (const k of from) for (const y of positions[k] as number[]) row[y] = 1;
      const list: number[] = [];
      for (let y = 0; y < size; y++) if (row[y]) list.push(y);
      hit = { row, list };
      shared.set(key, hit);
    }
    partner[x] = hit.row;
    partnerIds[x] = hit.list;
  }
  let haplotypes = 0;
  for (let a = 0; a < size; a++) if (union[a]) haplotypes += ix.byAllele[l]?.[a]?.length ?? 0;
  return { l, union, partner, partnerIds, haplotypes };
}

function addSource(sources: Map<number, number[]>, x: number, position: number): void {
  const list = sources.get(x);
  if (!list) sources.set(x, [position]);
  else if (list.at(-1) !== position) list.push(position);
}

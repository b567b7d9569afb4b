// The arithmetic of HLA inheritance used by the segregation analysis: parental phasings, inheritance paths with
// at most one crossover per meiosis, and the fit of a child's typing to its parents' haplotypes. Segregation as
// described by Osoegawa K et al., Tools for building, analyzing and evaluating HLA haplotypes from families
// (HaplObserve; Hum Immunol 2019;80:633-643): each child carries one haplotype of each parent; an allele absent from
// both parents is an inconsistency, never assigned.
import type { FamilyLocus, FamilyTyping, LocusPair, Position } from './familyTypes';

/** One haplotype's names per locus; a locus missing from it is unknown (matches anything). */
export type Haplotype = Partial<Record<FamilyLocus, Position>>;

/** Whether two positions can be the same allele (they share a name); an unknown position matches anything. */
export const shares = (x: Position | undefined, y: Position | undefined): boolean =>
  !x || !y || x.some((n) => y.includes(n));

/** Whether the unordered pair is {x, y}. */
export const pairIs = (pair: LocusPair, x: Position | undefined, y: Position | undefined): boolean =>
  (shares(pair[0], x) && shares(pair[1], y)) || (shares(pair[0], y) && shares(pair[1], x));

/** Whether the pair holds x in one of its positions. */
export const holds = (pair: LocusPair, x: Position | undefined): boolean => shares(pair[0], x) || shares(pair[1], x);

/**
 * Every way to split a typed parent into two haplotypes over `loci` (the first heterozygous choice is fixed, so
 * a phasing and its mirror are not both listed: labels are given later from what the patient inherited).
 */
export function phasings(typing: FamilyTyping, loci: readonly FamilyLocus[]): [Haplotype, Haplotype][] {
  const typed = loci.filter((l) => typing[l]);
  const count = typed.length === 0 ? 1 : 1 << (typed.length - 1);
  const out: [Haplotype, Haplotype][] = [];
  for (let mask = 0; mask < count; mask++) {
    const h0: Haplotype = {};
    const h1: Haplotype = {};
    typed.forEach((l, i) => {
      const [p, q] = typing[l]!;
      const flip = i > 0 && ((mask >> (i - 1)) & 1) === 1;
      h0[l] = flip ? q : p;
      h1[l] = flip ? p : q;
    });
    out.push([h0, h1]);
  }
  return out;
}

/** Which of a parent's two haplotypes (0 or 1) a child carries at each compared locus. */
export interface InheritancePath {
  at: readonly (0 | 1)[];
  /** Index in the loci list where the haplotype switches (a crossover just before that locus), or null. */
  crossoverBefore: number | null;
}

/** The two plain paths, then every single-crossover path (one crossover per meiosis at most). */
export function inheritancePaths(n: number): InheritancePath[] {
  const out: InheritancePath[] = [0, 1].map((h) => ({
    at: Array.from({ length: n }, () => h as 0 | 1),
    crossoverBefore: null,
  }));
  for (let k = 1; k < n; k++) {
    for (const first of [0, 1] as const) {
      out.push({
        at: Array.from({ length: n }, (_, i) => (i < k ? first : ((1 - first) as 0 | 1))),
        crossoverBefore: k,
      });
    }
  }
  return out;
}

export interface ChildFit {
  paternal: InheritancePath | null;
  maternal: InheritancePath | null;
  /** Loci where no choice of parental haplotypes gives the child's typing. */
  badLoci: FamilyLocus[];
  crossovers: number;
}

/** A crossover is rarer than nothing and far likelier than a typing that cannot be explained. */
const costOf = (f: Pick<ChildFit, 'badLoci' | 'crossovers'>): number => f.badLoci.length * 100 + f.crossovers;

export const fitCost = costOf;

/**
 * The best explanations of a child's typing by its parents' haplotypes (an unknown parent, null, fits anything).
 * Returns every explanation of the lowest cost, so a caller can tell when the phase is hidden.
 */
export function fitChild(
  child: FamilyTyping,
  loci: readonly FamilyLocus[],
  father: readonly [Haplotype, Haplotype] | null,
  mother: readonly [Haplotype, Haplotype] | null
): ChildFit[] {
  const all = inheritancePaths(loci.length);
  const plain = all.slice(0, 1);
  const fatherPaths = father ? all : plain;
  const motherPaths = mother ? all : plain;
  let best: ChildFit[] = [];
  let bestCost = Infinity;
  for (const pf of fatherPaths) {
    for (const pm of motherPaths) {
      const badLoci: FamilyLocus[] = [];
      loci.forEach((l, i) => {
        const pair = child[l];
        if (!pair) return;
        const x = father ? father[pf.at[i]!][l] : undefined;
        const y = mother ? mother[pm.at[i]!][l] : undefined;
        if (!pairIs(pair, x, y)) badLoci.push(l);
      });
      const crossovers = (pf.crossoverBefore === null ? 0 : 1) + (pm.crossoverBefore === null ? 0 : 1);
      const fit: ChildFit = { paternal: father ? pf : null, maternal: mother ? pm : null, badLoci, crossovers };
      const cost = costOf(fit);
      if (cost < bestCost) {
        bestCost = cost;
        best = [fit];
      } else if (cost === bestCost) best.push(fit);
    }
  }
  return best;
}

/** The haplotype a child received along a path (per locus, the parent's haplotype that path picks). */
export function received(parent: readonly [Haplotype, Haplotype], path: InheritancePath, loci: readonly FamilyLocus[]) {
  const out: Haplotype = {};
  loci.forEach((l, i) => {
    const p = parent[path.at[i]!][l];
    if (p) out[l] = p;
  });
  return out;
}

/** The other position of a pair once `taken` is accounted for by one parent. */
export const otherPosition = (pair: LocusPair, taken: Position | undefined): Position =>
  taken && shares(pair[0], taken) ? pair[1] : taken ? pair[0] : pair[1];

/** Two haplotypes are alike when every locus known in both shares a name. */
export const alike = (x: Haplotype, y: Haplotype, loci: readonly FamilyLocus[]): boolean =>
  loci.every((l) => shares(x[l], y[l]));

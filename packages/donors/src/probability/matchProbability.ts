import type { ImputedGenotype } from './imputer';

// Match probability of a patient–donor pair from their imputed genotype distributions (issue 16, ADR 0410).
// Patient and donor are imputed independently, so P(k mismatches) = Σ_gp Σ_gd P(gp)·P(gd)·[mm(gp, gd) = k]
// (HapLogic: Dehn et al. 2016, Biol Blood Marrow Transplant 22:2038; the WMDA validation task 3, Bochtler
// et al. 2016, HLA 87:439). Alleles are compared at the frequency set's resolution. A locus's count takes the
// better orientation; a null allele expresses nothing, so its locus counts as homozygous for the other allele
// (ADR 0400). GvH counts patient positions whose allele the donor lacks, HvG donor positions the patient lacks.

/** Mismatch-count scopes of the usual grades: 10/10, 8/8 (no DQB1) and 6/6 (A, B, DRB1). */
export const PROBABILITY_SCOPES = {
  10: ['A', 'B', 'C', 'DRB1', 'DQB1'],
  8: ['A', 'B', 'C', 'DRB1'],
  6: ['A', 'B', 'DRB1'],
} as const satisfies Record<number, readonly string[]>;

export interface GenotypeDistribution {
  /** Loci of the frequency set, in its order (the haplotypes' `~` order). */
  readonly loci: readonly string[];
  readonly genotypes: readonly ImputedGenotype[];
  readonly truncatedMass: number;
}

/** P(0), P(1), P(2) mismatches; what is left of 1 − unaccountedMass is more than 2. */
export type MismatchProbabilities = readonly [number, number, number];

export interface ScopeProbabilities {
  readonly mismatches: MismatchProbabilities;
  readonly gvh: MismatchProbabilities;
  readonly hvg: MismatchProbabilities;
}

export interface LocusProbabilities extends ScopeProbabilities {
  readonly locus: string;
  /** P(no mismatch at this locus), bidirectional. */
  readonly pMatch: number;
}

export interface MatchProbability {
  readonly loci: readonly LocusProbabilities[];
  /** By scope; absent when the set lacks one of the scope's loci. */
  readonly scopes: Partial<Record<10 | 8 | 6, ScopeProbabilities>>;
  /** Mass of genotypes cut by top-K on either side: each probability may be low by at most this much. */
  readonly unaccountedMass: number;
}

type Pair = readonly [string, string];

/** Computes the match probabilities; every probability is exact (1 for a definite match) when nothing was cut. */
export function matchProbability(patient: GenotypeDistribution, donor: GenotypeDistribution): MatchProbability {
  if (patient.loci.join('~') !== donor.loci.join('~')) {
    throw new Error(
      `patient and donor were imputed with different loci (${patient.loci.join('~')} vs ${donor.loci.join('~')})`
    );
  }
  const loci = patient.loci;
  const p = withPairs(patient);
  const d = withPairs(donor);
  const scopeOf = (names: readonly string[]) => names.map((n) => loci.indexOf(n));
  const perLocus = loci.map((locus, l): LocusProbabilities => {
    const s = scopeProbabilities(p, d, [l]);
    return { locus, pMatch: s.mismatches[0], ...s };
  });
  const scopes: Partial<Record<10 | 8 | 6, ScopeProbabilities>> = {};
  for (const key of [10, 8, 6] as const) {
    const idx = scopeOf(PROBABILITY_SCOPES[key]);
    if (idx.every((i) => i >= 0)) scopes[key] = scopeProbabilities(p, d, idx);
  }
  return { loci: perLocus, scopes, unaccountedMass: 1 - (1 - patient.truncatedMass) * (1 - donor.truncatedMass) };
}

interface Side {
  readonly genotypes: readonly { readonly pairs: readonly Pair[]; readonly probability: number }[];
  readonly truncatedMass: number;
}

function withPairs(dist: GenotypeDistribution): Side {
  return {
    truncatedMass: dist.truncatedMass,
    genotypes: dist.genotypes.map((g) => {
      const a = g.haplotypes[0].split('~');
      const b = g.haplotypes[1].split('~');
      return { probability: g.probability, pairs: dist.loci.map((_, l) => expressed(a[l] ?? '', b[l] ?? '')) };
    }),
  };
}

/** A null allele expresses nothing: the locus counts as homozygous for the other allele (ADR 0400). */
export function expressed(x: string, y: string): Pair {
  const xNull = x.endsWith('N');
  const yNull = y.endsWith('N');
  if (xNull && !yNull) return [y, y];
  if (yNull && !xNull) return [x, x];
  return x <= y ? [x, y] : [y, x];
}

/** Collapses a side to the distinct allele pairs at `loci`; a single pair with nothing cut gets exactly 1. */
function collapse(side: Side, loci: readonly number[]): { pairs: Pair[]; probability: number }[] {
  const byKey = new Map<string, { pairs: Pair[]; probability: number }>();
  for (const g of side.genotypes) {
    const pairs = loci.map((l) => g.pairs[l] ?? (['', ''] as const));
    const key = pairs.map((x) => `${x[0]}+${x[1]}`).join('^');
    const hit = byKey.get(key);
    if (hit) hit.probability += g.probability;
    else byKey.set(key, { pairs, probability: g.probability });
  }
  const out = [...byKey.values()];
  if (out.length === 1 && side.truncatedMass === 0 && out[0]) out[0].probability = 1;
  return out;
}

function scopeProbabilities(p: Side, d: Side, loci: readonly number[]): ScopeProbabilities {
  const bi = [0, 0, 0];
  const gvh = [0, 0, 0];
  const hvg = [0, 0, 0];
  const ps = collapse(p, loci);
  const ds = collapse(d, loci);
  for (const x of ps) {
    for (const y of ds) {
      const w = x.probability * y.probability;
      let b = 0;
      let g = 0;
      let h = 0;
      for (let i = 0; i < loci.length; i++) {
        const m = locusMismatches(x.pairs[i] as Pair, y.pairs[i] as Pair);
        b += m.bi;
        g += m.gvh;
        h += m.hvg;
      }
      if (b < 3) bi[b] = (bi[b] ?? 0) + w;
      if (g < 3) gvh[g] = (gvh[g] ?? 0) + w;
      if (h < 3) hvg[h] = (hvg[h] ?? 0) + w;
    }
  }
  const triple = (a: number[]): MismatchProbabilities => [a[0] ?? 0, a[1] ?? 0, a[2] ?? 0];
  return { mismatches: triple(bi), gvh: triple(gvh), hvg: triple(hvg) };
}

/** Mismatches at one locus: bidirectional (better orientation), GvH and HvG. */
export function locusMismatches(p: Pair, d: Pair): { bi: number; gvh: number; hvg: number } {
  const direct = (p[0] === d[0] ? 1 : 0) + (p[1] === d[1] ? 1 : 0);
  const crossed = (p[0] === d[1] ? 1 : 0) + (p[1] === d[0] ? 1 : 0);
  const gvh = (d.includes(p[0]) ? 0 : 1) + (d.includes(p[1]) ? 0 : 1);
  const hvg = (p.includes(d[0]) ? 0 : 1) + (p.includes(d[1]) ? 0 : 1);
  return { bi: 2 - Math.max(direct, crossed), gvh, hvg };
}

import type { HaplotypeIndex } from './haplotypeIndex';
import type { CompactImputation } from './imputer';
import type {
  GenotypeDistribution,
  LocusProbabilities,
  MatchProbability,
  MismatchProbabilities,
  ScopeProbabilities,
} from './matchProbability';
import { PROBABILITY_SCOPES } from './matchProbability';

// Match probability on haplotype ids (issue 16 "Speed and memory", ADR 0411): the computation of
// matchProbability.ts and of the per-locus P(match) of the ranking, with each locus's expressed allele pair
// as one integer code instead of name strings. Same method (HapLogic: Dehn et al. 2016, Biol Blood Marrow
// Transplant 22:2038): a null allele expresses nothing, so its locus counts as homozygous for the other allele
// (ADR 0400); a side whose genotypes collapse to one pair with nothing cut has probability exactly 1. The sums
// run in the same order as the name-based code, so the probabilities are the same numbers
// (compactMatch.test.ts compares them to 1e-12).

/** A genotype distribution prepared for ranking: per genotype and locus the expressed pair's code. */
export interface PreparedDistribution {
  readonly probability: Float64Array;
  readonly truncatedMass: number;
  /** codes[g·L + l] = lo·S_l + hi, the expressed pair (lo ≤ hi allele ids) of genotype g at locus l. */
  readonly codes: Int32Array;
  /** Per locus: distinct codes with their summed probability, in first-seen order (1 when only one, uncut). */
  readonly marginals: readonly Map<number, number>[];
}

/** Codes pairs of one haplotype index; patient and donor must be imputed with the same imputer. */
export class CompactMatcher {
  private readonly L: number;
  /** Per locus: the number of alleles S (a pair code is lo·S + hi) and 1 for a null allele. */
  readonly sizes: Int32Array;
  readonly nulls: Uint8Array[];
  /** The first side's phenotypes by scope (the patient's: the same for every donor of a ranking). */
  private readonly kept = new WeakMap<PreparedDistribution, Map<string, Phenotypes>>();

  constructor(
    private readonly index: HaplotypeIndex,
    readonly loci: readonly string[]
  ) {
    this.L = loci.length;
    this.sizes = Int32Array.from(loci.map((_, l) => index.alleleNames[l]?.length ?? 0));
    this.nulls = loci.map((_, l) => Uint8Array.from(index.alleleNames[l] ?? [], (n) => (n.endsWith('N') ? 1 : 0)));
  }

  /** Prepares an imputation for ranking. */
  prepare(dist: Pick<CompactImputation, 'h1' | 'h2' | 'probability' | 'truncatedMass'>): PreparedDistribution {
    const n = dist.probability.length;
    const L = this.L;
    const codes = new Int32Array(n * L);
    const marginals: Map<number, number>[] = [];
    for (let l = 0; l < L; l++) {
      const alleles = this.index.alleleOf[l] as Int32Array;
      const nul = this.nulls[l] as Uint8Array;
      const S = this.sizes[l] as number;
      const sums = new LocusSums();
      for (let g = 0; g < n; g++) {
        let x = alleles[dist.h1[g] as number] as number;
        let y = alleles[dist.h2[g] as number] as number;
        if (nul[x] && !nul[y]) x = y;
        else if (nul[y] && !nul[x]) y = x;
        const code = x <= y ? x * S + y : y * S + x;
        codes[g * L + l] = code;
        sums.add(code, dist.probability[g] as number);
      }
      const m = sums.toMap();
      if (m.size === 1 && dist.truncatedMass === 0) for (const k of m.keys()) m.set(k, 1);
      marginals.push(m);
    }
    return { probability: dist.probability, truncatedMass: dist.truncatedMass, codes, marginals };
  }

  /** A name-based distribution (the patient's, from `impute`) as ids. @throws Error for a haplotype not indexed. */
  fromGenotypes(dist: GenotypeDistribution): PreparedDistribution {
    const n = dist.genotypes.length;
    const h1 = new Int32Array(n);
    const h2 = new Int32Array(n);
    const probability = new Float64Array(n);
    dist.genotypes.forEach((g, k) => {
      const a = this.index.idOf(g.haplotypes[0]);
      const b = this.index.idOf(g.haplotypes[1]);
      if (a === undefined || b === undefined) {
        throw new Error(`haplotype not in the frequency set: ${g.haplotypes.join(' + ')}`);
      }
      h1[k] = a;
      h2[k] = b;
      probability[k] = g.probability;
    });
    return this.prepare({ h1, h2, probability, truncatedMass: dist.truncatedMass });
  }

  /** P(no mismatch) at each locus, bidirectional: Σ over the patient's pairs of P(pair)·P_donor(same pair). */
  locusMatch(p: PreparedDistribution, d: PreparedDistribution): number[] {
    return p.marginals.map((pm, l) => {
      const dm = d.marginals[l] as Map<number, number>;
      let sum = 0;
      for (const [code, pw] of pm) {
        const dw = dm.get(code);
        if (dw !== undefined) sum += pw * dw;
      }
      return sum;
    });
  }

  /** The whole match probability, as `matchProbability` gives it for the same genotypes. */
  matchProbability(p: PreparedDistribution, d: PreparedDistribution): MatchProbability {
    const perLocus = this.loci.map((locus, l): LocusProbabilities => {
      const s = this.scope(p, d, [l]);
      return { locus, pMatch: s.mismatches[0], ...s };
    });
    const scopes: Partial<Record<10 | 8 | 6, ScopeProbabilities>> = {};
    for (const key of [10, 8, 6] as const) {
      const idx = PROBABILITY_SCOPES[key].map((n) => this.loci.indexOf(n));
      if (idx.every((i) => i >= 0)) scopes[key] = this.scope(p, d, idx);
    }
    return { loci: perLocus, scopes, unaccountedMass: 1 - (1 - p.truncatedMass) * (1 - d.truncatedMass) };
  }

  /**
   * What the ranking reads of `matchProbability` (ADR 0411), and only that: P(match) per locus and the
   * mismatch probabilities over the given scopes. The per-locus P(match) of `matchProbability` sums, over the
   * patient's pairs in first-seen order, P(pair)·P_donor(same pair), as `locusMatch` does: the same numbers.
   */
  rankingProbability(
    p: PreparedDistribution,
    d: PreparedDistribution,
    scopes: readonly (10 | 8 | 6)[]
  ): { pMatch: number[]; scopes: Partial<Record<10 | 8 | 6, ScopeProbabilities>>; unaccountedMass: number } {
    const out: Partial<Record<10 | 8 | 6, ScopeProbabilities>> = {};
    for (const key of scopes) {
      const idx = PROBABILITY_SCOPES[key].map((n) => this.loci.indexOf(n));
      if (idx.every((i) => i >= 0)) out[key] = this.scope(p, d, idx);
    }
    return {
      pMatch: this.locusMatch(p, d),
      scopes: out,
      unaccountedMass: 1 - (1 - p.truncatedMass) * (1 - d.truncatedMass),
    };
  }

  /** A side's phenotypes over `loci` (expressed pair codes) with their probability, as the joint sums them. */
  collapse(side: PreparedDistribution, loci: readonly number[]): { codes: number[]; probability: number }[] {
    const ph = collapsePhenotypes(side, loci, this.L, this.sizes);
    const k = loci.length;
    return Array.from({ length: ph.count }, (_, i) => ({
      codes: Array.from(ph.codes.subarray(i * k, i * k + k)),
      probability: ph.probability[i] as number,
    }));
  }

  /** The phenotypes of `collapse` with each locus's pair split (lo, hi); the patient's kept for every donor. */
  private phenotypes(side: PreparedDistribution, loci: readonly number[], keep: boolean): Phenotypes {
    const key = loci.join(',');
    let bySide = keep ? this.kept.get(side) : undefined;
    const hit = bySide?.get(key);
    if (hit) return hit;
    const ph = collapsePhenotypes(side, loci, this.L, this.sizes);
    const k = loci.length;
    for (let i = 0; i < ph.count; i++) {
      for (let j = 0; j < k; j++) {
        const S = this.sizes[loci[j] as number] as number;
        const c = ph.codes[i * k + j] as number;
        const lo = Math.floor(c / S);
        ph.lo[i * k + j] = lo;
        ph.hi[i * k + j] = c - lo * S;
      }
    }
    if (keep) {
      if (!bySide) {
        bySide = new Map();
        this.kept.set(side, bySide);
      }
      bySide.set(key, ph);
    }
    return ph;
  }

  private scope(p: PreparedDistribution, d: PreparedDistribution, loci: readonly number[]): ScopeProbabilities {
    const bi = new Float64Array(3);
    const gvh = new Float64Array(3);
    const hvg = new Float64Array(3);
    const ps = this.phenotypes(p, loci, true);
    const ds = this.phenotypes(d, loci, false);
    const k = loci.length;
    for (let x = 0; x < ps.count; x++) {
      const px = ps.probability[x] as number;
      for (let y = 0; y < ds.count; y++) {
        const w = px * (ds.probability[y] as number);
        let b = 0;
        let g = 0;
        let h = 0;
        for (let i = 0; i < k; i++) {
          const p0 = ps.lo[x * k + i] as number;
          const p1 = ps.hi[x * k + i] as number;
          const d0 = ds.lo[y * k + i] as number;
          const d1 = ds.hi[y * k + i] as number;
          const direct = (p0 === d0 ? 1 : 0) + (p1 === d1 ? 1 : 0);
          const crossed = (p0 === d1 ? 1 : 0) + (p1 === d0 ? 1 : 0);
          b += 2 - Math.max(direct, crossed);
          g += (p0 === d0 || p0 === d1 ? 0 : 1) + (p1 === d0 || p1 === d1 ? 0 : 1);
          h += (d0 === p0 || d0 === p1 ? 0 : 1) + (d1 === p0 || d1 === p1 ? 0 : 1);
        }
        if (b < 3) bi[b] = (bi[b] as number) + w;
        if (g < 3) gvh[g] = (gvh[g] as number) + w;
        if (h < 3) hvg[h] = (hvg[h] as number) + w;
      }
    }
    const triple = (a: Float64Array): MismatchProbabilities => [a[0] ?? 0, a[1] ?? 0, a[2] ?? 0];
    return { mismatches: triple(bi), gvh: triple(gvh), hvg: triple(hvg) };
  }
}

/** A side's distinct phenotypes over some loci: codes and split pairs (lo, hi) at [i·k + j], and probability. */
interface Phenotypes {
  readonly count: number;
  readonly codes: Int32Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly probability: Float64Array;
}

/**
 * The distinct phenotypes of a side over `loci`, in first-seen order, each probability summed in genotype order
 * (1 when there is one and nothing is cut). A phenotype is interned locus by locus: its id over the first j
 * loci and its code at locus j give its id over j + 1 loci, so no key string is built.
 */
function collapsePhenotypes(
  side: PreparedDistribution,
  loci: readonly number[],
  L: number,
  sizes: Int32Array
): Phenotypes {
  const n = side.probability.length;
  const k = loci.length;
  const levels = loci.map(() => new Map<number, number>());
  const first = new Int32Array(n);
  const probability = new Float64Array(n);
  let count = 0;
  for (let g = 0; g < n; g++) {
    let id = 0;
    for (let j = 0; j < k; j++) {
      const code = side.codes[g * L + (loci[j] as number)] as number;
      // Ids are at most n and codes below S² (lo·S + hi, S alleles): id·S² + code is one integer per (id, code),
      // exact while n·S² < 2^53 (S below 2·10^6 for the 2,000 genotypes of a donor).
      const S = sizes[loci[j] as number] as number;
      const key = id * S * S + code;
      const level = levels[j] as Map<number, number>;
      let next = level.get(key);
      if (next === undefined) {
        next = level.size + 1;
        level.set(key, next);
      }
      id = next;
    }
    // At the last level ids are numbered in first-seen order from 1.
    if (id > count) {
      first[count] = g;
      probability[count] = side.probability[g] as number;
      count++;
    } else probability[id - 1] = (probability[id - 1] as number) + (side.probability[g] as number);
  }
  if (count === 1 && side.truncatedMass === 0) probability[0] = 1;
  const codes = new Int32Array(count * k);
  for (let i = 0; i < count; i++) {
    const g = first[i] as number;
    for (let j = 0; j < k; j++) codes[i * k + j] = side.codes[g * L + (loci[j] as number)] as number;
  }
  return {
    count,
    codes,
    lo: new Int32Array(count * k),
    hi: new Int32Array(count * k),
    probability: probability.subarray(0, count),
  };
}

/**
 * A locus's pair codes with their probability summed in genotype order, first seen first: a short list searched
 * from the last hit (a typing has few pairs at a locus), a map beyond it.
 */
class LocusSums {
  private readonly codes: number[] = [];
  private readonly sums: number[] = [];
  private map: Map<number, number> | undefined;
  private lastHit = 0;

  add(code: number, p: number): void {
    if (this.codes[this.lastHit] === code) {
      this.sums[this.lastHit] = (this.sums[this.lastHit] as number) + p;
      return;
    }
    let at = -1;
    if (this.map) at = this.map.get(code) ?? -1;
    else for (let i = 0; i < this.codes.length; i++) if (this.codes[i] === code) at = i;
    if (at < 0) {
      at = this.codes.length;
      this.codes.push(code);
      this.sums.push(0 + p);
      if (this.map) this.map.set(code, at);
      else if (this.codes.length > 16) this.map = new Map(this.codes.map((c, i) => [c, i]));
    } else this.sums[at] = (this.sums[at] as number) + p;
    this.lastHit = at;
  }

  toMap(): Map<number, number> {
    return new Map(this.codes.map((c, i) => [c, this.sums[i] as number]));
  }
}

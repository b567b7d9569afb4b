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
    const marginals = Array.from({ length: L }, () => new Map<number, number>());
    for (let l = 0; l < L; l++) {
      const alleles = this.index.alleleOf[l] as Int32Array;
      const nul = this.nulls[l] as Uint8Array;
      const S = this.sizes[l] as number;
      const m = marginals[l] as Map<number, number>;
      for (let g = 0; g < n; g++) {
        let x = alleles[dist.h1[g] as number] as number;
        let y = alleles[dist.h2[g] as number] as number;
        if (nul[x] && !nul[y]) x = y;
        else if (nul[y] && !nul[x]) y = x;
        const code = x <= y ? x * S + y : y * S + x;
        codes[g * L + l] = code;
        m.set(code, (m.get(code) ?? 0) + (dist.probability[g] as number));
      }
      if (m.size === 1 && dist.truncatedMass === 0) for (const k of m.keys()) m.set(k, 1);
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

  /** A side's phenotypes over `loci` (expressed pair codes) with their probability, as the joint sums them. */
  collapse(side: PreparedDistribution, loci: readonly number[]): { codes: number[]; probability: number }[] {
    const byKey = new Map<string, { codes: number[]; probability: number }>();
    const L = this.L;
    for (let g = 0; g < side.probability.length; g++) {
      const codes = loci.map((l) => side.codes[g * L + l] as number);
      const key = codes.join(',');
      const hit = byKey.get(key);
      if (hit) hit.probability += side.probability[g] as number;
      else byKey.set(key, { codes, probability: side.probability[g] as number });
    }
    const out = [...byKey.values()];
    if (out.length === 1 && side.truncatedMass === 0 && out[0]) out[0].probability = 1;
    return out;
  }

  private scope(p: PreparedDistribution, d: PreparedDistribution, loci: readonly number[]): ScopeProbabilities {
    const bi = new Float64Array(3);
    const gvh = new Float64Array(3);
    const hvg = new Float64Array(3);
    const ps = this.collapse(p, loci);
    const ds = this.collapse(d, loci);
    for (const x of ps) {
      for (const y of ds) {
        const w = x.probability * y.probability;
        let b = 0;
        let g = 0;
        let h = 0;
        for (let i = 0; i < loci.length; i++) {
          const S = this.sizes[loci[i] as number] as number;
          const xc = x.codes[i] as number;
          const yc = y.codes[i] as number;
          const p0 = Math.floor(xc / S);
          const p1 = xc - p0 * S;
          const d0 = Math.floor(yc / S);
          const d1 = yc - d0 * S;
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

import type { CompactMatcher, PreparedDistribution } from './compactMatch';
import type { LocusConstraint } from './locusConstraint';

// An upper bound of a donor's P(≤ m mismatches) from its typing alone, before the donor is imputed (issue 16,
// ADR 0411). The score is the HapLogic sum (Dehn et al. 2016, Biol Blood Marrow Transplant 22:2038)
//   P(≤ m) = Σ_y P_donor(y) · Σ_x P_patient(x)·[b(x, y) ≤ m]
// over the expressed phenotypes x of the patient and y of the donor at the scope's loci, b counting allele
// mismatches (0–2 per locus). Every donor phenotype y fits the donor's locus constraints (the imputer only
// enumerates haplotype pairs they allow; a null allele expresses as the homozygous other allele). Per locus a
// patient pair x_l costs c_l(x) = 0 if some allowed pair expresses as x_l, 1 if only one of its alleles is
// allowed anywhere at the locus, 2 if neither: b(x, y) ≥ Σ_l c_l(x) for every allowed y, and so
//   m = 0: P(0) ≤ Σ_y P_donor(y) · P_patient(y) ≤ max over x with Σ c = 0 of P_patient(x)
//   m ≥ 1: P(≤ m) ≤ Σ over x with Σ c ≤ m of P_patient(x)
// since Σ_y P_donor(y) ≤ 1. An untyped locus (or one outside the set) allows every pair: cost 0. The scores
// count at most 2 mismatches (P(≤ m) for m ≥ 2 is P(≤ 2)), so m is capped at 2. The patient's phenotype
// probabilities are the joint computation's own (`CompactMatcher.collapse`), so the bound holds up to rounding.

export class PhenotypeBound {
  /** Patient phenotypes over the scope loci, by falling probability. */
  private readonly weights: Float64Array;
  /** codeAt[x·n + i]: phenotype x's pair at scope locus i, as an index into `distinct[i]`. */
  private readonly codeAt: Int32Array;
  /** Per scope locus: the patient's distinct pair codes. */
  private readonly distinct: number[][];
  /** Set locus → position in the scope. */
  private readonly position = new Map<number, number>();
  /** Per locus constraint: the cost of each of the patient's distinct pairs at its locus. */
  private readonly costs = new Map<LocusConstraint, Uint8Array>();
  private readonly nullIds: number[][];

  constructor(
    private readonly matcher: CompactMatcher,
    patient: PreparedDistribution,
    private readonly scopeLoci: readonly number[]
  ) {
    const n = scopeLoci.length;
    scopeLoci.forEach((l, i) => this.position.set(l, i));
    const phenotypes = matcher.collapse(patient, scopeLoci).sort((a, b) => b.probability - a.probability);
    this.weights = Float64Array.from(phenotypes, (x) => x.probability);
    this.codeAt = new Int32Array(phenotypes.length * n);
    const byCode = scopeLoci.map(() => new Map<number, number>());
    this.distinct = scopeLoci.map(() => []);
    phenotypes.forEach((x, p) => {
      for (let i = 0; i < n; i++) {
        const code = x.codes[i] as number;
        const at = byCode[i] as Map<number, number>;
        let k = at.get(code);
        if (k === undefined) {
          k = at.size;
          at.set(code, k);
          (this.distinct[i] as number[]).push(code);
        }
        this.codeAt[p * n + i] = k;
      }
    });
    this.nullIds = scopeLoci.map((l) => {
      const out: number[] = [];
      (matcher.nulls[l] as Uint8Array).forEach((isNull, a) => {
        if (isNull) out.push(a);
      });
      return out;
    });
  }

  /** Upper bound of P(≤ m mismatches) over the scope for a donor typed with `constraints` (ADR 0411). */
  bound(constraints: readonly LocusConstraint[], m: number): number {
    const n = this.scopeLoci.length;
    const k = Math.min(m, 2);
    const costs: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(n);
    for (const c of constraints) {
      const i = this.position.get(c.l);
      if (i !== undefined) costs[i] = this.costOf(c, i);
    }
    const w = this.weights;
    let sum = 0;
    for (let x = 0; x < w.length; x++) {
      let cost = 0;
      for (let i = 0; i < n && cost <= k; i++) {
        const cs = costs[i];
        if (cs) cost += cs[this.codeAt[x * n + i] as number] as number;
      }
      if (cost > k) continue;
      // Phenotypes come by falling probability: for m = 0 the first that fits is the maximum.
      if (k === 0) return w[x] as number;
      sum += w[x] as number;
    }
    return Math.min(1, sum);
  }

  private costOf(c: LocusConstraint, i: number): Uint8Array {
    let out = this.costs.get(c);
    if (out) return out;
    const l = this.scopeLoci[i] as number;
    const S = this.matcher.sizes[l] as number;
    const nul = this.matcher.nulls[l] as Uint8Array;
    const nulls = this.nullIds[i] as number[];
    const codes = this.distinct[i] as number[];
    out = new Uint8Array(codes.length);
    codes.forEach((code, k) => {
      const x = Math.floor(code / S);
      const y = code - x * S;
      const row = c.partner[x];
      // Expressed x + y: the raw pair x + y, or x + a null allele when x = y is not null (ADR 0400).
      const fits = !!row?.[y] || (x === y && !nul[x] && !!row && nulls.some((z) => row[z]));
      out[k] = fits ? 0 : c.union[x] || c.union[y] ? 1 : 2;
    });
    this.costs.set(c, out);
    return out;
  }
}

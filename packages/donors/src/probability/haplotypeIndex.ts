import { compareNatural } from '@engraft/hla';
import type { FrequencySet } from './frequencySet';

/** A mixture component: a population's normalised frequencies and its weight. */
export interface MixtureComponent {
  readonly label: string;
  readonly weight: number;
  readonly frequencies: Float64Array;
}

/**
 * Mixture weights for a population label or a weight map (normalised to sum 1).
 * @throws Error naming an unknown population or invalid weights.
 */
export function mixtureWeights(
  set: FrequencySet,
  population: string | Readonly<Record<string, number>> | undefined
): MixtureComponent[] {
  const byLabel = new Map(set.populations.map((p) => [p.label, p]));
  const labels = set.populations.map((p) => p.label).join(', ');
  let entries: [string, number][];
  if (population === undefined) {
    if (set.populations.length !== 1) {
      throw new Error(`the frequency set has several populations (${labels}): choose one or give weights`);
    }
    entries = [[set.populations[0]?.label ?? '', 1]];
  } else if (typeof population === 'string') {
    entries = [[population, 1]];
  } else {
    entries = Object.entries(population);
  }
  let sum = 0;
  for (const [label, w] of entries) {
    if (!byLabel.has(label)) throw new Error(`population '${label}' is not in the frequency set (it has ${labels})`);
    if (!Number.isFinite(w) || w < 0) throw new Error(`weight of population '${label}' must be a number ≥ 0`);
    sum += w;
  }
  if (!(sum > 0)) throw new Error('the population weights must not all be 0');
  return entries
    .filter(([, w]) => w > 0)
    .map(([label, w]) => ({
      label,
      weight: w / sum,
      frequencies: byLabel.get(label)?.frequencies ?? new Float64Array(),
    }));
}

/**
 * The haplotypes of a set with a positive prior under a mixture, with integer allele ids per locus and an index
 * from (locus, allele) to haplotypes, so that imputation visits only haplotypes that carry a typed allele.
 */
export class HaplotypeIndex {
  /** Per locus: allele names by id, and ids by name. */
  readonly alleleNames: string[][];
  readonly alleleId: Map<string, number>[];
  /** Per locus: allele id of each kept haplotype. */
  readonly alleleOf: Int32Array[];
  /** Per locus, per allele id: the kept haplotypes that carry it. */
  readonly byAllele: number[][][];
  /** Per kept haplotype: its position in the natural order of the names (to order a pair's two haplotypes). */
  readonly rank: Int32Array;
  private readonly names: string[] = [];
  private ids: Map<string, number> | undefined;
  private readonly logF: Float64Array[];
  private readonly logWeight: number[];

  constructor(
    set: FrequencySet,
    readonly components: readonly MixtureComponent[]
  ) {
    const L = set.loci.length;
    const kept: number[] = [];
    set.haplotypes.forEach((_, h) => {
      if (components.some((c) => (c.frequencies[h] ?? 0) > 0)) kept.push(h);
    });
    this.alleleNames = Array.from({ length: L }, () => []);
    this.alleleId = Array.from({ length: L }, () => new Map<string, number>());
    this.alleleOf = Array.from({ length: L }, () => new Int32Array(kept.length));
    this.byAllele = Array.from({ length: L }, () => []);
    this.logF = components.map(() => new Float64Array(kept.length));
    this.logWeight = components.map((c) => Math.log(c.weight));
    kept.forEach((h, k) => {
      const hap = set.haplotypes[h] ?? [];
      this.names.push(hap.join('~'));
      for (let l = 0; l < L; l++) {
        const name = hap[l] ?? '';
        let id = this.alleleId[l]?.get(name);
        if (id === undefined) {
          id = this.alleleNames[l]?.length ?? 0;
          this.alleleNames[l]?.push(name);
          this.alleleId[l]?.set(name, id);
          this.byAllele[l]?.push([]);
        }
        (this.alleleOf[l] as Int32Array)[k] = id;
        this.byAllele[l]?.[id]?.push(k);
      }
      components.forEach((c, r) => {
        (this.logF[r] as Float64Array)[k] = Math.log(c.frequencies[h] ?? 0);
      });
    });
    this.rank = new Int32Array(kept.length);
    const byName = Array.from({ length: kept.length }, (_, k) => k).sort((x, y) =>
      compareNatural(this.names[x] ?? '', this.names[y] ?? '')
    );
    byName.forEach((k, r) => (this.rank[k] = r));
  }

  get size(): number {
    return this.names.length;
  }

  /** The id of a haplotype by its `~`-joined name, or undefined when the index does not keep it. */
  idOf(name: string): number | undefined {
    this.ids ??= new Map(this.names.map((n, k) => [n, k]));
    return this.ids.get(name);
  }

  /** The haplotype as written in the set (`~`-joined). */
  name(h: number): string {
    return this.names[h] ?? '';
  }

  /**
   * log P({h1, h2}) under Hardy–Weinberg: log(Σ_r w_r·f_r(h1)·f_r(h2)) + log 2 for h1 ≠ h2
   * (a mixture of populations weights whole genotypes, both haplotypes from one population).
   */
  logPairPrior(h1: number, h2: number): number {
    const het = h1 === h2 ? 0 : Math.LN2;
    if (this.logF.length === 1) {
      const f = this.logF[0] as Float64Array;
      return (f[h1] as number) + (f[h2] as number) + het;
    }
    let max = -Infinity;
    const terms: number[] = [];
    this.logF.forEach((f, r) => {
      const t = (this.logWeight[r] as number) + (f[h1] as number) + (f[h2] as number);
      terms.push(t);
      if (t > max) max = t;
    });
    if (max === -Infinity) return -Infinity;
    let s = 0;
    for (const t of terms) s += Math.exp(t - max);
    return max + Math.log(s) + het;
  }
}

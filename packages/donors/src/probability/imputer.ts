import type { HlaEngine } from '@engraft/hla';
import { compareNatural } from '@engraft/hla';
import type { FrequencyResolution, FrequencySet } from './frequencySet';
import { HaplotypeIndex, mixtureWeights } from './haplotypeIndex';
import { type LocusConstraint, buildConstraint } from './locusConstraint';
import { orderGenotypes } from './genotypeOrder';
import { PairScratch } from './pairScratch';
import { namesAtResolution, refineResolution } from './resolution';
import { TypingShapeError, splitTypingByLocus } from './typingLoci';

// Genotype imputation from haplotype frequencies (issue 16, ADR 0410). The method of HapLogic (Dehn et al.
// 2016, Biol Blood Marrow Transplant 22:2038) and of its validation (Madbouly et al. 2014, Tissue Antigens
// 84:285), as in the ATLAS match-prediction engine: a typing is explained by unordered haplotype pairs
// {h1, h2} whose alleles fill the two positions of every typed locus (phase free per locus); under
// Hardy–Weinberg equilibrium P({h1, h2}) = f(h1)·f(h2)·(2 if h1 ≠ h2), normalised over the pairs that fit.
// Untyped loci accept any allele, so they are imputed through linkage and summed over (marginalised).

export interface ImputedGenotype {
  /** The two haplotypes, `~`-joined names in the set's locus order, the smaller (natural order) first. */
  readonly haplotypes: readonly [string, string];
  readonly probability: number;
}

export interface ImputationResult {
  /** By falling probability; they sum to 1 − truncatedMass. */
  readonly genotypes: readonly ImputedGenotype[];
  /** Names (at the set's resolution) the typing allows but no haplotype of the set (population) carries. */
  readonly unrepresented: readonly string[];
  /** Probability of the genotypes cut by `top`. */
  readonly truncatedMass: number;
  /** Number of genotypes before the cut. */
  readonly total: number;
  /** Typed loci the set does not have (not used in the posterior). */
  readonly lociNotInSet: readonly string[];
}

/**
 * An imputation as haplotype ids of the imputer's index (`index.name(h)`), the same genotypes, order and
 * probabilities as `impute` gives, without building names: what search ranking reads (ADR 0411).
 */
export interface CompactImputation {
  /** Per genotype: its two haplotypes (the smaller in natural name order first) and its probability. */
  readonly h1: Int32Array;
  readonly h2: Int32Array;
  readonly probability: Float64Array;
  readonly unrepresented: readonly string[];
  readonly truncatedMass: number;
  readonly total: number;
  readonly lociNotInSet: readonly string[];
}

export class ImputationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImputationError';
  }
}

export interface ImputerOptions {
  readonly set: FrequencySet;
  readonly engine: HlaEngine;
  /** One population label, or mixture weights by label (normalised here). Default: the set's only population. */
  readonly population?: string | Readonly<Record<string, number>>;
  /** Override the detected resolution. */
  readonly resolution?: FrequencyResolution;
}

/** Distinct typings of one locus whose constraints are kept (cleared when full). */
const CONSTRAINT_CACHE = 50_000;

/** A typing's constraints per typed locus of the set (`Imputer.typingConstraints`). */
export interface TypingConstraints {
  readonly constraints: LocusConstraint[];
  /**
   * Per typed locus, the names it allows that the set lacks (shared lists of the constraint cache): gathered into
   * `unrepresented` only when read, as the ranking never reads them (ADR 0411).
   */
  readonly missing: readonly (readonly string[])[];
  readonly lociNotInSet: string[];
}

/** The unrepresented names of a typing's constraints, naturally sorted. */
function unrepresentedNames(missing: readonly (readonly string[])[]): string[] {
  const names = new Set<string>();
  for (const list of missing) for (const name of list) names.add(name);
  return [...names].sort(compareNatural);
}

export class Imputer {
  readonly resolution: FrequencyResolution;
  readonly index: HaplotypeIndex;
  private readonly positionCache = new Map<string, string[]>();
  /** Buffers reused by every imputation (one at a time: imputation is synchronous). */
  private readonly scratch = new PairScratch();
  /** Per locus of the set: constraints by the locus's GL text. */
  private readonly constraints: Map<
    string,
    { readonly constraint: LocusConstraint; readonly missing: readonly string[] } | ImputationError
  >[] = [];

  constructor(private readonly options: ImputerOptions) {
    this.resolution = options.resolution ?? refineResolution(options.set, options.engine);
    this.index = new HaplotypeIndex(options.set, mixtureWeights(options.set, options.population));
  }

  /** Forgets the cached name expansions and locus constraints (benchmarks measure searches cold). */
  clearCaches(): void {
    this.positionCache.clear();
    this.constraints.length = 0;
  }

  get loci(): readonly string[] {
    return this.options.set.loci;
  }

  /** Imputes one typing. @throws ImputationError (or HlaError for names the release does not know). */
  impute(gl: string, options: { readonly top?: number } = {}): ImputationResult {
    const c = this.imputeCompact(gl, options);
    const genotypes: ImputedGenotype[] = [];
    for (let k = 0; k < c.probability.length; k++) {
      genotypes.push({
        haplotypes: [this.index.name(c.h1[k] as number), this.index.name(c.h2[k] as number)],
        probability: c.probability[k] as number,
      });
    }
    const { unrepresented, truncatedMass, total, lociNotInSet } = c;
    return { genotypes, unrepresented, truncatedMass, total, lociNotInSet };
  }

  /** `impute` as haplotype ids (same genotypes, order and probabilities). @throws as `impute`. */
  imputeCompact(
    gl: string,
    options: { readonly top?: number; readonly constraints?: TypingConstraints } = {}
  ): CompactImputation {
    // The ranking computes a typing's constraints for its bound first (ADR 0411) and hands them over here.
    const c = options.constraints ?? this.typingConstraints(gl);
    return this.enumerate(c.constraints, options.top, c.missing, c.lociNotInSet);
  }

  /**
   * A typing's constraints per typed locus of the set, before any genotype is enumerated: every genotype of
   * `imputeCompact` fits them (the ranking's bound before imputing, ADR 0411). @throws as `impute`.
   */
  typingConstraints(gl: string): TypingConstraints {
    let typed;
    try {
      typed = splitTypingByLocus(gl);
    } catch (err) {
      if (err instanceof TypingShapeError) throw new ImputationError(err.message);
      throw err;
    }
    const missing: (readonly string[])[] = [];
    const constraints: LocusConstraint[] = [];
    const lociNotInSet: string[] = [];
    for (const locus of typed) {
      const l = this.loci.indexOf(locus.locus);
      if (l < 0) {
        lociNotInSet.push(locus.locus);
        continue;
      }
      const hit = this.constraint(l, locus.text, locus.alternatives);
      constraints.push(hit.constraint);
      if (hit.missing.length > 0) missing.push(hit.missing);
    }
    if (constraints.length === 0) {
      throw new ImputationError(`no locus of the frequency set (${this.loci.join(', ')}) is typed`);
    }
    return { constraints, missing, lociNotInSet };
  }

  private enumerate(
    constraints: LocusConstraint[],
    top: number | undefined,
    missing: readonly (readonly string[])[],
    notInSet: string[]
  ): CompactImputation {
    const ix = this.index;
    const s = this.scratch;
    // Pivot: the typed locus whose allowed alleles carry the fewest haplotypes.
    let pivot = constraints[0] as LocusConstraint;
    let pivotSize = Infinity;
    for (const c of constraints) {
      if (c.haplotypes < pivotSize) {
        pivot = c;
        pivotSize = c.haplotypes;
      }
    }
    const others = constraints.filter((c) => c !== pivot);
    const otherUnion = others.map((c) => c.union);
    const otherAlleles = others.map((c) => ix.alleleOf[c.l] as Int32Array);
    const otherPartner = others.map((c) => c.partner);
    const pivotAlleles = ix.alleleOf[pivot.l] as Int32Array;
    // Haplotypes whose alleles are allowed at every typed locus, grouped by their pivot allele: the candidates
    // of allele a are candidates[bucketStart[a] .. bucketEnd[a]) (set only where bucketStamp[a] is this call's).
    const stamp = s.nextStamp(pivot.union.length);
    let candidates = s.candidates;
    let nc = 0;
    for (let a = 0; a < pivot.union.length; a++) {
      if (!pivot.union[a]) continue;
      const start = nc;
      for (const h of ix.byAllele[pivot.l]?.[a] ?? []) {
        let fits = true;
        for (let o = 0; o < otherUnion.length; o++) {
          if (!(otherUnion[o] as Uint8Array)[(otherAlleles[o] as Int32Array)[h] as number]) {
            fits = false;
            break;
          }
        }
        if (!fits) continue;
        if (nc === candidates.length) candidates = s.growCandidates(nc);
        candidates[nc++] = h;
      }
      s.bucketStamp[a] = stamp;
      s.bucketStart[a] = start;
      s.bucketEnd[a] = nc;
    }
    let n = 0;
    for (let ci = 0; ci < nc; ci++) {
      const h1 = candidates[ci] as number;
      for (const y of pivot.partnerIds[pivotAlleles[h1] as number] ?? []) {
        if (s.bucketStamp[y] !== stamp) continue;
        const end = s.bucketEnd[y] as number;
        for (let cj = Math.max(ci, s.bucketStart[y] as number); cj < end; cj++) {
          const h2 = candidates[cj] as number;
          let fits = true;
          for (let o = 0; o < otherPartner.length; o++) {
            const alleles = otherAlleles[o] as Int32Array;
            if (!(otherPartner[o] as (Uint8Array | undefined)[])[alleles[h1] as number]?.[alleles[h2] as number]) {
              fits = false;
              break;
            }
          }
          if (!fits) continue;
          if (n === s.logW.length) s.growPairs(n);
          s.pairA[n] = h1;
          s.pairB[n] = h2;
          s.logW[n] = ix.logPairPrior(h1, h2);
          n++;
        }
      }
    }
    if (n === 0) {
      const unrep = new Set(missing.flat());
      const absent = unrep.size > 0 ? ` (not in the set: ${[...unrep].join(', ')})` : '';
      throw new ImputationError(`no pair of haplotypes in the frequency set explains the typing${absent}`);
    }
    return this.finish(n, top, missing, notInSet);
  }

  private finish(
    n: number,
    top: number | undefined,
    missing: readonly (readonly string[])[],
    lociNotInSet: string[]
  ): CompactImputation {
    const { pairA, pairB, logW } = this.scratch;
    let max = -Infinity;
    for (let i = 0; i < n; i++) if ((logW[i] as number) > max) max = logW[i] as number;
    const weights = this.scratch.weightsFor(n);
    for (let i = 0; i < n; i++) weights[i] = Math.exp((logW[i] as number) - max);
    const keep = top === undefined ? n : Math.min(n, top);
    const { order, total, truncatedMass } = orderGenotypes(
      weights,
      pairA,
      pairB,
      n,
      keep,
      this.scratch.orderBuffers(n)
    );
    const h1s = new Int32Array(keep);
    const h2s = new Int32Array(keep);
    const probability = new Float64Array(keep);
    for (let k = 0; k < keep; k++) {
      const i = order[k] as number;
      let h1 = pairA[i] as number;
      let h2 = pairB[i] as number;
      if ((this.index.rank[h1] as number) > (this.index.rank[h2] as number)) [h1, h2] = [h2, h1];
      h1s[k] = h1;
      h2s[k] = h2;
      probability[k] = (weights[i] as number) / total;
    }
    let unrepresented: string[] | undefined;
    return {
      h1: h1s,
      h2: h2s,
      probability,
      // Gathered and sorted when read: the ranking imputes thousands of typings per search and never reads it.
      get unrepresented() {
        unrepresented ??= unrepresentedNames(missing);
        return unrepresented;
      },
      truncatedMass,
      total: n,
      lociNotInSet,
    };
  }

  private namesOf(position: string): string[] {
    let names = this.positionCache.get(position);
    if (!names) {
      names = namesAtResolution(this.options.engine, position, this.resolution);
      this.positionCache.set(position, names);
    }
    return names;
  }

  /**
   * The constraint of one typed locus, built once per distinct locus typing and shared between typings (donors
   * repeat their allele lists and MACs locus by locus, not as whole typings): it is never changed after.
   */
  private constraint(
    l: number,
    key: string,
    alternatives: readonly (readonly [string, string])[]
  ): { readonly constraint: LocusConstraint; readonly missing: readonly string[] } {
    let byText = this.constraints[l];
    if (!byText) {
      byText = new Map();
      this.constraints[l] = byText;
    }
    let hit = byText.get(key);
    if (!hit) {
      const missing = new Set<string>();
      const built = buildConstraint(this.index, l, alternatives, (p) => this.namesOf(p), missing);
      hit =
        'absent' in built
          ? new ImputationError(
              `${this.loci[l] ?? ''}: a position has no allele in the frequency set (unrepresented: ${built.absent.join(', ')})`
            )
          : { constraint: built, missing: [...missing] };
      if (byText.size >= CONSTRAINT_CACHE) byText.clear();
      byText.set(key, hit);
    }
    if (hit instanceof ImputationError) throw hit;
    return hit;
  }
}

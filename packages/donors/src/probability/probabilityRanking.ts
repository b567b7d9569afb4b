import type { CompactMatcher, PreparedDistribution } from './compactMatch';
import { HeldDistributions } from './heldDistributions';
import { ImputationCache } from './imputationCache';
import { ImputationError } from './imputer';
import { PhenotypeBound } from './phenotypeBound';
import { type GenotypeDistribution, PROBABILITY_SCOPES, expressed, locusMismatches } from './matchProbability';

// Ranking donor search hits by match probability (issue 16, ADR 0411): within a mismatch class (the definite
// mismatches the grades count, ADR 0401) donors rank by the probability of that class or better, P(≤ m
// mismatches) over the search's loci (10: P(10/10) for m = 0, P(≥ 9/10) for m = 1; HapLogic, Dehn et al. 2016,
// Biol Blood Marrow Transplant 22:2038), then in the grade order. Two bounds spare work that cannot change the
// page. First, from the donor's typing alone (phenotypeBound.ts: the patient's phenotypes the typing allows):
// a class's members are imputed in falling order of it, and none after the first whose bound is below the
// page's last exact score. Second, once imputed: when at most m loci mismatch, at least one of any m + 1 loci
// matches, so P(≤ m) ≤ Σ of the m + 1 smallest per-locus P(match) (union bound; for m = 0: P(all match) ≤ min
// over loci of P(locus matches)); the joint probability is computed only while this bound can reach the page.
// A typing's distribution is dropped once its per-locus P(match) is taken (and its joint, when the bound is 1
// and it cannot be pruned); a bounded number are held for the joints that follow the sort by union bound, the
// others re-imputed if the page needs them. Per typing the ranking keeps the per-locus P(match) and the joint.

/** A candidate in grade rank order. */
export interface RankCandidate {
  /** Definite mismatches over the counted loci: the class. */
  readonly mismatchClass: number;
  /** No potential position: every counted position is a definite match or mismatch, P = 1 for the class. */
  readonly definite: boolean;
  /** The donor's typing as a GL string. */
  readonly typing: string;
}

export interface HitProbability {
  /** P(≤ mismatchClass mismatches) over the scope: the ranking score. */
  readonly score: number;
  /** P(0), P(≤ 1) mismatches over the scope (null when the set lacks a locus of it). */
  readonly p10: number | null;
  readonly p9plus: number | null;
  readonly p8of8: number | null;
  /** P(no mismatch) per locus of the set. */
  readonly loci: Readonly<Record<string, number>>;
  /** Probabilities may be low by at most this much (genotypes cut by top-K). */
  readonly unaccountedMass: number;
  /** True when the donor has no potential position (P = 1 by its grades, not computed). */
  readonly definite: boolean;
}

export type RankedProbability = HitProbability | { readonly error: string };

export interface ProbabilityRankOptions {
  /** 10, 8 or 6 loci. */
  readonly scope: 10 | 8 | 6;
  /** Positions that must be exactly ranked (the first page). */
  readonly pageSize: number;
  /** Genotypes kept per donor (ATLAS's 2,000 by default). */
  readonly donorTop?: number;
  /** Turn the bounds off (tests compare against it). */
  readonly prune?: boolean;
  /**
   * The bound from the typing alone before imputing (ADR 0411). Off by default: on a quiet machine at 1 M donors it
   * cost more ranking CPU than the imputations it spared (p50 179 against 151 ms, p95 825 against 687 ms); kept as
   * an option for the 40 M measurement.
   */
  readonly typingBound?: boolean;
  /**
   * Bytes of prepared distributions held per tier for the joint computations after the sort by union bound
   * (ADR 0411); a typing needed beyond them is imputed again. Default 64 MiB.
   */
  readonly heldBytes?: number;
}

export interface ProbabilityRanking {
  /** Candidate indexes, the first `pageSize` exactly ranked, the rest in their grade order. */
  readonly order: number[];
  /** By candidate index; absent for candidates whose probability was not needed. */
  readonly probabilities: Map<number, RankedProbability>;
  /** Joint computations run (one per distinct typing), and candidates skipped by the per-locus (union) bound. */
  readonly computed: number;
  readonly pruned: number;
  /** Distinct typings imputed, and candidates of the ranked classes never imputed (their typing bound was below). */
  readonly imputed: number;
  readonly notImputed: number;
  /** Typings imputed a second time for their joint (their distribution was not held). */
  readonly reimputed: number;
}

export { ImputationCache };

const EPS = 1e-12;
const HELD_BYTES = 64 * 1024 * 1024;
/** The typing bound sums the patient's phenotypes in another order than the joint computation: rounding room. */
const BOUND_SLACK = 1e-9;

/** P(no mismatch) at each locus, bidirectional, at the set's resolution (ADR 0410). */
export function locusMatchProbabilities(p: GenotypeDistribution, d: GenotypeDistribution): number[] {
  return p.loci.map((_, l) => {
    const ps = locusPairs(p, l);
    const ds = locusPairs(d, l);
    let sum = 0;
    for (const [px, pw] of ps) {
      for (const [dx, dw] of ds) if (locusMismatches(px, dx).bi === 0) sum += pw * dw;
    }
    return sum;
  });
}

function locusPairs(dist: GenotypeDistribution, l: number): [readonly [string, string], number][] {
  const by = new Map<string, [readonly [string, string], number]>();
  for (const g of dist.genotypes) {
    const pair = expressed(g.haplotypes[0].split('~')[l] ?? '', g.haplotypes[1].split('~')[l] ?? '');
    const key = `${pair[0]}+${pair[1]}`;
    const hit = by.get(key);
    if (hit) hit[1] += g.probability;
    else by.set(key, [pair, g.probability]);
  }
  const out = [...by.values()];
  if (out.length === 1 && dist.truncatedMass === 0 && out[0]) out[0][1] = 1;
  return out;
}

/** Upper bound of P(≤ m mismatches over the scope loci): Σ of the m + 1 smallest per-locus P(match), at most 1. */
export function probabilityBound(perLocus: readonly number[], scopeLoci: readonly number[], m: number): number {
  const ps = scopeLoci.map((l) => perLocus[l] ?? 1).sort((a, b) => a - b);
  if (m + 1 > ps.length) return 1;
  return Math.min(
    1,
    ps.slice(0, m + 1).reduce((s, x) => s + x, 0)
  );
}

type Joint = ReturnType<CompactMatcher['rankingProbability']>;

/** What the ranking keeps of a typing once its distribution is dropped. */
interface TypingScore {
  readonly pMatch: readonly number[];
  joint?: Joint;
}

function joint(matcher: CompactMatcher, p: PreparedDistribution, d: PreparedDistribution, scope: 10 | 8 | 6): Joint {
  // The scopes the hit shows and the one it ranks by; not the gvh/hvg or single-locus scopes it does not show.
  return matcher.rankingProbability(p, d, scope === 10 || scope === 8 ? [10, 8] : [10, 8, 6]);
}

function full(matcher: CompactMatcher, r: Joint, scope: 10 | 8 | 6, m: number, definite: boolean): HitProbability {
  const s = r.scopes[scope];
  const upTo = (x: readonly [number, number, number] | undefined, k: number) =>
    x ? x.slice(0, Math.min(k, 2) + 1).reduce((a, b) => a + b, 0) : null;
  const p10 = r.scopes[10] ? r.scopes[10].mismatches[0] : null;
  const p9 = upTo(r.scopes[10]?.mismatches, 1);
  const p8 = r.scopes[8] ? r.scopes[8].mismatches[0] : null;
  return {
    score: definite ? 1 : (upTo(s?.mismatches, m) ?? 0),
    p10,
    p9plus: p9,
    p8of8: p8,
    loci: Object.fromEntries(matcher.loci.map((locus, l) => [locus, r.pMatch[l] as number])),
    unaccountedMass: r.unaccountedMass,
    definite,
  };
}

/**
 * Ranks candidates (given in grade order, classes ascending) so that the first `pageSize` positions are exactly
 * those a full computation over every candidate would give: by class, then score (falling), then grade order.
 * Candidates whose typing cannot be imputed rank after the others of their class (ADR 0410: no probability).
 */
export function rankByProbability(
  patientDistribution: GenotypeDistribution,
  donors: ImputationCache,
  candidates: readonly RankCandidate[],
  options: ProbabilityRankOptions
): ProbabilityRanking {
  const loci = patientDistribution.loci;
  const scopeLoci = PROBABILITY_SCOPES[options.scope].map((l) => loci.indexOf(l));
  if (scopeLoci.some((i) => i < 0)) {
    throw new ImputationError(`the frequency set lacks loci of the ${options.scope}-locus scope (${loci.join('~')})`);
  }
  const matcher = donors.matcher;
  const patient = matcher.fromGenotypes(patientDistribution);
  const prune = options.prune ?? true;
  const phenotypes = new PhenotypeBound(matcher, patient, scopeLoci);
  const probabilities = new Map<number, RankedProbability>();
  const order: number[] = [];
  const before = donors.imputations;
  const typings = new Map<string, TypingScore>();
  let computed = 0;
  let reimputed = 0;
  let pruned = 0;
  let notImputed = 0;
  let i = 0;
  while (i < candidates.length && order.length < options.pageSize) {
    const m = candidates[i]?.mismatchClass ?? 0;
    const members: number[] = [];
    while (i < candidates.length && candidates[i]?.mismatchClass === m) members.push(i++);
    const need = options.pageSize - order.length;
    const scored: { idx: number; score: number }[] = [];
    const failed: number[] = [];
    // Stage 1: the bound from the typing alone (no imputation), once per distinct typing of the class.
    const cheap = new Map<string, number | Error>();
    const pending: { idx: number; bound: number }[] = [];
    for (const idx of members) {
      const c = candidates[idx] as RankCandidate;
      let bound = c.definite || !prune || options.typingBound !== true ? 1 : cheap.get(c.typing);
      if (bound === undefined) {
        const constraints = donors.constraints(c.typing);
        bound = constraints instanceof Error ? constraints : phenotypes.bound(constraints, m);
        cheap.set(c.typing, bound);
      }
      if (bound instanceof Error) {
        probabilities.set(idx, { error: bound.message });
        failed.push(idx);
      } else pending.push({ idx, bound });
    }
    // Highest bound first, imputed lazily a tier (members of equal typing bound) at a time: a candidate whose
    // bound is below the need-th best exact score cannot enter the page (equal scores go by grade order, so an
    // equal bound is imputed), nor can any after it. Within a tier the joint probabilities are computed in
    // falling order of the union bound, so that the page's last score rises fast and prunes the rest.
    pending.sort((a, b) => b.bound - a.bound || a.idx - b.idx);
    const best: number[] = [];
    const kth = () => (best.length >= need ? (best[need - 1] as number) : -1);
    for (let k = 0; k < pending.length;) {
      const tierBound = (pending[k] as { bound: number }).bound;
      if (prune && tierBound + BOUND_SLACK < kth()) {
        notImputed += pending.length - k;
        break;
      }
      const tier: { idx: number; bound: number; t: TypingScore }[] = [];
      const held = new HeldDistributions(options.heldBytes ?? HELD_BYTES);
      for (; k < pending.length && (pending[k] as { bound: number }).bound === tierBound; k++) {
        const idx = (pending[k] as { idx: number }).idx;
        const c = candidates[idx] as RankCandidate;
        let t = typings.get(c.typing);
        let d: PreparedDistribution | undefined;
        if (!t) {
          const got = donors.get(c.typing);
          if (got instanceof Error) {
            probabilities.set(idx, { error: got.message });
            failed.push(idx);
            continue;
          }
          d = got;
          t = { pMatch: matcher.locusMatch(patient, d) };
          typings.set(c.typing, t);
        }
        // Stage 2: the union bound of the per-locus probabilities before the joint computation.
        const bound = c.definite ? 1 : probabilityBound(t.pMatch, scopeLoci, m);
        tier.push({ idx, bound, t });
        if (d && !t.joint) {
          // A bound of 1 is never pruned (no exact score exceeds 1 by more than EPS): the joint now.
          if (!prune || bound >= 1) {
            t.joint = joint(matcher, patient, d, options.scope);
            computed++;
          } else held.offer(c.typing, bound, idx, d);
        }
      }
      tier.sort((a, b) => b.bound - a.bound || a.idx - b.idx);
      for (const x of tier) {
        if (prune && x.bound + EPS < kth()) {
          pruned++;
          continue;
        }
        const c = candidates[x.idx] as RankCandidate;
        if (!x.t.joint) {
          let d: PreparedDistribution | Error | undefined = held.take(c.typing);
          if (!d) {
            d = donors.get(c.typing);
            reimputed++;
            // Imputed once already with the same imputer: cannot fail now.
            if (d instanceof Error) throw d;
          }
          x.t.joint = joint(matcher, patient, d, options.scope);
          computed++;
        }
        const hp = full(matcher, x.t.joint, options.scope, m, c.definite);
        probabilities.set(x.idx, hp);
        scored.push({ idx: x.idx, score: hp.score });
        best.push(hp.score);
        best.sort((a, b) => b - a);
        if (best.length > need) best.length = need;
      }
    }
    scored.sort((a, b) => b.score - a.score || a.idx - b.idx);
    failed.sort((a, b) => a - b);
    const ranked = scored.map((s) => s.idx);
    // Pruned candidates (in grade order) cannot reach the page; unimputable ones rank last in their class.
    const notPruned = new Set([...ranked, ...failed]);
    // A loop, not push(...spread): a class of a 40 M registry holds more members than a call has arguments.
    for (const list of [ranked, members.filter((idx) => !notPruned.has(idx)), failed]) {
      for (const idx of list) order.push(idx);
    }
  }
  donors.forgetConstraints();
  while (i < candidates.length) order.push(i++);
  const imputed = donors.imputations - before - reimputed;
  return { order, probabilities, computed, pruned, imputed, notImputed, reimputed };
}

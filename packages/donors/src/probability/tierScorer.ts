import type { CompactMatcher, PreparedDistribution } from './compactMatch';
import { HeldDistributions } from './heldDistributions';
import type { ImputationCache } from './imputationCache';
import { PhenotypeBound } from './phenotypeBound';

// The work of a probability ranking that depends on one donor typing at a time (ADR 0411): impute it, take its
// per-locus P(match) against the patient, and its joint probability when the ranking asks for it. The ranking's
// order and pruning (probabilityRanking.ts) decide what is asked; a scorer only answers, here in the calling
// thread, or on worker threads (rankPool.ts: each worker runs this same class over its share of the typings).

/** The joint result the ranking reads for a typing (the scopes a hit shows, per-locus P(match), lost mass). */
export type Joint = ReturnType<CompactMatcher['rankingProbability']>;

/** A typing to score: its first candidate in the tier, that candidate's class and whether it is definite. */
export interface ScoreItem {
  readonly typing: string;
  readonly idx: number;
  readonly m: number;
  readonly definite: boolean;
}

/** A typing scored: its per-locus P(match), and its joint when it was computed at once; or why it failed. */
export type Scored = { readonly pMatch: readonly number[]; readonly joint?: Joint } | { readonly error: string };

/** A typing's bound from its typing alone (stage 1, phenotypeBound.ts), or why its typing cannot be imputed. */
export type TypingBound = number | { readonly error: string };

export interface TierScorerOptions {
  /** The search's scope loci (indexes into the set's loci) and its ranking scope. */
  readonly scopeLoci: readonly number[];
  readonly scope: 10 | 8 | 6;
  readonly prune: boolean;
  /** Bytes of prepared distributions held per tier for the joints that follow (HeldDistributions). */
  readonly heldBytes: number;
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

/** Scores typings in this thread with one search's imputation cache and patient. */
export class TierScorer {
  private held: HeldDistributions;
  private phenotypes: PhenotypeBound | undefined;
  /** Joint computations run, and typings imputed a second time for their joint (their distribution not held). */
  computed = 0;
  reimputed = 0;

  constructor(
    private readonly donors: ImputationCache,
    private readonly patient: PreparedDistribution,
    private readonly options: TierScorerOptions
  ) {
    this.held = new HeldDistributions(options.heldBytes);
  }

  /** Distinct typings imputed (re-imputations not counted). */
  get imputed(): number {
    return this.donors.imputations - this.reimputed;
  }

  /** A new tier: the distributions held for the last one are let go. */
  nextTier(): void {
    this.held = new HeldDistributions(this.options.heldBytes);
  }

  /** Stage 1: each typing's bound of P(≤ m) from its locus constraints alone (kept for its imputation). */
  bounds(m: number, typings: readonly string[]): TypingBound[] {
    return typings.map((typing) => {
      const constraints = this.donors.constraints(typing);
      if (constraints instanceof Error) return { error: constraints.message };
      this.phenotypes ??= new PhenotypeBound(this.donors.matcher, this.patient, this.options.scopeLoci);
      return this.phenotypes.bound(constraints, m);
    });
  }

  /** Drops the constraints kept for typings bounded but never imputed. */
  forgetConstraints(): void {
    this.donors.forgetConstraints();
  }

  /** Per-locus P(match) of each item; the joint too where the union bound is 1 (never pruned) or pruning is off. */
  score(items: readonly ScoreItem[]): Scored[] {
    const { matcher } = this.donors;
    return items.map((item) => {
      const d = this.donors.get(item.typing);
      if (d instanceof Error) return { error: d.message };
      const pMatch = matcher.locusMatch(this.patient, d);
      const bound = item.definite ? 1 : probabilityBound(pMatch, this.options.scopeLoci, item.m);
      // A bound of 1 is never pruned (no exact score exceeds 1 by more than EPS): the joint now.
      if (!this.options.prune || bound >= 1) return { pMatch, joint: this.joint(d) };
      this.held.offer(item.typing, bound, item.idx, d);
      return { pMatch };
    });
  }

  /** The joints of typings scored in this search (held since, or imputed again). */
  joints(typings: readonly string[]): Joint[] {
    return typings.map((typing) => {
      let d: PreparedDistribution | Error | undefined = this.held.take(typing);
      if (!d) {
        d = this.donors.get(typing);
        this.reimputed++;
        // Imputed once already with the same imputer: cannot fail now.
        if (d instanceof Error) throw d;
      }
      return this.joint(d);
    });
  }

  private joint(d: PreparedDistribution): Joint {
    this.computed++;
    // The scopes the hit shows and the one it ranks by; not the gvh/hvg or single-locus scopes it does not show.
    const scope = this.options.scope;
    return this.donors.matcher.rankingProbability(this.patient, d, scope === 10 || scope === 8 ? [10, 8] : [10, 8, 6]);
  }
}

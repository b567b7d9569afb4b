import { DONOR_TOP, ImputationCache } from './imputationCache';
import { ImputationError } from './imputer';
import { type GenotypeDistribution, PROBABILITY_SCOPES, expressed, locusMismatches } from './matchProbability';
import { type Joint, type ScoreItem, type Scored, TierScorer, type TypingBound, probabilityBound } from './tierScorer';

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
  /**
   * Genotypes kept per donor (ATLAS's 2,000 by default) when ranking on a rank pool (`rankByProbabilityOn`); in
   * this thread the ImputationCache's `top` applies.
   */
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

export { DONOR_TOP, ImputationCache, probabilityBound };

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

/** What the ranking keeps of a typing once its distribution is dropped. */
interface TypingScore {
  readonly pMatch: readonly number[];
  joint?: Joint;
}

function full(loci: readonly string[], r: Joint, scope: 10 | 8 | 6, m: number, definite: boolean): HitProbability {
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
    loci: Object.fromEntries(loci.map((locus, l) => [locus, r.pMatch[l] as number])),
    unaccountedMass: r.unaccountedMass,
    definite,
  };
}

/** A request of the ranking to its scorer (TierScorer, AsyncScorer), and what it answers. */
type RankStep =
  | { readonly kind: 'bounds'; readonly m: number; readonly typings: readonly string[] }
  | { readonly kind: 'score'; readonly tier: number; readonly items: readonly ScoreItem[] }
  | { readonly kind: 'joints'; readonly typings: readonly string[] };
type StepAnswer = readonly TypingBound[] | readonly Scored[] | readonly Joint[];

/** Counts the scorer keeps: joints computed, distinct typings imputed, typings imputed again. */
export interface ScorerCounts {
  readonly computed: number;
  readonly imputed: number;
  readonly reimputed: number;
}

/** How the ranking asks: typings scored at least `scoreBatch` at a time, joints at most `jointBatch` at a time. */
interface Batching {
  readonly scoreBatch: number;
  readonly jointBatch: number;
}

/**
 * The ranking itself, as a generator of scoring requests (one algorithm whether the scorer answers in this
 * thread or on worker threads). With batches of one it asks exactly what it needs, in order. Larger batches
 * let workers answer in parallel: typings of the next tiers are scored with this one until `scoreBatch` are
 * asked (some of which the page's rising last score would have left unimputed), and the next `jointBatch`
 * joints the page may need are asked together (some of which it would have pruned). Every prune is still
 * decided against the page's last score at the candidate's turn, so the order, probabilities and pruning are
 * the same for any batches; only the work done (imputations, joints) can be more.
 */
function* rankSteps(
  candidates: readonly RankCandidate[],
  loci: readonly string[],
  scopeLoci: readonly number[],
  options: ProbabilityRankOptions,
  batching: Batching
): Generator<RankStep, Omit<ProbabilityRanking, keyof ScorerCounts>, StepAnswer> {
  const prune = options.prune ?? true;
  const typingBound = prune && options.typingBound === true;
  const probabilities = new Map<number, RankedProbability>();
  const order: number[] = [];
  const typings = new Map<string, TypingScore>();
  /** Typings that cannot be imputed, with the reason (asked once). */
  const failures = new Map<string, string>();
  let tiers = 0;
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
    const cheap = new Map<string, number>();
    if (typingBound) {
      const ask: string[] = [];
      for (const idx of members) {
        const c = candidates[idx] as RankCandidate;
        if (c.definite || cheap.has(c.typing) || failures.has(c.typing)) continue;
        cheap.set(c.typing, 1);
        ask.push(c.typing);
      }
      if (ask.length > 0) {
        const bounds = (yield { kind: 'bounds', m, typings: ask }) as readonly TypingBound[];
        ask.forEach((typing, n) => {
          const b = bounds[n] as TypingBound;
          if (typeof b === 'number') cheap.set(typing, b);
          else {
            cheap.delete(typing);
            failures.set(typing, b.error);
          }
        });
      }
    }
    const pending: { idx: number; bound: number }[] = [];
    for (const idx of members) {
      const c = candidates[idx] as RankCandidate;
      const error = c.definite || !typingBound ? undefined : failures.get(c.typing);
      if (error !== undefined) {
        probabilities.set(idx, { error });
        failed.push(idx);
      } else pending.push({ idx, bound: c.definite || !typingBound ? 1 : (cheap.get(c.typing) as number) });
    }
    // Highest bound first, imputed lazily a tier (members of equal typing bound) at a time: a candidate whose
    // bound is below the need-th best exact score cannot enter the page (equal scores go by grade order, so an
    // equal bound is imputed), nor can any after it. Within a tier the joint probabilities are computed in
    // falling order of the union bound, so that the page's last score rises fast and prunes the rest.
    pending.sort((a, b) => b.bound - a.bound || a.idx - b.idx);
    const best: number[] = [];
    const kth = () => (best.length >= need ? (best[need - 1] as number) : -1);
    const boundAt = (k: number) => (pending[k] as { bound: number }).bound;
    /** Pending members up to here have had their typings asked for. */
    let asked = 0;
    for (let k = 0; k < pending.length;) {
      const tierBound = boundAt(k);
      if (prune && tierBound + BOUND_SLACK < kth()) {
        notImputed += pending.length - k;
        break;
      }
      const tierMembers: number[] = [];
      for (; k < pending.length && boundAt(k) === tierBound; k++) tierMembers.push((pending[k] as { idx: number }).idx);
      if (k > asked) {
        // This tier's typings not scored yet, each once with its first candidate; then the next tiers' (not yet
        // below the page's last score) while fewer than the batch.
        const items: ScoreItem[] = [];
        const seen = new Set<string>();
        let to = asked;
        while (to < pending.length && (to < k || items.length < batching.scoreBatch)) {
          const b = boundAt(to);
          if (to >= k && prune && b + BOUND_SLACK < kth()) break;
          for (; to < pending.length && boundAt(to) === b; to++) {
            const idx = (pending[to] as { idx: number }).idx;
            const c = candidates[idx] as RankCandidate;
            if (typings.has(c.typing) || failures.has(c.typing) || seen.has(c.typing)) continue;
            seen.add(c.typing);
            items.push({ typing: c.typing, idx, m, definite: c.definite });
          }
        }
        asked = to;
        const answers = (yield { kind: 'score', tier: tiers++, items }) as readonly Scored[];
        items.forEach((item, n) => {
          const a = answers[n] as Scored;
          if ('error' in a) failures.set(item.typing, a.error);
          else typings.set(item.typing, a.joint ? { pMatch: a.pMatch, joint: a.joint } : { pMatch: a.pMatch });
        });
      }
      const tier: { idx: number; bound: number; t: TypingScore }[] = [];
      const unions = new Map<string, number>();
      for (const idx of tierMembers) {
        const c = candidates[idx] as RankCandidate;
        const t = typings.get(c.typing);
        if (!t) {
          probabilities.set(idx, { error: failures.get(c.typing) as string });
          failed.push(idx);
          continue;
        }
        // Stage 2: the union bound of the per-locus probabilities before the joint computation.
        let bound = 1;
        if (!c.definite) {
          const known = unions.get(c.typing);
          bound = known ?? probabilityBound(t.pMatch, scopeLoci, m);
          if (known === undefined) unions.set(c.typing, bound);
        }
        tier.push({ idx, bound, t });
      }
      tier.sort((a, b) => b.bound - a.bound || a.idx - b.idx);
      const cut = (x: { bound: number }) => prune && x.bound + EPS < kth();
      for (let j = 0; j < tier.length; j++) {
        const x = tier[j] as (typeof tier)[number];
        if (cut(x)) {
          pruned++;
          continue;
        }
        if (!x.t.joint) {
          // This joint and the next ones the page may need (the tier falls by bound: stop at the first cut).
          const batch = new Map<string, TypingScore>([[(candidates[x.idx] as RankCandidate).typing, x.t]]);
          for (let n = j + 1; n < tier.length && batch.size < batching.jointBatch; n++) {
            const y = tier[n] as (typeof tier)[number];
            if (cut(y)) break;
            if (!y.t.joint) batch.set((candidates[y.idx] as RankCandidate).typing, y.t);
          }
          const joints = (yield { kind: 'joints', typings: [...batch.keys()] }) as readonly Joint[];
          [...batch.values()].forEach((t, n) => (t.joint = joints[n]));
        }
        const c = candidates[x.idx] as RankCandidate;
        const hp = full(loci, x.t.joint as Joint, options.scope, m, c.definite);
        probabilities.set(x.idx, hp);
        scored.push({ idx: x.idx, score: hp.score });
        insertFalling(best, hp.score, need);
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
  while (i < candidates.length) order.push(i++);
  return { order, probabilities, pruned, notImputed };
}

/** Inserts x into `best` (falling), keeping at most `keep` values. */
function insertFalling(best: number[], x: number, keep: number): void {
  if (best.length >= keep && x <= (best[keep - 1] as number)) return;
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((best[mid] as number) >= x) lo = mid + 1;
    else hi = mid;
  }
  best.splice(lo, 0, x);
  if (best.length > keep) best.length = keep;
}

/** The scope's loci as indexes into the set's, or an error naming the loci the set lacks. */
export function scopeLociOf(patient: GenotypeDistribution, scope: 10 | 8 | 6): number[] {
  const loci = PROBABILITY_SCOPES[scope].map((l) => patient.loci.indexOf(l));
  if (loci.some((i) => i < 0)) {
    throw new ImputationError(`the frequency set lacks loci of the ${scope}-locus scope (${patient.loci.join('~')})`);
  }
  return loci;
}

/**
 * Ranks candidates (given in grade order, classes ascending) so that the first `pageSize` positions are exactly
 * those a full computation over every candidate would give: by class, then score (falling), then grade order.
 * Candidates whose typing cannot be imputed rank after the others of their class (ADR 0410: no probability).
 * Imputes in this thread; `rankByProbabilityOn` ranks the same with a scorer on worker threads.
 */
export function rankByProbability(
  patientDistribution: GenotypeDistribution,
  donors: ImputationCache,
  candidates: readonly RankCandidate[],
  options: ProbabilityRankOptions
): ProbabilityRanking {
  const scopeLoci = scopeLociOf(patientDistribution, options.scope);
  const matcher = donors.matcher;
  const patient = matcher.fromGenotypes(patientDistribution);
  const before = donors.imputations;
  const scorer = new TierScorer(donors, patient, {
    scopeLoci,
    scope: options.scope,
    prune: options.prune ?? true,
    heldBytes: options.heldBytes ?? HELD_BYTES,
  });
  const steps = rankSteps(candidates, patientDistribution.loci, scopeLoci, options, { scoreBatch: 1, jointBatch: 1 });
  let answer: StepAnswer | undefined;
  for (;;) {
    const step = answer === undefined ? steps.next() : steps.next(answer);
    if (step.done) {
      scorer.forgetConstraints();
      const reimputed = scorer.reimputed;
      return { ...step.value, computed: scorer.computed, imputed: donors.imputations - before - reimputed, reimputed };
    }
    const s = step.value;
    if (s.kind === 'bounds') answer = scorer.bounds(s.m, s.typings);
    else if (s.kind === 'score') {
      scorer.nextTier();
      answer = scorer.score(s.items);
    } else answer = scorer.joints(s.typings);
  }
}

/**
 * A scorer that answers asynchronously (rankPool.ts: worker threads). `counts` ends the search: its counts, and
 * whatever the scorer held for it let go.
 */
export interface AsyncScorer {
  bounds(m: number, typings: readonly string[]): Promise<readonly TypingBound[]>;
  score(tier: number, items: readonly ScoreItem[]): Promise<readonly Scored[]>;
  joints(typings: readonly string[]): Promise<readonly Joint[]>;
  counts(): Promise<ScorerCounts>;
  /** Typings to score at least, and joints to ask at most, at a time (ranking batches, see rankSteps). */
  readonly scoreBatch: number;
  readonly jointBatch: number;
}

/** What a search asks of the scorers: the patient, the scope, pruning, held bytes and genotypes kept per donor. */
export interface SearchStart {
  readonly patient: GenotypeDistribution;
  readonly scope: 10 | 8 | 6;
  readonly prune: boolean;
  readonly heldBytes: number;
  readonly top: number;
}

/** Gives a search its scorer (RankPool.scorer with the search's frequency set bound). */
export interface ScorerSource {
  scorer(start: SearchStart): AsyncScorer;
}

/**
 * `rankByProbability` with the typings bounded and scored by a scorer from `scorers` (worker threads): the same
 * order, probabilities and pruning.
 * @throws what the scorer throws (RankPoolUnavailable: the caller may rank in its own thread instead)
 */
export async function rankByProbabilityOn(
  patientDistribution: GenotypeDistribution,
  scorers: ScorerSource,
  candidates: readonly RankCandidate[],
  options: ProbabilityRankOptions
): Promise<ProbabilityRanking> {
  const scopeLoci = scopeLociOf(patientDistribution, options.scope);
  const scorer = scorers.scorer({
    patient: patientDistribution,
    scope: options.scope,
    prune: options.prune ?? true,
    heldBytes: options.heldBytes ?? HELD_BYTES,
    top: options.donorTop ?? DONOR_TOP,
  });
  const steps = rankSteps(candidates, patientDistribution.loci, scopeLoci, options, {
    scoreBatch: Math.max(1, scorer.scoreBatch),
    jointBatch: Math.max(1, scorer.jointBatch),
  });
  let answer: StepAnswer | undefined;
  let ended = false;
  try {
    for (;;) {
      const step = answer === undefined ? steps.next() : steps.next(answer);
      if (step.done) {
        ended = true;
        return { ...step.value, ...(await scorer.counts()) };
      }
      const s = step.value;
      answer =
        s.kind === 'bounds'
          ? await scorer.bounds(s.m, s.typings)
          : s.kind === 'score'
            ? await scorer.score(s.tier, s.items)
            : await scorer.joints(s.typings);
    }
  } finally {
    // A ranking that failed still ends its search on the workers (they hold its distributions until then).
    if (!ended) scorer.counts().catch(() => undefined);
  }
}

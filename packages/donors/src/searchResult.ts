import type { CordOutput } from '@engraft/clinical';
import { checkCordUnit } from '@engraft/clinical';
import type { SearchCriteria } from './criteria';
import { countedLoci } from './criteria';
import type { DonorIndex, IndexView } from './donorIndex';
import { countedMismatches } from './donorIndex';
import type { Locus } from './loci';
import type { Dpb1Category, LocusMatch, ResolvedLocus } from './matcher';
import type { DonorRecord, Patient } from './schema';
import { birthYearOf } from './schema';
import type { ScanPlan, ShardHits } from './scan';
import { rankRows } from './scan';
import type { Shard } from './store';
import { SHARD_BITS, SHARD_SIZE } from './store';

/** Cord dose of a unit for the patient, with the @engraft/clinical cord-unit-adequacy verdicts. */
export interface CordDose {
  /** TNC x10^7 per kg of patient weight. */
  readonly tncE7PerKg: number;
  /** CD34+ x10^5 per kg, null when the unit has no CD34+ count. */
  readonly cd34E5PerKg: number | null;
  readonly hlaMatched: number;
  readonly hlaOf: 6 | 8;
  /** As a single-unit graft, and as one unit of a double-unit graft. */
  readonly single: CordOutput;
  readonly double: CordOutput;
}

export interface SearchHit {
  /** 1-based position in the ranked list. */
  readonly rank: number;
  readonly donor: DonorRecord;
  readonly age: number | undefined;
  /** Over the counted loci, in the criteria's direction. */
  readonly mismatches: number;
  readonly potential: number;
  /** Counted loci plus DPB1 (scored), with both positions' grades. */
  readonly loci: readonly LocusMatch[];
  readonly dpb1: Dpb1Category;
  /** Cord units when the patient's weight is known. */
  readonly cord?: CordDose;
}

export interface CordPair {
  readonly units: readonly [SearchHit, SearchHit];
  /** Combined TNC x10^7/kg. */
  readonly tncE7PerKg: number;
}

/** Hits ranked by a search before it returns (the first page); the rest are ranked when a page needs them. */
const RANKED_AHEAD = 20;

/**
 * The ranked donors of one search (ADR 0401). Holds the index state it was computed on, so paging never
 * sees later changes; `release` is the nomenclature release the typings were resolved with.
 *
 * The scan returns each shard's passing rows unranked. Ranking reads six columns at scattered rows, so it is
 * done lazily: the hits are bucketed by the leading ranking keys that the scan already knows (mismatches,
 * potential), and a page ranks only the buckets it reaches (a bucket's keys all sort before the next one's).
 */
export class SearchResult {
  readonly release: string;
  readonly total: number;
  readonly createdAt = new Date().toISOString();
  /** Time of the search: plan, scan and ranking the first page. */
  readonly elapsedMs: number;
  /** Per shard, the bucket of each hit (its leading ranking keys packed), and the ranked keys so far. */
  private readonly buckets: Uint8Array[];
  private readonly ranked: Float64Array[];
  /** Hits per bucket over all shards; buckets below `nextBucket` are ranked. */
  private readonly bucketSizes = new Float64Array(256);
  private nextBucket = 0;
  private rankedCount = 0;

  constructor(
    private readonly index: DonorIndex,
    readonly view: IndexView,
    readonly patient: Patient,
    readonly criteria: SearchCriteria,
    private readonly resolved: Partial<Record<Locus, ResolvedLocus>>,
    private readonly plan: ScanPlan,
    /** Per shard, the passing rows of the scan. */
    private readonly hits: readonly ShardHits[],
    /** performance.now() when the search began. */
    started: number
  ) {
    this.release = index.release;
    this.total = hits.reduce((n, h) => n + h.rows.length, 0);
    // Leading ranking keys the scan knows: each 4 bits (RANK_BITS), at most two, so a bucket fits a byte.
    const lead: ('mismatches' | 'potential')[] = [];
    for (const k of plan.ranking) {
      if ((k !== 'mismatches' && k !== 'potential') || lead.includes(k)) break;
      lead.push(k);
    }
    this.buckets = hits.map((h) => {
      const b = new Uint8Array(h.rows.length);
      for (let i = 0; i < b.length; i++) {
        let v = 0;
        for (const k of lead) v = v * 16 + Math.min(15, (k === 'mismatches' ? h.mms[i] : h.pots[i]) as number);
        b[i] = v;
        this.bucketSizes[v] = (this.bucketSizes[v] as number) + 1;
      }
      return b;
    });
    this.ranked = hits.map(() => new Float64Array(0));
    this.rankFirst(RANKED_AHEAD);
    this.elapsedMs = performance.now() - started;
  }

  /** What a saved search records: release, criteria, size, when and on which index generation. */
  summary(): {
    release: string;
    criteria: SearchCriteria;
    total: number;
    createdAt: string;
    elapsedMs: number;
    generation: number;
  } {
    return {
      release: this.release,
      criteria: this.criteria,
      total: this.total,
      createdAt: this.createdAt,
      elapsedMs: this.elapsedMs,
      generation: this.view.generation,
    };
  }

  /** Ranks (at least) the first `n` hits: the buckets they fall in. */
  rankFirst(n: number): void {
    const want = Math.min(n, this.total);
    if (this.rankedCount >= want) return;
    let last = this.nextBucket;
    let count = this.rankedCount;
    while (last < 256 && count < want) count += this.bucketSizes[last++] as number;
    for (const [s, h] of this.hits.entries()) {
      const bucket = this.buckets[s] as Uint8Array;
      const pick: number[] = [];
      for (let i = 0; i < bucket.length; i++) {
        const b = bucket[i] as number;
        if (b >= this.nextBucket && b < last) pick.push(i);
      }
      if (pick.length === 0) continue;
      const rows = Int32Array.from(pick, (i) => h.rows[i] as number);
      const mms = Uint8Array.from(pick, (i) => h.mms[i] as number);
      const pots = Uint8Array.from(pick, (i) => h.pots[i] as number);
      const keys = rankRows(this.plan, (this.view.shards[s] as Shard).cols, rows, mms, pots, pick.length);
      const before = this.ranked[s] as Float64Array;
      const all = new Float64Array(before.length + keys.length);
      all.set(before);
      all.set(keys, before.length);
      this.ranked[s] = all;
    }
    this.nextBucket = last;
    this.rankedCount = count;
  }

  /** Global indexes of the hits in rank order, from `offset`, at most `limit`. */
  globalIndexes(offset: number, limit: number): number[] {
    const end = Math.min(this.total, offset + limit);
    this.rankFirst(end);
    const keys = this.ranked;
    const pos = keys.map(() => 0);
    const out: number[] = [];
    for (let r = 0; r < end; r++) {
      let best = -1;
      let bestKey = Infinity;
      for (const [s, k] of keys.entries()) {
        const v = k[pos[s] as number];
        if (v !== undefined && Math.floor(v / 2 ** SHARD_BITS) < bestKey) {
          bestKey = Math.floor(v / 2 ** SHARD_BITS);
          best = s;
        }
      }
      const v = (keys[best] as Float64Array)[pos[best] as number] as number;
      pos[best] = (pos[best] as number) + 1;
      if (r >= offset) out.push(best * SHARD_SIZE + (v % 2 ** SHARD_BITS));
    }
    return out;
  }

  /** One page of hits, materialized with per-locus grades and cord doses. */
  page(offset = 0, limit = 20): SearchHit[] {
    return this.globalIndexes(offset, limit).map((g, k) => this.hit(g, offset + k + 1));
  }

  /** The hits at these global indexes (of `globalIndexes`), materialized, ranked from `firstRank`. */
  hitsAt(globals: readonly number[], firstRank = 1): SearchHit[] {
    return globals.map((g, k) => this.hit(g, firstRank + k));
  }

  /** The scan's passing rows per shard, with their mismatches and potential positions (unranked). */
  get scanHits(): readonly ShardHits[] {
    return this.hits;
  }

  /** The index searched (read donors through `view`, the state the search saw). */
  get donorIndex(): DonorIndex {
    return this.index;
  }

  /** Double-unit cord suggestions: the best pairs, by combined TNC/kg, among the first `scan` cord hits adequate as one unit of a double graft. */
  cordPairs(limit = 5, scan = 200): CordPair[] {
    const units = this.page(0, scan).filter((h) => h.cord?.double.adequate === true);
    const pairs: CordPair[] = [];
    for (let i = 0; i < units.length; i++) {
      for (let j = i + 1; j < units.length; j++) {
        const a = units[i] as SearchHit;
        const b = units[j] as SearchHit;
        pairs.push({ units: [a, b], tncE7PerKg: (a.cord?.tncE7PerKg ?? 0) + (b.cord?.tncE7PerKg ?? 0) });
      }
    }
    return pairs
      .sort(
        (x, y) =>
          x.units[0].mismatches + x.units[1].mismatches - (y.units[0].mismatches + y.units[1].mismatches) ||
          y.tncE7PerKg - x.tncE7PerKg
      )
      .slice(0, limit);
  }

  private hit(global: number, rank: number): SearchHit {
    const donor = this.index.readGlobal(this.view.shards, global);
    const d = this.index.resolveDonor(donor);
    const loci = [...countedLoci(this.criteria)];
    if (!loci.includes('DPB1')) loci.push('DPB1');
    const matches = loci.map((l) =>
      this.index.matcher.compareLocus(l, this.resolved[l], d[l], this.criteria.levels[l] ?? 'allele')
    );
    let mismatches = 0;
    let potential = 0;
    for (const m of matches) {
      if (!countedLoci(this.criteria).includes(m.locus)) continue;
      mismatches += countedMismatches(m, this.criteria);
      potential += m.potential;
    }
    const year = birthYearOf(donor);
    const refYear = this.criteria.referenceYear ?? new Date().getUTCFullYear();
    const hit: SearchHit = {
      rank,
      donor,
      age: year === undefined ? undefined : refYear - year,
      mismatches,
      potential,
      loci: matches,
      dpb1: this.index.matcher.dpb1(this.resolved.DPB1, d.DPB1).category,
    };
    const weight = this.patient.weightKg;
    if (donor.kind !== 'cord' || !donor.cord || weight === undefined) return hit;
    return { ...hit, cord: this.cordDose(donor, weight, d) };
  }

  private cordDose(donor: DonorRecord, weightKg: number, d: Partial<Record<Locus, ResolvedLocus>>): CordDose {
    const cord = donor.cord ?? { tncE7: 0 };
    const hlaOf = this.criteria.loci === 6 ? 6 : 8;
    const loci: readonly Locus[] = hlaOf === 6 ? ['A', 'B', 'DRB1'] : ['A', 'B', 'C', 'DRB1'];
    let mm = 0;
    let cMismatch = false;
    for (const l of loci) {
      const level = hlaOf === 6 ? (this.criteria.levels[l] ?? (l === 'DRB1' ? 'allele' : 'antigen')) : 'allele';
      const m = this.index.matcher.compareLocus(l, this.resolved[l], d[l], level);
      mm += m.mismatches;
      if (l === 'C' && m.mismatches > 0) cMismatch = true;
    }
    const tncE7PerKg = cord.tncE7 / weightKg;
    const cd34E5PerKg = cord.cd34E5 === undefined ? null : cord.cd34E5 / weightKg;
    const input = {
      tncE7PerKg,
      cd34E5PerKg,
      hlaMatched: Math.max(0, hlaOf - mm),
      hlaOf,
      hlaCMismatch: cMismatch,
      disease: this.criteria.disease,
    } as const;
    const options = { criteria: this.criteria.cordCriteria };
    return {
      tncE7PerKg,
      cd34E5PerKg,
      hlaMatched: input.hlaMatched,
      hlaOf,
      single: checkCordUnit({ ...input, graft: 'single' }, options),
      double: checkCordUnit({ ...input, graft: 'double' }, options),
    };
  }
}

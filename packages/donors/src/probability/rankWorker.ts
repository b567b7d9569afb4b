import type { HlaEngine, HlaOptions, HlaRelease } from '@engraft/hla';
import type { FrequencyResolution, FrequencySet } from './frequencySet';
import { ImputationCache } from './imputationCache';
import { Imputer } from './imputer';
import { type SearchStart, scopeLociOf } from './probabilityRanking';
import { type ScoreItem, TierScorer } from './tierScorer';

// What a rank worker thread does (rankPool.ts, ADR 0411): it holds its own HLA engine and one imputer per
// frequency set, and for each search a TierScorer over its share of the typings. The messages and their handling
// are here; the thread's entry (rankWorkerMain.ts) builds the engine and answers each message.

/** How a worker builds its engine: the release itself (structured clone) and the MAC file to read. */
export interface EngineSource {
  readonly release: HlaRelease;
  readonly macFile?: string;
  readonly options?: HlaOptions;
}

/** An imputer's inputs: the set, the population or mixture, the resolution the main thread found. */
export interface ImputerSource {
  readonly set: FrequencySet;
  readonly population?: string | Readonly<Record<string, number>>;
  readonly resolution: FrequencyResolution;
}

export type RankRequest =
  | { readonly kind: 'set'; readonly id: number; readonly key: string; readonly source: ImputerSource }
  | {
      readonly kind: 'begin';
      readonly id: number;
      readonly search: number;
      readonly key: string;
      readonly start: SearchStart;
    }
  | {
      readonly kind: 'bounds';
      readonly id: number;
      readonly search: number;
      readonly m: number;
      readonly typings: readonly string[];
    }
  | {
      readonly kind: 'score';
      readonly id: number;
      readonly search: number;
      readonly tier: number;
      readonly items: readonly ScoreItem[];
    }
  | { readonly kind: 'joints'; readonly id: number; readonly search: number; readonly typings: readonly string[] }
  | { readonly kind: 'end'; readonly id: number; readonly search: number }
  | { readonly kind: 'clear'; readonly id: number };

export interface RankReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** A worker's state: its engine, imputers by set key, and the scorers of the searches in progress. */
export class RankWorkerState {
  private readonly imputers = new Map<string, Imputer>();
  private readonly searches = new Map<number, { scorer: TierScorer; tier: number }>();

  constructor(private readonly engine: HlaEngine) {}

  /** Handles one request. @throws what the request's work throws (the thread replies with it as an error) */
  handle(req: RankRequest): RankReply {
    switch (req.kind) {
      case 'set': {
        if (!this.imputers.has(req.key)) {
          const { set, population, resolution } = req.source;
          this.imputers.set(
            req.key,
            new Imputer({ set, engine: this.engine, resolution, ...(population ? { population } : {}) })
          );
        }
        return { id: req.id };
      }
      case 'begin': {
        const imputer = this.imputers.get(req.key);
        if (!imputer) throw new Error(`rank worker: no imputer for set ${req.key}`);
        const donors = new ImputationCache(imputer, req.start.top);
        const { patient, scope, prune, heldBytes } = req.start;
        const scopeLoci = scopeLociOf(patient, scope);
        const prepared = donors.matcher.fromGenotypes(patient);
        this.searches.set(req.search, {
          scorer: new TierScorer(donors, prepared, { scope, scopeLoci, prune, heldBytes }),
          tier: -1,
        });
        return { id: req.id };
      }
      case 'bounds':
        return { id: req.id, result: this.search(req.search).scorer.bounds(req.m, req.typings) };
      case 'score': {
        const s = this.search(req.search);
        if (req.tier !== s.tier) {
          s.scorer.nextTier();
          s.tier = req.tier;
        }
        return { id: req.id, result: s.scorer.score(req.items) };
      }
      case 'joints':
        return { id: req.id, result: this.search(req.search).scorer.joints(req.typings) };
      case 'clear':
        for (const imputer of this.imputers.values()) imputer.clearCaches();
        return { id: req.id };
      case 'end': {
        const s = this.searches.get(req.search);
        this.searches.delete(req.search);
        const result = s
          ? { computed: s.scorer.computed, imputed: s.scorer.imputed, reimputed: s.scorer.reimputed }
          : { computed: 0, imputed: 0, reimputed: 0 };
        return { id: req.id, result };
      }
    }
  }

  private search(id: number) {
    const s = this.searches.get(id);
    if (!s) throw new Error(`rank worker: search ${id} was not begun`);
    return s;
  }
}

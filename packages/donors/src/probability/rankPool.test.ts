import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData, testEngine } from '../testing/engine';
import { RANKING_POOL, frequencySetArb, imputedOrNone, threeLocusTypingArb } from '../testing/frequencySetArbitrary';
import type { FrequencySet } from './frequencySet';
import { Imputer } from './imputer';
import {
  ImputationCache,
  type RankCandidate,
  type SearchStart,
  rankByProbability,
  rankByProbabilityOn,
} from './probabilityRanking';
import { RankPool, RankPoolUnavailable } from './rankPool';

// ADR 0411: the ranking with its typings scored on worker threads gives what it gives in one thread: the same
// order (not only the page), the same probabilities and the same pruning, on random three-locus
// sets, patients and candidates (some typings the set cannot explain), with the typing bound on and off. Small
// chunks and joint batches so that every tier is spread over both workers.
const engine = testEngine();
const pool = new RankPool(
  { release: engine.release, macFile: sharedData('mac/atlas-LargeMacDictionary.csv'), options: { cacheSize: 10_000 } },
  { threads: 2, chunk: 2, jointsPerThread: 2 }
);
afterAll(() => pool.close());

const setArb = frequencySetArb(RANKING_POOL, { minLength: 3, maxLength: 30 });
const typingArb = threeLocusTypingArb(RANKING_POOL);

let sets = 0;
const scorersFor = (set: FrequencySet, imputer: Imputer) => {
  const key = `set-${sets++}`;
  return { scorer: (start: SearchStart) => pool.scorer(key, () => ({ set, resolution: imputer.resolution }), start) };
};

describe('ranking on the rank pool (issue 16, ADR 0411)', () => {
  it('ranks as in one thread on random registries', async () => {
    let failedSomewhere = 0;
    let prunedSomewhere = 0;
    let aheadSomewhere = 0;
    await fc.assert(
      fc.asyncProperty(
        setArb,
        typingArb,
        fc.array(fc.tuple(typingArb, fc.integer({ min: 0, max: 2 }), fc.boolean()), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        async (set, patientGl, donors, pageSize, typingBound) => {
          const imputer = new Imputer({ set, engine });
          const patient = imputedOrNone(imputer, patientGl);
          if (!patient) return;
          const candidates: RankCandidate[] = donors
            .map(([typing, m, definite]) => ({ typing, mismatchClass: m, definite }))
            .sort((a, b) => a.mismatchClass - b.mismatchClass);
          const opts = { scope: 6 as const, pageSize, typingBound };
          const here = rankByProbability(patient, new ImputationCache(imputer), candidates, opts);
          const scorers = scorersFor(set, imputer);
          const there = await rankByProbabilityOn(patient, scorers, candidates, opts);
          expect(there.order).toEqual(here.order);
          expect([...there.probabilities].sort((a, b) => a[0] - b[0])).toEqual(
            [...here.probabilities].sort((a, b) => a[0] - b[0])
          );
          expect(there.pruned).toBe(here.pruned);
          expect(there.notImputed).toBe(here.notImputed);
          // Typings scored and joints asked in batches: never less work than in one thread, at most one joint per
          // typing imputed.
          expect(there.imputed).toBeGreaterThanOrEqual(here.imputed);
          expect(there.computed).toBeGreaterThanOrEqual(here.computed);
          expect(there.computed).toBeLessThanOrEqual(there.imputed + there.reimputed);
          failedSomewhere += [...here.probabilities.values()].filter((p) => 'error' in p).length;
          prunedSomewhere += here.pruned;
          aheadSomewhere += there.imputed - here.imputed;
        }
      ),
      { numRuns: 60, seed: 411 }
    );
    expect(failedSomewhere).toBeGreaterThan(0);
    expect(prunedSomewhere).toBeGreaterThan(0);
    // The batches did score ahead of need somewhere, and the page stayed the same.
    expect(aheadSomewhere).toBeGreaterThan(0);
  }, 60_000);

  it('a worker that cannot build the imputer fails the search as unavailable, and is asked again next time', async () => {
    const set = fc.sample(setArb, { numRuns: 1, seed: 2 })[0] as FrequencySet;
    const imputer = new Imputer({ set, engine });
    const patient = imputedOrNone(imputer, 'A*01:01/A*02:01/A*03:01/A*11:01+A*01:01/A*02:01/A*03:01/A*11:01');
    expect(patient).toBeDefined();
    const start = { patient: patient!, scope: 6 as const, prune: true, heldBytes: 1024, top: 10 };
    const item = { typing: 'A*01:01+A*02:01', idx: 0, m: 0, definite: false };
    // A population the set does not have: the worker's Imputer refuses it.
    const wrong = () => ({ set, population: 'NOPE', resolution: imputer.resolution });
    await expect(pool.scorer('wrong-then-right', wrong, start).score(0, [item])).rejects.toThrow(RankPoolUnavailable);
    expect(pool.available).toBe(true);
    const right = () => ({ set, resolution: imputer.resolution });
    const scorer = pool.scorer('wrong-then-right', right, start);
    expect(await scorer.score(0, [item])).toHaveLength(1);
    await scorer.counts();
  }, 30_000);

  it('refuses new searches once closed, and a closed pool fails a search in progress', async () => {
    const closing = new RankPool({ release: engine.release }, { threads: 1 });
    const set: FrequencySet = fc.sample(setArb, { numRuns: 1, seed: 1 })[0] as FrequencySet;
    const imputer = new Imputer({ set, engine });
    const r = imputer.impute('A*01:01/A*02:01/A*03:01/A*11:01+A*01:01/A*02:01/A*03:01/A*11:01');
    const patient = { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
    const scorer = closing.scorer('k', () => ({ set, resolution: imputer.resolution }), {
      patient,
      scope: 6,
      prune: true,
      heldBytes: 1024,
      top: 10,
    });
    await closing.close();
    await expect(scorer.score(0, [{ typing: 'A*01:01+A*02:01', idx: 0, m: 0, definite: false }])).rejects.toThrow(
      RankPoolUnavailable
    );
    expect(() => closing.scorer('k', () => ({ set, resolution: imputer.resolution }), {} as never)).toThrow(
      /rank pool is closed/
    );
  }, 30_000);

  it('says once why it stopped when a worker fails (its MAC file is gone), and never when it is closed', async () => {
    const stops: RankPoolUnavailable[] = [];
    const failing = new RankPool(
      { release: engine.release, macFile: '/nonexistent/engraft-rank-pool-test.mac' },
      { threads: 2, onStop: (err) => stops.push(err) }
    );
    for (let i = 0; i < 300 && failing.available; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200)); // the second worker fails too, and both exit
    expect(failing.available).toBe(false);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toBeInstanceOf(RankPoolUnavailable);
    expect(stops[0]!.message).toMatch(/a rank worker (failed|stopped)/);
    await failing.close();
    const closed: RankPoolUnavailable[] = [];
    const quiet = new RankPool({ release: engine.release }, { threads: 1, onStop: (err) => closed.push(err) });
    await quiet.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toEqual([]);
  }, 30_000);
});

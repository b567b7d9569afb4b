import { describe, expect, it } from 'vitest';
import type { SearchCriteriaInput } from '../criteria';
import { DonorIndex } from '../donorIndex';
import { RegistryGenerator } from '../generator';
import { readTextFile } from '../io';
import type { SearchResult } from '../searchResult';
import { sharedData, testEngine } from '../testing/engine';
import { typingToGl } from '../typing';
import { classCandidates } from './classCandidates';

// The probability ranking reads only class, potential positions and typing of its candidates (ADR 0411). These
// must be exactly what materializing every hit gave: the same hits, in the same order, with the same values.
const engine = testEngine();
const gen = () =>
  new RegistryGenerator({
    engine,
    freqs: readTextFile(sharedData('freqs/CAU.freqs.gz')),
    ciwd: readTextFile(sharedData('ciwd/ciwd.3.0.0.csv')),
    seed: 7,
    cordShare: 0.1,
  });
const donors = [...gen().take(3000)];
// Small shards: hits spread over many shards, as in a large registry.
const index = new DonorIndex({ engine, shardSize: 256 });
index.add(donors);
const patients = donors.filter((_, i) => i % 300 === 11).map((d) => typingToGl(d.typing));

/** What the server did before: every hit materialized, then those of the classes the page reaches. */
function materialized(result: SearchResult, pageSize: number) {
  const all = result.page(0, result.total);
  const top = Math.max(-1, ...all.slice(0, pageSize).map((h) => h.mismatches));
  return all.filter((h) => h.mismatches <= top);
}

function check(criteria: SearchCriteriaInput, pageSize: number): number {
  let compared = 0;
  for (const typing of patients) {
    const result = index.search({ typing }, criteria);
    const want = materialized(result, pageSize);
    const got = classCandidates(result, pageSize);
    expect(got.globals).toHaveLength(want.length);
    expect(got.candidates).toEqual(
      want.map((h) => ({
        mismatchClass: h.mismatches,
        definite: h.potential === 0,
        typing: typingToGl(h.donor.typing),
      }))
    );
    const page = result.hitsAt(got.globals.slice(0, pageSize));
    expect(page.map((h) => [h.rank, h.donor.id])).toEqual(want.slice(0, pageSize).map((h) => [h.rank, h.donor.id]));
    compared += want.length;
  }
  return compared;
}

describe('classCandidates (the probability ranking reads candidates, not full hits)', () => {
  it('gives every hit of the classes the page reaches, in rank order, as materialized hits do', () => {
    const criteria: SearchCriteriaInput = { loci: 10, maxMismatches: 2, donorKinds: ['adult'] };
    expect(check(criteria, 20)).toBeGreaterThan(100);
    // A page of one reaches only the first class; a page past the total takes every hit.
    check(criteria, 1);
    check(criteria, 100_000);
  });

  it('with a ranking that does not lead with mismatches, still every hit of classes ≤ the page’s highest', () => {
    const criteria: SearchCriteriaInput = {
      loci: 8,
      maxMismatches: 2,
      ranking: ['age', 'mismatches', 'potential', 'dpb1', 'cmv', 'sex', 'abo', 'registry', 'cordDose'],
    };
    expect(check(criteria, 15)).toBeGreaterThan(15);
  });

  it('is empty for a search without hits', () => {
    const result = index.search({ typing: 'A*80:01+A*80:01^B*83:01+B*83:01^DRB1*09:01+DRB1*09:01' }, { loci: 6 });
    expect(result.total).toBe(0);
    expect(classCandidates(result, 20)).toEqual({ globals: [], candidates: [] });
  });
});

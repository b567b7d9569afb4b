import { describe, expect, it } from 'vitest';
import { DonorIndex } from './donorIndex';
import { importFile, readLines } from './io';
import { sharedData, testEngine } from './testing/engine';

// The WMDA matching-validation typings (CC BY-NC-ND, read from ../shared/data, never copied):
// all 10,000 donors import, and every one of the 1,000 patients searches at 10/10 and 6/6.
describe('WMDA MVT typings', () => {
  it('all donors import and all patients search', async () => {
    const engine = testEngine();
    const index = new DonorIndex({ engine, shardSize: 4096 });
    const s = await importFile(index, sharedData('wmda-mvt/don.gl.txt.gz'), { registry: 'MVT', strict: true });
    expect(s.errors).toEqual([]);
    expect(s).toMatchObject({ refused: false, imported: 10_000 });
    expect(index.size).toBe(10_000);
    let patients = 0;
    let withHits = 0;
    let fullMatches = 0;
    for await (const line of readLines(sharedData('wmda-mvt/pat.gl.txt.gz'))) {
      if (!line.trim()) continue;
      const typing = line.slice(line.indexOf('%') + 1);
      const r10 = index.search({ typing }, { loci: 10, maxMismatches: 2 });
      const r6 = index.search({ typing }, { loci: 6, maxMismatches: 0 });
      patients++;
      if (r10.total > 0) withHits++;
      fullMatches += r6.total;
      // the first hit's recomputed grades agree with the scan
      const [top] = r10.page(0, 1);
      if (top) expect(top.mismatches).toBeLessThanOrEqual(2);
    }
    expect(patients).toBe(1000);
    expect(withHits).toBeGreaterThan(900);
    expect(fullMatches).toBeGreaterThan(0);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedData, testEngine } from '../testing/engine';
import { loadFrequencySet } from './frequencySetFile';
import { Imputer } from './imputer';

// The WMDA match-validation typings (Bochtler et al. 2016, HLA 87:439; ../shared/data, never copied) with the
// CAU set: every typing imputes, and the number of genotypes per typing and the mass a 2,000-genotype cut loses
// (ATLAS's MaximumExpandedGenotypesPerInput) agree with an independent count made on the same data: patients
// median 2, max 34; donors median 12, p90 113, max 7,806; 132 donors over 2,000, losing at most 10.4 %.
describe('imputation of the WMDA MVT typings with the CAU set', () => {
  it('imputes all 11,000 typings with the expected genotype counts', () => {
    const imputer = new Imputer({ set: loadFrequencySet(sharedData('freqs/CAU.freqs.gz')), engine: testEngine() });
    const stats = (file: string) => {
      const counts: number[] = [];
      const lost: number[] = [];
      for (const line of gunzipSync(readFileSync(sharedData(file)))
        .toString('utf8')
        .trim()
        .split('\n')) {
        const r = imputer.impute(line.slice(line.indexOf('%') + 1), { top: 2000 });
        const sum = r.genotypes.reduce((s, g) => s + g.probability, 0);
        expect(sum + r.truncatedMass).toBeCloseTo(1, 12);
        counts.push(r.total);
        if (r.total > 2000) lost.push(r.truncatedMass);
      }
      counts.sort((a, b) => a - b);
      const at = (q: number) => counts[Math.floor(q * (counts.length - 1))];
      return {
        n: counts.length,
        median: at(0.5),
        p90: at(0.9),
        max: at(1),
        over: lost.length,
        lostMax: Math.max(0, ...lost),
      };
    };
    expect(stats('wmda-mvt/pat.gl.txt.gz')).toEqual({ n: 1000, median: 2, p90: 4, max: 34, over: 0, lostMax: 0 });
    const donors = stats('wmda-mvt/don.gl.txt.gz');
    expect(donors).toEqual({ n: 10_000, median: 12, p90: 113, max: 7806, over: 132, lostMax: expect.any(Number) });
    expect(donors.lostMax).toBeCloseTo(0.104, 3);
  }, 120_000);
});

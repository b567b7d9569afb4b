import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData, testEngine } from '../testing/engine';
import { FrequencySetError, parseFrequencySet } from './frequencySet';
import { loadFrequencySet } from './frequencySetFile';
import { refineResolution } from './resolution';

function issuesOf(text: string): string[] {
  try {
    parseFrequencySet(text);
  } catch (err) {
    if (err instanceof FrequencySetError) return err.issues.map((i) => `${i.line}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('parseFrequencySet', () => {
  it('reads hap,pop,freq lines, records loci in order and normalises per population', () => {
    const set = parseFrequencySet(
      [
        'A*01:01~B*08:01,1,0.3',
        'A*02:01~B*07:02,1,0.1',
        '',
        'A*01:01~B*08:01,EUR,0.25',
        'A*02:01~B*07:02,EUR,0.75',
      ].join('\n')
    );
    expect(set.loci).toEqual(['A', 'B']);
    expect(set.haplotypes).toEqual([
      ['A*01:01', 'B*08:01'],
      ['A*02:01', 'B*07:02'],
    ]);
    expect(set.resolution).toBe('2-field');
    const [one, eur] = set.populations;
    // 0.3 and 0.1 sum to 0.4: normalised 0.75 and 0.25
    expect(one?.label).toBe('1');
    expect(one?.originalSum).toBeCloseTo(0.4, 15);
    expect([...(one?.frequencies ?? [])]).toEqual([0.3 / 0.4, 0.1 / 0.4]);
    expect(eur?.originalSum).toBe(1);
    expect([...(eur?.frequencies ?? [])]).toEqual([0.25, 0.75]);
  });

  it('accepts a hap,pop,freq header and the Haplo,Count,Freq form with a given population', () => {
    expect(parseFrequencySet('hap,pop,freq\nA*01:01~B*08:01,CAU,1').populations[0]?.label).toBe('CAU');
    const em = parseFrequencySet('Haplo,Count,Freq\nA*01:01~B*08:01,12,0.5\nA*02:01~B*08:01,12,0.5', {
      population: 'EUR',
    });
    expect(em.format).toBe('haplo-count-freq');
    expect(em.populations.map((p) => [p.label, p.count])).toEqual([['EUR', 2]]);
  });

  it('detects G and P resolutions and refuses a mix', () => {
    expect(parseFrequencySet('A*01:01:01G~B*08:01:01G,1,1').resolution).toBe('G');
    expect(parseFrequencySet('A*01:01P~B*08:01P,1,1').resolution).toBe('P');
    expect(issuesOf('A*01:01:01G~B*08:01P,1,1')).toEqual([
      '1: names mix G and P groups: a set must use one resolution',
    ]);
  });

  it('names each malformed line', () => {
    const text = [
      'A*01:01~B*08:01,1,0.5', // 1 fine
      'A*01:01~B*08:01', // 2 two columns
      'A*01:01~DRB1*03:01,1,0.1', // 3 other loci
      'A*01:01~B*07:02,1,0', // 4 zero
      'A*01:01~B*07:02,1,1.5', // 5 above 1
      'A*01:01~B*08:01,1,0.1', // 6 duplicate
      'A*0101~B*08:01,1,0.1', // 7 bad name
      'A*01:01~B*07:02,,0.1', // 8 no population
      'A*01:01~A*02:01,1,0.1', // 9 locus twice
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      '2: expected 3 comma-separated columns (haplotype, population, frequency), found 1',
      "3: loci A~DRB1 differ from the first haplotype's A~B",
      "4: frequency '0' is not a number in (0, 1]",
      "5: frequency '1.5' is not a number in (0, 1]",
      "6: haplotype A*01:01~B*08:01 is listed twice for population '1'",
      "7: 'A*0101' is not an allele or group name (e.g. A*01:01, A*01:01:01G, A*01:01P)",
      '8: population is empty',
      '9: haplotype names a locus twice (A~A)',
    ]);
    expect(issuesOf('')).toEqual(['1: no haplotype in the file']);
    expect(issuesOf('haplotype,frequency\nA*01:01,1,1')).toEqual([
      "1: header 'haplotype,frequency' is not 'hap,pop,freq' or 'Haplo,Count,Freq'",
    ]);
  });

  it('reads gzip and plain files alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'engraft-freqs-'));
    const text = 'A*01:01~B*08:01,1,0.6\nA*02:01~B*07:02,1,0.4\n';
    writeFileSync(join(dir, 'plain.csv'), text);
    writeFileSync(join(dir, 'packed.csv.gz'), gzipSync(text));
    expect(loadFrequencySet(join(dir, 'packed.csv.gz'))).toEqual(loadFrequencySet(join(dir, 'plain.csv')));
  });

  it('loads the WMDA CAU set: 3,380 five-locus haplotypes summing to 0.99669, at lgx resolution', () => {
    const set = loadFrequencySet(sharedData('freqs/CAU.freqs.gz'));
    expect(set.loci).toEqual(['A', 'C', 'B', 'DRB1', 'DQB1']);
    expect(set.haplotypes).toHaveLength(3380);
    expect(set.populations.map((p) => p.label)).toEqual(['1']);
    expect(set.populations[0]?.originalSum).toBeCloseTo(0.99669, 10);
    const sum = [...(set.populations[0]?.frequencies ?? [])].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(set.resolution).toBe('2-field');
    expect(refineResolution(set, testEngine())).toBe('lgx');
    // B*07:02:01 is not its own lgx name (→ B*07:02): a set written so stays 2-field
    expect(refineResolution(parseFrequencySet('A*01:01~B*07:02:01,1,1'), testEngine())).toBe('2-field');
  }, 60_000);
});

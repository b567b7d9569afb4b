import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../hla/src/testing/sharedData';
import type { ImputeLine } from './impute';
import { jsonLine, parsePopulation } from './impute';
import { runCli } from './runCli';

// `engraft hla impute` through the real binary: the issue 16 line contract, on the WMDA patients with the CAU set
// (../shared/data, never copied) and on a two-locus set worked by hand.
const imgt = sharedData('imgt/3.58.0');
const macFile = sharedData('mac/atlas-LargeMacDictionary.csv');
const cau = sharedData('freqs/CAU.freqs.gz');

type Ok = Extract<ImputeLine, { genotypes: unknown }>;

function parseLines(stdout: string): ImputeLine[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ImputeLine);
}

describe('engraft hla impute', () => {
  it('writes one JSON line per input with the hand-computed posteriors, and an error line for bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engraft-impute-'));
    const freqs = join(dir, 'toy.csv');
    // A*01:01~B*08:01 0.3, A*01:01~B*07:02 0.1, A*02:01~B*07:02 0.4, A*02:01~B*08:01 0.2
    writeFileSync(
      freqs,
      'A*01:01~B*08:01,1,0.3\nA*01:01~B*07:02,1,0.1\nA*02:01~B*07:02,1,0.4\nA*02:01~B*08:01,1,0.2\n'
    );
    const input = [
      // {h1,h3} 2·0.3·0.4 = 0.24, {h2,h4} 2·0.1·0.2 = 0.04 → 6/7, 1/7; with --top 1 the cut is 1/7
      'PAT-1%A*01:01+A*02:01^B*08:01+B*07:02',
      'PAT-2%A*03:01+A*03:01^B*08:01+B*08:01',
      'PAT-3%A*01:01+A*99:99',
      '',
      'no percent sign',
    ].join('\n');
    const run = await runCli(['hla', 'impute', '--freqs', freqs, '--imgt-dir', imgt, '--top', '1'], input + '\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [one, two, three, four, ...rest] = parseLines(run.stdout);
    expect(rest).toEqual([]);
    expect(one).toEqual({
      id: 'PAT-1',
      genotypes: [{ haplotypes: ['A*01:01~B*08:01', 'A*02:01~B*07:02'], probability: expect.closeTo(6 / 7, 14) }],
      unrepresented: [],
      truncatedMass: expect.closeTo(1 / 7, 14),
    });
    expect(two).toEqual({
      id: 'PAT-2',
      error: 'A: a position has no allele in the frequency set (unrepresented: A*03:01)',
    });
    expect(three).toEqual({ id: 'PAT-3', error: 'A*99:99 is not an allele of IMGT/HLA 3.58.0' });
    expect(four).toEqual({ id: 'no percent sign', error: 'expected ID%GL (no % in the line)' });
  }, 60_000);

  it('imputes WMDA patients with the CAU set: probabilities sum to 1, the top genotype fits the typing', async () => {
    const lines = gunzipSync(readFileSync(sharedData('wmda-mvt/pat.gl.txt.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .slice(0, 25);
    const run = await runCli(
      ['hla', 'impute', '--freqs', cau, '--imgt-dir', imgt, '--mac-file', macFile],
      lines.join('\n')
    );
    expect(run.code).toBe(0);
    const out = parseLines(run.stdout);
    expect(out.map((o) => o.id)).toEqual(lines.map((l) => l.split('%')[0]));
    for (const [i, o] of out.entries()) {
      expect(o).not.toHaveProperty('error');
      const ok = o as Ok;
      expect(ok.truncatedMass).toBe(0);
      expect(ok.genotypes.reduce((s, g) => s + g.probability, 0)).toBeCloseTo(1, 12);
      const probs = ok.genotypes.map((g) => g.probability);
      expect([...probs].sort((a, b) => b - a)).toEqual(probs);
      // The top genotype puts, at every typed locus, one allele in each written position (either orientation).
      const [h1, h2] = (ok.genotypes[0]?.haplotypes ?? ['', '']).map((h) => h.split('~'));
      const typing = (lines[i] ?? '').split('%')[1] ?? '';
      for (const locusText of typing.split('^')) {
        const [p1 = '', p2 = p1] = locusText.split('+').map((p) => p.split('/'));
        const a = h1?.find((n) => n.startsWith(`${(p1[0] ?? '').split('*')[0]}*`)) ?? '';
        const b = h2?.find((n) => n.startsWith(`${(p1[0] ?? '').split('*')[0]}*`)) ?? '';
        expect((p1.includes(a) && p2.includes(b)) || (p1.includes(b) && p2.includes(a)), `${ok.id} ${locusText}`).toBe(
          true
        );
      }
    }
    // P000002 is typed unambiguously at all five loci: one genotype, probability 1
    expect(out[1]).toEqual({
      id: 'P000002',
      genotypes: [
        {
          haplotypes: [
            'A*01:01~C*06:02~B*57:01~DRB1*07:01~DQB1*03:03',
            'A*24:02~C*08:02~B*14:01~DRB1*13:03~DQB1*03:01',
          ],
          probability: 1,
        },
      ],
      unrepresented: [],
      truncatedMass: 0,
    });
  }, 60_000);

  it('writes each line exactly as JSON.stringify would', () => {
    const answers: ImputeLine[] = [
      {
        id: 'P "1"\\',
        genotypes: [
          { haplotypes: ['A*01:01~B*08:01', 'A*02:01~B*07:02'], probability: 0.1 + 0.2 },
          { haplotypes: ['A*01:01~B*08:01', 'A*01:01~B*08:01'], probability: 1e-300 },
        ],
        unrepresented: ['A*03:01'],
        truncatedMass: 5e-324,
      },
      { id: 'X', genotypes: [], unrepresented: [], truncatedMass: 0 },
      { id: 'Y', error: 'no "pair"' },
    ];
    const quoted = new Map<string, string>();
    for (const a of answers) expect(jsonLine(a, quoted)).toBe(JSON.stringify(a));
  });

  it('reads --population as one label or as mixture weights', () => {
    expect(parsePopulation('CAU')).toBe('CAU');
    expect(parsePopulation('CAU=0.7,AFA=0.3')).toEqual({ CAU: 0.7, AFA: 0.3 });
    expect(() => parsePopulation('CAU=0.7,AFA')).toThrow("--population: 'AFA' is not LABEL=WEIGHT with a weight ≥ 0");
    expect(() => parsePopulation('CAU=-1')).toThrow("--population: 'CAU=-1' is not LABEL=WEIGHT with a weight ≥ 0");
    expect(() => parsePopulation('CAU=1,CAU=2')).toThrow("--population: 'CAU' is given twice");
  });

  it('refuses an unknown population and a --top that is not a whole number', async () => {
    const pop = await runCli(['hla', 'impute', '--freqs', cau, '--imgt-dir', imgt, '--population', 'EUR'], '');
    expect(pop.code).not.toBe(0);
    expect(pop.stderr).toMatch(/population 'EUR' is not in the frequency set \(it has 1\)/);
    const top = await runCli(['hla', 'impute', '--freqs', cau, '--imgt-dir', imgt, '--top', '0'], '');
    expect(top.code).not.toBe(0);
    expect(top.stderr).toMatch(/expected a whole number ≥ 1/);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { loadMacFile } from './mac/loadMac';
import { sharedData } from './testing/sharedData';

// expand of a MAC or XX code lists the names the code denotes (py-ard 2.3.1 expand_mac), not every WHO allele
// under them. Expectations: the MAC rows of the Atlas CSV and the 2-field names of Allelelist.txt, read here.

const macRows = readFileSync(sharedData('mac/atlas-LargeMacDictionary.csv'), 'utf8')
  .split('\n')
  .slice(7)
  .map((l) => l.split(','))
  .filter((f) => f.length > 4 && f[0] && !['ABC', 'DEF', 'NUL', 'TCE', 'XYZ', 'YYY', 'ZZZ'].includes(f[0]));
const macs = loadMacFile(sharedData('mac/atlas-LargeMacDictionary.csv'));

describe.each(['3.44.0', '3.58.0'])('expand of MAC and XX codes on IMGT/HLA %s', (version) => {
  const hla = createHlaEngine({ release: loadImgtRelease(sharedData(`imgt/${version}`)), macs });
  const alleles = readFileSync(sharedData(`imgt/${version}/Allelelist.txt`), 'utf8')
    .split('\n')
    .map((l) => l.trim().split(',')[1] ?? '')
    .filter((a) => a.includes('*'));
  // 2-field name → its written form (with the suffix when every allele under it carries one).
  const written = new Map<string, string>();
  const suffixes = new Map<string, Set<string>>();
  for (const a of alleles) {
    const suffix = /[A-Z]$/.test(a) ? a.slice(-1) : '';
    const two = (suffix ? a.slice(0, -1) : a).split(':').slice(0, 2).join(':');
    suffixes.set(two, (suffixes.get(two) ?? new Set()).add(suffix));
  }
  for (const [two, set] of suffixes) written.set(two, set.size === 1 ? two + [...set][0] : two);
  const exists = (name: string): boolean => written.get(name.replace(/[A-Z]$/, '')) === name;

  it.each([
    ['A*01:AB', 'A*01:01/A*01:02'],
    ['HLA-A*01:AB', 'HLA-A*01:01/HLA-A*01:02'],
    ['A*02:GNF', 'A*02:01/A*02:09/A*02:43N'],
  ])('%s expands to %s', (code, expected) => {
    expect(hla.expand(code)).toBe(expected);
  });

  it('expands an XX code and a 1-field name to the 2-field names under the first field', () => {
    const expected = [...written.entries()].filter(([two]) => two.startsWith('B*56:')).map(([, w]) => w);
    expect(hla.expand('B*56:XX').split('/').sort()).toEqual(expected.sort());
    expect(hla.expand('B*56')).toBe(hla.expand('B*56:XX'));
  });

  it('expands every generic code under A*02 and B*07 to the names of the release it lists', () => {
    let checked = 0;
    for (const [code = '', , values = '', , generic] of macRows) {
      if (generic !== 'true') continue;
      for (const prefix of ['A*02', 'B*07']) {
        const expected = values
          .split('/')
          .map((v) => `${prefix}:${v}`)
          .filter(exists);
        if (expected.length === 0) continue;
        expect(hla.expand(`${prefix}:${code}`).split('/').sort(), code).toEqual(expected.sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('still expands other names to WHO alleles (W)', () => {
    expect(hla.expand('A*01:AB+B*08:01')).toBe(`A*01:01/A*01:02+${hla.reduce('B*08:01', 'W')}`);
    expect(hla.expand('B*07:02P')).toBe(hla.reduce('B*07:02P', 'W'));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { loadMacFile } from './mac/loadMac';
import { sharedData } from './testing/sharedData';

// G and P of 2-field names, MACs and XX codes at py-ard 2.3.1 parity (ADR 0102): the name is expanded to
// every WHO allele under it, and each allele goes to its group or stays itself. The expectations are derived
// here from Allelelist.txt and hla_nom_g/p.txt with the test's own small parser, not from the engine's index.

interface Files {
  readonly alleles: string[];
  /** 2-field name without suffix → WHO alleles under it. */
  readonly underTwo: Map<string, string[]>;
  readonly groupOf: { G: Map<string, string>; P: Map<string, string> };
}

function readFiles(version: string): Files {
  const lines = (path: string): string[] =>
    readFileSync(sharedData(`imgt/${version}/${path}`), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  const alleles = lines('Allelelist.txt')
    .filter((l) => !l.startsWith('AlleleID'))
    .map((l) => l.split(',')[1] ?? '');
  const underTwo = new Map<string, string[]>();
  for (const a of alleles) {
    const key = a
      .replace(/[A-Z]$/, '')
      .split(':')
      .slice(0, 2)
      .join(':');
    underTwo.set(key, [...(underTwo.get(key) ?? []), a]);
  }
  const groups = (file: string): Map<string, string> => {
    const map = new Map<string, string>();
    for (const line of lines(`wmda/${file}`)) {
      const [locus = '', list = '', group = ''] = line.split(';');
      if (group !== '') for (const member of list.split('/')) map.set(locus + member, locus + group);
    }
    return map;
  };
  return { alleles, underTwo, groupOf: { G: groups('hla_nom_g.txt'), P: groups('hla_nom_p.txt') } };
}

/** py-ard's answer for a 2-field name (suffix = short null: only the alleles carrying it). */
function expected(files: Files, name: string, level: 'G' | 'P'): string[] {
  const suffix = /[A-Z]$/.test(name) ? name.slice(-1) : '';
  const base = suffix ? name.slice(0, -1) : name;
  const under = (files.underTwo.get(base) ?? []).filter((a) => suffix === '' || a.endsWith(suffix));
  return [...new Set(under.map((a) => files.groupOf[level].get(a) ?? a))].sort();
}

/** The rule before issue 15 (ADR 0102 first version): the groups of grouped alleles only, else the name. */
function groupedOnly(files: Files, name: string, level: 'G' | 'P'): string[] {
  const under = files.underTwo.get(name.replace(/[A-Z]$/, '')) ?? [];
  const groups = under.flatMap((a) => files.groupOf[level].get(a) ?? []);
  return groups.length > 0 ? [...new Set(groups)].sort() : [name];
}

const sorted = (gl: string): string[] => gl.split('/').sort();

const typings = ['pat', 'don'].flatMap((f) =>
  gunzipSync(readFileSync(join(sharedData('wmda-mvt'), `${f}.gl.txt.gz`)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.includes('%'))
    .map((l) => l.slice(l.indexOf('%') + 1).trim())
);
const macs = loadMacFile(sharedData('mac/atlas-LargeMacDictionary.csv'));

describe.each(['3.44.0', '3.58.0'])('G and P of 2-field names, MACs and XX codes on IMGT/HLA %s', (version) => {
  const files = readFiles(version);
  const hla = createHlaEngine({ release: loadImgtRelease(sharedData(`imgt/${version}`)), macs });

  it('A*02:01 at G is every G group under it plus its ungrouped alleles', () => {
    const g = sorted(hla.reduce('A*02:01', 'G'));
    expect(g).toEqual(expected(files, 'A*02:01', 'G'));
    expect(g).toEqual(expect.arrayContaining(['A*02:01:01G', 'A*02:01:02G', 'A*02:01:03']));
    expect(g).not.toContain('A*02:01');
  });

  it.each([
    ['A*02:01', 'P'],
    ['A*01:01', 'P'],
    ['B*56:01', 'G'],
    ['DRB1*11:02', 'G'],
    ['DRB4*01:03', 'P'],
    ['A*01:04N', 'G'],
  ] as const)('%s at %s is derived from every allele under it', (name, level) => {
    expect(sorted(hla.reduce(name, level))).toEqual(expected(files, name, level));
  });

  it('P keeps nulls (no P group) as themselves: A*01:01 → A*01:01P and its null alleles', () => {
    const p = sorted(hla.reduce('A*01:01', 'P'));
    expect(p).toContain('A*01:01P');
    expect(p).toContain('A*01:01:01:02N');
    expect(p.filter((x) => x !== 'A*01:01P').every((x) => !files.groupOf.P.has(x))).toBe(true);
  });

  it('reduces every name of a MAC and of an XX code the same way', () => {
    // Atlas/NMDP code AB = 01/02 (generic).
    const ab = [...new Set([...expected(files, 'A*01:01', 'G'), ...expected(files, 'A*01:02', 'G')])].sort();
    expect(sorted(hla.reduce('A*01:AB', 'G'))).toEqual(ab);
    const twos = [...files.underTwo.keys()].filter((k) => k.startsWith('B*56:'));
    const xx = [...new Set(twos.flatMap((k) => expected(files, k, 'P')))].sort();
    expect(sorted(hla.reduce('B*56:XX', 'P'))).toEqual(xx);
  });

  it('reduces all 11,000 WMDA typings at G from the full alleles under each name', () => {
    const names = new Set(typings.flatMap((t) => t.split(/[\^+~|/]/)));
    const wrong = [...names].filter((n) => sorted(hla.reduce(n, 'G')).join('/') !== expected(files, n, 'G').join('/'));
    expect(wrong).toEqual([]);
    expect(names.size).toBeGreaterThan(200);
    // Whole typings: each reduces, and the count that the old grouped-only rule got wrong is reported.
    const changedNames = new Set(
      [...names].filter((n) => groupedOnly(files, n, 'G').join('/') !== expected(files, n, 'G').join('/'))
    );
    const changed = typings.filter((t) => t.split(/[\^+~|/]/).some((n) => changedNames.has(n)));
    for (const t of typings) expect(hla.reduce(t, 'G')).not.toBe('');
    expect(typings).toHaveLength(11_000);
    expect(changed.length).toBeGreaterThan(0);
    console.info(`IMGT/HLA ${version}: ${changed.length} of ${typings.length} WMDA typings changed at G`);
  });
});

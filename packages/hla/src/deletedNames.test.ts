import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { sharedData } from './testing/sharedData';

// V2 and V3 names that IMGT/HLA deleted or renamed resolve through wmda/hla_nom.txt (`Locus*;Name;Assigned;
// Deleted;IdenticalTo;Reason`), which the test reads itself; V2 names IMGT now writes with a suffix get it.

describe.each(['3.44.0', '3.58.0'])('deleted and renamed names on IMGT/HLA %s', (version) => {
  const hla = createHlaEngine({ release: loadImgtRelease(sharedData(`imgt/${version}`)) });
  const current = new Set(
    readFileSync(sharedData(`imgt/${version}/Allelelist.txt`), 'utf8')
      .split('\n')
      .map((l) => l.trim().split(',')[1] ?? '')
  );
  const deleted = readFileSync(sharedData(`imgt/${version}/wmda/hla_nom.txt`), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.trim().split(';'))
    .filter((f) => f[0]?.endsWith('*') && f[3]);

  it('reads A*0105N as A*01:04:01:01N (deleted 2001, sequence identical), with a warning', () => {
    expect(hla.reduce('A*0105N', 'W')).toBe('A*01:04:01:01N');
    expect(hla.reduce('HLA-A*0105N', 'lgx')).toBe('HLA-A*01:01');
    expect(hla.warnings('A*0105N')).toEqual([
      {
        code: 'deleted-name',
        part: 'A*0105N',
        message: 'A*0105N was deleted from IMGT/HLA on 20010717 (Sequence identical): read as A*01:04:01:01N',
      },
    ]);
  });

  it('reads A*0111 as A*01:11N, the suffix IMGT writes, with a warning', () => {
    expect(hla.reduce('A*0111', 'W')).toBe('A*01:11N');
    expect(hla.warnings('A*0111')[0]?.code).toBe('suffix-added');
    expect(hla.reduce('A*0101', 'lgx')).toBe('A*01:01');
    expect(hla.warnings('A*0101')).toEqual([]);
  });

  it('reads A*01:34N (renamed A*01:01:38L in 2011) as A*01:01:38L', () => {
    expect(hla.reduce('A*01:34N', 'W')).toBe('A*01:01:38L');
  });

  it('refuses deleted names with no identical allele, saying when and why', () => {
    expect(() => hla.reduce('A*2401', 'lgx')).toThrow('A*2401 was deleted from IMGT/HLA on 19950311 (Sequence error)');
    expect(hla.validate('B*4203').valid).toBe(false);
  });

  it('resolves every deleted name whose identical allele is current, to that allele', () => {
    const renamed = deleted.filter((f) => f[4] && current.has(`${f[0] ?? ''}${f[4]}`));
    expect(renamed.length).toBeGreaterThan(30);
    for (const f of renamed) {
      const name = `${f[0] ?? ''}${f[1] ?? ''}`;
      if (current.has(name)) continue; // a name deleted and later re-used
      expect(hla.reduce(name, 'W'), name).toBe(`${f[0] ?? ''}${f[4] ?? ''}`);
      expect(hla.warnings(name).map((w) => w.code)).toEqual(['deleted-name']);
    }
  });
});

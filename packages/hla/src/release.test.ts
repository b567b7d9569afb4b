import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { parseGroupFile } from './imgt/parseFiles';
import { truncateAllele } from './name';
import { sharedData } from './testing/sharedData';

// Both shared releases, loaded once for this file. Expected counts are those of the release files (Allelelist.txt, hla_nom_g.txt, hla_nom_p.txt).
const releases = {
  '3.58.0': { dir: sharedData('imgt/3.58.0'), alleles: 41_433, g: 707, p: 1_418 },
  '3.44.0': { dir: sharedData('imgt/3.44.0'), alleles: 30_523, g: 538, p: 1_166 },
} as const;

describe.each(Object.entries(releases))('IPD-IMGT/HLA %s', (version, expected) => {
  const release = loadImgtRelease(expected.dir);
  const engine = createHlaEngine({ release });
  const gRows = parseGroupFile(readFileSync(join(expected.dir, 'wmda/hla_nom_g.txt'), 'utf8'), 'hla_nom_g.txt');
  const pRows = parseGroupFile(readFileSync(join(expected.dir, 'wmda/hla_nom_p.txt'), 'utf8'), 'hla_nom_p.txt');

  it('loads every allele and group', () => {
    expect(release.version).toBe(version);
    expect(release.alleles).toHaveLength(expected.alleles);
    expect(release.gNames).toHaveLength(expected.g);
    expect(release.pNames).toHaveLength(expected.p);
    expect(release.loci.has('DRB1')).toBe(true);
  });

  it('reduces every member of every G group (hla_nom_g.txt) to that group, and expands the group back', () => {
    for (const row of gRows) {
      for (const member of row.members) expect(engine.reduce(member, 'G')).toBe(row.name);
      expect(engine.expand(row.name).split('/').sort()).toEqual([...row.members].sort());
    }
  });

  it('reduces every member of every P group (hla_nom_p.txt) to that group and, at lgx, to its 2-field name', () => {
    for (const row of pRows) {
      const lgx = release.truncatedName.get(truncateAllele(row.name, 2)) ?? truncateAllele(row.name, 2);
      for (const member of row.members) {
        expect(engine.reduce(member, 'P')).toBe(row.name);
        expect(engine.reduce(member, 'lgx')).toBe(lgx);
      }
    }
  });

  it('keeps alleles outside any G group as themselves at G', () => {
    const grouped = new Set(gRows.flatMap((r) => r.members));
    const singles = release.alleles.filter((a) => !grouped.has(a)).slice(0, 500);
    expect(singles.length).toBeGreaterThan(100);
    for (const a of singles) expect(engine.reduce(a, 'G')).toBe(a);
  });
});

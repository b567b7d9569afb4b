import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HlaError } from '../errors';
import type { HlaRelease, ImgtFiles } from '../release';
import { buildRelease } from '../release';

// The only module of the package that touches the file system: reads a release directory laid out as
// published in github.com/ANHIG/IMGTHLA (Allelelist.txt, wmda/*, optional tce/dpb_tce.csv).

/** Paths, relative to a release directory, of the files a release is built from. */
export const RELEASE_FILES = {
  alleleList: 'Allelelist.txt',
  gGroups: 'wmda/hla_nom_g.txt',
  pGroups: 'wmda/hla_nom_p.txt',
  relDnaSer: 'wmda/rel_dna_ser.txt',
  relSerSer: 'wmda/rel_ser_ser.txt',
  tce: 'tce/dpb_tce.csv',
  nomenclature: 'wmda/hla_nom.txt',
} as const;

/** Reads the files of a release directory. @throws HlaError `bad-data` naming the missing file. */
export function readImgtFiles(dir: string): ImgtFiles {
  const read = (rel: string): string => {
    const path = join(dir, rel);
    if (!existsSync(path)) throw new HlaError('bad-data', path, `IMGT/HLA release directory ${dir} has no ${rel}`);
    return readFileSync(path, 'utf8');
  };
  const tcePath = join(dir, RELEASE_FILES.tce);
  // hla_nom.txt is optional: releases fetched before issue 15 do not have it (no deleted-name lookup then).
  const nomPath = join(dir, RELEASE_FILES.nomenclature);
  return {
    alleleList: read(RELEASE_FILES.alleleList),
    gGroups: read(RELEASE_FILES.gGroups),
    pGroups: read(RELEASE_FILES.pGroups),
    relDnaSer: read(RELEASE_FILES.relDnaSer),
    relSerSer: read(RELEASE_FILES.relSerSer),
    ...(existsSync(tcePath) ? { tce: readFileSync(tcePath, 'utf8') } : {}),
    ...(existsSync(nomPath) ? { nomenclature: readFileSync(nomPath, 'utf8') } : {}),
  };
}

/** Loads and indexes the release in `dir` (e.g. `data/imgt/3.58.0`). */
export function loadImgtRelease(dir: string): HlaRelease {
  return buildRelease(readImgtFiles(dir));
}

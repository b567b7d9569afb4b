import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseMd5Checksums, parseVersionHeader } from './parseFiles';

// The files kept per IPD-IMGT/HLA release, with the checksum list that covers each (Robinson J et al. 2024,
// Nucleic Acids Res 52:D1 "IPD-IMGT/HLA Database": every release publishes md5checksum.txt and
// wmda/md5checksum.txt). LICENCE.md travels with the data (CC BY-ND). tce/dpb_tce.csv has no published
// checksum and is optional. The class I protein alignments (alignments/{A,B,C}_prot.txt, read for the KIR
// ligands: ADR 0422) are optional; md5checksum.txt lists the Alignments_Rel_<nnnn>.zip archive, not these files
// (releases 3.44.0 and 3.58.0), so each is verified when the list names it and otherwise kept with that said in
// the log (the ligand reader then checks its layout and reads what it cannot check as "ligand unknown").
export const RELEASE_FILES_TO_KEEP: readonly {
  readonly path: string;
  /** Which md5checksum.txt covers it; 'root-if-listed': the root list when it names the file, else none. */
  readonly md5From: 'root' | 'wmda' | 'root-if-listed' | 'none';
  readonly optional?: boolean;
}[] = [
  { path: 'Allelelist.txt', md5From: 'root' },
  { path: 'LICENCE.md', md5From: 'root', optional: true },
  { path: 'wmda/hla_nom.txt', md5From: 'wmda' },
  { path: 'wmda/hla_nom_g.txt', md5From: 'wmda' },
  { path: 'wmda/hla_nom_p.txt', md5From: 'wmda' },
  { path: 'wmda/rel_dna_ser.txt', md5From: 'wmda' },
  { path: 'wmda/rel_ser_ser.txt', md5From: 'wmda' },
  { path: 'tce/dpb_tce.csv', md5From: 'none', optional: true },
  { path: 'alignments/A_prot.txt', md5From: 'root-if-listed', optional: true },
  { path: 'alignments/B_prot.txt', md5From: 'root-if-listed', optional: true },
  { path: 'alignments/C_prot.txt', md5From: 'root-if-listed', optional: true },
];

/** The three small files that identify and check a release; needed before any data file. */
export const RELEASE_INDEX_FILES = ['release_version.txt', 'md5checksum.txt', 'wmda/md5checksum.txt'] as const;

/** A release that cannot be used: files missing, or a checksum that does not match. Nothing was saved. */
export class ReleaseVerificationError extends Error {
  constructor(
    message: string,
    /** Paths (`wmda/hla_nom_g.txt`) that were needed and not given. */
    readonly missing: readonly string[] = []
  ) {
    super(message);
    this.name = 'ReleaseVerificationError';
  }
}

export interface VerifiedRelease {
  readonly version: string;
  /** The files to write, by release-relative path (index files included). */
  readonly files: ReadonlyMap<string, Buffer>;
  /** One line per file: size and whether its md5 was verified. */
  readonly log: readonly string[];
}

const md5 = (body: Buffer): string => createHash('md5').update(body).digest('hex');

/**
 * Checks a set of release files (by release-relative path) as `fetchImgtRelease` does: release_version.txt
 * names the version, every required file is present and matches its published md5. @throws ReleaseVerificationError
 */
export function verifyReleaseFiles(given: ReadonlyMap<string, Buffer>, expectedVersion?: string): VerifiedRelease {
  const missing = [
    ...RELEASE_INDEX_FILES.filter((p) => !given.has(p)),
    ...RELEASE_FILES_TO_KEEP.filter((f) => !f.optional && !given.has(f.path)).map((f) => f.path),
  ];
  if (missing.length > 0) {
    throw new ReleaseVerificationError(`the release is incomplete: missing ${missing.join(', ')}`, missing);
  }
  const versionText = (given.get('release_version.txt') as Buffer).toString('utf8');
  const version = parseVersionHeader(versionText);
  if (!version) throw new ReleaseVerificationError('release_version.txt has no "# version: IPD-IMGT/HLA x.y.z" line');
  if (expectedVersion && version !== expectedVersion) {
    throw new ReleaseVerificationError(`release_version.txt names release ${version}, not ${expectedVersion}`);
  }
  let sums: { root: Map<string, string>; wmda: Map<string, string> };
  try {
    sums = {
      root: parseMd5Checksums((given.get('md5checksum.txt') as Buffer).toString('utf8')),
      wmda: parseMd5Checksums((given.get('wmda/md5checksum.txt') as Buffer).toString('utf8')),
    };
  } catch (err) {
    throw new ReleaseVerificationError(err instanceof Error ? err.message : String(err));
  }
  const files = new Map<string, Buffer>(RELEASE_INDEX_FILES.map((p) => [p, given.get(p) as Buffer]));
  const log: string[] = [];
  for (const file of RELEASE_FILES_TO_KEEP) {
    const body = given.get(file.path);
    if (!body) {
      log.push(`${file.path}: not published for ${version}, skipped`);
      continue;
    }
    const listed = file.md5From === 'root-if-listed' ? sums.root.has(file.path) : file.md5From !== 'none';
    if (listed) {
      const list = file.md5From === 'wmda' ? 'wmda' : 'root';
      // wmda/md5checksum.txt names files bare (3.58.0) or as wmda/<file> (3.44.0).
      const name = list === 'wmda' ? file.path.slice('wmda/'.length) : file.path;
      const expected = sums[list].get(name) ?? sums[list].get(file.path);
      if (!expected) {
        throw new ReleaseVerificationError(
          `${file.path}: no checksum for it in ${list === 'wmda' ? 'wmda/' : ''}md5checksum.txt`
        );
      }
      const actual = md5(body);
      if (actual !== expected) {
        throw new ReleaseVerificationError(
          `${file.path}: md5 ${actual} does not match the published ${expected}; nothing was saved`
        );
      }
      log.push(`${file.path}: ${body.length} bytes, md5 verified`);
    } else {
      log.push(`${file.path}: ${body.length} bytes (no published checksum)`);
    }
    files.set(file.path, body);
  }
  return { version, files, log };
}

/**
 * Writes a verified release to a staging directory and only then renames it to `<dataDir>/imgt/<version>`
 * (a corrected re-release of the same version replaces the cached one). Returns the release directory.
 */
export function installRelease(dataDir: string, release: VerifiedRelease): string {
  const target = join(dataDir, 'imgt', release.version);
  const staging = join(dataDir, 'imgt', `.staging-${release.version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  for (const [path, body] of release.files) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), body);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return target;
}

import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseMd5Checksums, parseVersionHeader } from '@engraft/hla';

/** Where IPD-IMGT/HLA publishes releases: one branch per release (`3580`), `Latest` for the newest. */
export const IMGT_GITHUB_RAW = 'https://raw.githubusercontent.com/ANHIG/IMGTHLA';

export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface FetchReleaseInput {
  /** `3.58.0`; the `Latest` branch when omitted. */
  readonly release?: string;
  /** The data directory; the release lands in `<dataDir>/imgt/<version>`. */
  readonly dataDir: string;
  readonly baseUrl?: string;
  readonly fetchFn?: FetchLike;
  readonly log?: (line: string) => void;
}

// Files kept per release, with the checksum list that covers each. LICENCE.md travels with the data
// (CC BY-ND). tce/dpb_tce.csv is optional and not listed in either md5 file.
const FILES: readonly { path: string; md5From: 'root' | 'wmda' | 'none'; optional?: boolean }[] = [
  { path: 'Allelelist.txt', md5From: 'root' },
  { path: 'LICENCE.md', md5From: 'root', optional: true },
  { path: 'wmda/hla_nom.txt', md5From: 'wmda' },
  { path: 'wmda/hla_nom_g.txt', md5From: 'wmda' },
  { path: 'wmda/hla_nom_p.txt', md5From: 'wmda' },
  { path: 'wmda/rel_dna_ser.txt', md5From: 'wmda' },
  { path: 'wmda/rel_ser_ser.txt', md5From: 'wmda' },
  { path: 'tce/dpb_tce.csv', md5From: 'none', optional: true },
];

/**
 * Downloads a release from the IMGT GitHub repository, verifies every file against the release's
 * md5checksum.txt files, and only then moves it into place. Returns the release directory.
 */
export async function fetchImgtRelease(input: FetchReleaseInput): Promise<string> {
  const base = (input.baseUrl ?? IMGT_GITHUB_RAW).replace(/\/$/, '');
  const branch = input.release ? input.release.replace(/\./g, '') : 'Latest';
  if (input.release && !/^\d+\.\d+\.\d+$/.test(input.release)) {
    throw new Error(`--release must look like 3.58.0, got '${input.release}'`);
  }
  const fetchFn: FetchLike = input.fetchFn ?? ((url) => fetch(url));
  const log = input.log ?? ((): void => undefined);
  const get = async (path: string, optional = false): Promise<Buffer | undefined> => {
    const url = `${base}/${branch}/${path}`;
    const res = await fetchFn(url);
    if (!res.ok) {
      if (optional && res.status === 404) return undefined;
      throw new Error(`download failed: ${url} answered HTTP ${res.status}`);
    }
    return Buffer.from(await res.arrayBuffer());
  };

  const versionText = (await get('release_version.txt'))?.toString('utf8') ?? '';
  const version = parseVersionHeader(versionText);
  if (!version) throw new Error(`${base}/${branch}/release_version.txt has no "# version: IPD-IMGT/HLA x.y.z" line`);
  if (input.release && version !== input.release) {
    throw new Error(`branch ${branch} holds release ${version}, not ${input.release}`);
  }
  const rootMd5Text = (await get('md5checksum.txt'))?.toString('utf8') ?? '';
  const wmdaMd5Text = (await get('wmda/md5checksum.txt'))?.toString('utf8') ?? '';
  const sums = { root: parseMd5Checksums(rootMd5Text), wmda: parseMd5Checksums(wmdaMd5Text) };

  const files = new Map<string, Buffer>([
    ['release_version.txt', Buffer.from(versionText)],
    ['md5checksum.txt', Buffer.from(rootMd5Text)],
    ['wmda/md5checksum.txt', Buffer.from(wmdaMd5Text)],
  ]);
  for (const file of FILES) {
    const body = await get(file.path, file.optional);
    if (!body) {
      log(`${file.path}: not published for ${version}, skipped`);
      continue;
    }
    if (file.md5From !== 'none') {
      // wmda/md5checksum.txt names files bare (3.58.0) or as wmda/<file> (3.44.0).
      const name = file.md5From === 'wmda' ? file.path.slice('wmda/'.length) : file.path;
      const expected = sums[file.md5From].get(name) ?? sums[file.md5From].get(file.path);
      if (!expected) {
        throw new Error(`${file.path}: no checksum for it in ${file.md5From === 'wmda' ? 'wmda/' : ''}md5checksum.txt`);
      }
      const actual = createHash('md5').update(body).digest('hex');
      if (actual !== expected) {
        throw new Error(`${file.path}: md5 ${actual} does not match the published ${expected}; nothing was saved`);
      }
      log(`${file.path}: ${body.length} bytes, md5 verified`);
    } else {
      log(`${file.path}: ${body.length} bytes (no published checksum)`);
    }
    files.set(file.path, body);
  }

  const target = join(input.dataDir, 'imgt', version);
  const staging = join(input.dataDir, 'imgt', `.staging-${version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  for (const [path, body] of files) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), body);
  }
  // A corrected re-release of the same version replaces the cached one.
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return target;
}

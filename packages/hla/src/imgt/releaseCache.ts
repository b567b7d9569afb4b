import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { HlaRelease, ImgtFiles } from '../release';
import { buildRelease } from '../release';
import { readImgtFiles } from './loadRelease';

// Optional binary cache of a built release (issue 3): the index serialised with node:v8, kept in the
// user's data directory (never in the repository, never beside the read-only release files). It is
// keyed by a hash of the release files' contents and of this format version, so a corrected
// re-release or a new engine version simply misses the cache. Deserialising is 2-4x faster than parsing.

const FORMAT = 'engraft-hla-index-v2';

/** Where the cached index of these files lives under `cacheDir`. */
export function releaseCachePath(cacheDir: string, files: ImgtFiles): string {
  const hash = createHash('sha256').update(FORMAT);
  for (const text of [
    files.alleleList,
    files.gGroups,
    files.pGroups,
    files.relDnaSer,
    files.relSerSer,
    files.tce ?? '',
    files.nomenclature ?? '',
  ]) {
    hash.update(text).update('\0');
  }
  return join(cacheDir, `hla-${hash.digest('hex').slice(0, 32)}.bin`);
}

/**
 * Loads the release in `dir`, from the binary cache under `cacheDir` when it holds these exact files,
 * else by parsing them and then writing the cache (best effort: an unwritable cache is ignored).
 */
export function loadImgtReleaseCached(dir: string, cacheDir: string): HlaRelease {
  const files = readImgtFiles(dir);
  const path = releaseCachePath(cacheDir, files);
  try {
    const cached = deserialize(readFileSync(path)) as Partial<HlaRelease> | null;
    if (cached && Array.isArray(cached.alleles) && cached.gOf instanceof Int32Array && cached.deleted instanceof Map) {
      return cached as HlaRelease;
    }
  } catch {
    // No cache yet, or unreadable: rebuild below.
  }
  const release = buildRelease(files);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const staging = `${path}.${process.pid}.tmp`;
    writeFileSync(staging, serialize(release));
    renameSync(staging, path);
  } catch {
    // A read-only data directory only costs the speed-up.
  }
  return release;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only helper. The reference data lives outside the repository (licences forbid copying it):
// `../shared/data` beside the repository root, in CI a fresh clone with ../shared next to it.
// Walks up from this file to the first directory that has `shared/data`; missing data fails loudly.

let cached: string | undefined;

/** Absolute path of a file or folder under shared/data, e.g. `sharedData('imgt/3.58.0')`. */
export function sharedData(relative: string): string {
  cached ??= findSharedData();
  const path = join(cached, relative);
  if (!existsSync(path)) throw new Error(`shared test data missing: ${path}`);
  return path;
}

function findSharedData(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(join(candidate, 'imgt'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        'shared/data not found: the HLA tests need ../shared/data (IMGT releases, MACs) beside the repository'
      );
    }
    dir = parent;
  }
}

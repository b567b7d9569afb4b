import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareNatural } from '@engraft/hla';

/** The user's data directory: `$ENGRAFT_DATA_DIR`, else `./data`. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ENGRAFT_DATA_DIR || './data');
}

/** The newest release cached by `engraft hla data fetch` under `<dataDir>/imgt/<version>`, if any. */
export function newestCachedRelease(dir: string): string | undefined {
  const imgt = join(dir, 'imgt');
  if (!existsSync(imgt)) return undefined;
  const versions = readdirSync(imgt)
    .filter((name) => /^\d+\.\d+\.\d+$/.test(name) && existsSync(join(imgt, name, 'Allelelist.txt')))
    .sort(compareNatural);
  const newest = versions[versions.length - 1];
  return newest === undefined ? undefined : join(imgt, newest);
}

/** The default MAC dictionary location, used when it exists and no --mac-file is given. */
export function defaultMacFile(dir: string): string | undefined {
  const path = join(dir, 'mac', 'numer.v3.txt');
  return existsSync(path) ? path : undefined;
}

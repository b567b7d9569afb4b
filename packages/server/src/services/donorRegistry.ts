import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DonorIndex, loadSnapshot } from '@engraft/donors';
import { compareNatural, createHlaEngine, type HlaEngine, type MacDictionary } from '@engraft/hla';
import { loadImgtRelease, loadImgtReleaseCached, loadMacFile } from '@engraft/hla/node';
import { unavailable } from '../errors';

/**
 * The donor registry the server searches: an HLA engine over one IPD-IMGT/HLA release and a donor index.
 * It is held in memory by the server process (it is derived from files, not clinical records: the saved
 * searches and their result snapshots live in the database).
 */
export interface DonorRegistry {
  readonly engine: HlaEngine;
  readonly index: DonorIndex;
}

/** Gives the registry, loading it on first use. @throws EngraftError 'unavailable' (503) when it cannot be loaded. */
export interface DonorRegistrySource {
  get(): Promise<DonorRegistry>;
}

export interface DonorRegistryFiles {
  /** IPD-IMGT/HLA release directory (ENGRAFT_IMGT_DIR); default: the newest release under `<dataDir>/imgt/`. */
  imgtDir?: string | undefined;
  /** Donor index snapshot (ENGRAFT_DONOR_SNAPSHOT); default: an empty index. */
  snapshot?: string | undefined;
  /** MAC dictionary; default `<dataDir>/mac/numer.v3.txt` when present. */
  macFile?: string | undefined;
  dataDir: string;
}

const HOW_TO_GET_A_RELEASE =
  "run 'engraft hla data fetch' to download a release into the data directory, or set ENGRAFT_IMGT_DIR to an IPD-IMGT/HLA release directory, then retry";

/** A registry given in full (tests, embedding). */
export function staticDonorRegistry(registry: DonorRegistry): DonorRegistrySource {
  return { get: () => Promise.resolve(registry) };
}

/** A registry that is never available (503 on every donor-search route). */
export function noDonorRegistry(message = `donor search is not available: no HLA nomenclature release is loaded; ${HOW_TO_GET_A_RELEASE}`): DonorRegistrySource {
  return { get: () => Promise.reject(unavailable(message)) };
}

/** The newest release cached by `engraft hla data fetch` under `<dataDir>/imgt/<version>`, if any. */
export function newestCachedRelease(dataDir: string): string | undefined {
  const imgt = join(resolve(dataDir), 'imgt');
  if (!existsSync(imgt)) return undefined;
  const versions = readdirSync(imgt)
    .filter((name) => /^\d+\.\d+\.\d+$/.test(name) && existsSync(join(imgt, name, 'Allelelist.txt')))
    .sort(compareNatural);
  const newest = versions[versions.length - 1];
  return newest === undefined ? undefined : join(imgt, newest);
}

/**
 * Loads the registry from files on first use and keeps it. A failure is not remembered, so fetching the
 * release (or fixing the snapshot) makes the next request succeed without a restart.
 */
export function lazyDonorRegistry(files: DonorRegistryFiles): DonorRegistrySource {
  let loaded: DonorRegistry | undefined;
  return {
    get: async () => {
      loaded ??= loadRegistry(files);
      return loaded;
    },
  };
}

function loadRegistry(files: DonorRegistryFiles): DonorRegistry {
  const memory = files.dataDir.startsWith('memory://');
  const imgtDir = files.imgtDir ?? (memory ? undefined : newestCachedRelease(files.dataDir));
  if (!imgtDir) throw unavailable(`donor search is not available: no IPD-IMGT/HLA release found; ${HOW_TO_GET_A_RELEASE}`);
  if (!existsSync(join(imgtDir, 'Allelelist.txt'))) {
    throw unavailable(`donor search is not available: ${imgtDir} is not an IPD-IMGT/HLA release directory (no Allelelist.txt); ${HOW_TO_GET_A_RELEASE}`);
  }
  const macFile = files.macFile ?? (memory ? undefined : join(resolve(files.dataDir), 'mac', 'numer.v3.txt'));
  let engine: HlaEngine;
  try {
    const release = memory ? loadImgtRelease(imgtDir) : loadImgtReleaseCached(imgtDir, join(resolve(files.dataDir), 'cache', 'hla'));
    const macs: MacDictionary | undefined = macFile && existsSync(macFile) ? loadMacFile(macFile) : undefined;
    engine = createHlaEngine({ release, ...(macs ? { macs } : {}), options: { cacheSize: 1_000_000 } });
  } catch (err) {
    throw unavailable(`donor search is not available: the HLA release in ${imgtDir} could not be loaded (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!files.snapshot) return { engine, index: new DonorIndex({ engine }) };
  if (!existsSync(files.snapshot)) throw unavailable(`donor search is not available: the donor snapshot ${files.snapshot} (ENGRAFT_DONOR_SNAPSHOT) does not exist; build one with 'engraft donors index'`);
  try {
    return { engine, index: loadSnapshot(files.snapshot, engine) };
  } catch (err) {
    throw unavailable(`donor search is not available: the donor snapshot ${files.snapshot} could not be loaded (${err instanceof Error ? err.message : String(err)})`);
  }
}

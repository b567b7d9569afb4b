import { existsSync } from 'node:fs';
import { readTextFile } from '@engraft/donors';
import { fetchImgtRelease } from '@engraft/hla/node';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { demoCentreFrequencySet, storeDemoFrequencyFile } from '../demo/demoFrequencySet';
import { demoFrequencySet } from './frequencySets';
import type { DemoRegistryOptions, HaplotypeFrequencySource } from './demoRegistry';
import type { ReleaseFetcher } from './referenceData';

/** Seconds one file of the release may take to download before the fetch is given up as offline. */
const FILE_TIMEOUT_SECONDS = 120;

/** The background release download of the configuration, or none (ENGRAFT_REFERENCE_FETCH=off, in-memory data). */
export function releaseFetcherOf(config: Config): ReleaseFetcher | undefined {
  const fetchConfig = config.donors?.referenceFetch;
  if (!fetchConfig || config.dataDir.startsWith('memory://')) return undefined;
  return (onProgress) =>
    fetchImgtRelease({
      dataDir: config.dataDir,
      ...(fetchConfig.baseUrl ? { baseUrl: fetchConfig.baseUrl } : {}),
      fetchFn: (url) => fetch(url, { signal: AbortSignal.timeout(FILE_TIMEOUT_SECONDS * 1000) }),
      onProgress,
    });
}

/**
 * The demo registry of the configuration (a demo server only). Its haplotypes come from a stored frequency set,
 * recorded by name and SHA-256 in the registry snapshot, the one demo searches rank with (ADR 0412): the
 * ENGRAFT_DEMO_FREQS file when set (CAU.freqs form, gzip accepted), stored on first use as the demo centre's
 * default; else the demo centre's default set ("DEMO-synthetic", stored by the seed). Without a database (or a
 * demo centre), the built-in list unstored.
 */
export function demoOptionsOf(config: Config, db?: Database): DemoRegistryOptions | undefined {
  const donors = config.donors?.demoDonors;
  if (!donors) return undefined;
  const file = config.donors?.demoFreqs;
  const frequencies: HaplotypeFrequencySource = async () => {
    if (file && !existsSync(file)) throw new Error('the demo frequency file (ENGRAFT_DEMO_FREQS) does not exist');
    if (!db) {
      return file ? { name: file.replace(/^.*[\\/]/, '').replace(/\..*$/, ''), text: readTextFile(file) } : undefined;
    }
    const name = file ? await storeDemoFrequencyFile(db, file) : await demoCentreFrequencySet(db);
    return demoFrequencySet(db, name);
  };
  return { donors, frequencies };
}

import { existsSync } from 'node:fs';
import { readTextFile } from '@engraft/donors';
import { fetchImgtRelease } from '@engraft/hla/node';
import type { Config } from '../config';
import type { Queryable } from '../db/database';
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
 * The demo registry of the configuration (a demo server only). Its haplotypes: the ENGRAFT_DEMO_FREQS file
 * when set (CAU.freqs form, gzip accepted); else the newest frequency set stored on the server
 * (`engraft donors freqs import`, `demoFrequencySet`), recorded by name and SHA-256 in the registry snapshot;
 * else the built-in illustrative list.
 */
export function demoOptionsOf(config: Config, db?: Queryable): DemoRegistryOptions | undefined {
  const donors = config.donors?.demoDonors;
  if (!donors) return undefined;
  const file = config.donors?.demoFreqs;
  const frequencies: HaplotypeFrequencySource = () => {
    if (!file) return db ? demoFrequencySet(db) : Promise.resolve(undefined);
    if (!existsSync(file)) {
      return Promise.reject(new Error('the demo frequency file (ENGRAFT_DEMO_FREQS) does not exist'));
    }
    return Promise.resolve({ name: file.replace(/^.*[\\/]/, '').replace(/\..*$/, ''), text: readTextFile(file) });
  };
  return { donors, frequencies };
}

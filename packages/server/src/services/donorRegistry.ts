import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DonorIndex,
  DonorSearchPool,
  RankPool,
  frequencySetsOf,
  loadSnapshotAsync,
  readSnapshotHeader,
  type SnapshotFrequencySet,
  type Patient,
  type SearchCriteriaInput,
  type SearchResult,
} from '@engraft/donors';
import { compareNatural, createHlaEngine, type HlaEngine, type MacDictionary } from '@engraft/hla';
import { loadImgtRelease, loadImgtReleaseCached, loadMacFile } from '@engraft/hla/node';
import type { DonorRegistryStatus } from '@engraft/domain';
import { EngraftError, unavailable } from '../errors';
import { type DemoRegistryOptions, demoRegistry } from './demoRegistry';
import { type KirLigandSource, readKirLigands } from './kirLigands';
import { NO_RELEASE_MESSAGE, type ReleaseFetcher, RegistryUnavailable, obtainRelease } from './referenceData';

/**
 * The donor registry the server searches: an HLA engine over one IPD-IMGT/HLA release, a donor index and the
 * worker threads searches run on (ADR 0404). It is held in memory by the server process (it is derived from
 * files, not clinical records: the saved searches and their result snapshots live in the database).
 */
export interface DonorRegistry {
  readonly engine: HlaEngine;
  readonly index: DonorIndex;
  /** Worker threads that scan the index; without one, searches run on the calling thread (tests, embedding). */
  readonly pool?: DonorSearchPool;
  /** Worker threads that rank by probability (ADR 0411); without one, rankings run on the calling thread. */
  readonly rankPool?: RankPool;
  /** The synthetic demo registry (ADR 0412), never real donors. */
  readonly synthetic?: boolean;
  /** The frequency sets the snapshot records it was generated or imputed with (ADR 0411). */
  readonly frequencySets?: readonly SnapshotFrequencySet[];
  /** The KIR-ligand residues of the release's protein alignments (ADR 0422); absent: "no protein alignments". */
  readonly kirLigands?: KirLigandSource;
}

/** Where the registry is: loading (with a rough percentage), ready, or not available and why (@engraft/domain). */
export type { DonorRegistryStatus };
type Loading = Extract<DonorRegistryStatus, { state: 'loading' }>;
/** What a load step adds to the status: the phase, download bytes and files, demo donors generated. */
export type LoadingDetail = Partial<Pick<Loading, 'phase' | 'download' | 'generated'>>;

/** Gives the registry once it is loaded. */
export interface DonorRegistrySource {
  /** @throws EngraftError 'unavailable' (503, with Retry-After while loading) when it is not ready. */
  get(): Promise<DonorRegistry>;
  status(): DonorRegistryStatus;
  /** Starts a new load when the last one failed (a release was just loaded from a file). */
  retry(): void;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/** Runs a search on the registry's worker threads (or on this thread when it has none). @throws TypingError, ZodError */
export function searchRegistry(
  registry: DonorRegistry,
  patient: Patient,
  criteria: SearchCriteriaInput
): Promise<SearchResult> {
  return registry.pool
    ? registry.pool.search(patient, criteria)
    : Promise.resolve(registry.index.search(patient, criteria));
}

export interface DonorRegistryFiles {
  /** IPD-IMGT/HLA release directory (ENGRAFT_IMGT_DIR); default: the newest release under `<dataDir>/imgt/`. */
  imgtDir?: string | undefined;
  /** Donor index snapshot (ENGRAFT_DONOR_SNAPSHOT); default: an empty index. */
  snapshot?: string | undefined;
  /** MAC dictionary (ENGRAFT_MAC_FILE); default `<dataDir>/mac/numer.v3.txt` when present. */
  macFile?: string | undefined;
  /** Search worker threads (ENGRAFT_DONOR_THREADS); default: the available parallelism, at most 4. */
  threads?: number | undefined;
  /**
   * Probability ranking worker threads (ENGRAFT_RANK_THREADS; ADR 0411); 0: rank on the server's thread. Default:
   * as many as the search threads for a registry of RANK_POOL_DONORS or more, else none (a smaller registry ranks
   * faster on the server's thread than the workers' messages cost, and each worker takes ~120 MiB to hold).
   */
  rankThreads?: number | undefined;
  dataDir: string;
  /** Downloads and verifies a release when none is found (ENGRAFT_REFERENCE_FETCH on; ADR 0412). */
  fetchRelease?: ReleaseFetcher | undefined;
  /** A demo server without a snapshot: generate (once) and load the synthetic demo registry. */
  demo?: DemoRegistryOptions | undefined;
}

/**
 * A registry this large ranks by probability on worker threads by default (ADR 0411; docs/benchmarks.md "Ranking
 * on worker threads": slower than the server's thread at 1 M donors, much faster in the tail at 40 M).
 */
export const RANK_POOL_DONORS = 5_000_000;

/** Seconds a client is asked to wait before retrying while the registry loads. */
export const RETRY_AFTER_SECONDS = 5;

/** A registry given in full (tests, embedding). */
export function staticDonorRegistry(registry: DonorRegistry): DonorRegistrySource {
  const loadedAt = new Date().toISOString();
  return {
    get: () => Promise.resolve(registry),
    status: () => ({
      state: 'ready',
      release: registry.index.release,
      donors: registry.index.size,
      threads: registry.pool?.threads ?? 0,
      ...rankThreadsOf(registry),
      loadedAt,
      loadSeconds: 0,
    }),
    retry: () => undefined,
    close: () => closeRegistry(registry),
  };
}

/** The rank workers running, when the registry has a rank pool (none once it stopped). */
function rankThreadsOf(registry: DonorRegistry): { rankThreads?: number } {
  return registry.rankPool ? { rankThreads: registry.rankPool.available ? registry.rankPool.threads : 0 } : {};
}

/** Stops a registry's worker threads. */
async function closeRegistry(registry: DonorRegistry | undefined): Promise<void> {
  await Promise.all([registry?.pool?.close(), registry?.rankPool?.close()]);
}

/** A registry that is never available (503 on every donor-search route). */
export function noDonorRegistry(message = NO_RELEASE_MESSAGE): DonorRegistrySource {
  return {
    get: () => Promise.reject(unavailable(message)),
    status: () => ({ state: 'unavailable', message, reason: 'no-release' }),
    retry: () => undefined,
    close: () => Promise.resolve(),
  };
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

/** Reports loading progress: percent 0..100 and what is being done. */
export type ProgressReporter = (percent: number, step: string, detail?: LoadingDetail) => void;

const loadingProblem = (s: Loading): EngraftError =>
  new EngraftError(
    'unavailable',
    `the donor registry is loading (${s.percent}%: ${s.step}); retry in a few seconds`,
    [],
    RETRY_AFTER_SECONDS
  );

/**
 * Loads the registry in the background as soon as it is created (server start-up): until it is ready, `get`
 * answers 503 "the donor registry is loading (N%)" with a Retry-After, and every other route keeps working.
 * A failure is not remembered: the next request starts a new load, so fetching the release (or fixing the
 * snapshot) makes donor search work without a restart.
 */
export function backgroundDonorRegistry(
  load: (progress: ProgressReporter) => Promise<DonorRegistry>
): DonorRegistrySource {
  let status: DonorRegistryStatus = {
    state: 'loading',
    percent: 0,
    step: 'starting',
    startedAt: new Date().toISOString(),
  };
  let registry: DonorRegistry | undefined;
  let loading: Promise<void> | undefined;
  let closed = false;

  const start = (): void => {
    if (loading || registry) return;
    const started = performance.now();
    const startedAt = new Date().toISOString();
    status = { state: 'loading', percent: 0, step: 'starting', startedAt };
    const progress: ProgressReporter = (percent, step, detail) => {
      // Closing the app stops a load at its next step rather than waiting minutes for a large snapshot.
      if (closed) throw new Error('the donor registry was closed while loading');
      const pct = Math.max(0, Math.min(99, Math.floor(percent)));
      status = { state: 'loading', percent: pct, step, startedAt, ...detail };
    };
    loading = load(progress)
      .then(
        async (r) => {
          if (closed) {
            await closeRegistry(r);
            return;
          }
          registry = r;
          status = {
            state: 'ready',
            release: r.index.release,
            donors: r.index.size,
            threads: r.pool?.threads ?? 0,
            loadedAt: new Date().toISOString(),
            loadSeconds: Math.round((performance.now() - started) / 100) / 10,
            ...(r.synthetic ? { synthetic: true } : {}),
            ...(r.frequencySets?.length ? { frequencySets: r.frequencySets.map((f) => ({ ...f })) } : {}),
          };
        },
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          status = { state: 'unavailable', message, reason: err instanceof RegistryUnavailable ? err.reason : 'error' };
        }
      )
      .finally(() => {
        loading = undefined;
      });
  };
  start();

  return {
    get: async () => {
      if (registry) return registry;
      if (status.state === 'unavailable') {
        start();
        // A load that fails at once (no release configured) answers this request with its reason.
        await Promise.race([loading, new Promise((r) => setImmediate(r))]);
      }
      if (registry) return registry;
      if (status.state === 'loading') throw loadingProblem(status);
      throw unavailable(status.state === 'unavailable' ? status.message : 'the donor registry is not available');
    },
    status: () => (registry && status.state === 'ready' ? { ...status, ...rankThreadsOf(registry) } : status),
    retry: () => {
      if (status.state === 'unavailable') start();
    },
    close: async () => {
      closed = true;
      await closeRegistry(registry);
    },
  };
}

/** The server's registry: the configured release, MAC dictionary and donor snapshot, loaded in the background. */
export function fileDonorRegistry(files: DonorRegistryFiles): DonorRegistrySource {
  return backgroundDonorRegistry((progress) => loadRegistryFiles(files, progress));
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Loads release, MACs and snapshot; gives the event loop back between steps. @throws EngraftError 'unavailable' with what to do */
export async function loadRegistryFiles(
  files: DonorRegistryFiles,
  progress: ProgressReporter = () => undefined
): Promise<DonorRegistry> {
  const memory = files.dataDir.startsWith('memory://');
  const imgtDir =
    files.imgtDir ??
    (memory ? undefined : newestCachedRelease(files.dataDir)) ??
    (await obtainRelease(files.fetchRelease, progress));
  if (!existsSync(join(imgtDir, 'Allelelist.txt'))) {
    // ENGRAFT_IMGT_DIR names a directory that is not a release: the server's configuration, not the user's doing.
    throw new RegistryUnavailable(
      'donor search is not available: the configured HLA reference data directory (ENGRAFT_IMGT_DIR) is not an IPD-IMGT/HLA release; tell the system administrator',
      'error'
    );
  }
  if (files.snapshot && !existsSync(files.snapshot)) {
    throw unavailable(
      'donor search is not available: the configured donor registry snapshot (ENGRAFT_DONOR_SNAPSHOT) does not exist; tell the system administrator'
    );
  }
  const macFile = files.macFile ?? (memory ? undefined : join(resolve(files.dataDir), 'mac', 'numer.v3.txt'));
  if (files.macFile && !existsSync(files.macFile)) {
    throw unavailable(
      `donor search is not available: the MAC dictionary ${files.macFile} (ENGRAFT_MAC_FILE) does not exist`
    );
  }
  progress(1, 'reading the HLA nomenclature release');
  await yieldToEventLoop();
  let engine: HlaEngine;
  try {
    const release = memory
      ? loadImgtRelease(imgtDir)
      : loadImgtReleaseCached(imgtDir, join(resolve(files.dataDir), 'cache', 'hla'));
    progress(files.snapshot || files.demo ? 15 : 60, 'reading the MAC dictionary');
    await yieldToEventLoop();
    const macs: MacDictionary | undefined = macFile && existsSync(macFile) ? loadMacFile(macFile) : undefined;
    engine = createHlaEngine({ release, ...(macs ? { macs } : {}), options: { cacheSize: 1_000_000 } });
  } catch (err) {
    throw unavailable(
      `donor search is not available: the HLA release in ${imgtDir} could not be loaded (${err instanceof Error ? err.message : String(err)})`
    );
  }
  // Read once per load, streamed; a release without alignments gives the reason the ranking shows.
  progress(files.snapshot || files.demo ? 16 : 70, 'reading the KIR-ligand residues');
  const kirLigands = await readKirLigands(imgtDir);
  let index: DonorIndex | undefined;
  let snapshot = files.snapshot;
  let recorded = snapshot ? recordedSets(snapshot) : [];
  const synthetic = !snapshot && !memory && files.demo !== undefined && files.demo.donors > 0;
  if (synthetic && files.demo) {
    const demo = await demoRegistry(engine, files.dataDir, files.demo, progress);
    if ('cached' in demo) snapshot = demo.cached;
    else index = demo.index;
    recorded = recordedSets('cached' in demo ? demo.cached : demo.path);
  }
  if (!snapshot) index ??= new DonorIndex({ engine });
  else {
    progress(20, 'reading the donor snapshot', { phase: 'index' });
    await yieldToEventLoop();
    try {
      index = await loadSnapshotAsync(snapshot, engine, {
        onProgress: (p) =>
          progress(
            20 + 78 * p.fraction,
            p.phase === 'dictionaries' ? 'resolving donor typings' : 'reading donor shards'
          ),
      });
    } catch (err) {
      throw unavailable(
        `donor search is not available: the donor snapshot ${snapshot} could not be loaded (${err instanceof Error ? err.message : String(err)})`
      );
    }
  }
  // Donor ids are looked up by explanations and updates: index them now, a shard at a time.
  for (let s = 0; s < index.shardCount; s++) {
    progress(98 + (2 * s) / index.shardCount, 'indexing donor ids', { phase: 'index' });
    index.buildIdLookups(s, s + 1);
    await yieldToEventLoop();
  }
  const threads = files.threads ?? Math.min(4, availableParallelism());
  const rankThreads = files.rankThreads ?? (index.size >= RANK_POOL_DONORS ? threads : 0);
  return {
    engine,
    index,
    pool: new DonorSearchPool(index, { threads }),
    ...(rankThreads > 0
      ? {
          rankPool: new RankPool(
            { release: engine.release, ...(macFile && existsSync(macFile) ? { macFile } : {}) },
            {
              threads: rankThreads,
              // The reason is the worker's own error (engine, MAC file, memory): no patient or donor data.
              onStop: (err) =>
                process.stderr.write(
                  `engraft: donor search: the probability ranking workers stopped (${err.message}); searches are ranked on the server's thread until it restarts\n`
                ),
            }
          ),
        }
      : {}),
    kirLigands,
    ...(synthetic ? { synthetic } : {}),
    ...(recorded.length > 0 ? { frequencySets: recorded } : {}),
  };
}

/** The frequency sets a snapshot's header records (none when unreadable: the load then says why). */
function recordedSets(path: string): readonly SnapshotFrequencySet[] {
  try {
    return frequencySetsOf(readSnapshotHeader(path));
  } catch {
    return [];
  }
}

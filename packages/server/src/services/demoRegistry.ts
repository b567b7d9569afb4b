import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DonorIndex, RegistryGenerator, writeSnapshot } from '@engraft/donors';
import type { HlaEngine } from '@engraft/hla';
import { builtInDemoDpb1, builtInDemoFrequencies } from '../demo/demoHaplotypes';
import type { ProgressReporter } from './donorRegistry';

// The synthetic demo registry (issue 16, ADR 0412): generated once per release and size, cached as a snapshot
// under <dataDir>/donors/, loaded like any snapshot on later starts. Only for a demo server: never real donors.

/** Haplotype frequencies in the CAU.freqs form (`A~C~B~DRB1~DQB1,count,frequency` lines), and what they are. */
export interface HaplotypeFrequencies {
  readonly name: string;
  readonly text: string;
  /** SHA-256 of a stored set's file: recorded in the snapshot with the name (ADR 0411). */
  readonly sha256?: string;
}

/**
 * Where the demo registry's haplotypes come from: a frequency set held by the server when there is one
 * (undefined when not); the built-in illustrative list otherwise.
 */
export type HaplotypeFrequencySource = () => Promise<HaplotypeFrequencies | undefined>;

export interface DemoRegistryOptions {
  /** Donors and cord units to generate (ENGRAFT_DEMO_DONORS, default 100,000). */
  readonly donors: number;
  readonly frequencies?: HaplotypeFrequencySource;
  /** PRNG seed: the same seed, release and size give the same registry. */
  readonly seed?: number;
}

export const DEMO_SEED = 16;
/** Cord units among the demo donors (a registry of 100,000 holds 5,000 cord units). */
export const DEMO_CORD_SHARE = 0.05;
const BATCH = 5_000;

/** The cache file of a demo registry: one per release, size, seed and haplotype source. */
export function demoSnapshotPath(dataDir: string, release: string, donors: number, source: string): string {
  const tag = source.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40);
  return join(resolve(dataDir), 'donors', `demo-${release}-${donors}-${tag}.snap`);
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * The demo registry: loaded from its cache when present (returned as a path to load), else generated in batches
 * (giving the event loop back between them), indexed, written to the cache and returned as an index.
 */
export async function demoRegistry(
  engine: HlaEngine,
  dataDir: string,
  options: DemoRegistryOptions,
  progress: ProgressReporter
): Promise<{ cached: string } | { index: DonorIndex; path: string }> {
  const given = await options.frequencies?.();
  const freqs = given ?? { name: 'built-in', text: builtInDemoFrequencies() };
  const source = 'sha256' in freqs && freqs.sha256 ? `${freqs.name}-${freqs.sha256.slice(0, 12)}` : freqs.name;
  const path = demoSnapshotPath(dataDir, engine.release.version, options.donors, source);
  if (existsSync(path)) return { cached: path };
  const generator = new RegistryGenerator({
    engine,
    freqs: freqs.text,
    ciwd: builtInDemoDpb1(),
    seed: options.seed ?? DEMO_SEED,
    cordShare: DEMO_CORD_SHARE,
    idPrefix: 'DEMO',
  });
  const index = new DonorIndex({ engine });
  const writer = index.writer({ assumeNewIds: true });
  try {
    for (let done = 0; done < options.donors;) {
      const n = Math.min(BATCH, options.donors - done);
      const batch = Array.from({ length: n }, () => generator.next());
      const errors = writer.upsert(batch);
      if (errors.length > 0) {
        throw new Error(`generated donor ${errors[0]?.id} does not resolve: ${errors[0]?.message}`);
      }
      done += n;
      progress(5 + (85 * done) / options.donors, 'generating the synthetic demo registry', {
        phase: 'donors',
        generated: { donors: done, total: options.donors },
      });
      await yieldToEventLoop();
    }
    writer.commit();
  } catch (err) {
    writer.abort();
    throw err;
  }
  progress(92, 'saving the demo registry', {
    phase: 'donors',
    generated: { donors: options.donors, total: options.donors },
  });
  mkdirSync(join(resolve(dataDir), 'donors'), { recursive: true });
  writeSnapshot(index, path, {
    ...(freqs.sha256 ? { frequencySets: [{ name: freqs.name, sha256: freqs.sha256 }] } : {}),
  });
  return { index, path };
}

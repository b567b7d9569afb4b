import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchImgtRelease } from '@engraft/hla/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../testing/referenceServer';
import { type DonorRegistrySource, type DonorRegistryStatus, fileDonorRegistry } from './donorRegistry';
import type { ReleaseFetcher } from './referenceData';

// Issue 16 (ADR 0412): a server without a release downloads one in the background with progress, then generates
// the synthetic demo registry once and caches it; offline, it says so and who can load one from a file.

const fetcher =
  (baseUrl: string, dataDir: string): ReleaseFetcher =>
  (onProgress) =>
    fetchImgtRelease({ dataDir, baseUrl, onProgress });

async function settle(source: DonorRegistrySource, seen: DonorRegistryStatus[] = []): Promise<DonorRegistryStatus> {
  for (let i = 0; i < 1200; i++) {
    const s = source.status();
    seen.push(s);
    if (s.state !== 'loading') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the registry did not settle');
}

describe('background reference data and the demo registry', () => {
  let reference: Awaited<ReturnType<typeof startReferenceServer>>;
  let failing: Awaited<ReturnType<typeof startReferenceServer>>;
  beforeAll(async () => {
    reference = await startReferenceServer();
    failing = await startReferenceServer({ failing: true });
  });
  afterAll(async () => {
    await reference.close();
    await failing.close();
  });

  it('downloads and verifies a release with byte and file progress, generates the demo registry, then reuses both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-bg-'));
    const seen: DonorRegistryStatus[] = [];
    const first = fileDonorRegistry({
      dataDir,
      threads: 1,
      fetchRelease: fetcher(reference.baseUrl, dataDir),
      demo: { donors: 1_500 },
    });
    const ready = await settle(first, seen);
    const firstDonor = (await first.get()).index.get('DEMO00000001');
    await first.close();
    expect(firstDonor?.typing.A).toBeDefined();
    expect(ready).toMatchObject({ state: 'ready', release: '3.58.0', donors: 1_500, synthetic: true });
    const downloads = seen.flatMap((s) => (s.state === 'loading' && s.download ? [s.download] : []));
    expect(downloads.length).toBeGreaterThan(0);
    const last = downloads[downloads.length - 1];
    expect(last?.totalFiles).toBe(14);
    expect(last?.bytes).toBeGreaterThan(3_000_000);
    expect(seen.some((s) => s.state === 'loading' && s.phase === 'donors' && s.generated?.total === 1_500)).toBe(true);
    expect(existsSync(join(dataDir, 'imgt', '3.58.0', 'wmda', 'hla_nom_g.txt'))).toBe(true);
    const cache = readdirSync(join(dataDir, 'donors'));
    expect(cache).toEqual(['demo-3.58.0-1500-built-in.snap']);

    // Second start: the release and the cached registry are used as they are: no request, no generation.
    const requests = reference.requests();
    const seenAgain: DonorRegistryStatus[] = [];
    const second = fileDonorRegistry({
      dataDir,
      threads: 1,
      fetchRelease: fetcher(reference.baseUrl, dataDir),
      demo: { donors: 1_500 },
    });
    expect(await settle(second, seenAgain)).toMatchObject({ state: 'ready', donors: 1_500, synthetic: true });
    const registry = await second.get();
    // The same registry: the generator is seeded, and the cache holds the same donors.
    expect(registry.index.get('DEMO00000001')).toEqual(firstDonor);
    await second.close();
    expect(reference.requests()).toBe(requests);
    expect(seenAgain.some((s) => s.state === 'loading' && s.phase === 'donors')).toBe(false);
  });

  it('offline: says the reference data could not be downloaded and who can load it, never a command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-bg-'));
    const source = fileDonorRegistry({ dataDir, threads: 1, fetchRelease: fetcher(failing.baseUrl, dataDir) });
    const status = await settle(source);
    await source.close();
    expect(status.state).toBe('unavailable');
    if (status.state !== 'unavailable') return;
    expect(status.reason).toBe('offline');
    expect(status.message).toMatch(
      /the HLA reference data \(IPD-IMGT\/HLA release\) could not be downloaded \(download failed: .*release_version.txt answered HTTP 503\); an administrator can load a release from a file/
    );
    expect(status.message).not.toMatch(/engraft |run '/);
    expect(existsSync(join(dataDir, 'imgt', '3.58.0'))).toBe(false);
  });

  it('with downloads off (ENGRAFT_REFERENCE_FETCH=off) asks nothing of the network and says who can load a release', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engraft-bg-'));
    const source = fileDonorRegistry({ dataDir, threads: 1 });
    const status = await settle(source);
    await source.close();
    expect(status).toMatchObject({ state: 'unavailable', reason: 'no-release' });
    if (status.state === 'unavailable') expect(status.message).toMatch(/is not installed; an administrator can load/);
  });
});

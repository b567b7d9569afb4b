import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotHeader } from '@engraft/donors';
import type { DonorRegistryStatus } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../donors/src/testing/engine';
import type { Config } from '../config';
import { fileDonorRegistry } from '../services/donorRegistry';
import { demoOptionsOf } from '../services/registryConfig';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const CAU = readFileSync(sharedData('freqs/CAU.freqs.gz'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function ready(source: ReturnType<typeof fileDonorRegistry>): Promise<DonorRegistryStatus> {
  for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
    const s = source.status();
    if (s.state !== 'loading') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the demo registry did not load in time');
}

/** Issue 16: the demo registry is sampled from the stored frequency set, and its snapshot records set and release. */
describe.each(DRIVERS)('demo registry on a stored frequency set (%s)', (driver) => {
  let t: TestContext;
  let dataDir = '';
  beforeAll(async () => {
    t = await createTestApp(driver);
    dataDir = mkdtempSync(join(tmpdir(), 'engraft-demo-freqs-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates the demo registry from the newest stored set and records its name, SHA-256 and the release', async () => {
    const hla = as(t.app, await signIn(t.app, 'hla'));
    const res = await hla.post('/api/v1/frequency-sets', { name: 'CAU-demo', contentBase64: CAU.toString('base64') });
    expect(res.statusCode, res.body).toBe(201);
    const config = { dataDir, donors: { demoDonors: 300 } } as unknown as Config;
    const source = fileDonorRegistry({
      dataDir,
      imgtDir: sharedData('imgt/3.58.0'),
      threads: 1,
      demo: demoOptionsOf(config, t.db),
    });
    try {
      const status = await ready(source);
      expect(status).toMatchObject({
        state: 'ready',
        release: '3.58.0',
        donors: 300,
        synthetic: true,
        frequencySets: [{ name: 'CAU-demo', sha256: sha256(CAU) }],
      });
      const snaps = readdirSync(join(dataDir, 'donors'));
      expect(snaps).toEqual([`demo-3.58.0-300-CAU-demo-${sha256(CAU).slice(0, 12)}.snap`]);
      const header = readSnapshotHeader(join(dataDir, 'donors', snaps[0]!));
      expect(header.release).toBe('3.58.0');
      expect(header.frequencySets).toEqual([{ name: 'CAU-demo', sha256: sha256(CAU) }]);
      const { index } = await source.get();
      const donor = index.readGlobal(index.view().shards, 0);
      expect(donor.id).toMatch(/^DEMO\d{8}$/);
    } finally {
      await source.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotHeader } from '@engraft/donors';
import type { DonorRegistryStatus } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../donors/src/testing/engine';
import type { Config } from '../config';
import { builtInDemoFrequencies } from '../demo/demoHaplotypes';
import { DEMO_CENTRE } from '../demo/seed';
import { findOrCreateCentre } from '../repo/centres';
import { listFrequencySets } from '../services/frequencySets';
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

  it('a demo database without a set gets DEMO-synthetic stored as the demo centre default, and the registry source returns it', async () => {
    const centre = await findOrCreateCentre(t.db, DEMO_CENTRE);
    const source = demoOptionsOf({ dataDir, donors: { demoDonors: 300 } } as unknown as Config, t.db)!.frequencies!;
    const builtIn = Buffer.from(builtInDemoFrequencies());
    expect(await source()).toMatchObject({ name: 'DEMO-synthetic', sha256: sha256(builtIn) });
    expect(await source()).toMatchObject({ name: 'DEMO-synthetic' }); // stored once
    const { sets, centreDefault } = await listFrequencySets(t.db, centre.id);
    expect(centreDefault).toBe('DEMO-synthetic');
    expect(sets.filter((s) => s.name === 'DEMO-synthetic')).toHaveLength(1);
  });

  it('ENGRAFT_DEMO_FREQS is stored (audited, the demo centre default, found again by SHA-256) and sampled from', async () => {
    const centre = await findOrCreateCentre(t.db, DEMO_CENTRE);
    const file = join(dataDir, 'mini.freqs.csv');
    const content =
      'A*01:01~C*07:01~B*08:01~DRB1*03:01~DQB1*02:01,EUR,0.1\nA*03:01~C*07:02~B*07:02~DRB1*15:01~DQB1*06:02,EUR,0.05\n';
    writeFileSync(file, content);
    const config = { dataDir, donors: { demoDonors: 300, demoFreqs: file } } as unknown as Config;
    const source = demoOptionsOf(config, t.db)!.frequencies!;
    const first = await source();
    expect(first).toEqual({
      name: 'mini',
      sha256: sha256(Buffer.from(content)),
      text: 'A*01:01~C*07:01~B*08:01~DRB1*03:01~DQB1*02:01,EUR,0.6666666666666666\nA*03:01~C*07:02~B*07:02~DRB1*15:01~DQB1*06:02,EUR,0.3333333333333333',
    });
    expect((await listFrequencySets(t.db, centre.id)).centreDefault).toBe('mini');
    // A later start: the same file is found by its SHA-256, and made the default again if it no longer is.
    await t.db.query(
      `update centre_frequency_set_defaults set frequency_set_id = (select id from frequency_sets where name = 'DEMO-synthetic') where centre_id = $1`,
      [centre.id]
    );
    expect(await source()).toEqual(first);
    const { sets, centreDefault } = await listFrequencySets(t.db, centre.id);
    expect(centreDefault).toBe('mini');
    expect(sets.filter((s) => s.sha256 === first!.sha256)).toHaveLength(1);
    const audit = await t.db.query<{ actor: string; action: string }>(
      `select actor, action from audit_events where entity_type = 'frequency-set' and after->>'name' = 'mini' order by seq`
    );
    expect(audit).toEqual([
      { actor: 'demo-seeder', action: 'create' },
      { actor: 'demo-seeder', action: 'update' },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { RankPool, typingToGl } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticDonorRegistry } from '../services/donorRegistry';
import { sharedData } from '../../../donors/src/testing/engine';
import { allogeneicEpisode } from '../testing/allogeneicEpisode';
import { cauRegistry } from '../testing/cauRegistry';
import { as, createTestApp, signIn, type TestContext } from '../testing/testApp';

// ADR 0411: a registry with a rank pool scores the probability ranking's donor typings on worker threads; the
// saved search is the one the server's own thread ranks (same donors, order and probabilities), and the registry
// status says the workers run. Two apps over one registry: with the pool, and without.
const { engine, index, twin } = cauRegistry();
const patientTyping = typingToGl(twin.typing);
const rankPool = new RankPool(
  { release: engine.release, macFile: sharedData('mac/atlas-LargeMacDictionary.csv') },
  { threads: 2, chunk: 8 }
);

type Hit = { donorId: string; mismatches: number; probability?: unknown };

describe('donor search ranked on the rank pool (pglite)', () => {
  const apps: TestContext[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
    await rankPool.close();
  });

  async function searched(withPool: boolean): Promise<{ hits: Hit[]; status: unknown }> {
    const t = await createTestApp('pglite', {
      donors: staticDonorRegistry({ engine, index, ...(withPool ? { rankPool } : {}) }),
    });
    apps.push(t);
    const hla = as(t.app, await signIn(t.app, 'hla'));
    const imported = await hla.post('/api/v1/frequency-sets', {
      name: 'CAU',
      contentBase64: readFileSync(sharedData('freqs/CAU.freqs.gz')).toString('base64'),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const episodeId = await allogeneicEpisode(coord, {
      patient: { mrn: 'POOL-1', familyName: 'Pool', givenName: 'Rank', dateOfBirth: '1980-04-04', sex: 'female' },
      diagnosis: { disease: 'AML', diagnosisDate: '2025-11-01', status: 'CR1' },
      plannedDayZero: '2026-05-01',
    });
    const physician = as(t.app, await signIn(t.app, 'physician'));
    const res = await physician.post(`/api/v1/episodes/${episodeId}/donor-searches`, {
      patientTyping,
      criteria: { loci: 8, maxMismatches: 3 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const hits = (await physician.get(`/api/v1/donor-searches/${id}/results?offset=0&limit=200`)).json<{
      hits: Hit[];
    }>().hits;
    return { hits, status: (await physician.get('/api/v1/donor-registry')).json() };
  }

  let pooled: Awaited<ReturnType<typeof searched>>;
  let here: Awaited<ReturnType<typeof searched>>;
  beforeAll(async () => {
    pooled = await searched(true);
    here = await searched(false);
  }, 120_000);

  it('saves the page the server thread ranks: same donors, order and probabilities', () => {
    expect(pooled.hits.length).toBeGreaterThan(20);
    expect(pooled.hits.some((h) => h.mismatches > 0)).toBe(true);
    expect(pooled.hits.map((h) => [h.donorId, h.probability])).toEqual(
      here.hits.map((h) => [h.donorId, h.probability])
    );
  });

  it('reports the rank workers in the registry status (none without a pool)', () => {
    expect(pooled.status).toMatchObject({ state: 'ready', rankThreads: 2 });
    expect(here.status).not.toHaveProperty('rankThreads');
  });
});

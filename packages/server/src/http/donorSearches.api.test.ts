import {
  DonorIndex,
  type DonorRecord,
  DonorSearchPool,
  readTextFile,
  RegistryGenerator,
  typingToGl,
} from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData, testEngine } from '../../../donors/src/testing/engine';
import { backgroundDonorRegistry, type DonorRegistry, staticDonorRegistry } from '../services/donorRegistry';
import { allogeneicEpisode } from '../testing/allogeneicEpisode';
import { patientWithEpisodes } from '../testing/patientEpisodes';
import { type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

// A small generated registry (adult donors and cord units) over IMGT 3.58.0 from ../shared/data.
const engine = testEngine();
const generator = new RegistryGenerator({
  engine,
  freqs: readTextFile(sharedData('freqs/CAU.freqs.gz')),
  ciwd: readTextFile(sharedData('ciwd/ciwd.3.0.0.csv')),
  seed: 6,
  cordShare: 0.1,
});
const donors: DonorRecord[] = [...generator.take(400)];
const index = new DonorIndex({ engine });
index.apply({ upsert: donors });

// The patient is typed like a high-resolution donor of the registry, so that donor is a 10/10 match.
const twin = donors.find(
  (d) =>
    d.kind === 'adult' &&
    ['A', 'B', 'C', 'DRB1', 'DQB1'].every((l) =>
      /^[A-Z0-9]+\*\d+:\d+(\+[A-Z0-9]+\*\d+:\d+)?$/.test(d.typing[l as 'A'] ?? '')
    )
);
if (!twin) throw new Error('the generated registry has no high-resolution adult donor');
const patientTyping = typingToGl(twin.typing);

type SearchSummary = {
  id: string;
  episodeId: string;
  total: number;
  stored: number;
  release: string;
  criteria: { loci: number; maxMismatches: number; donorKinds: string[]; referenceYear: number };
  createdAt: string;
  createdBy: string | null;
};
type Hit = {
  rank: number;
  donorId: string;
  registry: string;
  kind: string;
  mismatches: number;
  potential: number;
  dpb1: string;
  loci: { locus: string; grades: string[] }[];
  cord: { tncE7PerKg: number | null; adequateSingle: boolean | null } | null;
};

describe.each(DRIVERS)('donor searches (%s)', (driver) => {
  let t: TestContext;
  let physician: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let alloEpisode = '';
  let autoEpisode = '';

  beforeAll(async () => {
    // Searches run on two worker threads, as in the server (ADR 0404); the results must equal the engine's own.
    t = await createTestApp(driver, {
      today: '2026-03-15',
      donors: staticDonorRegistry({ engine, index, pool: new DonorSearchPool(index, { threads: 2 }) }),
    });
    const coord = await signedIn(t, 'coordinator');
    physician = await signedIn(t, 'physician');
    nurse = await signedIn(t, 'nurse');
    [alloEpisode, autoEpisode] = (
      await patientWithEpisodes(coord, {
        patient: { mrn: 'DON-1', familyName: 'Donor', givenName: 'Dana', dateOfBirth: '1980-04-04', sex: 'female' },
        diagnosis: { disease: 'ALL', diagnosisDate: '2025-11-01', status: 'relapse' },
        episodes: [
          { type: 'allogeneic-hct', plannedDayZero: '2026-05-01' },
          { type: 'autologous-hct', plannedDayZero: '2026-05-01' },
        ],
      })
    ).episodeIds;
    expect(alloEpisode).toMatch(/^[0-9a-f-]{36}$/);
  });
  afterAll(() => t.close());

  let searchId = '';

  it('creates a search, saves it on the episode with the release and stores the ranked hits', async () => {
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
      patientTyping,
      criteria: { loci: 10, maxMismatches: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<SearchSummary>();
    expect(s.release).toBe('3.58.0');
    expect(s.total).toBeGreaterThan(0);
    expect(s.criteria).toMatchObject({ loci: 10, maxMismatches: 2, donorKinds: ['adult'], referenceYear: 2026 });
    expect(s.createdBy).toBe('Test physician');
    // The same as the engine finds on its own.
    const direct = index.search({ typing: patientTyping }, { loci: 10, maxMismatches: 2, referenceYear: 2026 });
    expect(s.total).toBe(direct.total);
    searchId = s.id;

    const page = (await nurse.get(`/api/v1/donor-searches/${searchId}/results?offset=0&limit=5`)).json<{
      hits: Hit[];
      stored: number;
      offset: number;
      limit: number;
    }>();
    expect(page.stored).toBe(Math.min(200, s.total));
    expect(page.hits.length).toBe(Math.min(5, s.total));
    expect(page.hits.map((h) => h.rank)).toEqual(page.hits.map((_, i) => i + 1));
    expect(page.hits.map((h) => h.donorId)).toEqual(direct.page(0, 5).map((h) => h.donor.id));
    const first = page.hits[0]!;
    expect(first.mismatches).toBe(0);
    expect(first.kind).toBe('adult');
    expect(first.loci.map((l) => l.locus)).toEqual(['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1']);
    expect(first.loci.find((l) => l.locus === 'A')!.grades).toHaveLength(2);
    expect(page.hits.some((h) => h.donorId === twin.id) || s.total > 5).toBe(true);

    const next = (await nurse.get(`/api/v1/donor-searches/${searchId}/results?offset=1&limit=2`)).json<{
      hits: Hit[];
    }>();
    expect(next.hits.map((h) => h.rank)).toEqual(page.hits.slice(1, 3).map((h) => h.rank));
  });

  it('lists the searches of an episode and audits the reads', async () => {
    const res = await nurse.get(`/api/v1/episodes/${alloEpisode}/donor-searches`);
    expect(res.statusCode).toBe(200);
    const list = res.json<SearchSummary[]>();
    expect(list.map((s) => s.id)).toContain(searchId);
    const audit = await t.db.query<{ action: string; entity_type: string }>(
      `select action, entity_type from audit_events where entity_type in ('donor-search', 'donor-searches') order by seq`
    );
    expect(audit.map((a) => `${a.action} ${a.entity_type}`)).toEqual(
      expect.arrayContaining(['create donor-search', 'read donor-search', 'read donor-searches'])
    );
  });

  it('explains a donor locus by locus', async () => {
    const res = await nurse.get(`/api/v1/donor-searches/${searchId}/donors/${encodeURIComponent(twin.id)}/explanation`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json<{
      donorId: string;
      release: string;
      loci: { locus: string; mismatches: number; positions: { reason: string }[] }[];
      dpb1: { category: string };
    }>();
    expect(e.donorId).toBe(twin.id);
    expect(e.release).toBe('3.58.0');
    for (const l of e.loci.filter((x) => ['A', 'B', 'C', 'DRB1', 'DQB1'].includes(x.locus))) {
      expect(l.mismatches, l.locus).toBe(0);
    }
    expect(e.loci[0]!.positions[0]!.reason).toEqual(expect.any(String));
    expect((await nurse.get(`/api/v1/donor-searches/${searchId}/donors/NO-SUCH-DONOR/explanation`)).statusCode).toBe(
      404
    );
  });

  it('answers 400 with the field path for an invalid typing, and stores nothing', async () => {
    const before = (await nurse.get(`/api/v1/episodes/${alloEpisode}/donor-searches`)).json<unknown[]>().length;
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
      patientTyping: 'A*99:99+A*02:01^B*08:01',
      criteria: {},
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const p = res.json<{ detail: string; errors: { path: string; message: string }[] }>();
    expect(p.errors[0]!.path).toBe('patientTyping');
    expect(p.errors[0]!.message).toMatch(/A\*99:99/);
    expect(
      (await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, { patientTyping: '', criteria: {} }))
        .statusCode
    ).toBe(400);
    expect(
      (await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, { patientTyping, criteria: { loci: 7 } }))
        .statusCode
    ).toBe(400);
    expect((await nurse.get(`/api/v1/episodes/${alloEpisode}/donor-searches`)).json<unknown[]>().length).toBe(before);
  });

  it('searches cord units with the dose per kg', async () => {
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
      patientTyping,
      criteria: { loci: 6, maxMismatches: 2, donorKinds: ['cord'], weightKg: 20 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<SearchSummary>();
    const hits = (await nurse.get(`/api/v1/donor-searches/${s.id}/results?limit=200`)).json<{ hits: Hit[] }>().hits;
    expect(hits.length).toBe(Math.min(200, s.total));
    for (const h of hits) {
      expect(h.kind).toBe('cord');
      expect(h.cord?.tncE7PerKg).toEqual(expect.any(Number));
    }
  });

  it('refuses an episode that is not allogeneic, an unknown episode and an unknown search', async () => {
    expect((await physician.post(`/api/v1/episodes/${autoEpisode}/donor-searches`, { patientTyping })).statusCode).toBe(
      400
    );
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await physician.post(`/api/v1/episodes/${none}/donor-searches`, { patientTyping })).statusCode).toBe(404);
    expect((await nurse.get(`/api/v1/donor-searches/${none}/results`)).statusCode).toBe(404);
  });

  it('ranks by the patient CMV and ABO given, and stores them with the search', async () => {
    const criteria = { loci: 6, maxMismatches: 2, patientCmv: 'neg', patientAbo: 'O' } as const;
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, { patientTyping, criteria });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<
      SearchSummary & { criteria: { patientCmv?: string; patientAbo?: string; patientAboFrom?: string } }
    >();
    expect(s.criteria).toMatchObject({ patientCmv: 'neg', patientAbo: 'O', patientAboFrom: 'request' });
    const direct = index.search(
      { typing: patientTyping, cmv: 'neg', abo: 'O' },
      { loci: 6, maxMismatches: 2, referenceYear: 2026 }
    );
    const hits = (await nurse.get(`/api/v1/donor-searches/${s.id}/results?limit=200`)).json<{
      hits: (Hit & { cmv: string | null; abo: string | null })[];
    }>().hits;
    expect(hits.map((h) => h.donorId)).toEqual(direct.page(0, 200).map((h) => h.donor.id));
    // CMV and ABO only order the donors; they filter none out.
    const withoutCmv = index.search({ typing: patientTyping }, { loci: 6, maxMismatches: 2, referenceYear: 2026 });
    expect(withoutCmv.total).toBe(s.total);
  });

  it('takes the patient ABO group from the patient record when not given', async () => {
    const coord = await signedIn(t, 'coordinator');
    const episode = await allogeneicEpisode(coord, {
      patient: {
        mrn: 'DON-3',
        familyName: 'Donor',
        givenName: 'Abo',
        dateOfBirth: '1979-02-02',
        sex: 'male',
        aboRh: 'AB-',
        weightKg: 31,
      },
      diagnosis: { disease: 'AML', diagnosisDate: '2025-11-01', status: 'relapse' },
      plannedDayZero: '2026-05-01',
    });
    const res = await physician.post(`/api/v1/episodes/${episode}/donor-searches`, {
      patientTyping,
      criteria: { loci: 6, maxMismatches: 2, donorKinds: ['adult', 'cord'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ criteria: object }>().criteria).toMatchObject({
      patientAbo: 'AB',
      patientAboFrom: 'patient-record',
      weightKg: 31,
    });
    // Given explicitly, the request wins.
    const given = await physician.post(`/api/v1/episodes/${episode}/donor-searches`, {
      patientTyping,
      criteria: { patientAbo: 'A' },
    });
    expect(given.json<{ criteria: object }>().criteria).toMatchObject({ patientAbo: 'A', patientAboFrom: 'request' });
  });

  it('applies per-locus mismatch limits and refuses invalid ones', async () => {
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
      patientTyping,
      criteria: { loci: 8, maxMismatches: 3, maxMismatchesPerLocus: { DRB1: 0, A: 1 } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<SearchSummary & { criteria: { maxMismatchesPerLocus?: object } }>();
    expect(s.criteria.maxMismatchesPerLocus).toEqual({ DRB1: 0, A: 1 });
    const direct = index.search(
      { typing: patientTyping },
      { loci: 8, maxMismatches: 3, maxMismatchesPerLocus: { DRB1: 0, A: 1 }, referenceYear: 2026 }
    );
    expect(s.total).toBe(direct.total);
    const loose = index.search({ typing: patientTyping }, { loci: 8, maxMismatches: 3, referenceYear: 2026 });
    expect(s.total).toBeLessThan(loose.total);
    const hits = (await nurse.get(`/api/v1/donor-searches/${s.id}/results?limit=200`)).json<{
      hits: (Omit<Hit, 'loci'> & { loci: { locus: string; mismatches: number }[] })[];
    }>().hits;
    for (const h of hits) {
      expect(h.loci.find((l) => l.locus === 'DRB1')!.mismatches).toBe(0);
      expect(h.loci.find((l) => l.locus === 'A')!.mismatches).toBeLessThanOrEqual(1);
    }
    for (const bad of [
      { maxMismatchesPerLocus: { DRB1: 3 } },
      { maxMismatchesPerLocus: { DRB9: 0 } },
      { patientCmv: 'positive' },
      { patientAbo: 'A+' },
    ]) {
      const r = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
        patientTyping,
        criteria: bad,
      });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json<{ errors: { path: string }[] }>().errors[0]!.path).toMatch(/^criteria\./);
    }
  });

  it('compares a locus at the level the criteria name, stores it, explains at it, and refuses an unknown level', async () => {
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
      patientTyping,
      criteria: { loci: 8, maxMismatches: 1, levels: { A: 'antigen', C: 'antigen' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<SearchSummary & { criteria: { levels?: object } }>();
    expect(s.criteria.levels).toEqual({ A: 'antigen', C: 'antigen' });
    const direct = index.search(
      { typing: patientTyping },
      { loci: 8, maxMismatches: 1, levels: { A: 'antigen', C: 'antigen' }, referenceYear: 2026 }
    );
    const allele = index.search({ typing: patientTyping }, { loci: 8, maxMismatches: 1, referenceYear: 2026 });
    expect(s.total).toBe(direct.total);
    // Antigen level forgives allele differences within an antigen: never fewer donors than at allele level.
    expect(s.total).toBeGreaterThanOrEqual(allele.total);
    const hits = (await nurse.get(`/api/v1/donor-searches/${s.id}/results?limit=5`)).json<{
      hits: (Omit<Hit, 'loci'> & { loci: { locus: string; level: string }[] })[];
    }>().hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.loci.find((l) => l.locus === 'A')!.level).toBe('antigen');
      expect(h.loci.find((l) => l.locus === 'B')!.level).toBe('allele');
    }
    const explained = await nurse.get(
      `/api/v1/donor-searches/${s.id}/donors/${encodeURIComponent(hits[0]!.donorId)}/explanation`
    );
    expect(
      explained.json<{ loci: { locus: string; level: string }[] }>().loci.find((l) => l.locus === 'C')!.level
    ).toBe('antigen');
    const bad = await physician.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, {
      patientTyping,
      criteria: { levels: { A: 'serology' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('criteria.levels.A');
  });

  it('lets only searchers create searches', async () => {
    expect((await nurse.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, { patientTyping })).statusCode).toBe(
      403
    );
    const hla = await signedIn(t, 'hla');
    expect((await hla.post(`/api/v1/episodes/${alloEpisode}/donor-searches`, { patientTyping })).statusCode).toBe(201);
  });
});

describe.each(DRIVERS)('donor searches without an HLA release (%s)', (driver) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t.close());

  it('answers 503 with how to get a release, and the server keeps serving', async () => {
    const coord = await signedIn(t, 'coordinator');
    const episode = await allogeneicEpisode(coord, {
      patient: { mrn: 'DON-2', familyName: 'Donor', givenName: 'Dan', dateOfBirth: '1980-04-04', sex: 'male' },
      diagnosis: { disease: 'ALL', diagnosisDate: '2025-11-01', status: 'relapse' },
      plannedDayZero: '2026-05-01',
    });
    const res = await coord.post(`/api/v1/episodes/${episode}/donor-searches`, { patientTyping });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    // A physician is told what happened and who can fix it, never a command to run.
    expect(res.json<{ detail: string }>().detail).toMatch(
      /HLA reference data .* is not installed; an administrator can load a release from a file/
    );
    expect(res.json<{ detail: string }>().detail).not.toMatch(/engraft /);
    expect((await coord.get(`/api/v1/episodes/${episode}/donor-searches`)).json<unknown[]>()).toEqual([]);
  });
});

describe.each(DRIVERS)('donor searches while the registry loads (%s)', (driver) => {
  let t: TestContext;
  let finish: (r: DonorRegistry) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  let attempts = 0;
  beforeAll(async () => {
    // A registry whose load the test controls: it reports 40 % and waits.
    const source = backgroundDonorRegistry((progress) => {
      attempts++;
      progress(40, 'resolving donor typings');
      return new Promise<DonorRegistry>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
    });
    t = await createTestApp(driver, { donors: source });
  });
  afterAll(() => t.close());

  it('answers 503 "loading (N%)" with a Retry-After, reports the status, and the other routes keep working', async () => {
    const coord = await signedIn(t, 'coordinator');
    const episode = await allogeneicEpisode(coord, {
      patient: { mrn: 'DON-4', familyName: 'Donor', givenName: 'Lou', dateOfBirth: '1980-04-04', sex: 'male' },
      diagnosis: { disease: 'ALL', diagnosisDate: '2025-11-01', status: 'relapse' },
      plannedDayZero: '2026-05-01',
    });
    expect(episode).toMatch(/^[0-9a-f-]{36}$/);

    const res = await coord.post(`/api/v1/episodes/${episode}/donor-searches`, { patientTyping });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json<{ detail: string }>().detail).toMatch(/the donor registry is loading \(40%/);
    expect((await coord.get('/api/v1/donor-registry')).json()).toMatchObject({
      state: 'loading',
      percent: 40,
      step: 'resolving donor typings',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect((await coord.get(`/api/v1/episodes/${episode}/donor-searches`)).json<unknown[]>()).toEqual([]);

    // Loaded: the same request succeeds and the status says what is loaded.
    finish({ engine, index });
    await expect
      .poll(async () => (await coord.get('/api/v1/donor-registry')).json<{ state: string }>().state)
      .toBe('ready');
    expect((await coord.get('/api/v1/donor-registry')).json()).toMatchObject({
      state: 'ready',
      release: '3.58.0',
      donors: 400,
      threads: 0,
    });
    expect((await coord.post(`/api/v1/episodes/${episode}/donor-searches`, { patientTyping })).statusCode).toBe(201);
    expect(attempts).toBe(1);
    fail(new Error('unused'));
  });
});

describe('a registry load that fails', () => {
  it('reports why, and starts again on the next request', async () => {
    let attempts = 0;
    const source = backgroundDonorRegistry(() => {
      attempts++;
      return attempts === 1 ? Promise.reject(new Error('no release here')) : Promise.resolve({ engine, index });
    });
    await expect.poll(() => source.status().state).toBe('unavailable');
    expect(source.status()).toEqual({ state: 'unavailable', message: 'no release here', reason: 'error' });
    await expect(source.get()).resolves.toMatchObject({ index });
    expect(attempts).toBe(2);
    expect(source.status()).toMatchObject({ state: 'ready', donors: 400 });
    await source.close();
  });

  it('stops a load at its next step when closed (a server shutting down does not wait for a large snapshot)', async () => {
    let go: () => void = () => undefined;
    const source = backgroundDonorRegistry(async (progress) => {
      await new Promise<void>((resolve) => (go = resolve));
      progress(50, 'reading donor shards');
      return { engine, index };
    });
    await source.close();
    go();
    await expect.poll(() => source.status().state).toBe('unavailable');
    expect(source.status()).toMatchObject({ message: expect.stringMatching(/closed while loading/) });
  });
});

import { DonorIndex } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../donors/src/testing/engine';
import { insertDonorSearch, insertDonorSearchResults } from '../repo/donorSearches';
import { staticDonorRegistry } from '../services/donorRegistry';
import { type Client, familyPatient, type FamilyPatient, gl, HAP, type Problem } from '../testing/familyFixtures';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Ranked = {
  relativeId: string;
  name: string;
  rank: number;
  tier: string;
  match: string;
  summary: string;
  criteria: { criterion: string; reason: string }[];
  dsa: { worst: string | null; hits: { specificity: string; donorAlleles: string[]; certainty: string }[] } | null;
};

// The patient's serum: anti-A24 (MFI 8,000, strong) hits the d haplotype; anti-A2 at 800 is below the positive
// threshold of 1,000 (Ciurea SO et al., Bone Marrow Transplant 2018;53:521-534).
const BEADS = `Sample ID,Specificity,MFI,Test Date
S-1,A*24:02,8000,2026-03-01
S-1,A2,800,2026-03-01
S-1,DQ7,300,2026-03-01
`;

describe.each(DRIVERS)('family work-up through the API (%s)', (driver) => {
  let t: TestContext;
  let hla: Client;
  let coord: Client;
  let patientId = '';
  let episodeId = '';
  let ids: Record<string, string> = {};
  let addRelative: FamilyPatient['addRelative'];
  const base = () => `/api/v1/patients/${patientId}/family`;
  const count = async (sql: string): Promise<number> => (await t.db.query<{ n: number }>(sql))[0]!.n;

  beforeAll(async () => {
    const engine = testEngine();
    t = await createTestApp(driver, {
      today: '2026-03-15',
      donors: staticDonorRegistry({ engine, index: new DonorIndex({ engine }) }),
    });
    const f = await familyPatient(t, 'FAM-1', 'Paul');
    ({ hla, coord, patientId, episodeId, ids } = f);
    addRelative = (key, body, typing) => f.addRelative(key, body, typing, 'HLA lab');
  });
  afterAll(() => t.close());

  it('stores a pedigree and reads the haplotypes by segregation', async () => {
    await addRelative(
      'father',
      { relationship: 'father', name: 'Frank', sex: 'male', dateOfBirth: '1955-01-01' },
      gl(HAP.a, HAP.b)
    );
    await addRelative(
      'mother',
      { relationship: 'mother', name: 'Maria', sex: 'female', dateOfBirth: '1957-01-01' },
      gl(HAP.d, HAP.c)
    );
    await addRelative(
      'sister',
      {
        relationship: 'full-sibling',
        name: 'Sara',
        sex: 'female',
        dateOfBirth: '1990-06-01',
        availability: 'available',
      },
      gl(HAP.a, HAP.d)
    );
    await addRelative(
      'brother',
      {
        relationship: 'full-sibling',
        name: 'Ben',
        sex: 'male',
        dateOfBirth: '1988-06-01',
        availability: 'available',
        weightKg: 82,
      },
      gl(HAP.b, HAP.c)
    );
    await addRelative(
      'third',
      { relationship: 'full-sibling', name: 'Tom', sex: 'male', dateOfBirth: '1992-06-01' },
      gl(HAP.b, HAP.d)
    );
    const pedigree = (await hla.get(base())).json<{
      relatives: { name: string; typing: { version: number } | null; weightKg: number | null }[];
    }>();
    expect(pedigree.relatives.map((r) => [r.name, r.typing?.version])).toEqual([
      ['Frank', 1],
      ['Maria', 1],
      ['Sara', 1],
      ['Ben', 1],
      ['Tom', 1],
    ]);
    expect(pedigree.relatives[3]!.weightKg).toBe(82);
    const seg = await hla.get(`${base()}/segregation`);
    expect(seg.statusCode, seg.body).toBe(200);
    const report = seg.json<{
      method: string;
      members: { id: string; haplotypes: unknown; match: string; sharedWithPatient: string[] }[];
      haplotypes: Record<string, Record<string, string[]>>;
    }>();
    expect(report.method).toBe('both-parents');
    const m = (id: string) => report.members.find((x) => x.id === id)!;
    expect(m('patient').haplotypes).toEqual(['a', 'c']);
    expect(m(ids.sister!)).toMatchObject({ haplotypes: ['a', 'd'], match: 'haploidentical', sharedWithPatient: ['a'] });
    expect(m(ids.brother!)).toMatchObject({
      haplotypes: ['b', 'c'],
      match: 'haploidentical',
      sharedWithPatient: ['c'],
    });
    expect(m(ids.third!)).toMatchObject({ haplotypes: ['b', 'd'], match: 'mismatched' });
    expect(report.haplotypes.d!.A).toEqual(['A*24:02']);
  });

  it('refuses a bead file with bad rows whole, naming each line, then imports a good one', async () => {
    const before = await count('select count(*)::int as n from antibody_results');
    const bad = await hla.post(`${base()}/antibodies/import`, {
      fileName: 'sab.csv',
      content: 'Specificity,MFI,Test Date\nA*24:02,8000,2026-03-01\nA*24:XX,12,2026-03-01\nB44,lots,2026-03-01\n',
    });
    expect(bad.statusCode, bad.body).toBe(400);
    const problem = bad.json<Problem>();
    expect(problem.errors.map((e) => e.message)).toEqual([
      'line 3, Specificity: "A*24:XX" is not an HLA allele (A*02:01) or antigen (A2)',
      'line 4, MFI: "lots" is not an MFI (0 to 100000)',
    ]);
    expect(problem.errors[0]!.path).toBe('content');
    expect(await count('select count(*)::int as n from antibody_results')).toBe(before);
    const good = await hla.post(`${base()}/antibodies/import`, { fileName: 'sab.csv', content: BEADS, lab: 'HLA lab' });
    expect(good.statusCode, good.body).toBe(201);
    const tests = (await hla.get(`${base()}/antibodies`)).json<{
      tests: { testedOn: string; sampleId: string; results: unknown[] }[];
    }>().tests;
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({ testedOn: '2026-03-01', sampleId: 'S-1' });
    expect(tests[0]!.results[0]).toEqual({ specificity: 'A*24:02', mfi: 8000 });
  });

  it('warns of the DSA on the sister and ranks the haploidentical brother first, with reasons', async () => {
    const res = await hla.get(`${base()}/donors?episodeId=${episodeId}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{ ranked: Ranked[]; warnings: string[]; antibodyTest: { testedOn: string } }>();
    expect(view.warnings).toEqual([]);
    expect(view.antibodyTest.testedOn).toBe('2026-03-01');
    const by = (key: string) => view.ranked.find((r) => r.relativeId === ids[key])!;
    expect(by('sister').dsa).toMatchObject({ worst: 'strong' });
    expect(by('sister').dsa!.hits[0]).toMatchObject({
      specificity: 'A*24:02',
      certainty: 'definite',
      donorAlleles: ['A*24:02'],
    });
    expect(by('mother').dsa!.worst).toBe('strong');
    // A2 at 800 is under 1,000: the brother and the father carry A*02:01 but have no DSA.
    expect(by('brother').dsa).toEqual({ hits: [], worst: null });
    expect(view.ranked.map((r) => r.name)).toEqual(['Ben', 'Frank', 'Sara', 'Maria', 'Tom']);
    expect(by('brother')).toMatchObject({ rank: 1, tier: 'related', match: 'haploidentical' });
    expect(by('brother').criteria.find((c) => c.criterion === 'dsa')!.reason).toBe('no DSA');
    expect(by('sister').summary).toContain('DSA A*24:02, MFI 8000');
    expect(by('third')).toMatchObject({ tier: 'not-eligible', summary: 'HLA-mismatched: not a related donor' });
  });

  it('reads the DSA of the episode’s saved unrelated donors beside the related ones', async () => {
    const search = await insertDonorSearch(t.db, {
      centreId: t.centreId,
      episodeId,
      criteria: { loci: 8, maxMismatches: 2, donorKinds: ['adult'] },
      patientTyping: gl(HAP.a, HAP.c),
      release: '3.58.0',
      total: 1,
      userId: null,
    });
    const loci = (typing: string) =>
      typing.split('^').map((donorTyping) => ({ locus: donorTyping.slice(0, 1), donorTyping }));
    await insertDonorSearchResults(t.db, search.id, [
      {
        rank: 1,
        donorId: 'U-1',
        summary: { donorId: 'U-1', kind: 'adult', registry: 'DE', mismatches: 1, loci: loci(gl(HAP.a, HAP.d)) },
      },
    ]);
    const view = (await hla.get(`${base()}/donors?episodeId=${episodeId}`)).json<{
      unrelated: { donorId: string; label: string; matchSummary: string; dsa: { worst: string } }[];
    }>();
    expect(view.unrelated).toEqual([
      expect.objectContaining({
        donorId: 'U-1',
        label: 'Registry donor U-1 (DE)',
        matchSummary: '1 mismatch',
        dsa: expect.objectContaining({ worst: 'strong' }),
      }),
    ]);
  });

  it('needs a confirmation to choose a donor with DSA, records the choice with its reason, refuses it twice', async () => {
    const refused = await coord.post(`${base()}/decisions`, { episodeId, relativeId: ids.sister, reason: 'youngest' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json<Problem>()).toMatchObject({ code: 'confirmation-required' });
    expect(refused.json<Problem>().errors[0]!.message).toMatch(/Sara carries antigens .*anti-A\*24:02/);
    expect(await count('select count(*)::int as n from family_donor_decisions')).toBe(0);

    const chosen = await coord.post(`${base()}/decisions`, {
      episodeId,
      relativeId: ids.brother,
      reason: 'haploidentical, no DSA, first in the ranking',
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    const out = chosen.json<{
      decision: { rank: number; reason: string };
      donor: { id: string; source: string; matchGrade: string; relationship: string; displayName: string };
    }>();
    expect(out.decision).toMatchObject({ rank: 1, reason: 'haploidentical, no DSA, first in the ranking' });
    expect(out.donor).toMatchObject({
      source: 'related',
      matchGrade: 'haploidentical',
      relationship: 'sibling',
      displayName: 'Ben (sibling)',
    });
    const donors = (await coord.get(`/api/v1/episodes/${episodeId}/donors`)).json<{ donors: { id: string }[] }>();
    expect(donors.donors.map((d) => d.id)).toContain(out.donor.id);
    const audit = await t.db.query<{ reason: string }>(
      `select reason from audit_events where entity_type = 'family-donor-decision' and action = 'create'`
    );
    expect(audit.map((a) => a.reason)).toEqual(['haploidentical, no DSA, first in the ranking']);
    const again = await coord.post(`${base()}/decisions`, { episodeId, relativeId: ids.brother, reason: 'again' });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('reads each bead with its own locus threshold from the centre settings (audited)', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const current = (await admin.get('/api/v1/settings/family')).json<{
      settings: { thresholds: Record<string, unknown>; weights: unknown };
    }>().settings;
    const put = await admin.send('PUT', '/api/v1/settings/family', {
      ...current,
      thresholds: { ...current.thresholds, A: { positive: 500, strong: 5000, desensitisation: 10000 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(
      await count(
        `select count(*)::int as n from audit_events where entity_type = 'centre-settings' and after ? 'family'`
      )
    ).toBe(1);
    const view = (await hla.get(`${base()}/donors`)).json<{ ranked: Ranked[] }>();
    expect(view.ranked.find((r) => r.relativeId === ids.brother)!.dsa!.worst).toBe('positive');
    const badOrder = await admin.send('PUT', '/api/v1/settings/family', {
      ...current,
      thresholds: { ...current.thresholds, B: { positive: 6000, strong: 5000, desensitisation: 10000 } },
    });
    expect(badOrder.statusCode).toBe(400);
  });

  it('refuses what it must: roles, an unexplained "other", an implausible weight, an untyped relative', async () => {
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    expect((await nurse.post(`${base()}/relatives`, { relationship: 'child', name: 'Kid' })).statusCode).toBe(403);
    expect((await nurse.get(base())).statusCode).toBe(200);
    const lab = as(t.app, await signIn(t.app, 'lab'));
    expect(
      (await lab.post(`${base()}/decisions`, { episodeId, relativeId: ids.sister, reason: 'x y z' })).statusCode
    ).toBe(403);
    const other = await hla.post(`${base()}/relatives`, { relationship: 'other', name: 'Cousin' });
    expect(other.statusCode).toBe(400);
    expect(other.json<Problem>().errors[0]!.path).toBe('relationshipText');
    const light = await hla.post(`${base()}/relatives`, { relationship: 'child', name: 'Kid', weightKg: 5 });
    expect(light.statusCode).toBe(422);
    expect(light.json<Problem>().errors[0]!.path).toBe('weightKg');
    await addRelative('kid', {
      relationship: 'child',
      name: 'Kid',
      weightKg: 5,
      confirmations: [{ field: 'weightKg', reason: 'infant, weighed today' }],
    });
    const untyped = await coord.post(`${base()}/decisions`, { episodeId, relativeId: ids.kid, reason: 'only child' });
    expect(untyped.statusCode, untyped.body).toBe(409);
    expect(untyped.json<Problem>().errors[0]!.path).toBe('relativeId');
  });
});

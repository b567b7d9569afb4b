import { KIR_GENE_NAMES } from '@engraft/domain';
import { KIR_GENES } from '@engraft/donors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, familyPatient, gl, HAP, type Problem } from '../testing/familyFixtures';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Criterion = { criterion: string; penalty: number; weighted: number; reason: string };
type Donors = {
  recipient: { cmv: string };
  ranked: { relativeId: string; criteria: Criterion[] }[];
};
type Segregation = { method: string; members: { id: string; name: string; match: string }[] };

// Father a/b, mother c/d, patient a/c (familyFixtures), sister a/d (haploidentical).
describe.each(DRIVERS)('family corrections, KIR and the recipient CMV (%s)', (driver) => {
  let t: TestContext;
  let hla: Client;
  let coord: Client;
  let patientId = '';
  let episodeId = '';
  let ids: Record<string, string> = {};
  const base = () => `/api/v1/patients/${patientId}/family`;
  const donors = async () => (await hla.get(`${base()}/donors`)).json<Donors>();
  const criterion = (d: Donors, who: string, c: string) =>
    d.ranked.find((r) => r.relativeId === ids[who])!.criteria.find((x) => x.criterion === c);

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    const f = await familyPatient(t, 'FAM-C', 'Carl');
    ({ hla, coord, patientId, episodeId, ids } = f);
    const family: [string, Record<string, unknown>, string][] = [
      ['father', { relationship: 'father', name: 'Frank', sex: 'male' }, gl(HAP.a, HAP.b)],
      ['mother', { relationship: 'mother', name: 'Maria', sex: 'female' }, gl(HAP.d, HAP.c)],
      [
        'sister',
        { relationship: 'full-sibling', name: 'Sara', sex: 'female', availability: 'available' },
        gl(HAP.a, HAP.d),
      ],
    ];
    for (const [key, body, typing] of family) await f.addRelative(key, body, typing);
  });
  afterAll(() => t.close());

  it('reads the recipient CMV from the patient record, set with an audited write', async () => {
    expect(criterion(await donors(), 'sister', 'cmv')!.reason).toBe('CMV serostatus not recorded');
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    expect((await nurse.send('PUT', `/api/v1/patients/${patientId}/cmv`, { cmv: 'positive' })).statusCode).toBe(403);
    const bad = await coord.send('PUT', `/api/v1/patients/${patientId}/cmv`, { cmv: 'pos' });
    expect(bad.statusCode).toBe(400);
    const put = await coord.send('PUT', `/api/v1/patients/${patientId}/cmv`, { cmv: 'positive' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ cmv: string }>().cmv).toBe('positive');
    const d = await donors();
    expect(d.recipient.cmv).toBe('positive');
    expect(criterion(d, 'sister', 'cmv')).toMatchObject({
      penalty: 0.3,
      reason: 'CMV-negative donor for a CMV-positive recipient',
    });
    const audit = await t.db.query<{ before: { cmv: string }; after: { cmv: string } }>(
      `select before, after from audit_events where entity_type = 'patient' and action = 'update' and patient_id = $1`,
      [patientId]
    );
    expect(audit.map((a) => [a.before.cmv, a.after.cmv])).toEqual([['unknown', 'positive']]);
  });

  it('records a KIR genotype and ranks by it with the centre weight, explained', async () => {
    expect([...KIR_GENE_NAMES]).toEqual([...KIR_GENES]);
    const url = `${base()}/relatives/${ids.sister}/kir`;
    const disagree = await hla.send('PUT', url, { haplotype: 'AA', genes: ['KIR2DL2', 'KIR2DS2'] });
    expect(disagree.statusCode).toBe(400);
    expect(disagree.json<Problem>().errors[0]!.path).toBe('haplotype');
    expect((await hla.send('PUT', url, {})).statusCode).toBe(400);
    const put = await hla.send('PUT', url, {
      genes: ['KIR2DL2', 'KIR2DS2', 'KIR3DL1', 'KIR2DS4'],
      typedOn: '2026-03-01',
      lab: 'KIR lab',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ kir: { haplotype: string; reading: string } }>().kir).toMatchObject({
      haplotype: 'Bx',
      reading: 'KIR B/x donor, Cen-B/B, Tel-A/A, B-content 2: best',
    });
    expect(criterion(await donors(), 'sister', 'kir')).toMatchObject({ penalty: 0, weighted: 0 });
    expect(criterion(await donors(), 'father', 'kir')).toBeUndefined();
    await hla.send('PUT', `${base()}/relatives/${ids.father}/kir`, { haplotype: 'AA' });
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const settings = (await admin.get('/api/v1/settings/family')).json<{ settings: { weights: object } }>().settings;
    const w = await admin.send('PUT', '/api/v1/settings/family', {
      ...settings,
      weights: { ...settings.weights, kir: 7 },
    });
    expect(w.statusCode, w.body).toBe(200);
    expect(criterion(await donors(), 'father', 'kir')).toMatchObject({
      penalty: 1,
      weighted: 7,
      reason: 'KIR A/A donor: B-content neutral',
    });
  });

  it('asks a confirmation for an MFI above 30,000 (entered or as a threshold) and keeps it in the audit', async () => {
    const body = { testedOn: '2026-03-10', results: [{ specificity: 'A*24:02', mfi: 30_001 }] };
    const first = await hla.post(`${base()}/antibodies`, body);
    expect(first.statusCode).toBe(422);
    expect(first.json<Problem>()).toMatchObject({ code: 'confirmation-required', errors: [{ path: 'results.0.mfi' }] });
    expect(
      (await hla.post(`${base()}/antibodies`, { ...body, results: [{ specificity: 'A*24:02', mfi: 30_000 }] }))
        .statusCode
    ).toBe(201);
    const confirmed = await hla.post(`${base()}/antibodies`, {
      ...body,
      testedOn: '2026-03-11',
      confirmations: [{ field: 'results.0.mfi', reason: 'undiluted serum, reader checked' }],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const audit = await t.db.query<{ after: { confirmations?: { reason: string }[] } }>(
      `select after from audit_events where entity_type = 'antibody-test' and action = 'create' and patient_id = $1
       order by seq`,
      [patientId]
    );
    expect(audit.map((a) => a.after.confirmations?.[0]?.reason ?? null)).toEqual([
      null,
      'undiluted serum, reader checked',
    ]);
    expect(
      (await hla.post(`${base()}/antibodies`, { ...body, results: [{ specificity: 'A*24:02', mfi: 100_001 }] }))
        .statusCode
    ).toBe(400);
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const settings = (await admin.get('/api/v1/settings/family')).json<{
      settings: { thresholds: Record<string, object>; weights: object };
    }>().settings;
    const high = {
      ...settings,
      thresholds: { ...settings.thresholds, DQB1: { positive: 1000, strong: 5000, desensitisation: 40_000 } },
    };
    const refused = await admin.send('PUT', '/api/v1/settings/family', high);
    expect(refused.json<Problem>().errors.map((e) => e.path)).toEqual(['thresholds.DQB1.desensitisation']);
    const ok = await admin.send('PUT', '/api/v1/settings/family', {
      ...high,
      confirmations: [{ field: 'thresholds.DQB1.desensitisation', reason: 'centre protocol 2026' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('withdraws a typing entered in error with a reason; the segregation reads the version left', async () => {
    const url = `${base()}/relatives/${ids.sister}/hla`;
    const wrong = await hla.post(url, { glString: gl(HAP.b, HAP.d) });
    expect(wrong.statusCode).toBe(201);
    const wrongId = wrong.json<{ id: string }>().id;
    const seg = async () => (await hla.get(`${base()}/segregation`)).json<Segregation>();
    expect((await seg()).members.find((m) => m.name === 'Sara')!.match).toBe('mismatched');
    expect((await hla.send('DELETE', `${url}/${wrongId}`, {})).statusCode).toBe(400);
    const res = await hla.send('DELETE', `${url}/${wrongId}`, { reason: 'sample swap, typed the wrong tube' });
    expect(res.statusCode, res.body).toBe(200);
    const versions = res.json<{ versions: { version: number; withdrawalReason: string | null }[] }>().versions;
    expect(versions.map((v) => [v.version, v.withdrawalReason])).toEqual([
      [2, 'sample swap, typed the wrong tube'],
      [1, null],
    ]);
    expect((await seg()).members.find((m) => m.name === 'Sara')!.match).toBe('haploidentical');
    expect((await hla.send('DELETE', `${url}/${wrongId}`, { reason: 'again' })).statusCode).toBe(404);
  });

  it('deletes a relative with a reason (audited), never the chosen donor; the segregation follows', async () => {
    const seg = async () => (await hla.get(`${base()}/segregation`)).json<Segregation>();
    expect((await seg()).method).toBe('both-parents');
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    const reason = { reason: 'entered twice, duplicate of the mother' };
    expect((await nurse.send('DELETE', `${base()}/relatives/${ids.mother}`, reason)).statusCode).toBe(403);
    expect((await hla.send('DELETE', `${base()}/relatives/${ids.mother}`, { reason: 'x' })).statusCode).toBe(400);
    const del = await hla.send('DELETE', `${base()}/relatives/${ids.mother}`, reason);
    expect(del.statusCode, del.body).toBe(204);
    const after = await seg();
    expect(after.method).toBe('one-parent');
    expect(after.members.map((m) => m.name)).not.toContain('Maria');
    expect((await hla.get(base())).json<{ relatives: { id: string }[] }>().relatives.map((r) => r.id)).not.toContain(
      ids.mother
    );
    expect((await hla.send('DELETE', `${base()}/relatives/${ids.mother}`, reason)).statusCode).toBe(404);
    const audit = await t.db.query<{ reason: string; before: { relationship: string } }>(
      `select reason, before from audit_events where entity_type = 'family-relative' and action = 'delete'`
    );
    expect(audit.map((a) => [a.reason, a.before.relationship])).toEqual([[reason.reason, 'mother']]);

    const chosen = await coord.post(`${base()}/decisions`, {
      episodeId,
      relativeId: ids.sister,
      reason: 'haploidentical, the only sibling',
      confirmations: [{ field: 'relativeId', reason: 'DSA reviewed with the HLA lab' }],
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    const refused = await hla.send('DELETE', `${base()}/relatives/${ids.sister}`, { reason: 'wrong person' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().detail).toContain('Sara is the chosen donor');
    const typingId = (await hla.get(`${base()}/relatives/${ids.sister}/hla`)).json<{ versions: { id: string }[] }>()
      .versions[1]!.id;
    const typingRefused = await hla.send('DELETE', `${base()}/relatives/${ids.sister}/hla/${typingId}`, {
      reason: 'wrong tube',
    });
    expect(typingRefused.statusCode).toBe(409);
    expect(await t.db.query(`select 1 from family_relatives where deleted_at is not null`)).toHaveLength(1);
  });
});

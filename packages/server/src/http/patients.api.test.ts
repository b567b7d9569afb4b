import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

const validPatient = {
  mrn: 'MRN-1001',
  familyName: 'Testcase',
  givenName: 'Ada',
  dateOfBirth: '1980-05-17',
  sex: 'female',
  aboRh: 'O+',
  weightKg: 64.5,
  heightCm: 168,
};

describe.each(DRIVERS)('patient slice API (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let patientId = '';
  let diagnosisId = '';
  let episodeId = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    auditor = as(t.app, await signIn(t.app, 'auditor'));
  });
  afterAll(() => t.close());

  it('rejects an invalid patient with every offending field named', async () => {
    const res = await coord.post('/api/v1/patients', {
      ...validPatient,
      mrn: 'bad mrn!',
      dateOfBirth: '2099-01-01',
      weightKg: -3,
      sex: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const paths = res
      .json<Problem>()
      .errors!.map((e) => e.path)
      .sort();
    expect(paths).toEqual(['dateOfBirth', 'mrn', 'sex', 'weightKg']);
  });

  it('registers a patient, refuses the same MRN twice in the centre', async () => {
    const res = await coord.post('/api/v1/patients', validPatient);
    expect(res.statusCode).toBe(201);
    patientId = res.json<{ id: string }>().id;
    expect(res.json()).toMatchObject({ mrn: 'MRN-1001', weightKg: 64.5, heightCm: 168, aboRh: 'O+' });
    const dup = await coord.post('/api/v1/patients', { ...validPatient, mrn: 'mrn-1001' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Problem>().errors?.[0]?.path).toBe('mrn');
  });

  it('finds patients by MRN or name prefix, case-insensitively', async () => {
    await coord.post('/api/v1/patients', {
      ...validPatient,
      mrn: 'MRN-2002',
      familyName: 'Other',
      givenName: 'Bruno',
      sex: 'male',
    });
    const byMrn = await coord.get('/api/v1/patients?q=mrn-10');
    expect(byMrn.json<{ total: number }>().total).toBe(1);
    const byName = await coord.get('/api/v1/patients?q=testc%20ada');
    expect(byName.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([patientId]);
    const none = await coord.get('/api/v1/patients?q=%25');
    expect(none.json<{ total: number }>().total).toBe(0);
    const all = await auditor.get('/api/v1/patients');
    expect(all.json<{ total: number; today: string }>()).toMatchObject({
      total: 2,
      totalIsLowerBound: false,
      today: '2026-03-15',
    });
  });

  it('pages a search in name order across family, given and MRN matches, and caps the count at 1,000+', async () => {
    type List = {
      total: number;
      totalIsLowerBound: boolean;
      items: { mrn: string; familyName: string; givenName: string }[];
    };
    // 1,003 matches of "ro": family names Ro…, given names Ro… under other family names, and MRNs RO-…
    await t.db.exec(`
      insert into patients (centre_id, mrn, family_name, given_name, date_of_birth, sex, abo_rh)
      select c.id, case when g % 7 = 0 then 'RO-' else 'X-' end || g,
             (array['Rowan','Aspen','rose','Zed','Ro','Birch'])[1 + g % 6] || case when g % 5 = 0 then '' else chr(97 + g % 26) end,
             (array['Rosa','Ada','Ronja','Bo'])[1 + g % 4], date '1990-01-01', 'female', 'O+'
      from generate_series(1, 2000) g, centres c`);
    const expected = (
      await t.db.query<{ mrn: string }>(
        `select mrn from patients where lower(family_name) like 'ro%' or lower(given_name) like 'ro%' or lower(mrn) like 'ro%'
         order by lower(family_name) collate "C", lower(given_name) collate "C", mrn collate "C"`
      )
    ).map((r) => r.mrn);
    expect(expected.length).toBeGreaterThan(1000);
    const page = async (offset: number) =>
      (await coord.get(`/api/v1/patients?q=RO&limit=200&offset=${offset}`)).json<List>();
    const pages = await Promise.all([0, 200, 400, 600, 800, 1000].map(page));
    expect(pages.flatMap((p) => p.items.map((i) => i.mrn))).toEqual(expected.slice(0, 1200));
    expect(pages[0]).toMatchObject({ total: 1000, totalIsLowerBound: true });
    // Two terms: both must match; an exact count below the cap is not a lower bound.
    const two = (await coord.get('/api/v1/patients?q=ro%20ada&limit=5')).json<List>();
    const twoExpected = (
      await t.db.query<{ mrn: string }>(
        `select mrn from patients where (lower(family_name) like 'ro%' or lower(given_name) like 'ro%' or lower(mrn) like 'ro%')
           and (lower(family_name) like 'ada%' or lower(given_name) like 'ada%' or lower(mrn) like 'ada%')
         order by lower(family_name) collate "C", lower(given_name) collate "C", mrn collate "C"`
      )
    ).map((r) => r.mrn);
    expect(two.items.map((i) => i.mrn)).toEqual(twoExpected.slice(0, 5));
    expect(two).toMatchObject({ total: twoExpected.length, totalIsLowerBound: false });
    await t.db.exec(`delete from patients where mrn like 'RO-%' or mrn like 'X-%'`);
  });

  it('adds a diagnosis and opens an episode with its planned day 0', async () => {
    const bad = await coord.post(`/api/v1/patients/${patientId}/diagnoses`, {
      disease: 'FLU',
      diagnosisDate: '2025-02-30',
      status: 'CR1',
    });
    expect(
      bad
        .json<Problem>()
        .errors!.map((e) => e.path)
        .sort()
    ).toEqual(['diagnosisDate', 'disease']);
    const dx = await coord.post(`/api/v1/patients/${patientId}/diagnoses`, {
      disease: 'AML',
      diagnosisDate: '2025-11-02',
      status: 'CR1',
      subtype: 'NPM1 mutated',
    });
    expect(dx.statusCode).toBe(201);
    diagnosisId = dx.json<{ id: string }>().id;

    const needsCells = await coord.post(`/api/v1/patients/${patientId}/episodes`, {
      type: 'other-cell-therapy',
      diagnosisId,
      plannedDayZero: '2026-03-03',
    });
    expect(
      needsCells
        .json<Problem>()
        .errors!.map((e) => e.path)
        .sort()
    ).toEqual(['cellOrigin', 'cellType']);
    const foreignDx = await coord.post(`/api/v1/patients/${patientId}/episodes`, {
      type: 'car-t',
      diagnosisId: '00000000-0000-4000-8000-000000000000',
      plannedDayZero: '2026-03-03',
    });
    expect(foreignDx.json<Problem>().errors?.[0]?.path).toBe('diagnosisId');

    const ep = await coord.post(`/api/v1/patients/${patientId}/episodes`, {
      type: 'allogeneic-hct',
      diagnosisId,
      plannedDayZero: '2026-03-03',
    });
    expect(ep.statusCode).toBe(201);
    episodeId = ep.json<{ id: string }>().id;
    expect(ep.json()).toMatchObject({ phase: 'referral', plannedDayZero: '2026-03-03', actualDayZero: null });
  });

  it('moves phases forward, wants a reason to go back, and puts each on the timeline', async () => {
    expect(
      (await coord.post(`/api/v1/episodes/${episodeId}/phase`, { phase: 'conditioning', date: '2026-02-24' }))
        .statusCode
    ).toBe(200);
    const back = await coord.post(`/api/v1/episodes/${episodeId}/phase`, { phase: 'work-up', date: '2026-02-25' });
    expect(back.statusCode).toBe(400);
    expect(back.json<Problem>().errors?.[0]?.path).toBe('reason');
    const withReason = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'work-up',
      date: '2026-02-25',
      reason: 'donor clearance delayed',
    });
    expect(withReason.statusCode).toBe(200);
    // Day 0 is neither in the future (even within the one-day skew) nor before the diagnosis (2025-11-02).
    const futureDayZero = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'infusion',
      date: '2026-03-16',
    });
    expect(futureDayZero.json<Problem>().errors?.[0]).toMatchObject({
      path: 'date',
      message: expect.stringMatching(/day 0 cannot be in the future/),
    });
    const beforeDiagnosis = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'infusion',
      date: '2025-11-01',
    });
    expect(beforeDiagnosis.json<Problem>().errors?.[0]).toMatchObject({
      path: 'date',
      message: expect.stringMatching(/before the diagnosis date/),
    });
    const infused = await coord.post(`/api/v1/episodes/${episodeId}/phase`, { phase: 'infusion', date: '2026-03-04' });
    expect(infused.json()).toMatchObject({
      phase: 'infusion',
      plannedDayZero: '2026-03-03',
      actualDayZero: '2026-03-04',
    });
    const note = await coord.post(`/api/v1/episodes/${episodeId}/events`, {
      date: '2026-03-10',
      kind: 'note',
      label: 'Fever, cultures taken',
    });
    expect(note.statusCode).toBe(201);
  });

  it('returns the record with its timeline and today, and audits the read', async () => {
    const res = await coord.get(`/api/v1/patients/${patientId}`);
    expect(res.statusCode).toBe(200);
    const rec = res.json<{
      today: string;
      diagnoses: unknown[];
      episodes: { id: string }[];
      events: { date: string; label: string; recordedBy: string }[];
    }>();
    expect(rec.today).toBe('2026-03-15');
    expect(rec.diagnoses).toHaveLength(1);
    expect(rec.episodes.map((e) => e.id)).toEqual([episodeId]);
    // Opened retrospectively (today is after the planned day 0), so the referral event sits on day 0.
    expect(rec.events.map((e) => e.date)).toEqual([
      '2026-02-24',
      '2026-02-25',
      '2026-03-03',
      '2026-03-04',
      '2026-03-10',
    ]);
    expect(rec.events.at(-1)).toMatchObject({ label: 'Fever, cultures taken', recordedBy: 'Test coordinator' });

    const log = await auditor.get(`/api/v1/patients/${patientId}/audit`);
    const actions = log.json<{ actor: string; action: string; entityType: string }[]>();
    expect(actions.find((a) => a.action === 'read' && a.actor === 'coordinator')).toBeTruthy();
    expect(
      actions
        .filter((a) => a.action === 'create')
        .map((a) => a.entityType)
        .sort()
    ).toEqual(['diagnosis', 'episode', 'episode-event', 'patient']);
    const update = actions.find((a) => a.action === 'update');
    expect(update).toBeTruthy();
  });

  it('refuses event and phase dates in the future beyond one day of clock skew, and going back before day 0', async () => {
    const late = await coord.post(`/api/v1/episodes/${episodeId}/events`, {
      date: '2026-03-17',
      kind: 'note',
      label: 'Typed next week by mistake',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json<Problem>().errors?.[0]).toMatchObject({ path: 'date', message: expect.stringMatching(/future/) });
    expect(
      (
        await coord.post(`/api/v1/episodes/${episodeId}/events`, {
          date: '2026-03-16',
          kind: 'admission',
          label: 'Admitted (time zone ahead of UTC)',
        })
      ).statusCode
    ).toBe(201);
    const futurePhase = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'early-follow-up',
      date: '2026-03-17',
    });
    expect(futurePhase.statusCode).toBe(400);
    expect(futurePhase.json<Problem>().errors?.[0]?.path).toBe('date');
    const beforeInfusion = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'conditioning',
      date: '2026-03-12',
      reason: 'clicked the wrong phase',
    });
    expect(beforeInfusion.statusCode).toBe(400);
    expect(beforeInfusion.json<Problem>().errors?.[0]).toMatchObject({
      path: 'phase',
      message: expect.stringMatching(/day 0 is recorded/),
    });
    expect(
      (await coord.post(`/api/v1/episodes/${episodeId}/phase`, { phase: 'early-follow-up', date: '2026-03-12' }))
        .statusCode
    ).toBe(200);
  });

  it('refuses to close an episode without a reason', async () => {
    for (const body of [{}, { reason: '' }, { reason: ' ok ' }]) {
      const res = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
        phase: 'closed',
        date: '2026-03-15',
        ...body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual(['reason']);
    }
    expect(
      (await coord.get(`/api/v1/patients/${patientId}`)).json<{ episodes: { phase: string }[] }>().episodes[0]?.phase
    ).toBe('early-follow-up');
  });

  it('closes with a reason: who, when, from which phase and why on the episode, the timeline and the audit event', async () => {
    const res = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'closed',
      date: '2026-03-15',
      reason: 'Transferred to the referring centre',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      phase: 'closed',
      closure: {
        on: '2026-03-15',
        by: 'Test coordinator',
        fromPhase: 'early-follow-up',
        reason: 'Transferred to the referring centre',
      },
    });
    const rec = (await coord.get(`/api/v1/patients/${patientId}`)).json<{
      episodes: { closure: unknown }[];
      events: { label: string; recordedBy: string }[];
    }>();
    expect(rec.episodes[0]?.closure).toMatchObject({
      by: 'Test coordinator',
      reason: 'Transferred to the referring centre',
    });
    expect(rec.events.find((e) => e.label.startsWith('Phase: Closed'))).toMatchObject({
      label: 'Phase: Closed (closed from Early follow-up) — reason: Transferred to the referring centre',
      recordedBy: 'Test coordinator',
    });
    const audit = await t.db.query<{ actor: string; reason: string; after: { phase: string } }>(
      "select actor, reason, after from audit_events where entity_type = 'episode' and entity_id = $1 and action = 'update' order by seq desc limit 1",
      [episodeId]
    );
    expect(audit[0]).toMatchObject({
      actor: 'coordinator',
      reason: 'Transferred to the referring centre',
      after: { phase: 'closed' },
    });
    const again = await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'long-term-follow-up',
      date: '2026-03-15',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detail).toMatch(/administrator can reopen/);
  });

  it('lets only an administrator reopen a closed episode, with a reason, audited', async () => {
    const physician = as(t.app, await signIn(t.app, 'physician'));
    const admin = as(t.app, await signIn(t.app, 'admin'));
    for (const who of [coord, physician, auditor]) {
      expect(
        (await who.post(`/api/v1/episodes/${episodeId}/reopen`, { date: '2026-03-15', reason: 'closed in error' }))
          .statusCode
      ).toBe(403);
    }
    const noReason = await admin.post(`/api/v1/episodes/${episodeId}/reopen`, { date: '2026-03-15' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().errors?.[0]?.path).toBe('reason');
    const preInfusion = await admin.post(`/api/v1/episodes/${episodeId}/reopen`, {
      date: '2026-03-15',
      phase: 'work-up',
      reason: 'closed in error',
    });
    expect(preInfusion.statusCode).toBe(400);
    expect(preInfusion.json<Problem>().errors?.[0]?.path).toBe('phase');
    const reopened = await admin.post(`/api/v1/episodes/${episodeId}/reopen`, {
      date: '2026-03-15',
      reason: 'Closed in error: the patient stays with us',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ phase: 'early-follow-up', closure: null, actualDayZero: '2026-03-04' });
    const audit = await t.db.query<{
      actor: string;
      reason: string;
      before: { phase: string };
      after: { phase: string };
    }>(
      "select actor, reason, before, after from audit_events where entity_type = 'episode' and entity_id = $1 and action = 'update' order by seq desc limit 1",
      [episodeId]
    );
    expect(audit[0]).toMatchObject({
      actor: 'admin',
      reason: 'Closed in error: the patient stays with us',
      before: { phase: 'closed' },
      after: { phase: 'early-follow-up' },
    });
    const events = (await coord.get(`/api/v1/patients/${patientId}`)).json<{ events: { label: string }[] }>().events;
    expect(events.map((e) => e.label)).toContain(
      'Episode reopened in Early follow-up — reason: Closed in error: the patient stays with us'
    );
    expect(
      (await admin.post(`/api/v1/episodes/${episodeId}/reopen`, { date: '2026-03-15', reason: 'again' })).statusCode
    ).toBe(409);
    // The admin may choose another phase the state machine allows.
    await coord.post(`/api/v1/episodes/${episodeId}/phase`, {
      phase: 'closed',
      date: '2026-03-15',
      reason: 'Lost to follow-up',
    });
    const chosen = await admin.post(`/api/v1/episodes/${episodeId}/reopen`, {
      date: '2026-03-15',
      phase: 'long-term-follow-up',
      reason: 'Patient returned for long-term follow-up',
    });
    expect(chosen.json()).toMatchObject({ phase: 'long-term-follow-up', closure: null });
  });

  it('keeps the audit chain intact through all of this', async () => {
    const res = await auditor.get('/api/v1/audit/verify');
    expect(res.json()).toMatchObject({ ok: true });
  });

  it('answers 404 as problem+json for unknown patients and API routes', async () => {
    const res = await coord.get('/api/v1/patients/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect((await coord.get('/api/v1/nope')).statusCode).toBe(404);
    const badId = await coord.get('/api/v1/patients/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json<Problem>().errors?.[0]?.path).toBe('patientId');
  });
});

import { dateOfDay } from '@engraft/clinical';
import type { EpisodeType } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-05-10';
type Item = {
  episodeId: string;
  mrn: string;
  kind: string;
  severity: string;
  label: string;
  followUpKey?: string;
  alertKey?: string;
  acknowledged?: { by: string; at: string; note: string | null } | null;
};
type Worklist = {
  phases: { phase: string; n: number }[];
  items: Item[];
  recentlyDone: { episodeId: string; key: string; label: string; recordedBy: string | null }[];
};
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

describe.each(DRIVERS)('worklist and programme dashboard (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  const patients: Record<string, string> = {};
  const episodes: Record<string, string> = {};

  async function episode(
    mrn: string,
    type: EpisodeType,
    daysAgo: number
  ): Promise<{ patientId: string; episodeId: string }> {
    const dayZero = dateOfDay(TODAY, -daysAgo);
    const { patientId, episodeId } = await patientWithEpisode(coord, {
      patient: { mrn, familyName: 'Work', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'female' },
      diagnosis: { disease: 'NHL', diagnosisDate: '2025-01-01', status: 'relapse' },
      episode: { type, plannedDayZero: dayZero, phases: { infusion: dayZero, 'early-follow-up': dayZero } },
    });
    episodes[mrn] = episodeId;
    patients[mrn] = patientId;
    return { patientId, episodeId };
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    admin = as(t.app, await signIn(t.app, 'admin'));
    auditor = as(t.app, await signIn(t.app, 'auditor'));
    await episode('CART-D3', 'car-t', 3);
    const late = await episode('HCT-D25', 'autologous-hct', 25);
    const failed = await episode('HCT-D35', 'allogeneic-hct', 35);
    for (const p of [late, failed]) {
      const rows = Array.from({ length: 10 }, (_, i) => `${dateOfDay(TODAY, -i * 2)},anc,0.1,x10^9/L`);
      await nurse.post(`/api/v1/patients/${p.patientId}/labs/import`, {
        format: 'csv',
        content: ['date,analyte,value,unit', ...rows, `${TODAY},cmv-pcr,2500,IU/mL`].join('\n'),
      });
    }
  });
  afterAll(() => t.close());

  const kinds = (w: Worklist, mrn: string): string[] =>
    w.items
      .filter((i) => i.mrn === mrn)
      .map((i) => i.kind)
      .sort();

  it('lists what is due today, alerts first', async () => {
    const w = (await coord.get('/api/v1/worklist')).json<Worklist>();
    // The CAR-T Pre-CTED (4000) is due at D+30, beyond the 14-day lead: not listed yet.
    expect(kinds(w, 'CART-D3')).toEqual(['crs-icans-due']);
    expect(kinds(w, 'HCT-D25')).toEqual([
      'cmv-above-threshold',
      'engraftment-not-reached',
      'follow-up-due',
      'report-due',
    ]);
    expect(kinds(w, 'HCT-D35')).toEqual(['cmv-above-threshold', 'follow-up-due', 'graft-failure', 'report-due']);
    expect(w.items[0]!.severity).toBe('alert');
    expect(w.items.find((i) => i.mrn === 'HCT-D25' && i.kind === 'follow-up-due')).toMatchObject({
      severity: 'upcoming',
      followUpKey: 'visit-d30',
    });
    expect(w.phases.find((p) => p.phase === 'early-follow-up')?.n).toBe(3);
  });

  it('drops a follow-up item once marked done, and refuses unknown or future ones', async () => {
    const ep = episodes['HCT-D25']!;
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, { completedOn: TODAY })).statusCode).toBe(
      201
    );
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, { completedOn: TODAY })).statusCode).toBe(
      409
    );
    expect((await coord.post(`/api/v1/episodes/${ep}/follow-ups/cibmtr-9999`, { completedOn: TODAY })).statusCode).toBe(
      400
    );
    expect(
      (await coord.post(`/api/v1/episodes/${ep}/follow-ups/visit-d30`, { completedOn: '2026-06-01' })).statusCode
    ).toBe(400);
    const beforeDayZero = await coord.post(`/api/v1/episodes/${ep}/follow-ups/visit-d30`, {
      completedOn: dateOfDay(TODAY, -26),
    });
    expect(beforeDayZero.statusCode).toBe(400);
    expect(beforeDayZero.json<Problem>().errors?.[0]).toMatchObject({
      path: 'completedOn',
      message: expect.stringMatching(/before day 0/),
    });
    const w = (await coord.get('/api/v1/worklist')).json<Worklist>();
    expect(w.items.some((i) => i.episodeId === ep && i.followUpKey === 'cibmtr-2400')).toBe(false);
  });

  it('lists only the reports already due for a patient who died', async () => {
    const ep = episodes['HCT-D35']!;
    expect(
      (
        await coord.post(`/api/v1/episodes/${ep}/clinical-events`, {
          kind: 'death',
          occurredOn: dateOfDay(TODAY, -1),
          causeOfDeath: 'infection',
        })
      ).statusCode
    ).toBe(201);
    const w = (await coord.get('/api/v1/worklist')).json<Worklist>();
    expect(w.items.filter((i) => i.mrn === 'HCT-D35').map((i) => i.kind)).toEqual(['report-due']);
  });

  const importCsv = async (mrn: string, rows: string[]) => {
    const res = await nurse.post(`/api/v1/patients/${patients[mrn]}/labs/import`, {
      format: 'csv',
      content: ['date,analyte,value,unit,lineage', ...rows].join('\n'),
    });
    expect(res.statusCode).toBe(200);
  };
  const worklist = async () => (await coord.get('/api/v1/worklist')).json<Worklist>();
  const putSettings = async (over: Record<string, number>) => {
    const view = (await admin.get('/api/v1/settings/monitoring')).json<{ defaults: Record<string, unknown> }>();
    expect((await admin.send('PUT', '/api/v1/settings/monitoring', { ...view.defaults, ...over })).statusCode).toBe(
      200
    );
  };

  it('acknowledges an alert (who, when, note; audited), keeps it listed collapsed, and raises a new alert on a new result', async () => {
    await importCsv('CART-D3', [`${dateOfDay(TODAY, -2)},cmv-pcr,1500,IU/mL,`]);
    const alert = (await worklist()).items.find((i) => i.mrn === 'CART-D3' && i.kind === 'cmv-above-threshold')!;
    expect(alert).toMatchObject({
      severity: 'alert',
      acknowledged: null,
      alertKey: `cmv-above-threshold:${episodes['CART-D3']}:${dateOfDay(TODAY, -2)}:1500`,
    });
    expect((await auditor.post('/api/v1/worklist/acknowledgements', { alertKey: alert.alertKey })).statusCode).toBe(
      403
    );
    const unknown = await nurse.post('/api/v1/worklist/acknowledgements', { alertKey: 'cmv-above-threshold:nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.[0]?.path).toBe('alertKey');
    const notAnAlert = (await worklist()).items.find((i) => i.mrn === 'CART-D3' && i.kind === 'crs-icans-due');
    expect(notAnAlert?.alertKey).toBeUndefined();

    expect(
      (
        await nurse.post('/api/v1/worklist/acknowledgements', {
          alertKey: alert.alertKey,
          note: 'Discussed with ID; valganciclovir started',
        })
      ).statusCode
    ).toBe(201);
    expect((await nurse.post('/api/v1/worklist/acknowledgements', { alertKey: alert.alertKey })).statusCode).toBe(409);
    const acked = (await worklist()).items.find((i) => i.alertKey === alert.alertKey);
    expect(acked?.acknowledged).toMatchObject({ by: 'Test nurse', note: 'Discussed with ID; valganciclovir started' });
    const [audit] = await t.db.query<{ actor: string; after: { alertKey: string; note: string } }>(
      "select actor, after from audit_events where entity_type = 'alert-acknowledgement' order by seq desc limit 1"
    );
    expect(audit).toMatchObject({
      actor: 'nurse',
      after: { alertKey: alert.alertKey, note: 'Discussed with ID; valganciclovir started' },
    });

    // A new, higher result is new evidence: a new alert, not acknowledged.
    await importCsv('CART-D3', [`${dateOfDay(TODAY, -1)},cmv-pcr,3000,IU/mL,`]);
    const cmv = (await worklist()).items.filter((i) => i.mrn === 'CART-D3' && i.kind === 'cmv-above-threshold');
    expect(cmv).toHaveLength(1);
    expect(cmv[0]).toMatchObject({
      alertKey: `cmv-above-threshold:${episodes['CART-D3']}:${dateOfDay(TODAY, -1)}:3000`,
      acknowledged: null,
    });
  });

  it('lists open alerts before acknowledged ones', async () => {
    const items = (await worklist()).items.filter((i) => i.severity === 'alert');
    const firstAcked = items.findIndex((i) => i.acknowledged);
    const lastOpen = items.map((i) => !i.acknowledged).lastIndexOf(true);
    expect(lastOpen).toBeLessThan(firstAcked === -1 ? Infinity : firstAcked);
  });

  it('ages alerts out: chimerism evidence older than 90 days and CMV older than 30 days raise nothing (boundary days included)', async () => {
    await episode('ALLO-D120', 'allogeneic-hct', 120);
    await importCsv('ALLO-D120', [
      `${dateOfDay(TODAY, -104)},chimerism,97,%,T-cell`,
      `${dateOfDay(TODAY, -97)},chimerism,92,%,T-cell`,
      `${dateOfDay(TODAY, -90)},chimerism,84,%,T-cell`,
    ]);
    await episode('CART-D40', 'car-t', 40);
    await importCsv('CART-D40', [`${dateOfDay(TODAY, -30)},cmv-pcr,2500,IU/mL,`]);
    const kindsNow = kinds(await worklist(), 'ALLO-D120');
    expect(kindsNow).toContain('chimerism-falling');
    expect(kinds(await worklist(), 'CART-D40')).toContain('cmv-above-threshold');
    // One day shorter windows: the same results are now one day too old.
    await putSettings({ chimerismEvidenceDays: 89, cmvEvidenceDays: 29 });
    try {
      expect(kinds(await worklist(), 'ALLO-D120')).not.toContain('chimerism-falling');
      expect(kinds(await worklist(), 'CART-D40')).not.toContain('cmv-above-threshold');
    } finally {
      await putSettings({});
    }
    expect(kinds(await worklist(), 'ALLO-D120')).toContain('chimerism-falling');
  });

  it('lists a refused bedside check (wrong patient) first, above every other alert', async () => {
    const before = (await worklist()).items;
    expect(before.filter((i) => i.severity === 'alert' && !i.acknowledged).length).toBeGreaterThan(2);
    const scan = await nurse.post(`/api/v1/episodes/${episodes['CART-D3']}/bedside-checks`, {
      mrn: 'SOMEONE-ELSE',
      din: 'A999926000001',
      productCode: 'S1398',
    });
    expect(scan.statusCode).toBe(201);
    expect(scan.json<{ result: string }>().result).toBe('stop');
    const w = await worklist();
    expect(w.items[0]).toMatchObject({ kind: 'bedside-stop', mrn: 'CART-D3', severity: 'alert', acknowledged: null });
    expect(w.items[0]!.alertKey).toMatch(/^bedside-stop:/);
  });

  it('undoes "Mark done" with a reason, audited, and the item is due again', async () => {
    const ep = episodes['HCT-D25']!;
    expect((await worklist()).recentlyDone).toEqual([
      expect.objectContaining({
        episodeId: ep,
        key: 'cibmtr-2400',
        recordedBy: 'Test coordinator',
        label: expect.stringMatching(/^CIBMTR 2400/),
      }),
    ]);
    const noReason = await coord.send('DELETE', `/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().errors?.[0]?.path).toBe('reason');
    expect(
      (
        await auditor.send('DELETE', `/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, {
          reason: 'marked on the wrong patient',
        })
      ).statusCode
    ).toBe(403);
    expect(
      (
        await coord.send('DELETE', `/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, {
          reason: 'Marked on the wrong patient',
        })
      ).statusCode
    ).toBe(204);
    const w = await worklist();
    expect(w.items.some((i) => i.episodeId === ep && i.followUpKey === 'cibmtr-2400')).toBe(true);
    expect(w.recentlyDone).toEqual([]);
    const [audit] = await t.db.query<{ action: string; reason: string; before: { key: string; completedOn: string } }>(
      "select action, reason, before from audit_events where entity_type = 'follow-up' order by seq desc limit 1"
    );
    expect(audit).toMatchObject({
      action: 'delete',
      reason: 'Marked on the wrong patient',
      before: { key: 'cibmtr-2400', completedOn: TODAY },
    });
    expect(
      (await coord.send('DELETE', `/api/v1/episodes/${ep}/follow-ups/cibmtr-2400`, { reason: 'again' })).statusCode
    ).toBe(409);
  });
});

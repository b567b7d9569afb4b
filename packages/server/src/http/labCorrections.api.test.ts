import { dateOfDay } from '@engraft/clinical';
import { DEFAULT_MONITORING_SETTINGS, type EpisodeType } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProduct } from '../repo/products';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

// Issue 8, the rest: correcting and deleting results (ADR 0600), per-centre monitoring settings, the graft source
// from the episode's products, and the chimerism trend in the summary and the worklist.

const DAY0 = '2026-03-01';
const d = (n: number): string => dateOfDay(DAY0, n);

type Point = { id: string; day: number; value: number; lineage: string | null; correctedAt: string | null };
type Summary = {
  engraftment: { neutrophil: { day: number } | null };
  graftFailure: { primaryGraftFailure: boolean | null; limitDay: number } | null;
  graftSource: { source: string; fromProducts: boolean } | null;
  series: Record<string, Point[]>;
  transfusions: { id: string; product: string; day: number }[];
  chimerism: {
    lineage: string;
    donorPercent: number;
    category: string;
    trend: { direction: string; changePoints: number | null } | null;
  }[];
  settings: { cmvThresholdIuMl: number };
};
type Item = { mrn: string; kind: string; label: string };

describe.each(DRIVERS)('corrections, settings, graft source and chimerism trend (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;

  async function episode(
    mrn: string,
    type: EpisodeType = 'allogeneic-hct'
  ): Promise<{ patientId: string; episodeId: string }> {
    return patientWithEpisode(coord, {
      patient: { mrn, familyName: 'Fix', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'male' },
      diagnosis: { disease: 'AML', diagnosisDate: '2025-01-01', status: 'CR1' },
      episode: { type, plannedDayZero: DAY0, phases: { infusion: DAY0, 'early-follow-up': DAY0 } },
    });
  }
  const summary = async (episodeId: string): Promise<Summary> =>
    (await nurse.get(`/api/v1/episodes/${episodeId}/monitoring`)).json<Summary>();
  const importCsv = async (patientId: string, rows: string[]) => {
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'csv',
      content: ['date,analyte,value,unit,lineage', ...rows].join('\n'),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const audit = (entityId: string) =>
    t.db.query<{
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      reason: string | null;
    }>('select action, before, after, reason from audit_events where entity_id = $1 order by seq', [entityId]);
  const worklist = async (): Promise<Item[]> => (await coord.get('/api/v1/worklist')).json<{ items: Item[] }>().items;

  beforeAll(async () => {
    t = await createTestApp(driver, { today: d(40) });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    admin = as(t.app, await signIn(t.app, 'admin'));
  });
  afterAll(() => t.close());

  it('a corrected ANC moves the engraftment date; the audit keeps before, after and the reason', async () => {
    const { patientId, episodeId } = await episode('FIX-ANC');
    // ANC >= 0.5 from D+10, but the D+11 value was mis-keyed as 0.05 (it was 0.5): engraftment only from D+12.
    await importCsv(
      patientId,
      [
        [3, 0.1],
        [6, 0.1],
        [10, 0.6],
        [11, 0.05],
        [12, 0.7],
        [13, 0.9],
        [14, 1.1],
      ].map(([day, v]) => `${d(day!)},anc,${v},x10^9/L,`)
    );
    expect((await summary(episodeId)).engraftment.neutrophil?.day).toBe(12);
    const wrong = (await summary(episodeId)).series.anc!.find((p) => p.day === 11)!;

    const res = await nurse.send('PUT', `/api/v1/observations/${wrong.id}`, {
      observedOn: d(11),
      value: 500,
      unit: 'cells/uL',
      reason: 'transcription error: 0.5 keyed as 0.05',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ value: 0.5, reportedValue: 500, reportedUnit: 'cells/uL' });
    const s = await summary(episodeId);
    expect(s.engraftment.neutrophil?.day).toBe(10);
    expect(s.series.anc!.find((p) => p.id === wrong.id)?.correctedAt).toBeTruthy();

    const [event] = await audit(wrong.id).then((rows) => rows.filter((r) => r.action === 'update'));
    expect(event).toMatchObject({
      reason: 'transcription error: 0.5 keyed as 0.05',
      before: { value: 0.05, reportedValue: 0.05 },
      after: { value: 0.5, reportedValue: 500 },
    });
  });

  it('checks a correction like a new entry: unit of the analyte, no change, no duplicate, a reason', async () => {
    const { patientId, episodeId } = await episode('FIX-CHECK');
    await importCsv(patientId, [`${d(5)},platelets,12,x10^9/L,`, `${d(6)},platelets,15,x10^9/L,`]);
    const [p5, p6] = (await summary(episodeId)).series.platelets!;
    const put = (body: object) => nurse.send('PUT', `/api/v1/observations/${p5!.id}`, body);
    const wrongUnit = await put({ observedOn: d(5), value: 12, unit: 'mg/dL', reason: 'unit' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('unit');
    expect((await put({ observedOn: d(5), value: 12, unit: 'x10^9/L', reason: 'no change' })).statusCode).toBe(400);
    expect(
      (await put({ observedOn: d(5), value: 13, unit: 'x10^9/L' })).json<{ errors: { path: string }[] }>().errors[0]
        ?.path
    ).toBe('reason');
    expect((await put({ observedOn: d(5), value: 13, unit: 'x10^9/L', reason: '  ' })).statusCode).toBe(400);
    expect((await put({ observedOn: d(6), value: 15, unit: 'x10^9/L', reason: 'wrong day' })).statusCode).toBe(409);
    expect(
      (
        await as(t.app, await signIn(t.app, 'auditor')).send('PUT', `/api/v1/observations/${p6!.id}`, {
          observedOn: d(6),
          value: 16,
          unit: 'x10^9/L',
          reason: 'x y z',
        })
      ).statusCode
    ).toBe(403);
  });

  it('deletes a result only with a reason; the audit trail keeps the deleted row', async () => {
    const { patientId, episodeId } = await episode('FIX-DEL');
    await importCsv(patientId, [`${d(7)},crp,45,mg/L,`]);
    const [crp] = (await summary(episodeId)).series.crp!;
    expect((await nurse.send('DELETE', `/api/v1/observations/${crp!.id}`, {})).statusCode).toBe(400);
    expect((await nurse.send('DELETE', `/api/v1/observations/${crp!.id}`, { reason: 'no' })).statusCode).toBe(400);
    const res = await nurse.send('DELETE', `/api/v1/observations/${crp!.id}`, { reason: 'result of another patient' });
    expect(res.statusCode).toBe(204);
    expect((await summary(episodeId)).series.crp).toBeUndefined();
    const del = (await audit(crp!.id)).find((r) => r.action === 'delete');
    expect(del).toMatchObject({
      reason: 'result of another patient',
      before: { analyte: 'crp', value: 45, observedOn: d(7) },
      after: null,
    });
    expect((await nurse.send('DELETE', `/api/v1/observations/${crp!.id}`, { reason: 'again please' })).statusCode).toBe(
      404
    );
    // The audit chain is intact after corrections and deletions.
    expect((await admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('corrects and deletes transfusions with a reason, and the platelet engraftment follows', async () => {
    const { patientId, episodeId } = await episode('FIX-TX');
    await importCsv(patientId, [
      ...[
        [2, 15],
        [4, 12],
        [8, 25],
        [9, 30],
        [10, 35],
      ].map(([day, v]) => `${d(day!)},platelets,${v},x10^9/L,`),
      `${d(7)},platelet-transfusion,,,`,
    ]);
    type Eng = { engraftment: { platelet: { day: number } | null } };
    // A platelet transfusion on D+7 means the D+8 run is not transfusion-independent.
    expect((await nurse.get(`/api/v1/episodes/${episodeId}/monitoring`)).json<Eng>().engraftment.platelet).toBeNull();
    const [tx] = (await summary(episodeId)).transfusions;
    expect(
      (await nurse.send('PUT', `/api/v1/transfusions/${tx!.id}`, { product: 'red-cells', givenOn: d(7) })).statusCode
    ).toBe(400);
    const res = await nurse.send('PUT', `/api/v1/transfusions/${tx!.id}`, {
      product: 'red-cells',
      givenOn: d(7),
      reason: 'it was a red-cell unit',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await nurse.get(`/api/v1/episodes/${episodeId}/monitoring`)).json<Eng>().engraftment.platelet?.day).toBe(8);
    expect((await audit(tx!.id)).find((r) => r.action === 'update')).toMatchObject({
      before: { product: 'platelets' },
      after: { product: 'red-cells' },
      reason: 'it was a red-cell unit',
    });
    expect(
      (
        await as(t.app, await signIn(t.app, 'lab')).send('DELETE', `/api/v1/transfusions/${tx!.id}`, {
          reason: 'entered twice',
        })
      ).statusCode
    ).toBe(403);
    expect((await nurse.send('DELETE', `/api/v1/transfusions/${tx!.id}`, { reason: 'entered twice' })).statusCode).toBe(
      204
    );
    expect((await summary(episodeId)).transfusions).toEqual([]);
  });

  it('chooses the graft-failure day from the products: cord blood D+42, none recorded D+30', async () => {
    const cord = await episode('FIX-CORD');
    const pbsc = await episode('FIX-PBSC');
    for (const e of [cord, pbsc]) {
      await importCsv(
        e.patientId,
        Array.from({ length: 12 }, (_, i) => `${d(3 * i + 1)},anc,0.1,x10^9/L,`)
      );
    }
    await insertProduct(
      t.db,
      t.centreId,
      { patientId: cord.patientId, episodeId: cord.episodeId, status: 'infused' },
      {
        din: 'A999926123456',
        productCode: 'S1295',
        division: '00',
        kind: 'hpc-cord',
        description: 'HPC, Cord Blood',
        cryopreserved: true,
      },
      null
    );
    const c = await summary(cord.episodeId);
    expect(c.graftSource).toEqual({ source: 'cord-blood', fromProducts: true });
    expect(c.graftFailure).toMatchObject({ primaryGraftFailure: null, limitDay: 42 });
    const p = await summary(pbsc.episodeId);
    expect(p.graftSource).toEqual({ source: 'pbsc', fromProducts: false });
    expect(p.graftFailure).toMatchObject({ primaryGraftFailure: true, limitDay: 30 });
    const items = await worklist();
    expect(
      items.find((i) => i.mrn === 'FIX-CORD' && (i.kind === 'graft-failure' || i.kind === 'engraftment-not-reached'))
        ?.kind
    ).toBe('engraftment-not-reached');
    expect(items.find((i) => i.mrn === 'FIX-PBSC' && i.kind === 'graft-failure')).toBeTruthy();
  });

  it('flags falling chimerism by lineage in the summary and on the worklist', async () => {
    const { patientId, episodeId } = await episode('FIX-CHIM');
    await importCsv(patientId, [
      `${d(14)},chimerism,99,%,whole-blood`,
      `${d(21)},chimerism,98,%,whole-blood`,
      `${d(28)},chimerism,97,%,whole-blood`,
      `${d(14)},chimerism,97,%,T-cell`,
      `${d(21)},chimerism,92,%,T-cell`,
      `${d(28)},chimerism,84,%,T-cell`,
    ]);
    const s = await summary(episodeId);
    const byLineage = Object.fromEntries(s.chimerism.map((c) => [c.lineage, c]));
    expect(byLineage['whole-blood']).toMatchObject({
      donorPercent: 97,
      category: 'full-donor',
      trend: { direction: 'stable' },
    });
    expect(byLineage['T-cell']).toMatchObject({
      donorPercent: 84,
      category: 'mixed',
      trend: { direction: 'falling', changePoints: -13 },
    });
    const item = (await worklist()).find((i) => i.mrn === 'FIX-CHIM' && i.kind === 'chimerism-falling');
    expect(item?.label).toMatch(/^Falling donor chimerism \(T-cell\): 97% on .* to 84% on/);
  });

  it('keeps per-centre settings: everyone reads, only admins write (audited), and the worklist follows them', async () => {
    const view = (await nurse.get('/api/v1/settings/monitoring')).json<{
      settings: typeof DEFAULT_MONITORING_SETTINGS;
      defaults: unknown;
      updatedAt: string | null;
    }>();
    expect(view).toMatchObject({
      settings: DEFAULT_MONITORING_SETTINGS,
      defaults: DEFAULT_MONITORING_SETTINGS,
      updatedAt: null,
    });
    const { patientId } = await episode('FIX-CMV');
    await importCsv(patientId, [`${d(39)},cmv-pcr,600,IU/mL,`]);
    expect((await worklist()).some((i) => i.mrn === 'FIX-CMV' && i.kind === 'cmv-above-threshold')).toBe(false);

    const next = { ...DEFAULT_MONITORING_SETTINGS, cmvThresholdIuMl: 500, chimerismDropPoints: 20 };
    expect((await nurse.send('PUT', '/api/v1/settings/monitoring', next)).statusCode).toBe(403);
    const bad = await admin.send('PUT', '/api/v1/settings/monitoring', {
      ...next,
      graftFailureDays: { pbsc: 5, 'bone-marrow': 30, 'cord-blood': 42 },
    });
    expect(bad.statusCode).toBe(400);
    const res = await admin.send('PUT', '/api/v1/settings/monitoring', next);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ settings: next, updatedBy: 'Test admin' });

    const items = await worklist();
    expect(items.find((i) => i.mrn === 'FIX-CMV' && i.kind === 'cmv-above-threshold')?.label).toContain(
      'threshold 500'
    );
    // A 13-point fall is under the centre's 20 points.
    expect(items.some((i) => i.mrn === 'FIX-CHIM' && i.kind === 'chimerism-falling')).toBe(false);
    const [event] = await t.db.query<{
      before: { monitoring: { cmvThresholdIuMl: number } };
      after: { monitoring: { cmvThresholdIuMl: number } };
    }>(`select before, after from audit_events where entity_type = 'centre-settings' order by seq desc limit 1`);
    expect([event?.before.monitoring.cmvThresholdIuMl, event?.after.monitoring.cmvThresholdIuMl]).toEqual([1000, 500]);
    await admin.send('PUT', '/api/v1/settings/monitoring', DEFAULT_MONITORING_SETTINGS);
  });
});

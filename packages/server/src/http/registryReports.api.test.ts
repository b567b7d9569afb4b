import { createHash } from 'node:crypto';
import { dateOfDay } from '@engraft/clinical';
import type { EpisodeType, RegistryReportList, RegistryReportPreview, RegistrySubmission } from '@engraft/domain';
import type { Bundle, Resource } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../testing/fhirValidator';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-05-10';
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe.each(DRIVERS)('registry reports to CIBMTR and EBMT (%s)', (driver) => {
  let t: TestContext;
  let dm: ReturnType<typeof as>;
  let coord: ReturnType<typeof as>;
  let physician: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let auto: { patientId: string; episodeId: string };
  let cart: { patientId: string; episodeId: string };

  async function episode(mrn: string, type: EpisodeType, daysAgo: number) {
    const dayZero = dateOfDay(TODAY, -daysAgo);
    return patientWithEpisode(coord, {
      patient: { mrn, familyName: 'Registry', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'male' },
      diagnosis: { disease: 'MM', diagnosisDate: '2025-01-01', status: 'PR' },
      episode: { type, plannedDayZero: dayZero, phases: { infusion: dayZero, 'early-follow-up': dayZero } },
    });
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    dm = as(t.app, await signIn(t.app, 'data-manager'));
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    physician = as(t.app, await signIn(t.app, 'physician'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    auto = await episode('REG-AUTO', 'autologous-hct', 120);
    cart = await episode('REG-CART', 'car-t', 40);
    // Counts after day 0 for the autologous HCT: ANC recovers on day 12.
    const rows = [4, 8, 12, 13, 14, 30].map((d) => `${dateOfDay(TODAY, -120 + d)},anc,${d < 12 ? 0.1 : 1.5},x10^9/L`);
    const imported = await dm.post(`/api/v1/patients/${auto.patientId}/labs/import`, {
      format: 'csv',
      content: ['date,analyte,value,unit', ...rows].join('\n'),
    });
    expect(imported.statusCode, imported.body).toBeLessThan(300);
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists the due reports with completeness; physicians read, nurses are refused', async () => {
    const res = await dm.get('/api/v1/registry-reports');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<RegistryReportList>();
    const keys = list.reports.filter((r) => r.episodeId === auto.episodeId).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['cibmtr-2400', 'cibmtr-2450-d100', 'ebmt-registration-d100']));
    const d100 = list.reports.find((r) => r.episodeId === auto.episodeId && r.key === 'cibmtr-2450-d100');
    expect(d100).toMatchObject({ status: 'overdue', form: '2450', missing: 1, required: 2 });
    expect(list.reports.find((r) => r.episodeId === cart.episodeId && r.key === 'cibmtr-4000')).toMatchObject({
      status: 'overdue',
      form: '4000',
    });
    expect((await physician.get('/api/v1/registry-reports')).statusCode).toBe(200);
    expect((await nurse.get('/api/v1/registry-reports')).statusCode).toBe(403);
  });

  it(
    'previews a CIBMTR report: missing items with links, a Bundle whose every resource is valid R4',
    { timeout: 120_000 },
    async () => {
      const res = await dm.get(`/api/v1/episodes/${auto.episodeId}/registry-reports/cibmtr-2450-d100`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<RegistryReportPreview>();
      expect(p.missingItems.map((m) => [m.item, m.link])).toEqual([
        ['survival', `/patients/${auto.patientId}?tab=monitoring&episode=${auto.episodeId}#record-follow-up-event`],
      ]);
      const bundle = p.bundle as unknown as Bundle;
      validateR4(bundle);
      for (const e of bundle.entry ?? []) validateR4(e.resource as Resource);
      const anc = bundle.entry?.find((e) => e.resource?.id?.startsWith('anc-'))?.resource;
      expect(anc).toMatchObject({ effectiveDateTime: dateOfDay(TODAY, -108) });
      expect(p.content.format).toBe('fhir-json');
      expect(JSON.stringify(bundle)).not.toContain('REG-AUTO');
    }
  );

  it('refuses to record a submission with items missing unless a reason is given (422 naming overrideReason)', async () => {
    const url = `/api/v1/episodes/${cart.episodeId}/registry-reports/cibmtr-4000/submissions`;
    const refused = await dm.post(url, {});
    expect(refused.statusCode).toBe(422);
    const problem = refused.json<Problem>();
    expect(problem.errors?.[0]?.path).toBe('overrideReason');
    expect(problem.errors?.[0]?.message).toMatch(/Date of infusion/);
    expect((await physician.post(url, { overrideReason: 'registry deadline today' })).statusCode).toBe(403);
    const ok = await dm.post(url, { overrideReason: 'infusion given elsewhere; CIBMTR asked for the form now' });
    expect(ok.statusCode, ok.body).toBe(201);
    const s = ok.json<RegistrySubmission>();
    expect(s.missingItems).toEqual(expect.arrayContaining(['infusion', 'product', 'conditioning']));
    const [audit] = await t.db.query<{ reason: string; after: { sha256: string } }>(
      `select reason, after from audit_events where entity_type = 'registry-submission' and entity_id = $1`,
      [s.id]
    );
    expect(audit).toMatchObject({ reason: 'infusion given elsewhere; CIBMTR asked for the form now' });
    expect(audit?.after.sha256).toBe(s.sha256);
  });

  it('fills the missing item, records the EBMT and CIBMTR submissions (content, SHA-256, who) and marks them done', async () => {
    const event = await dm.post(`/api/v1/episodes/${auto.episodeId}/clinical-events`, {
      kind: 'last-contact',
      occurredOn: TODAY,
    });
    expect(event.statusCode, event.body).toBe(201);
    for (const key of ['ebmt-registration-d100', 'cibmtr-2450-d100']) {
      const preview = (
        await dm.get(`/api/v1/episodes/${auto.episodeId}/registry-reports/${key}`)
      ).json<RegistryReportPreview>();
      expect(preview.missingItems.filter((m) => m.item === 'survival')).toEqual([]);
    }
    // CIBMTR day 100 is now complete: recorded without a reason.
    const cibmtr = await dm.post(
      `/api/v1/episodes/${auto.episodeId}/registry-reports/cibmtr-2450-d100/submissions`,
      {}
    );
    expect(cibmtr.statusCode, cibmtr.body).toBe(201);
    const c = cibmtr.json<RegistrySubmission>();
    expect(c).toMatchObject({
      registry: 'cibmtr',
      format: 'fhir-json',
      submittedBy: 'Test data-manager',
      missingItems: [],
    });
    expect(c.overrideReason).toBeNull();
    const json = await physician.get(`/api/v1/registry-submissions/${c.id}/content`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(sha(json.body)).toBe(c.sha256);
    // MED-A also needs the day-0 items (no infusion, product or plan recorded here): only with a reason.
    const ebmt = await dm.post(
      `/api/v1/episodes/${auto.episodeId}/registry-reports/ebmt-registration-d100/submissions`,
      {
        overrideReason: 'autologous graft given at the referring hospital',
      }
    );
    expect(ebmt.statusCode, ebmt.body).toBe(201);
    const s = ebmt.json<RegistrySubmission>();
    expect(s).toMatchObject({
      registry: 'ebmt',
      format: 'csv',
      overrideReason: 'autologous graft given at the referring hospital',
    });
    expect(s.missingItems).toEqual(['infusion', 'product', 'conditioning']);
    const file = await physician.get(`/api/v1/registry-submissions/${s.id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    expect(sha(file.body)).toBe(s.sha256);
    expect(file.body.split('\r\n')[1]).toContain(',Alive,');
    const list = (await dm.get('/api/v1/registry-reports')).json<RegistryReportList>();
    const row = list.reports.find((r) => r.episodeId === auto.episodeId && r.key === 'ebmt-registration-d100');
    expect(row?.status).toBe('submitted');
    expect(row?.lastSubmission?.sha256).toBe(s.sha256);
    const worklist = (await dm.get('/api/v1/worklist')).json<{
      items: { episodeId: string; followUpKey?: string }[];
    }>();
    const due = worklist.items.filter((i) => i.episodeId === auto.episodeId).map((i) => i.followUpKey);
    expect(due).not.toContain('ebmt-registration-d100');
    expect(due).not.toContain('cibmtr-2450-d100');
  });

  it('exports a batch: every MED-A report due in the period as one CSV, every 2400 as NDJSON Bundles', async () => {
    const from = dateOfDay(TODAY, -200);
    const csv = await dm.get(`/api/v1/registry-reports/batch?form=MED-A&from=${from}&to=${TODAY}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['x-report-count']).toBe('1');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    const nd = await dm.get(`/api/v1/registry-reports/batch?form=2400&from=${from}&to=${TODAY}`);
    expect(nd.statusCode).toBe(200);
    const bundles = nd.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Bundle);
    expect(bundles).toHaveLength(1);
    expect(bundles[0]?.identifier?.value).toBe(`${auto.episodeId}/cibmtr-2400`);
    expect((await dm.get(`/api/v1/registry-reports/batch?form=9999&from=${from}&to=${TODAY}`)).statusCode).toBe(400);
    expect((await physician.get(`/api/v1/registry-reports/batch?form=2400&from=${from}&to=${TODAY}`)).statusCode).toBe(
      403
    );
  });

  it('shows a report marked done by hand on Today as submitted, with no submission recorded', async () => {
    const done = await coord.post(`/api/v1/episodes/${auto.episodeId}/follow-ups/cibmtr-2400`, { completedOn: TODAY });
    expect(done.statusCode, done.body).toBe(201);
    const p = (
      await dm.get(`/api/v1/episodes/${auto.episodeId}/registry-reports/cibmtr-2400`)
    ).json<RegistryReportPreview>();
    expect(p.report.status).toBe('submitted');
    expect(p.submissions).toEqual([]);
  });

  it('answers 404 for an episode of no report and 400 for a key that is not one of its reports', async () => {
    expect(
      (await dm.get(`/api/v1/episodes/00000000-0000-4000-8000-000000000000/registry-reports/cibmtr-2400`)).statusCode
    ).toBe(404);
    expect((await dm.get(`/api/v1/episodes/${cart.episodeId}/registry-reports/cibmtr-2400`)).statusCode).toBe(400);
  });
});

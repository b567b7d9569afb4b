import { dateOfDay } from '@engraft/clinical';
import type { Bundle, Observation } from 'fhir/r4';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../../testing/fhirValidator';
import { patientWithEpisodes } from '../../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../../testing/testApp';

// Engraftment dates as FHIR Observations (issue 17 §1, ADR 0704): derived as the monitoring page derives them,
// never a date the page does not show.
const DAY0 = '2026-03-01';
const d = (n: number): string => dateOfDay(DAY0, n);
const SYSTEM = 'https://engraft.dev/fhir/CodeSystem/engraftment';
const ANC_CODE = `${SYSTEM}|neutrophil-engraftment`;
const PLT_CODE = `${SYSTEM}|platelet-engraftment`;

// ANC nadir D+3, then >= 0.5 from D+10; platelets >= 20 from D+11 (last platelet transfusion D+2, 9 days before).
const csv = [
  'date,analyte,value,unit',
  ...[
    [1, 0.4],
    [3, 0.1],
    [7, 0.2],
    [10, 0.6],
    [11, 0.8],
    [12, 1.2],
  ].map(([day, v]) => `${d(day!)},anc,${v},x10^9/L`),
  ...[
    [1, 40],
    [3, 15],
    [9, 14],
    [11, 25],
    [12, 30],
    [13, 40],
  ].map(([day, v]) => `${d(day!)},platelets,${v},x10^9/L`),
  `${d(2)},platelet-transfusion,,`,
].join('\n');

type Engraftment = { neutrophil: { date: string } | null; platelet: { date: string } | null };

describe.each(DRIVERS)('FHIR engraftment Observations (%s)', { timeout: 120_000 }, (driver) => {
  let t: TestContext;
  let cookie: { cookie: string };
  let patientId = '';
  let allo = '';
  let cart = '';
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: cookie });
  const search = async (q: string) => {
    const res = await get(`/fhir/R4/Observation?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json<Bundle<Observation>>();
    validateR4(b);
    return b;
  };
  const page = async (episodeId: string): Promise<Engraftment> =>
    (await get(`/api/v1/episodes/${episodeId}/monitoring`)).json<{ engraftment: Engraftment }>().engraftment;

  beforeAll(async () => {
    t = await createTestApp(driver, { today: d(14) });
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const nurse = await signIn(t.app, 'nurse');
    cookie = { cookie: nurse.cookie };
    const nia = await patientWithEpisodes(coord, {
      patient: { mrn: 'ENG-1', familyName: 'Graft', givenName: 'Nia', dateOfBirth: '1971-04-05', sex: 'female' },
      diagnosis: { disease: 'ALL', diagnosisDate: '2025-09-01', status: 'relapse' },
      episodes: [
        { type: 'allogeneic-hct', plannedDayZero: DAY0, phases: { infusion: DAY0 } },
        { type: 'car-t', plannedDayZero: DAY0 },
      ],
    });
    patientId = nia.patientId;
    [allo, cart] = nia.episodeIds;
    const imported = await as(t.app, nurse).post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'csv',
      content: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(() => t.close());

  it('serves both engraftment dates of the infused episode, valid R4, equal to the monitoring page', async () => {
    const shown = await page(allo);
    expect(shown).toMatchObject({ neutrophil: { date: d(10) }, platelet: { date: d(11) } });
    const b = await search(`patient=${patientId}&code=${ANC_CODE},${PLT_CODE}`);
    expect(b.total).toBe(2);
    const [anc, plt] = b.entry!.map((e) => e.resource!);
    for (const o of [anc!, plt!]) validateR4(o);
    expect(anc).toMatchObject({
      id: `anc-engraftment-${allo}`,
      status: 'final',
      code: { coding: [{ system: SYSTEM, code: 'neutrophil-engraftment' }] },
      subject: { reference: `Patient/${patientId}` },
      focus: [{ reference: `EpisodeOfCare/${allo}` }],
      effectiveDateTime: shown.neutrophil!.date,
      valueDateTime: shown.neutrophil!.date,
    });
    expect(anc!.method!.coding![0]!.code).toMatch(/^cibmtr-engraftment@1;plateletThreshold=20;/);
    expect(anc!.method!.text).toMatch(/^First of 3 consecutive days with ANC >= 0.5 ×10⁹\/L after the nadir/);
    expect(plt).toMatchObject({ id: `plt-engraftment-${allo}`, valueDateTime: shown.platelet!.date });
    expect(plt!.method!.text).toMatch(/without a platelet transfusion in the 7 days before/);
  });

  it('derives each date from the three lab Observations of the run, which read back with those dates', async () => {
    const b = await search(`patient=${patientId}&code=${ANC_CODE}`);
    const refs = b.entry![0]!.resource!.derivedFrom!.map((r) => r.reference!);
    expect(refs).toHaveLength(3);
    const labs = await Promise.all(refs.map(async (r) => (await get(`/fhir/R4/${r}`)).json<Observation>()));
    expect(labs.map((o) => [o.code.coding![0]!.code, o.effectiveDateTime, o.valueQuantity!.value])).toEqual([
      ['751-8', d(10), 0.6],
      ['751-8', d(11), 0.8],
      ['751-8', d(12), 1.2],
    ]);
  });

  it('reads an engraftment Observation by its stable id, the same on every read and in search', async () => {
    const id = `plt-engraftment-${allo}`;
    const first = await get(`/fhir/R4/Observation/${id}`);
    expect(first.statusCode, first.body).toBe(200);
    expect((await get(`/fhir/R4/Observation/${id}`)).json()).toEqual(first.json());
    expect((await search(`_id=${id}`)).entry!.map((e) => e.resource)).toEqual([first.json()]);
    expect((await get(`/fhir/R4/Observation/plt-engraftment-${cart}`)).statusCode).toBe(404);
    expect((await get('/fhir/R4/Observation/anc-engraftment-not-an-episode')).statusCode).toBe(404);
  });

  it('filters by date, code and status, and pages the lab results, then the engraftment dates', async () => {
    expect((await search(`patient=${patientId}&code=${ANC_CODE}&date=ge${d(11)}`)).total).toBe(0);
    expect((await search(`patient=${patientId}&code=${ANC_CODE}&date=eq${d(10)}`)).total).toBe(1);
    expect((await search(`patient=${patientId}&code=${PLT_CODE}&date=gt${d(10)}&date=lt${d(12)}`)).total).toBe(1);
    expect((await search(`patient=${patientId}&code=${ANC_CODE}&status=amended`)).total).toBe(0);
    expect((await search(`patient=${patientId}&code=neutrophil-engraftment`)).total).toBe(1);
    expect((await search(`patient=${patientId}&code=http://loinc.org|neutrophil-engraftment`)).total).toBe(0);
    const ids: string[] = [];
    let b = await search(`patient=${patientId}&_count=5`);
    const total = b.total!;
    for (let i = 0; i < 10; i++) {
      ids.push(...b.entry!.map((e) => e.resource!.id!));
      const next = b.link?.find((l) => l.relation === 'next');
      if (!next) break;
      b = await search(new URL(next.url).search.slice(1));
    }
    // 12 counts (the transfusion is not an Observation) and the two dates, last.
    expect(total).toBe(14);
    expect(ids).toHaveLength(14);
    expect(new Set(ids).size).toBe(14);
    expect(ids.slice(-2)).toEqual([`anc-engraftment-${allo}`, `plt-engraftment-${allo}`]);
  });

  it('claims no date for an episode without a recorded infusion, even where the page computes one', async () => {
    // The CAR-T episode's planned day 0 has passed: the page derives dates from it; FHIR serves none.
    expect((await page(cart)).neutrophil).not.toBeNull();
    const b = await search(`patient=${patientId}&code=${ANC_CODE},${PLT_CODE}`);
    expect(b.entry!.every((e) => (e.resource!.focus![0]!.reference ?? '').endsWith(allo))).toBe(true);
  });

  it('follows the page when a late result breaks the run, and when the next count completes another', async () => {
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    const add = (observedOn: string, value: number) =>
      nurse.post(`/api/v1/patients/${patientId}/observations`, {
        analyte: 'anc',
        observedOn,
        value,
        unit: 'x10^9/L',
      });
    // A lower ANC on D+11 (the lowest of a day counts) breaks the run from D+10: no date on either side.
    expect((await add(d(11), 0.3)).statusCode).toBe(201);
    expect((await page(allo)).neutrophil).toBeNull();
    expect((await search(`patient=${patientId}&code=${ANC_CODE}`)).total).toBe(0);
    expect((await get(`/fhir/R4/Observation/anc-engraftment-${allo}`)).statusCode).toBe(404);
    // D+12 and D+13 are two values >= 0.5: still none; D+14 completes the run from D+12.
    expect((await add(d(13), 1.4)).statusCode).toBe(201);
    expect((await page(allo)).neutrophil).toBeNull();
    expect((await search(`patient=${patientId}&code=${ANC_CODE}`)).total).toBe(0);
    expect((await add(d(14), 1.9)).statusCode).toBe(201);
    expect((await page(allo)).neutrophil).toMatchObject({ date: d(12) });
    const b = await search(`patient=${patientId}&code=${ANC_CODE}`);
    expect(b.entry![0]!.resource!.valueDateTime).toBe(d(12));
  });

  it('puts the dates in Patient/$everything and in a bulk export, and a FHIR client reads them', async () => {
    const every = await get(`/fhir/R4/Patient/${patientId}/$everything`);
    const resources = every.json<Bundle>().entry!.map((e) => e.resource!);
    expect(resources.map((r) => r.id)).toEqual(
      expect.arrayContaining([`anc-engraftment-${allo}`, `plt-engraftment-${allo}`])
    );
    const dm = await signIn(t.app, 'data-manager');
    const kick = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient/$export?_type=Observation',
      headers: { cookie: dm.cookie, prefer: 'respond-async' },
    });
    expect(kick.statusCode, kick.body).toBe(202);
    const status = new URL(kick.headers['content-location'] as string).pathname;
    let poll = await t.app.inject({ method: 'GET', url: status, headers: { cookie: dm.cookie } });
    for (let i = 0; poll.statusCode === 202 && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      poll = await t.app.inject({ method: 'GET', url: status, headers: { cookie: dm.cookie } });
    }
    expect(poll.statusCode, poll.body).toBe(200);
    const [out] = poll.json<{ output: { url: string }[] }>().output;
    const file = await t.app.inject({ method: 'GET', url: new URL(out!.url).pathname, headers: { cookie: dm.cookie } });
    const lines = file.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Observation);
    const exported = lines.filter((o) => o.id!.includes('-engraftment-'));
    expect(exported.map((o) => [o.id, o.valueDateTime])).toEqual([
      [`plt-engraftment-${allo}`, d(11)],
      [`anc-engraftment-${allo}`, d(12)],
    ]);
    for (const o of exported) validateR4(o);

    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Client({ baseUrl: `${address}/fhir/R4`, customHeaders: cookie });
    const read = (await client.read({
      resourceType: 'Observation',
      id: `anc-engraftment-${allo}`,
    })) as unknown as Observation;
    validateR4(read);
    expect(read.valueDateTime).toBe(d(12));
  });
});

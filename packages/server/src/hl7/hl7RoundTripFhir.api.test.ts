import { dateOfDay } from '@engraft/clinical';
import type { Bundle, Observation, Patient } from 'fhir/r4';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../testing/fhirValidator';
import { startTestHl7Feed, type TestHl7Feed } from '../testing/hl7Feed';
import { adt, type Obx, oru, type PidInput } from '../testing/hl7Messages';
import { addDiagnosis, addEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

// Round trips (issue 17 §1/§2, ADR 0704): what a hospital interface engine sends over MLLP comes out of the FHIR
// API, read by a FHIR client library and checked against the base R4 definitions.
const DAY0 = '2026-03-10';
const d = (n: number): string => dateOfDay(DAY0, n);
const TODAY = d(20);
const ana: PidInput = { mrn: 'RT-HL7-1', family: 'Roundtree', given: 'Ana', dob: '1968-11-23', sex: 'F' };
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

describe.each(DRIVERS)('HL7 v2 over MLLP → FHIR R4 round trips (%s)', { timeout: 120_000 }, (driver) => {
  let t: TestContext;
  let feed: TestHl7Feed;
  let fhir: InstanceType<typeof Client>;
  let cookie: { cookie: string };
  let patientId = '';
  const ack = (text: string) => feed.ackCode(text);
  const search = async <T extends Observation | Patient>(type: string, searchParams: Record<string, string>) => {
    const b = (await fhir.search({ resourceType: type, searchParams })) as unknown as Bundle<T>;
    validateR4(b);
    for (const e of b.entry ?? []) validateR4(e.resource!);
    return b;
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    feed = await startTestHl7Feed(t.db, TODAY);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    cookie = { cookie: (await signIn(t.app, 'physician')).cookie };
    fhir = new Client({ baseUrl: `${address}/fhir/R4`, customHeaders: cookie });
  });
  afterAll(async () => {
    await feed.close();
    await t.close();
  });

  it('ADT^A04 → Patient with the same MRN, name, birth date and sex', async () => {
    expect(await ack(adt('A04', 'RT-ADT-1', ana))).toBe('AA');
    const b = await search<Patient>('Patient', { identifier: `https://engraft.dev/fhir/sid/mrn|${ana.mrn}` });
    expect(b.total).toBe(1);
    const p = b.entry![0]!.resource!;
    patientId = p.id!;
    expect(p.identifier).toContainEqual(
      expect.objectContaining({ system: 'https://engraft.dev/fhir/sid/mrn', value: ana.mrn })
    );
    expect(p.name![0]).toMatchObject({ family: 'Roundtree', given: ['Ana'] });
    expect(p.birthDate).toBe('1968-11-23');
    expect(p.gender).toBe('female');
  });

  it('ORU^R01 with ANC, platelets and CMV PCR → Observations with their LOINC codes and UCUM units', async () => {
    const obx: Obx[] = [
      { loinc: '751-8', value: '0.3', unit: 'x10E9/L', date: d(-5) },
      { loinc: '777-3', value: '45', unit: '/nL', date: d(-5) },
      { loinc: '72493-0', value: '1500', unit: 'IU/mL', date: d(-5) },
    ];
    expect(await ack(oru('RT-ORU-1', ana, 'FIL-RT-1', obx))).toBe('AA');
    const b = await search<Observation>('Observation', { patient: patientId, date: d(-5) });
    const got = (b.entry ?? []).map((e) => e.resource!);
    const byLoinc = (code: string) =>
      got.find((o) => o.code.coding?.some((c) => c.system === LOINC && c.code === code));
    expect(got).toHaveLength(3);
    expect(byLoinc('751-8')!.valueQuantity).toMatchObject({ value: 0.3, system: UCUM, code: '10*9/L' });
    expect(byLoinc('777-3')!.valueQuantity).toMatchObject({ value: 45, system: UCUM, code: '10*9/L' });
    expect(byLoinc('72493-0')!.valueQuantity).toMatchObject({ value: 1500, system: UCUM, code: '[IU]/mL' });
    for (const o of got) expect(o.effectiveDateTime).toBe(d(-5));
    // Searching by the LOINC code a result came in under finds it.
    expect((await search('Observation', { patient: patientId, code: `${LOINC}|72493-0` })).total).toBe(1);
  });

  it('ORU^R01 counts after an infusion → engraftment Observations with the dates the monitoring page shows', async () => {
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const dx = await addDiagnosis(coord, patientId, { disease: 'ALL', diagnosisDate: '2025-10-01', status: 'relapse' });
    const episode = await addEpisode(coord, patientId, dx, {
      type: 'allogeneic-hct',
      plannedDayZero: DAY0,
      phases: { infusion: DAY0 },
    });
    // Daily counts as the laboratory sends them: ANC nadir, then >= 0.5 from D+12; platelets >= 20 from D+13.
    const anc = [0.4, 0.1, 0.05, 0.2, 0.6, 0.9, 1.3, 1.6];
    const plt = [30, 12, 9, 11, 15, 24, 31, 40];
    for (const [i, day] of [4, 6, 8, 10, 12, 13, 14, 15].entries()) {
      const counts: Obx[] = [
        { loinc: '751-8', value: String(anc[i]), unit: '10*9/L', date: d(day) },
        { loinc: '777-3', value: String(plt[i]), unit: '10*9/L', date: d(day) },
      ];
      expect(await ack(oru(`RT-CBC-${day}`, ana, `FIL-CBC-${day}`, counts))).toBe('AA');
    }
    const page = (await as(t.app, await signIn(t.app, 'nurse')).get(`/api/v1/episodes/${episode}/monitoring`)).json<{
      engraftment: { neutrophil: { date: string } | null; platelet: { date: string } | null };
    }>().engraftment;
    expect(page.neutrophil?.date).toBe(d(12));
    expect(page.platelet?.date).toBe(d(13));
    const b = await search<Observation>('Observation', {
      patient: patientId,
      code: 'neutrophil-engraftment,platelet-engraftment',
    });
    expect(b.entry!.map((e) => [e.resource!.code.coding![0]!.code, e.resource!.valueDateTime])).toEqual([
      ['neutrophil-engraftment', page.neutrophil!.date],
      ['platelet-engraftment', page.platelet!.date],
    ]);
    const neutrophil = b.entry![0]!.resource!;
    const run = await Promise.all(
      neutrophil.derivedFrom!.map(async (r) => {
        const [type, id] = r.reference!.split('/');
        return (await fhir.read({ resourceType: type!, id: id! })) as unknown as Observation;
      })
    );
    expect(run.map((o) => [o.effectiveDateTime, o.valueQuantity?.value])).toEqual([
      [d(12), 0.6],
      [d(13), 0.9],
      [d(14), 1.3],
    ]);
  });
});

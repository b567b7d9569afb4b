import type { Bundle, Observation, OperationOutcome, Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../../repo/centres';
import { createUser } from '../../services/auth';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../../testing/testApp';

const fhirGet = (t: TestContext, url: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url, headers });

describe.each(DRIVERS)('FHIR R4 API: foundation, search, audit (%s)', (driver) => {
  let t: TestContext;
  let cookie: Record<string, string>;
  let patientId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const created = await coord.post('/api/v1/patients', {
      mrn: 'FHIR-001',
      familyName: 'Okafor',
      givenName: 'Ada',
      dateOfBirth: '1970-05-04',
      sex: 'female',
      aboRh: 'O+',
    });
    expect(created.statusCode, created.body).toBe(201);
    patientId = created.json<{ id: string }>().id;
    for (let i = 2; i <= 5; i++) {
      const r = await coord.post('/api/v1/patients', {
        mrn: `FHIR-00${i}`,
        familyName: `Okafor${i}`,
        givenName: 'Ben',
        dateOfBirth: `198${i}-01-01`,
        sex: 'male',
        aboRh: 'A+',
      });
      expect(r.statusCode).toBe(201);
    }
    const nurse = await signIn(t.app, 'nurse');
    cookie = { cookie: nurse.cookie };
    // A lab result imported through the existing FHIR lab import (the round trip below).
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '751-8' }] },
            effectiveDateTime: '2026-03-10',
            valueQuantity: { value: 1.7, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '1975-2' }] },
            effectiveDateTime: '2026-03-11',
            valueQuantity: { value: 34.2, unit: 'umol/L', system: 'http://unitsofmeasure.org', code: 'umol/L' },
          },
        },
      ],
    };
    const imported = await as(t.app, nurse).post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'fhir',
      content: JSON.stringify(bundle),
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(() => t.close());

  it('serves a CapabilityStatement without sign-in, as application/fhir+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const cs = res.json<{ fhirVersion: string; rest: { resource: { type: string }[] }[] }>();
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest[0]!.resource.map((r) => r.type)).toContain('BiologicallyDerivedProduct');
  });

  it('lists the FHIR routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json<{ paths: object }>().paths)).toEqual(
      expect.arrayContaining(['/fhir/R4/Patient', '/fhir/R4/Patient/{id}', '/fhir/R4/Patient/$export'])
    );
  });

  it('answers 401, 404 and 400 with OperationOutcome, not problem+json', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(anon.json<OperationOutcome>()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'login' }],
    });
    const missing = await fhirGet(t, '/fhir/R4/Patient/00000000-0000-4000-8000-000000000000', cookie);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<OperationOutcome>().issue[0]!.code).toBe('not-found');
    const unknownParam = await fhirGet(t, '/fhir/R4/Patient?nmae=x', cookie);
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json<OperationOutcome>().issue[0]).toMatchObject({ code: 'invalid', expression: ['nmae'] });
    const badCount = await fhirGet(t, '/fhir/R4/Patient?_count=501', cookie);
    expect(badCount.statusCode).toBe(400);
    expect((await fhirGet(t, '/fhir/R4/Patient?_count=500', cookie)).statusCode).toBe(200);
    const noRoute = await fhirGet(t, '/fhir/R4/Appointment', cookie);
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json<OperationOutcome>().resourceType).toBe('OperationOutcome');
  });

  it('finds a patient by MRN identifier, name and birth date, and pages with next links', async () => {
    const byMrn = await fhirGet(t, '/fhir/R4/Patient?identifier=https://engraft.dev/fhir/sid/mrn|FHIR-001', cookie);
    const b = byMrn.json<Bundle<Patient>>();
    expect(b).toMatchObject({ type: 'searchset', total: 1 });
    expect(b.entry![0]!.resource!.identifier![0]!.value).toBe('FHIR-001');
    const otherSystem = await fhirGet(t, '/fhir/R4/Patient?identifier=urn:oid:2.999.7|FHIR-001', cookie);
    expect(otherSystem.json<Bundle>().total).toBe(0);
    expect((await fhirGet(t, '/fhir/R4/Patient?name=okafor', cookie)).json<Bundle>().total).toBe(5);
    expect((await fhirGet(t, '/fhir/R4/Patient?birthdate=ge1983-01-01', cookie)).json<Bundle>().total).toBe(3);
    expect((await fhirGet(t, '/fhir/R4/Patient?birthdate=gt1983-01-01', cookie)).json<Bundle>().total).toBe(2);
    const page1 = (await fhirGet(t, '/fhir/R4/Patient?name=okafor&_count=2', cookie)).json<Bundle>();
    expect(page1.entry).toHaveLength(2);
    const next = page1.link!.find((l) => l.relation === 'next')!.url;
    const page3 = (
      await fhirGet(
        t,
        new URL(next.replace('_offset=2', '_offset=4')).pathname +
          new URL(next.replace('_offset=2', '_offset=4')).search,
        cookie
      )
    ).json<Bundle>();
    expect(page3.entry).toHaveLength(1);
    expect(page3.link!.some((l) => l.relation === 'next')).toBe(false);
  });

  it('gives a lab result imported as FHIR back with the same LOINC code, value and UCUM unit', async () => {
    const res = await fhirGet(
      t,
      `/fhir/R4/Observation?patient=Patient/${patientId}&code=http://loinc.org|751-8`,
      cookie
    );
    const obs = res.json<Bundle<Observation>>().entry!.map((e) => e.resource!);
    expect(obs).toHaveLength(1);
    expect(obs[0]!.code.coding![0]).toMatchObject({ system: 'http://loinc.org', code: '751-8' });
    expect(obs[0]!.valueQuantity).toEqual({
      value: 1.7,
      unit: '10*9/L',
      system: 'http://unitsofmeasure.org',
      code: '10*9/L',
    });
    expect(obs[0]!.effectiveDateTime).toBe('2026-03-10');
    const bili = await fhirGet(t, `/fhir/R4/Observation?patient=${patientId}&code=1975-2`, cookie);
    expect(bili.json<Bundle<Observation>>().entry![0]!.resource!.valueQuantity).toMatchObject({
      value: 34.2,
      code: 'umol/L',
    });
    const dated = await fhirGet(t, `/fhir/R4/Observation?patient=${patientId}&date=le2026-03-10`, cookie);
    expect(dated.json<Bundle>().total).toBe(1);
    const read = await fhirGet(t, `/fhir/R4/Observation/${obs[0]!.id!}`, cookie);
    expect(read.json<Observation>().id).toBe(obs[0]!.id);
  });

  it('includes the patient with _include and audits every read with who and which patient', async () => {
    const res = await fhirGet(t, `/fhir/R4/Observation?patient=${patientId}&_include=Observation:patient`, cookie);
    const entries = res.json<Bundle>().entry!;
    expect(entries.filter((e) => e.search?.mode === 'include').map((e) => e.resource!.resourceType)).toEqual([
      'Patient',
    ]);
    await fhirGet(t, `/fhir/R4/Patient/${patientId}`, cookie);
    const audit = await t.db.query<{ actor: string; entity_type: string; patient_id: string }>(
      `select actor, entity_type, patient_id::text from audit_events where action = 'read' and entity_type like 'fhir:%' order by seq desc limit 1`
    );
    expect(audit[0]).toEqual({ actor: 'nurse', entity_type: 'fhir:Patient', patient_id: patientId });
  });

  it('shows nothing of another centre', async () => {
    const other = await findOrCreateCentre(t.db, 'Elsewhere');
    await createUser(t.db, { userId: null, username: 'setup' }, other.id, {
      username: 'elsewhere-nurse',
      displayName: 'Elsewhere',
      password: 'Quiet-harbour-7391',
      roles: ['nurse'],
    });
    const s = await signIn(t.app, 'elsewhere-nurse', 'Quiet-harbour-7391');
    const h = { cookie: s.cookie };
    expect((await fhirGet(t, `/fhir/R4/Patient/${patientId}`, h)).statusCode).toBe(404);
    expect((await fhirGet(t, '/fhir/R4/Patient?name=okafor', h)).json<Bundle>().total).toBe(0);
    expect((await fhirGet(t, `/fhir/R4/Observation?patient=${patientId}`, h)).json<Bundle>().total).toBe(0);
    expect((await fhirGet(t, `/fhir/R4/Patient/${patientId}/$everything`, h)).statusCode).toBe(404);
  });

  it('refuses NUL characters in the query, a path id or a body with 400 OperationOutcome naming where', async () => {
    const query = await fhirGet(t, '/fhir/R4/Patient?name=a%00b', cookie);
    expect(query.statusCode).toBe(400);
    expect(query.json<OperationOutcome>().issue[0]!.expression).toEqual(['query.name']);
    const path = await fhirGet(t, '/fhir/R4/Patient/a%00b', cookie);
    expect(path.statusCode).toBe(400);
    expect(path.json<OperationOutcome>().resourceType).toBe('OperationOutcome');
    const body = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"client_id":"x\\u0000"}',
    });
    expect(body.statusCode).toBe(400);
    expect(body.json<OperationOutcome>().issue[0]!.expression).toEqual(['client_id']);
    for (const q of ['_count=-1', '_count=1e15', '_offset=100001', '_offset=abc', 'birthdate=1970-13-45']) {
      const res = await fhirGet(t, `/fhir/R4/Patient?${q}`, cookie);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('returns everything about one patient', async () => {
    const res = await fhirGet(t, `/fhir/R4/Patient/${patientId}/$everything`, cookie);
    expect(res.statusCode).toBe(200);
    const types = res.json<Bundle>().entry!.map((e) => e.resource!.resourceType);
    expect(types).toEqual(['Patient', 'Observation', 'Observation']);
  });
});

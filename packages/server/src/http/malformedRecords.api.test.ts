import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const obs = (over: Record<string, unknown>) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '751-8' }] },
  effectiveDateTime: '2026-03-10',
  valueQuantity: { value: 1, code: '10*9/L' },
  ...over,
});

/** Issue 14: malformed lab bundles and a duplicated role were 500s; each is a 4xx that stores nothing. */
describe.each(DRIVERS)('malformed records answer 4xx and store nothing (%s)', (driver) => {
  let t: TestContext;
  let nurse: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  let patientId = '';
  const count = async (table: string): Promise<number> =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(driver);
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    admin = as(t.app, await signIn(t.app, 'admin'));
    patientId = (
      await coord.post('/api/v1/patients', {
        mrn: 'HOST-1',
        familyName: 'Hostile',
        givenName: 'Hal',
        dateOfBirth: '1975-02-02',
        sex: 'male',
      })
    ).json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it.each([
    ['a null entry', { resourceType: 'Bundle', entry: [null] }, 'line 1: resource.resourceType'],
    [
      'a coding that is an object',
      { resourceType: 'Bundle', entry: [{ resource: obs({ code: { coding: {} } }) }] },
      'line 1: resource.code',
    ],
    [
      'a coding that is a string',
      { resourceType: 'Bundle', entry: [{ resource: obs({ code: { coding: 'x' } }) }] },
      'line 1: resource.code',
    ],
    [
      'a null coding',
      { resourceType: 'Bundle', entry: [{ resource: obs({ code: { coding: [null] } }) }] },
      'line 1: resource.code',
    ],
    [
      'a local code naming an Object prototype member',
      {
        resourceType: 'Bundle',
        entry: [
          {
            resource: obs({
              code: { coding: [{ system: 'https://engraft.dev/fhir/CodeSystem/analyte', code: 'toString' }] },
            }),
          },
        ],
      },
      'line 1: resource.code',
    ],
  ])('refuses a FHIR bundle with %s with 422 naming the entry', async (_name, bundle, path) => {
    const before = await count('observations');
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'fhir',
      content: JSON.stringify(bundle),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe(path);
    expect(await count('observations')).toBe(before);
  });

  it('stores names normalised, so a look-alike "Rowan" with invisible characters is found by a search for rowan', async () => {
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const res = await coord.post('/api/v1/patients', {
      mrn: 'ROW-2',
      familyName: '\u202ERo\u200Bwan',
      givenName: 'Ｒｉｖｅｒ',
      dateOfBirth: '1980-01-01',
      sex: 'female',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ familyName: string; givenName: string }>()).toMatchObject({
      familyName: 'Rowan',
      givenName: 'River',
    });
    const found = await coord.get('/api/v1/patients?q=rowan');
    expect(found.json<{ items: { mrn: string }[] }>().items.map((p) => p.mrn)).toContain('ROW-2');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
  });

  it('asks for a reason before registering a near-duplicate (same birth date, same name but for accents, case or invisibles), naming the twin FAMILY, Given', async () => {
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const first = await coord.post('/api/v1/patients', {
      mrn: 'TWIN-1',
      familyName: 'Zoë',
      givenName: 'Ash',
      dateOfBirth: '1991-04-04',
      sex: 'female',
    });
    expect(first.statusCode, first.body).toBe(201);
    const twin = { mrn: 'TWIN-2', familyName: 'ZOE\u200B', givenName: 'a.', dateOfBirth: '1991-04-04', sex: 'female' };
    const refused = await coord.post('/api/v1/patients', twin);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json<{ code: string; errors: { path: string; message: string }[] }>()).toMatchObject({
      code: 'confirmation-required',
      errors: [
        {
          path: 'familyName',
          message: expect.stringMatching(/ZOË, Ash \(MRN TWIN-1\) has the same name and date of birth/),
        },
      ],
    });
    const other = await coord.post('/api/v1/patients', { ...twin, mrn: 'TWIN-3', dateOfBirth: '1991-04-05' });
    expect(other.statusCode, 'another birth date is another person').toBe(201);
    const confirmed = await coord.post('/api/v1/patients', {
      ...twin,
      confirmations: [{ field: 'familyName', reason: 'different person, checked ID' }],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const audit = await t.db.query<{ reason: string }>(
      `select reason from audit_events where entity_type = 'patient' and action = 'create' order by seq desc limit 1`
    );
    expect(audit[0]!.reason).toMatch(/familyName: different person, checked ID/);
  });

  it('refuses a user with the same role twice with 400 naming roles', async () => {
    const before = await count('users');
    const res = await admin.post('/api/v1/users', {
      username: 'twice',
      displayName: 'Twice',
      password: 'a-long-enough-password',
      roles: ['nurse', 'nurse'],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: 'roles',
      message: expect.stringMatching(/each role once/),
    });
    expect(await count('users')).toBe(before);
  });
});

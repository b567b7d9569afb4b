import type { Bundle, OperationOutcome } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../../testing/testApp';

interface Created {
  id: string;
  clientId: string;
  clientSecret: string;
}

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe.each(DRIVERS)('FHIR R4 API: API clients and bulk export (%s)', (driver) => {
  let t: TestContext;
  let admin: ReturnType<typeof as>;
  let client: Created;
  let patientId: string;
  const token = async (c: Created, scope?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        grant_type: 'client_credentials',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        ...(scope ? { scope } : {}),
      }),
    });
  const bearer = async (c: Created, scope?: string) => {
    const res = await token(c, scope);
    expect(res.statusCode, res.body).toBe(200);
    return { authorization: `Bearer ${res.json<{ access_token: string }>().access_token}` };
  };
  beforeAll(async () => {
    t = await createTestApp(driver);
    admin = as(t.app, await signIn(t.app, 'admin'));
    const p = await admin.post('/api/v1/patients', {
      mrn: 'SYS-1',
      familyName: 'Export',
      givenName: 'Eve',
      dateOfBirth: '1960-02-02',
      sex: 'female',
      aboRh: 'B+',
    });
    patientId = p.json<{ id: string }>().id;
    const res = await admin.post('/api/v1/fhir-clients', {
      name: 'Registry extract',
      scopes: ['system/Patient.read', 'system/Observation.rs'],
    });
    expect(res.statusCode, res.body).toBe(201);
    client = res.json<Created>();
  });
  afterAll(() => t.close());

  it('stores only a hash of the secret and lets only administrators manage clients', async () => {
    const [row] = await t.db.query<{ secret_hash: string }>('select secret_hash from fhir_clients');
    expect(row!.secret_hash).not.toContain(client.clientSecret);
    expect(row!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await admin.get('/api/v1/fhir-clients')).json<{ items: Record<string, unknown>[] }>().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('clientSecret');
    const physician = as(t.app, await signIn(t.app, 'physician'));
    expect((await physician.post('/api/v1/fhir-clients', { name: 'x', scopes: ['system/*.read'] })).statusCode).toBe(
      403
    );
    const bad = await admin.post('/api/v1/fhir-clients', { name: 'x', scopes: ['system/Patient.write'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/scopes/);
  });

  it('issues a bearer token for the client credentials and refuses a wrong secret', async () => {
    const ok = await token(client);
    expect(ok.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 900,
      scope: 'system/Patient.read system/Observation.rs',
    });
    const wrong = await token({ ...client, clientSecret: `${client.clientSecret}x` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client' });
    const unheld = await token(client, 'system/BiologicallyDerivedProduct.read');
    expect(unheld.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('reads what the scopes allow, refuses the rest, and audits the client as the actor', async () => {
    const h = await bearer(client);
    const res = await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patientId}`, headers: h });
    expect(res.statusCode).toBe(200);
    const denied = await t.app.inject({ method: 'GET', url: '/fhir/R4/BiologicallyDerivedProduct', headers: h });
    expect(denied.statusCode).toBe(403);
    expect(denied.json<OperationOutcome>().issue[0]!.code).toBe('forbidden');
    const [audit] = await t.db.query<{ actor: string; actor_id: string | null }>(
      `select actor, actor_id::text from audit_events where action = 'read' order by seq desc limit 1`
    );
    expect(audit).toEqual({ actor: `client:${client.clientId}`, actor_id: null });
    const narrow = await bearer(client, 'system/Observation.rs');
    expect((await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient', headers: narrow })).statusCode).toBe(403);
  });

  it('stops a revoked client at once', async () => {
    const other = (
      await admin.post('/api/v1/fhir-clients', { name: 'Temp', scopes: ['system/*.read'] })
    ).json<Created>();
    const h = await bearer(other);
    expect((await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient', headers: h })).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/fhir-clients/${other.id}/revoke`)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient', headers: h });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await token(other)).statusCode).toBe(401);
  });

  it('exports a centre in bulk: kick-off, polling, manifest, NDJSON files, cancel', async () => {
    const all = (await admin.post('/api/v1/fhir-clients', { name: 'Bulk', scopes: ['system/*.read'] })).json<Created>();
    const h = await bearer(all);
    const noPrefer = await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient/$export', headers: h });
    expect(noPrefer.statusCode).toBe(400);
    const kick = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient/$export?_type=Patient,Observation',
      headers: { ...h, prefer: 'respond-async', accept: 'application/fhir+json' },
    });
    expect(kick.statusCode, kick.body).toBe(202);
    const status = new URL(kick.headers['content-location'] as string).pathname;
    let poll = await t.app.inject({ method: 'GET', url: status, headers: h });
    for (let i = 0; poll.statusCode === 202 && i < 100; i++) {
      expect(poll.headers['x-progress']).toBeTruthy();
      await new Promise((r) => setTimeout(r, 50));
      poll = await t.app.inject({ method: 'GET', url: status, headers: h });
    }
    expect(poll.statusCode, poll.body).toBe(200);
    const manifest = poll.json<{
      requiresAccessToken: boolean;
      output: { type: string; url: string; count: number }[];
    }>();
    expect(manifest.requiresAccessToken).toBe(true);
    expect(manifest.output).toEqual([expect.objectContaining({ type: 'Patient', count: 1 })]);
    const file = await t.app.inject({ method: 'GET', url: new URL(manifest.output[0]!.url).pathname, headers: h });
    expect(file.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
    const lines = file.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { resourceType: string; id: string });
    expect(lines).toEqual([expect.objectContaining({ resourceType: 'Patient', id: patientId })]);
    // Another requester cannot see the export; the requester cancels it and it is gone.
    const someoneElse = await bearer(client);
    expect((await t.app.inject({ method: 'GET', url: status, headers: someoneElse })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: status, headers: h })).statusCode).toBe(202);
    expect((await t.app.inject({ method: 'GET', url: status, headers: h })).statusCode).toBe(404);
  });

  it('refuses a bulk export to a role that does not report, and lets a data manager export', async () => {
    const nurse = await signIn(t.app, 'nurse');
    const headers = { cookie: nurse.cookie, prefer: 'respond-async' };
    expect((await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient/$export', headers })).statusCode).toBe(403);
    const dm = await signIn(t.app, 'data-manager');
    const kick = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient/$export',
      headers: { cookie: dm.cookie, prefer: 'respond-async' },
    });
    expect(kick.statusCode).toBe(202);
    const search = await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient', headers: { cookie: dm.cookie } });
    expect(search.json<Bundle>().total).toBe(1);
  });
});

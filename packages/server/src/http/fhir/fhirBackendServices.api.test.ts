import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../../testing/testApp';

// SMART Backend Services (HL7 SMART App Launch 2.0.0, "Backend Services"): a client registered with public keys
// authenticates at the token endpoint with a JWT signed by its private key (RS384 or ES384); keys made here.

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
/** fastify's inject reaches the server as http://localhost:80. */
const TOKEN_URL = 'http://localhost:80/fhir/R4/auth/token';

describe.each(DRIVERS)('FHIR R4 API: SMART Backend Services client assertions (%s)', (driver) => {
  let t: TestContext;
  let clientId = '';
  let es: Key;
  let rs: Key;
  let stranger: Key;
  const now = () => Math.floor(Date.now() / 1000);

  const assertion = (
    key: Key,
    alg: 'ES384' | 'RS384' | 'ES256',
    over: { aud?: string; exp?: number; jti?: string; iss?: string; kid?: string } = {}
  ) =>
    new SignJWT({ jti: over.jti ?? randomUUID() })
      .setProtectedHeader({ alg, kid: over.kid ?? (alg === 'RS384' ? 'rsa-1' : 'ec-1'), typ: 'JWT' })
      .setIssuer(over.iss ?? clientId)
      .setSubject(over.iss ?? clientId)
      .setAudience(over.aud ?? TOKEN_URL)
      .setExpirationTime(over.exp ?? now() + 240)
      .sign(key);
  const token = (jwt: string, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        grant_type: 'client_credentials',
        scope: 'system/Patient.read',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
        ...extra,
      }),
    });
  const refusal = async (jwt: string) => {
    const res = await token(jwt);
    expect(res.statusCode).toBe(401);
    return res.json<{ error: string; error_description: string }>();
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    const ec = await generateKeyPair('ES384', { extractable: true });
    const rsa = await generateKeyPair('RS384', { extractable: true, modulusLength: 2048 });
    es = ec.privateKey;
    rs = rsa.privateKey;
    stranger = (await generateKeyPair('ES384')).privateKey;
    const pub = async (k: Key, kid: string, alg: string): Promise<JWK> => ({ ...(await exportJWK(k)), kid, alg });
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const res = await admin.post('/api/v1/fhir-clients', {
      name: 'Registry backend',
      scopes: ['system/Patient.read'],
      jwks: { keys: [await pub(ec.publicKey, 'ec-1', 'ES384'), await pub(rsa.publicKey, 'rsa-1', 'RS384')] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ clientId: string; clientSecret?: string; authentication: string }>();
    expect(created.clientSecret).toBeUndefined();
    expect(created.authentication).toBe('private-key-jwt');
    clientId = created.clientId;
  });
  afterAll(() => t.close());

  it('refuses to register a private key', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const res = await admin.post('/api/v1/fhir-clients', {
      name: 'Leaky',
      scopes: ['system/Patient.read'],
      jwks: { keys: [await exportJWK(es)] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/private key/);
  });

  it('issues a token for an ES384 and an RS384 assertion, and the token reads what its scope allows', async () => {
    for (const [key, alg] of [
      [es, 'ES384'],
      [rs, 'RS384'],
    ] as const) {
      const res = await token(await assertion(key, alg));
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ access_token: string; scope: string; expires_in: number }>();
      expect(body.scope).toBe('system/Patient.read');
      const read = await t.app.inject({
        method: 'GET',
        url: '/fhir/R4/Patient',
        headers: { authorization: `Bearer ${body.access_token}` },
      });
      expect(read.statusCode).toBe(200);
    }
  });

  it('refuses a replayed jti', async () => {
    const jwt = await assertion(es, 'ES384');
    expect((await token(jwt)).statusCode).toBe(200);
    expect((await refusal(jwt)).error_description).toMatch(/already used \(replay\)/);
  });

  it('refuses exp more than 5 minutes ahead (300 s is the limit), an expired one, and a wrong aud', async () => {
    expect((await token(await assertion(es, 'ES384', { exp: now() + 290 }))).statusCode).toBe(200);
    expect((await refusal(await assertion(es, 'ES384', { exp: now() + 330 }))).error_description).toMatch(
      /more than 5 minutes/
    );
    expect((await refusal(await assertion(es, 'ES384', { exp: now() - 10 }))).error_description).toMatch(/exp/);
    expect(
      (await refusal(await assertion(es, 'ES384', { aud: 'https://other.example/fhir/R4/auth/token' })))
        .error_description
    ).toMatch(/aud/);
  });

  it('refuses a key it does not hold, an algorithm SMART does not allow, and an unknown issuer', async () => {
    expect((await refusal(await assertion(stranger, 'ES384'))).error).toBe('invalid_client');
    const p256 = (await generateKeyPair('ES256')).privateKey;
    expect((await refusal(await assertion(p256, 'ES256'))).error).toBe('invalid_client');
    expect((await refusal(await assertion(es, 'ES384', { iss: 'engraft-nobody' }))).error).toBe('invalid_client');
    const wrongType = await token(await assertion(es, 'ES384'), { client_assertion_type: 'urn:example:other' });
    expect(wrongType.statusCode).toBe(400);
    const failures = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'login-failed' and entity_type = 'fhir-client'`
    );
    expect(failures[0]!.n).toBeGreaterThanOrEqual(3);
  });
});

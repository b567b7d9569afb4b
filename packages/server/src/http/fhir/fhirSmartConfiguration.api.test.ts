import { FHIR_RESOURCE_TYPES, SmartConfigurationSchema } from '@engraft/domain';
import type { FhirResource } from 'fhir/r4';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../../testing/fhirValidator';
import { as, createTestApp, signIn, type TestContext } from '../../testing/testApp';

// SMART App Launch 2.0.0 (HL7, 2021) §"Conformance": a backend service discovers the token endpoint and what it
// accepts at [base]/.well-known/smart-configuration, without credentials; the FHIR client library reads it.
describe('FHIR R4 API: SMART configuration for backend services', () => {
  let t: TestContext;
  let base = '';
  beforeAll(async () => {
    t = await createTestApp('pglite');
    base = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/fhir/R4`;
  });
  afterAll(() => t.close());

  it('is public JSON naming the token endpoint, the client-credentials grant, the auth methods and the scopes', async () => {
    const res = await fetch(`${base}/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const c = SmartConfigurationSchema.parse(await res.json());
    expect(c.token_endpoint).toBe(`${base}/auth/token`);
    expect(c.grant_types_supported).toEqual(['client_credentials']);
    expect(c.token_endpoint_auth_methods_supported).toEqual([
      'private_key_jwt',
      'client_secret_post',
      'client_secret_basic',
    ]);
    expect(c.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS384', 'ES384']);
    expect(c.capabilities).toContain('client-confidential-asymmetric');
    expect(c.scopes_supported).toHaveLength((FHIR_RESOURCE_TYPES.length + 1) * 4);
    expect(c.scopes_supported).toContain('system/*.rs');
    expect(c.scopes_supported).toContain('system/Observation.read');
    // Nothing advertised that the server does not do: no user launch, no authorization endpoint, no PKCE.
    expect(c).not.toHaveProperty('authorization_endpoint');
    expect(c.code_challenge_methods_supported).toEqual([]);
  });

  it('fhir-kit-client finds the token endpoint; the CapabilityStatement names the same one and stays valid R4', async () => {
    const client = new Client({ baseUrl: base });
    const meta = await client.smartAuthMetadata();
    expect(meta.tokenUrl?.toString()).toBe(`${base}/auth/token`);
    const cs = (await client.capabilityStatement()) as unknown as FhirResource;
    validateR4(cs);
    expect(JSON.stringify(cs)).toContain(`"valueUri":"${base}/auth/token"`);
  });

  it('a client gets a token at the advertised endpoint with an advertised method and scope, and reads with it', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const made = await admin.post('/api/v1/fhir-clients', { name: 'Analytics', scopes: ['system/Patient.rs'] });
    expect(made.statusCode, made.body).toBe(201);
    const { clientId, clientSecret } = made.json<{ clientId: string; clientSecret: string }>();
    const config = SmartConfigurationSchema.parse(
      await (await fetch(`${base}/.well-known/smart-configuration`)).json()
    );
    const res = await fetch(config.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: config.grant_types_supported[0]!, scope: 'system/Patient.rs' }),
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const read = await fetch(`${base}/Patient`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(read.status).toBe(200);
  });
});

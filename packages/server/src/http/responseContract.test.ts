import Fastify from 'fastify';
import { type ZodTypeProvider, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestContext } from '../testing/testApp';
import { assertResponseContract, contractSerializerCompiler, strippedKeys } from './responseContract';

describe('registration refuses a route without a response contract', () => {
  it('names the route and the two ways to fix it', () => {
    expect(() => assertResponseContract({ method: 'POST', url: '/api/v1/x', config: { access: 'public' } })).toThrow(
      'route POST /api/v1/x declares no response schema: add schema.response or config.responseContract'
    );
    expect(() =>
      assertResponseContract({ method: 'GET', url: '/api/v1/x', config: {}, schema: { response: {} } })
    ).toThrow('declares no response schema');
  });

  it('accepts a response schema or a known opt-out, and refuses an unknown opt-out', () => {
    expect(() =>
      assertResponseContract({ method: 'GET', url: '/api/v1/x', schema: { response: { 200: z.object({}) } } })
    ).not.toThrow();
    expect(() =>
      assertResponseContract({ method: 'GET', url: '/fhir/R4/Patient', config: { responseContract: 'fhir' } })
    ).not.toThrow();
    expect(() =>
      assertResponseContract({
        method: 'GET',
        url: '/api/v1/x.pdf',
        config: { responseContract: 'pdf' as 'binary' },
      })
    ).toThrow("unknown config.responseContract 'pdf'");
  });

  it('covers the API and FHIR, not the generated docs or the web app files', () => {
    expect(() => assertResponseContract({ method: 'GET', url: '/fhir/R4/Observation' })).toThrow();
    expect(() => assertResponseContract({ method: 'GET', url: '/api/docs/json' })).not.toThrow();
    expect(() => assertResponseContract({ method: 'GET', url: '/assets/index.js' })).not.toThrow();
  });
});

describe('the routes that answer no JSON view are listed', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('every other /api/v1 and /fhir/R4 route was registered with a response schema', () => {
    const optOuts = t.app.routeTable
      .filter((r) => r.responseContract)
      .map((r) => `${r.method} ${r.url} ${r.responseContract}`);
    expect(optOuts.filter((r) => !r.includes('/api/v1/*'))).toEqual([
      'POST /api/v1/backup binary',
      // Registry exports (ADR 0710): MED-A CSV, CIBMTR NDJSON and the recorded content as it was sent.
      'GET /api/v1/registry-reports/batch binary',
      'GET /api/v1/registry-submissions/:id/content binary',
      'GET /api/v1/donor-searches/:searchId/export binary',
      'GET /api/v1/products/:productId/label.pdf binary',
      // Bulk Data: 202 with no body, the manifest, NDJSON files (Bulk Data Access IG 2.0.0).
      'GET /fhir/R4/Patient/$export fhir',
      'GET /fhir/R4/$export-status/:exportId fhir',
      'DELETE /fhir/R4/$export-status/:exportId fhir',
      'GET /fhir/R4/$export-file/:exportId/:type/:part fhir',
    ]);
    expect(optOuts.filter((r) => r.includes('/api/v1/*')).every((r) => r.endsWith('not-found'))).toBe(true);
    expect(t.app.routeTable.length - optOuts.length).toBeGreaterThan(80);
  });
});

describe('strict mode: a field the schema does not declare fails instead of vanishing', () => {
  const mismatches: string[] = [];
  const appWith = async (strict: boolean, answer: unknown = { id: 'p1', nested: { a: 1, weightKg: 70 } }) => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(contractSerializerCompiler({ strict, onMismatch: (m) => mismatches.push(m) }));
    const schema = { response: { 200: z.object({ id: z.string(), nested: z.object({ a: z.number() }) }) } };
    app.get('/x', { schema }, async () => answer as never);
    await app.ready();
    return app;
  };

  it('answers 500 naming the stripped field in strict mode', async () => {
    const app = await appWith(true);
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('nested.weightKg');
    await app.close();
  });

  it('strips it (zod) outside strict mode', async () => {
    const app = await appWith(false);
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'p1', nested: { a: 1 } });
    await app.close();
  });

  it('a mismatch fails in strict mode, and in production is logged by path and answered as built', async () => {
    const legacy = { id: 'p1', nested: {} };
    const strictApp = await appWith(true, legacy);
    expect((await strictApp.inject({ method: 'GET', url: '/x' })).statusCode).toBe(500);
    await strictApp.close();
    const prodApp = await appWith(false, legacy);
    const res = await prodApp.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(legacy);
    expect(mismatches.at(-1)).toMatch(/^response of GET \/x does not match its schema: nested\.a: /);
    await prodApp.close();
  });

  it('finds stripped keys in nested arrays and ignores undefined values', () => {
    expect(strippedKeys({ a: [{ x: 1, y: 2 }], u: undefined }, { a: [{ x: 1 }] })).toEqual(['a[0].y']);
    expect(strippedKeys({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

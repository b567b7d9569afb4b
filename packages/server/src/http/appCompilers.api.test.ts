import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/testApp';

// The zod compilers are given to Fastify as its compiler factories (app.ts): every route validates and serializes
// through them, and Fastify's default Ajv and fast-json-stringify compilers are never loaded (issue 15 §4).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp('pglite');
}, 120_000);
afterAll(() => ctx.close());

describe('HTTP schema compilers', () => {
  it("never loads Fastify's default Ajv and fast-json-stringify compilers", () => {
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.some((f) => f.includes('/fastify/lib/'))).toBe(true);
    expect(loaded.filter((f) => /@fastify\/(ajv-compiler|fast-json-stringify-compiler)\//.test(f))).toEqual([]);
  });

  it('still validates a request body with the zod schema (field path in the problem)', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nurse' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toContain('password');
  });

  it('still serializes a response through the response schema', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'pglite' });
  });
});

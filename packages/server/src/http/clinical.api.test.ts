import { clinicalRuleNames } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signIn, type TestContext } from '../testing/testApp';

describe('clinical rules over HTTP', () => {
  let t: TestContext;
  let nurse: ReturnType<typeof as>;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    nurse = as(t.app, await signIn(t.app, 'nurse'));
  });
  afterAll(() => t.close());

  it('exposes every rule of the registry with its input schema', async () => {
    const res = await nurse.get('/api/v1/clinical');
    expect(res.statusCode).toBe(200);
    const names = res.json<{ name: string; inputSchema: { type?: string } }[]>().map((r) => r.name);
    expect(names).toEqual([...clinicalRuleNames]);
    for (const name of clinicalRuleNames) {
      expect(t.app.routeTable.some((r) => r.url === `/api/v1/clinical/${name}`)).toBe(true);
    }
  });

  it('grades CRS from raw observations and explains the grade', async () => {
    const res = await nurse.post('/api/v1/clinical/crs', {
      input: { maxTempC: 39.2, feverMaskedByTreatment: false, hypotension: 'one-vasopressor', oxygen: 'low-flow' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ grade: 3 });
    expect(res.json<{ explanation: string }>().explanation).toMatch(/vasopressor/);
  });

  it('names the offending field of an invalid input', async () => {
    const res = await nurse.post('/api/v1/clinical/bsa', {
      input: { heightCm: 'tall', weightKg: 70, formula: 'mosteller' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('input.heightCm');
  });
});

import { ROLES } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DRIVERS, type Session, signIn, type TestContext } from '../testing/testApp';

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);
/** /fhir/R4 refuses with a FHIR OperationOutcome (ADR 0700), /api with problem+json. */
const OUTCOME_KEYS = new Set(['resourceType', 'issue']);
const isFhir = (url: string): boolean => url.startsWith('/fhir/');
const refusalKeys = (url: string): Set<string> => (isFhir(url) ? OUTCOME_KEYS : PROBLEM_KEYS);
const SOME_UUID = '00000000-0000-4000-8000-000000000000';

/** Fills path parameters with a syntactically valid id that matches nothing. */
const concrete = (url: string): string => url.replace(/:[A-Za-z]+/g, SOME_UUID);

describe.each(DRIVERS)('every route declares its roles and enforces them (%s)', (driver) => {
  let t: TestContext;
  const sessions = new Map<string, Session>();
  beforeAll(async () => {
    t = await createTestApp(driver);
    for (const role of ROLES) sessions.set(role, await signIn(t.app, role));
  });
  afterAll(() => t.close());

  it('has routes, each with an access declaration', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    for (const r of t.app.routeTable) {
      expect(r.access === 'public' || r.access.length > 0, `${r.method} ${r.url}`).toBe(true);
    }
  });

  it('answers 401 without a session, and the answer carries no data', async () => {
    for (const r of t.app.routeTable.filter((x) => x.access !== 'public' && !x.url.endsWith('/*'))) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.headers['content-type']).toMatch(
        isFhir(r.url) ? /application\/fhir\+json/ : /application\/problem\+json/
      );
      for (const k of Object.keys(res.json<object>())) {
        expect(refusalKeys(r.url).has(k), `${r.method} ${r.url} leaked ${k}`).toBe(true);
      }
    }
  });

  it('answers 403 to every role not allowed and lets every allowed role through', async () => {
    const seen: string[] = [];
    for (const r of t.app.routeTable.filter((x) => !x.url.endsWith('/*'))) {
      for (const role of ROLES) {
        // Signing out would end the shared session; it is checked in the session tests.
        if (r.method === 'DELETE' && r.url.endsWith('/session')) continue;
        const res = await as(t.app, sessions.get(role)!).send(
          r.method as 'GET',
          concrete(r.url),
          r.method === 'GET' ? undefined : {}
        );
        const allowed = r.access === 'public' || r.access.includes(role);
        if (allowed) {
          expect([401, 403], `${role} ${r.method} ${r.url} -> ${res.statusCode} ${res.body}`).not.toContain(
            res.statusCode
          );
        } else {
          expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
          for (const k of Object.keys(res.json<object>())) expect(refusalKeys(r.url).has(k)).toBe(true);
        }
        seen.push(`${role} ${r.method} ${r.url}`);
      }
    }
    expect(seen.length).toBeGreaterThan(80);
    // every route × every role, each denial audited (issue 14): minutes on a loaded machine with PGlite
  }, 180_000);

  it('gives the auditor no write route at all', () => {
    // POST /clinical/<rule> are calculators that store nothing, so they are not writes; cancelling one's own
    // FHIR bulk export (DELETE on its status URL, Bulk Data IG) deletes only the export files one asked for.
    const writes = t.app.routeTable.filter(
      (r) =>
        r.method !== 'GET' &&
        r.access !== 'public' &&
        r.access.includes('auditor') &&
        !r.url.startsWith('/api/v1/clinical/') &&
        r.url !== '/fhir/R4/$export-status/:exportId'
    );
    // Signing out and changing one's own password are the auditor's only writes.
    expect(writes.map((w) => `${w.method} ${w.url}`).sort()).toEqual([
      'DELETE /api/v1/session',
      'POST /api/v1/session/password',
    ]);
  });

  it('refuses a write without the CSRF header even for an allowed role', async () => {
    const s = sessions.get('coordinator')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { cookie: s.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toMatch(/CSRF/);
  });
});

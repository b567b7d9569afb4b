import { ROLES, type Role } from '@engraft/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { demoAccounts, seedDemo } from '../demo/seed';
import { signIn, testConfig, type Session } from '../testing/testApp';
import { type App, buildApp } from './app';
import type { RouteEntry } from './access';

/**
 * Issue 14: hostile and malformed input never gives a 500. Walks every route of the route table (the list
 * routeAccess.test.ts checks) over the synthetic demo, with path parameters that name real records, as a role
 * the route allows, and sends NUL characters, lone surrogates, junk bodies and unbounded paging.
 */
const SOME_UUID = '00000000-0000-4000-8000-000000000000';
const ID_TABLES: Record<string, string> = {
  patientId: 'patients',
  episodeId: 'episodes',
  checkId: 'bedside_checks',
  collectionId: 'collections',
  dayId: 'collection_days',
  donorId: 'episode_donors',
  infusionId: 'infusions',
  observationId: 'observations',
  orderId: 'manufacturing_orders',
  planId: 'conditioning_plans',
  productId: 'products',
  searchId: 'donor_searches',
  transfusionId: 'transfusions',
};

let app: App;
let db: Database;
const sessions = new Map<Role, Session>();
const ids = new Map<string, string>();

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seedDemo(db, '2026-03-15', { patients: 8 });
  app = await buildApp({ db, config: testConfig(), today: () => '2026-03-15' });
  await app.ready();
  for (const acc of demoAccounts()) {
    if (acc.username === acc.role) sessions.set(acc.role, await signIn(app, acc.username, acc.password));
  }
  for (const [param, table] of Object.entries(ID_TABLES)) {
    const [row] = await db.query<{ id: string }>(`select id::text as id from ${table} limit 1`);
    ids.set(param, row?.id ?? SOME_UUID);
  }
  ids.set('key', 'day-100');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

// /fhir/R4 answers the same hostile input with OperationOutcomes: checked in http/fhir/fhirApi.api.test.ts.
const routes = (): RouteEntry[] =>
  app.routeTable.filter(
    (r) =>
      !r.url.endsWith('/*') && !r.url.startsWith('/fhir/') && !(r.method === 'DELETE' && r.url.endsWith('/session'))
  );
const roleFor = (r: RouteEntry): Session =>
  sessions.get(r.access === 'public' ? 'admin' : (r.access.find((x) => ROLES.includes(x)) as Role))!;
const concrete = (url: string, override?: string): string =>
  url.replace(/:([A-Za-z]+)/g, (_m, p: string) => override ?? ids.get(p) ?? SOME_UUID);
const paramsOf = (url: string): string[] => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);

function raw(r: RouteEntry, s: Session, url: string, payload?: string) {
  return app.inject({
    method: r.method as 'POST',
    url,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload }),
  });
}

const hasBody = (r: RouteEntry): boolean => r.method !== 'GET' && r.method !== 'DELETE';

describe('hostile input on every route (issue 14)', () => {
  it('refuses a NUL character or a lone surrogate in the query string with 400 naming the parameter', async () => {
    for (const r of routes()) {
      for (const bad of ['%00', '%ED%A0%80', 'a%00b']) {
        const url = `${concrete(r.url)}?q=${bad}`;
        const res = await raw(r, roleFor(r), url, hasBody(r) ? '{}' : undefined);
        if (bad === '%ED%A0%80') {
          // Invalid UTF-8 in a URL decodes to U+FFFD: storable text, so it need not be refused; it must not crash.
          expect(res.statusCode, `${r.method} ${url} ${res.body}`).toBeLessThan(500);
          continue;
        }
        expect(res.statusCode, `${r.method} ${url} ${res.body}`).toBe(400);
        expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('query.q');
      }
    }
  });

  it('refuses a NUL character in a path parameter with 400', async () => {
    for (const r of routes().filter((x) => paramsOf(x.url).length)) {
      const res = await raw(r, roleFor(r), concrete(r.url, 'a%00b'), hasBody(r) ? '{}' : undefined);
      expect(res.statusCode, `${r.method} ${r.url} ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('refuses NUL characters and lone surrogates anywhere in a JSON body with 400 naming the field, and stores nothing', async () => {
    const before = await db.query<{ n: number }>('select count(*)::int as n from audit_events');
    for (const r of routes().filter(hasBody)) {
      for (const [payload, path] of [
        ['{"familyName":"Rowan\\u0000"}', 'familyName'],
        ['{"notes":"x\\ud800"}', 'notes'],
        ['{"a":{"b":["ok","\\udc00"]}}', 'a.b[1]'],
        ['{"\\u0000":1}', 'body'],
        ['"\\u0000"', 'body'],
      ] as const) {
        const res = await raw(r, roleFor(r), concrete(r.url), payload);
        expect(res.statusCode, `${r.method} ${r.url} ${payload} ${res.body}`).toBe(400);
        const p = res.json<{ detail: string; errors: { path: string }[] }>();
        expect(p.errors[0]!.path).toBe(path);
        expect(p.detail).toMatch(/NUL|surrogate/);
      }
    }
    const after = await db.query<{ n: number }>('select count(*)::int as n from audit_events');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers paging beyond any page (offset=1e15, limit=1e15, negatives, text) with 4xx, never 500', async () => {
    for (const r of routes().filter((x) => x.method === 'GET')) {
      for (const q of [
        'offset=1e15',
        'limit=1e15',
        'offset=-1',
        'offset=abc',
        'offset=1.5',
        'limit=0',
        'offset=9007199254740993',
      ]) {
        const res = await raw(r, roleFor(r), `${concrete(r.url)}?${q}`);
        expect(res.statusCode, `${r.url}?${q} ${res.body}`).toBeLessThan(500);
      }
    }
    const res = await raw(
      { method: 'GET', url: '/api/v1/patients', access: 'public' },
      sessions.get('physician')!,
      '/api/v1/patients?offset=1e15'
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toMatch(/offset/);
  });

  it('answers junk JSON bodies (generated) on every write route with 4xx or success, never 500', async () => {
    const fixed = [
      'null',
      '[]',
      '0',
      '"x"',
      'true',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{}}}',
      `${'['.repeat(500)}${']'.repeat(500)}`,
      '{"a":1e400}',
    ];
    for (const r of routes().filter(hasBody)) {
      for (const payload of fixed) {
        const res = await raw(r, roleFor(r), concrete(r.url), payload);
        expect(res.statusCode, `${r.method} ${r.url} ${payload.slice(0, 40)} ${res.body}`).toBeLessThan(500);
      }
      await fc.assert(
        fc.asyncProperty(fc.json({ maxDepth: 3 }), async (payload) => {
          const res = await raw(r, roleFor(r), concrete(r.url), payload);
          expect(res.statusCode, `${r.method} ${r.url} ${payload} ${res.body}`).toBeLessThan(500);
        }),
        { numRuns: 8, seed: 14 }
      );
    }
  }, 120_000);
});

// Fuzzing (issue 14): every parser of outside input over generated inputs, then every write route's JSON body
// through HTTP (app.inject over the synthetic demo on the embedded database), counting crashes and 500s.
// Usage: npm run bench -- fuzz [inputs per parser = 100000] [inputs per route = 1200] [seed = 14] [in flight = 8]
// Routes: one app and one session per role, bodies generated once and sent with up to [in flight] requests at a
// time (app.inject, no sockets); the backup route, whose valid body dumps and re-opens the whole database, gets
// HEAVY_ROUTES' count (20; FUZZ_BACKUP_BODIES), one at a time. Prints the slowest routes.
import fc from 'fast-check';
import type { Config } from '../packages/server/src/config';
import { openDatabase } from '../packages/server/src/db/database';
import { migrate } from '../packages/server/src/db/migrate';
import { demoAccounts, seedDemo } from '../packages/server/src/demo/seed';
import { buildApp } from '../packages/server/src/http/app';
import { serverErrorSink } from '../packages/server/src/http/problem';
import { fuzzAll } from '../packages/server/src/testing/fuzzTargets';
import { machineLine } from './_machine';

const PER_PARSER = Number(process.argv[2] ?? 100_000);
const PER_ROUTE = Number(process.argv[3] ?? 1_200);
const SEED = Number(process.argv[4] ?? 14);
const IN_FLIGHT = Number(process.argv[5] ?? 8);
/** Routes whose valid body does whole-database work (a full dump and its verification): fewer bodies. */
const HEAVY_ROUTES: Record<string, number> = { 'POST /api/v1/backup': Number(process.env.FUZZ_BACKUP_BODIES ?? 20) };

console.log(machineLine());
let total = 0;
let crashes = 0;
const t0 = performance.now();
for (const o of fuzzAll(PER_PARSER, SEED)) {
  total += o.inputs;
  crashes += o.crashes;
  console.log(
    `${o.name.padEnd(52)} ${o.inputs} inputs, ${o.crashes} crashes${o.firstCrash ? ` — first: ${o.firstCrash}` : ''}`
  );
}
console.log(`parsers: ${total} inputs tried, ${crashes} crashes (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const config: Config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl: undefined,
  dataDir: 'memory://',
  webDir: undefined,
  loginRatePerMinute: 100_000,
  session: { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000, secureCookies: false },
  lockout: { threshold: 5, durationMs: 60_000 },
};
const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db);
await seedDemo(db, '2026-03-15', { patients: 8 });
const app = await buildApp({ db, config, today: () => '2026-03-15' });
await app.ready();
let logged500 = 0;
serverErrorSink.write = () => void logged500++;
const sessions = new Map<string, { cookie: string; csrf: string }>();
for (const acc of demoAccounts().filter((a) => a.username === a.role)) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username: acc.username, password: acc.password },
  });
  sessions.set(acc.role, {
    cookie: String([res.headers['set-cookie']].flat()[0]).split(';')[0]!,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  });
}
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
const ids = new Map<string, string>([['key', 'day-100']]);
for (const [param, table] of Object.entries(ID_TABLES)) {
  ids.set(
    param,
    (await db.query<{ id: string }>(`select id::text as id from ${table} limit 1`))[0]?.id ??
      '00000000-0000-4000-8000-000000000000'
  );
}
const routes = app.routeTable.filter(
  (r) => !['GET', 'DELETE'].includes(r.method) && !r.url.endsWith('/*') && r.url !== '/api/v1/session'
);
// Bodies: arbitrary JSON, and objects whose fields carry hostile values (what a form or a script could send).
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    null,
    true,
    '',
    '-5',
    '4e10',
    '1e400',
    '2026-02-30',
    '9999-12-31',
    'A*99:99',
    '=W000000000000',
    '__proto__'
  )
);
const body = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .dictionary(
      fc.constantFrom(
        'name',
        'familyName',
        'givenName',
        'mrn',
        'dateOfBirth',
        'sex',
        'din',
        'productCode',
        'division',
        'kind',
        'value',
        'unit',
        'analyte',
        'observedOn',
        'hlaTyping',
        'reason',
        'note',
        'format',
        'content',
        'roles',
        'username',
        'password',
        'confirmations',
        'doseMgPerM2',
        'weightKg',
        'status'
      ),
      hostile
    )
    .map((o) => JSON.stringify(o))
);
let sent = 0;
let fiveHundreds = 0;
let firstFailure: string | undefined;
const bodies = fc.sample(body, { numRuns: PER_ROUTE, seed: SEED });
const perRoute: { route: string; bodies: number; ms: number }[] = [];
const t1 = performance.now();
for (const r of routes) {
  const role = r.access === 'public' ? 'admin' : r.access[0]!;
  const s = sessions.get(role)!;
  const url = r.url.replace(/:([A-Za-z]+)/g, (_m, p: string) => ids.get(p) ?? '00000000-0000-4000-8000-000000000000');
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
  const heavy = HEAVY_ROUTES[`${r.method} ${r.url}`];
  const mine = bodies.slice(0, heavy ?? PER_ROUTE);
  const tr = performance.now();
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < mine.length; i = next++) {
      const payload = mine[i]!;
      const res = await app.inject({ method: r.method as 'POST', url, headers, payload });
      sent++;
      if (res.statusCode >= 500) {
        fiveHundreds++;
        firstFailure ??= `${r.method} ${r.url} ${payload.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: heavy === undefined ? IN_FLIGHT : 1 }, sender));
  perRoute.push({ route: `${r.method} ${r.url}`, bodies: mine.length, ms: performance.now() - tr });
}
for (const p of [...perRoute].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
  console.log(`slowest: ${p.route} ${p.bodies} bodies ${(p.ms / 1000).toFixed(1)} s`);
}
console.log(
  `routes: ${routes.length} write routes, ${sent} bodies sent, ${fiveHundreds} answers ≥ 500, ${logged500} server errors logged (${((performance.now() - t1) / 1000).toFixed(1)} s)${firstFailure ? `\nfirst: ${firstFailure}` : ''}`
);
await app.close();
await db.close();
process.exit(crashes || fiveHundreds ? 1 : 0);

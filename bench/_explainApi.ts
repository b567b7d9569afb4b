// Where the API's database time goes: EXPLAIN ANALYZE of the statements of a patient search, a patient page
// and the session lookup, on 10,000 synthetic patients, plus the mean time of each statement over 200 runs.
// Usage: npx tsx bench/_explainApi.ts [pglite|postgres]
import { openEngraftDatabase, type Database, type Queryable } from '@engraft/server';
import { hashToken } from '../packages/server/src/services/auth';
import * as sessions from '../packages/server/src/repo/sessions';
import * as patients from '../packages/server/src/services/patients';
import { startCluster } from '../packages/server/src/testing/postgresCluster';
import { SEARCH_PREFIXES, seedPatients } from './_patients';

const kind = process.argv[2] ?? 'postgres';
const cluster = kind === 'postgres' ? await startCluster() : undefined;
try {
  const db = await openEngraftDatabase({ databaseUrl: cluster?.url, dataDir: 'memory://' });
  await seedPatients(db);
  const centreId = (await db.query<{ id: string }>('select id from centres'))[0]!.id;
  const user = (await db.query<{ id: string }>(`select id from users where username = 'coordinator'`))[0]!;
  const ids = (await db.query<{ id: string }>('select id from patients')).map((r) => r.id);
  await db.query(
    `insert into sessions (token_hash, user_id, centre_id, csrf_token, idle_expires_at, absolute_expires_at)
     values ($1, $2, $3, 'x', now() + interval '1 hour', now() + interval '8 hours')`,
    [hashToken('bench'), user.id, centreId]
  );
  const actor = { userId: user.id, username: 'coordinator', centreId };
  /** Runs fn with a database whose query() prints the plan of each statement instead of its rows. */
  const explained = (): Database => {
    const q: Queryable['query'] = async (sql, params) => {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${sql}`, params);
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
      return [];
    };
    return { ...db, query: q };
  };
  for (const [name, fn] of [
    ['session lookup', (d: Database) => sessions.touchLiveSession(d, hashToken('bench'), 3_600_000)],
    ['patient page', (d: Database) => patients.getPatientRecord(d, actor, ids[17]!)],
    ...['al', 'ada', 'bench-0001', 'bench-', 'zz'].map(
      (p) =>
        [`search ${p}`, (d: Database) => patients.searchPatients(d, actor, { q: p, limit: 25, offset: 0 })] as const
    ),
  ] as const) {
    console.log(`\n=== ${name}`);
    await fn(explained()).catch(() => undefined);
  }
  console.log('\nmean wall time per statement, 200 runs after 50 warm-up:');
  const time = async (name: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < 200; i++) await fn();
    console.log(`${name}: ${((performance.now() - t) / 200).toFixed(2)} ms`);
  };
  await time('select 1', () => db.query('select 1'));
  await time('session lookup', () => sessions.touchLiveSession(db, hashToken('bench'), 3_600_000));
  let k = 0;
  await time('patient page', () => patients.getPatientRecord(db, actor, ids[k++ % ids.length]!));
  await time('search (bench prefixes)', () =>
    patients.searchPatients(db, actor, { q: SEARCH_PREFIXES[k++ % SEARCH_PREFIXES.length], limit: 25, offset: 0 })
  );
  for (const p of ['al', 'ada', 'bench-0001', 'bench-', 'b', 'zz']) {
    await time(`search ${p}`, () => patients.searchPatients(db, actor, { q: p, limit: 25, offset: 0 }));
  }
  await db.close();
} finally {
  cluster?.stop();
}

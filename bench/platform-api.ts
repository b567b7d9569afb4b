// Patient search and patient page API under load: 10,000 synthetic patients, 50 concurrent clients on
// loopback. Target (issue 2): p99 under 50 ms on both the embedded database and PostgreSQL.
// Usage: npm run build && npm run bench -- platform-api [pglite|postgres|both] [seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { demoAccounts, openEngraftDatabase, seedDemo, todayUtc, type Database } from '@engraft/server';
import { startCluster } from '../packages/server/src/testing/postgresCluster';
import { cpuSeconds, postmasterPid, treeCpuSeconds } from './_cpu';
import { machineLine } from './_machine';
import { requireBuild, signInCookie, spawnServer } from './_server';

requireBuild();
const which = process.argv[2] ?? 'both';
const seconds = Number(process.argv[3] ?? 10);
const PATIENTS = 10_000;
const CONNECTIONS = 50;

/** Bulk synthetic patients, each with a diagnosis and an episode, in the demo centre. */
async function seedPatients(db: Database): Promise<void> {
  await seedDemo(db, todayUtc(), { patients: 0 });
  await db.exec(`
    insert into patients (centre_id, mrn, family_name, given_name, date_of_birth, sex, abo_rh, weight_kg, height_cm, is_synthetic)
    select c.id, 'BENCH-' || lpad(g::text, 6, '0'),
           (array['Alder','Birch','Cedar','Elm','Hazel','Juniper','Larch','Maple','Oak','Rowan','Spruce','Willow'])[1 + g % 12] || chr(65 + g % 26) || chr(65 + (g / 26) % 26),
           (array['Ada','Bruno','Clara','Dario','Edith','Felix'])[1 + g % 6],
           date '1950-01-01' + (g * 7 % 25000), (array['female','male'])[1 + g % 2], 'O+', 70, 170, true
    from generate_series(1, ${PATIENTS}) g, centres c;
    insert into diagnoses (patient_id, centre_id, disease, diagnosis_date, status)
    select id, centre_id, 'AML', date '2025-01-01', 'CR1' from patients;
    insert into episodes (patient_id, centre_id, diagnosis_id, type, planned_day_zero, phase)
    select d.patient_id, d.centre_id, d.id, 'allogeneic-hct', date '2025-06-01', 'early-follow-up' from diagnoses d;
    insert into episode_events (episode_id, centre_id, date, kind, label)
    select e.id, e.centre_id, e.planned_day_zero - k, 'phase', 'Phase change ' || k from episodes e, generate_series(0, 3) k;
    analyze;
  `);
}

/** CPU milliseconds per request spent by the server, the database and the load generator during a run. */
interface CpuShare {
  server: number;
  database: number | null;
  client: number;
}

function percentileLine(name: string, r: autocannon.Result, cpu: CpuShare): string {
  const l = r.latency;
  const ms = (x: number) => x.toFixed(2);
  return (
    `${name}: ${Math.round(r.requests.average)} req/s, latency p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms, errors ${r.errors + r.non2xx}; ` +
    `CPU per request: server ${ms(cpu.server)} ms${cpu.database == null ? '' : `, PostgreSQL ${ms(cpu.database)} ms`}, load generator ${ms(cpu.client)} ms`
  );
}

/** Runs a load and measures the CPU each party used per request (from /proc; Linux). */
async function measured(run: () => Promise<autocannon.Result>, serverPid: number, dbPid: number | undefined): Promise<[autocannon.Result, CpuShare]> {
  const before = { server: cpuSeconds(serverPid), db: dbPid ? treeCpuSeconds(dbPid) : 0, client: process.cpuUsage() };
  const r = await run();
  const n = Math.max(1, r.requests.total);
  const client = process.cpuUsage(before.client);
  return [
    r,
    {
      server: ((cpuSeconds(serverPid) - before.server) * 1000) / n,
      database: dbPid ? ((treeCpuSeconds(dbPid) - before.db) * 1000) / n : null,
      client: (client.user + client.system) / 1000 / n,
    },
  ];
}

async function load(url: string, cookie: string, paths: () => string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
}

async function runOn(kind: 'pglite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-api-'));
  const cluster = kind === 'postgres' ? await startCluster() : undefined;
  try {
    const env: Record<string, string> = { ENGRAFT_DATA_DIR: dataDir, ...(cluster ? { DATABASE_URL: cluster.url } : {}) };
    const db = await openEngraftDatabase({ databaseUrl: cluster?.url, dataDir });
    await seedPatients(db);
    const ids = (await db.query<{ id: string }>('select id from patients')).map((r) => r.id);
    await db.close();
    const server = await spawnServer(env);
    try {
      const coordinator = demoAccounts().find((a) => a.username === 'coordinator')!;
      const cookie = await signInCookie(server.url, coordinator.username, coordinator.password);
      const prefixes = ['al', 'bir', 'ced', 'elm', 'haz', 'jun', 'lar', 'map', 'oak', 'row', 'spr', 'wil', 'bench-0001', 'ada', 'bru'];
      let i = 0;
      const serverPid = server.proc.pid!;
      const dbPid = cluster ? postmasterPid(cluster.dataDir) : undefined;
      const health = await measured(() => load(server.url, cookie, () => '/api/v1/health'), serverPid, dbPid);
      console.log(percentileLine(`${kind} health (for scale)`, ...health));
      const search = await measured(() => load(server.url, cookie, () => `/api/v1/patients?q=${prefixes[i++ % prefixes.length]}&limit=25`), serverPid, dbPid);
      console.log(percentileLine(`${kind} patient search`, ...search));
      const page = await measured(() => load(server.url, cookie, () => `/api/v1/patients/${ids[Math.floor(Math.random() * ids.length)]}`), serverPid, dbPid);
      console.log(percentileLine(`${kind} patient page  `, ...page));
    } finally {
      await server.stop();
    }
  } finally {
    cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`${PATIENTS} patients, ${CONNECTIONS} concurrent clients, ${seconds} s per run`);
if (which === 'pglite' || which === 'both') await runOn('pglite');
if (which === 'postgres' || which === 'both') await runOn('postgres');
console.log(`machine: ${machineLine()}`);

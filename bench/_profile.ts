// Scratch: CPU-profile the built server under the patient page load (PostgreSQL). Not part of the suite.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { demoAccounts, openEngraftDatabase, seedDemo, todayUtc } from '@engraft/server';
import { startCluster, freePort } from '../packages/server/src/testing/postgresCluster';
import { CLI_DIST, ROOT, signInCookie } from './_server';

const route = process.argv[2] ?? 'page';
const cluster = await startCluster();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-prof-'));
const db = await openEngraftDatabase({ databaseUrl: cluster.url, dataDir });
await seedDemo(db, todayUtc(), { patients: 0 });
await db.exec(`insert into patients (centre_id, mrn, family_name, given_name, date_of_birth, sex, abo_rh, is_synthetic)
  select c.id, 'BENCH-' || g, 'Alder' || g, 'Ada', date '1970-01-01', 'female', 'O+', true from generate_series(1, 2000) g, centres c; analyze;`);
const variant = process.env.AUDIT_VARIANT ?? 'as-is';
const ARGS = `p_actor_id uuid, p_actor text, p_centre_id uuid, p_action text, p_entity_type text, p_entity_id text, p_patient_id uuid, p_before jsonb, p_after jsonb, p_reason text`;
if (variant === 'none') await db.exec(`create or replace function audit_append(${ARGS}) returns void language plpgsql volatile as $$ begin end; $$;`);
if (variant === 'nolock')
  await db.exec(`create or replace function audit_append(${ARGS}) returns void language plpgsql volatile as $$
  begin insert into audit_events (at, actor_id, actor, centre_id, action, entity_type, entity_id, patient_id, before, after, reason, prev_hash, hash)
  values (clock_timestamp(), p_actor_id, p_actor, p_centre_id, p_action, p_entity_type, p_entity_id, p_patient_id, p_before, p_after, p_reason, '', md5(random()::text) || md5(random()::text)); end; $$;`);
console.log('audit variant', variant);
const ids = (await db.query<{ id: string }>('select id from patients')).map((r) => r.id);
await db.close();
const port = await freePort();
const profDir = '/tmp/prof';
const proc = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, CLI_DIST, 'serve', '--quiet'], {
  cwd: ROOT, env: { ...process.env, DATABASE_URL: cluster.url, ENGRAFT_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'inherit',
});
const url = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(`${url}/api/v1/health`)).ok) break; } catch { /* */ } await new Promise((r) => setTimeout(r, 50)); }
const c = demoAccounts().find((a) => a.username === 'coordinator')!;
const cookie = await signInCookie(url, c.username, c.password);
const paths: Record<string, () => string> = {
  health: () => '/api/v1/health',
  page: () => `/api/v1/patients/${ids[Math.floor(Math.random() * ids.length)]}`,
  search: () => '/api/v1/patients?q=alder1&limit=25',
};
const r = await autocannon({ url, connections: 20, amount: 4000, headers: { cookie }, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[route]!() }) }] });
console.log(route, Math.round(r.requests.average), 'req/s', r.latency.p99, 'ms p99', r.non2xx, 'non2xx');
await new Promise<void>((res) => { proc.once('exit', () => res()); proc.kill('SIGINT'); });
cluster.stop();
const file = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort().at(-1)!;
const prof = JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }[]; samples: number[]; timeDeltas: number[] };
const self = new Map<string, number>();
const total = prof.samples.length;
for (const n of prof.nodes) {
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/main\//, '')}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + n.hitCount);
}
// Inclusive time by package (self time attributed to the file's package).
const byPkg = new Map<string, number>();
for (const n of prof.nodes) {
  const u = n.callFrame.url;
  const pkg = u.includes('node_modules/') ? u.replace(/.*node_modules\//, '').split('/').slice(0, u.includes('node_modules/@') ? 2 : 1).join('/') : u.startsWith('node:') ? u : u ? 'engraft' : n.callFrame.functionName;
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
}
console.log('samples', total);
console.log([...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
console.log('---');
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));

// Where the server process spends its CPU under load: runs the built server with --cpu-prof on PostgreSQL with
// 10,000 patients, 50 closed-loop clients for 8 s on one route, and prints self time by package and function.
// Usage: npm run build && npx tsx bench/_profileApi.ts [page|search]
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { demoAccounts, openEngraftDatabase } from '@engraft/server';
import { startCluster } from '../packages/server/src/testing/postgresCluster';
import { seedPatients, SEARCH_PREFIXES } from './_patients';
import { signInCookie, spawnServer } from './_server';
const route = process.argv[2] ?? 'page';
const cluster = await startCluster();
const profDir = mkdtempSync(path.join(os.tmpdir(), 'api-p99-prof-'));
try {
  const db = await openEngraftDatabase({ databaseUrl: cluster.url, dataDir: 'memory://' });
  await seedPatients(db);
  const ids = (await db.query<{ id: string }>('select id from patients')).map((r) => r.id);
  await db.close();
  const server = await spawnServer(
    { DATABASE_URL: cluster.url, ENGRAFT_DATA_DIR: profDir },
    [],
    ['--cpu-prof', `--cpu-prof-dir=${profDir}`]
  );
  const c = demoAccounts().find((a) => a.username === 'coordinator')!;
  const cookie = await signInCookie(server.url, c.username, c.password);
  let i = 0;
  const p =
    route === 'page'
      ? () => `/api/v1/patients/${ids[Math.floor(Math.random() * ids.length)]}`
      : () => `/api/v1/patients?q=${SEARCH_PREFIXES[i++ % SEARCH_PREFIXES.length]}&limit=25`;
  const r = await autocannon({
    url: server.url,
    connections: 50,
    duration: 8,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: p() }) }],
  });
  console.log(route, Math.round(r.requests.average), 'req/s p99', r.latency.p99);
  await server.stop();
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
  const prof = JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as {
    nodes: {
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number };
      hitCount: number;
      children?: number[];
    }[];
    samples: number[];
  };
  const total = prof.samples.length;
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of prof.nodes) {
    const u = n.callFrame.url.replace(/^file:\/\//, '');
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ??
      (u.includes('/dist/') ? 'engraft dist' : u.startsWith('node:') ? 'node core' : u || '(native/gc/idle)');
    const key = `${n.callFrame.functionName || '(anon)'} ${pkg}:${n.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + n.hitCount);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, h]) => `${((100 * h) / total).toFixed(1)}% ${n}`)
      .join('\n');
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const callers = new Map<string, number>();
  for (const n of prof.nodes) {
    if (
      n.callFrame.functionName !== 'writev' &&
      n.callFrame.functionName !== 'writeUtf8String' &&
      n.callFrame.functionName !== 'writeBuffer'
    ) {
      continue;
    }
    const chain: string[] = [];
    for (let id = parent.get(n.id); id !== undefined && chain.length < 7; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      chain.push(`${f.functionName}@${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`);
    }
    const k = `${n.callFrame.functionName} <- ${chain.join(' <- ')}`;
    callers.set(k, (callers.get(k) ?? 0) + n.hitCount);
  }
  console.log('socket writes by caller:\n' + top(callers, 8));
  console.log('by package (self time):\n' + top(byPkg, 15));
  console.log('by function (self time):\n' + top(byFn, 30));
} finally {
  cluster.stop();
}

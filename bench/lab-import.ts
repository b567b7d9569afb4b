// Lab import under load (issue 14): imports a 32,000-row CSV for one patient while other users read pages, on the
// embedded database and on PostgreSQL, and prints the import's rows per second and the concurrent reads' latency.
// Usage: npm run bench -- lab-import [pglite|postgres|both] [rows]
// LAB_IMPORT_PAUSE=off: no pause between chunks while reads are in flight (only an event-loop turn), to compare.
// LAB_IMPORT_CHUNK=<rows>: rows per chunk transaction instead of the server's default for the database.
// LAB_IMPORT_POOL=cold: the database opened as a CLI command opens it (PostgreSQL connections opened when needed)
// instead of as `engraft serve` does (every connection of the pool opened at start and kept).
// LAB_IMPORT_READ_LEAD_MS=<ms> (default 1000): the readers start this long before the import, so the reads measured
// are those of a server already serving them; 0 starts both at once (as before 2026-12-07: then the first reads
// also wait for the pool's new connections and their backends' first statements).
// LAB_IMPORT_WAITS=on: sample pg_stat_activity every 5 ms during the import (its own connection and backend: it
// takes CPU from what it measures, so it is off by default).
// In process (app.inject): the import and the reads share one event loop and one database, as in `engraft serve`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Config } from '../packages/server/src/config';
import { buildApp } from '../packages/server/src/http/app';
import { findOrCreateCentre } from '../packages/server/src/repo/centres';
import { openEngraftDatabase } from '../packages/server/src/runtime';
import { createUser } from '../packages/server/src/services/auth';
import { createPatient } from '../packages/server/src/services/patients';
import { startCluster } from '../packages/server/src/testing/postgresCluster';
import { labCsv as csv } from './_labCsv';
import { machineLine } from './_machine';
import { sampleWaits } from './_pgWaits';

const which = process.argv[2] ?? 'both';
const ROWS = Number(process.argv[3] ?? 32_000);
const READ_EVERY_MS = 5;
const PAUSE = process.env.LAB_IMPORT_PAUSE === 'off' ? 'off' : 'on';
const CHUNK = process.env.LAB_IMPORT_CHUNK ? Number(process.env.LAB_IMPORT_CHUNK) : undefined;
const POOL = process.env.LAB_IMPORT_POOL === 'cold' ? 'cold' : 'warm';
const READ_LEAD_MS = Number(process.env.LAB_IMPORT_READ_LEAD_MS ?? 1000);

const config = (dataDir: string, databaseUrl?: string): Config => ({
  port: 0,
  host: '127.0.0.1',
  databaseUrl,
  dataDir,
  webDir: undefined,
  loginRatePerMinute: 10_000,
  session: { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000, secureCookies: false },
  lockout: { threshold: 5, durationMs: 60_000 },
});

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

async function runOn(kind: 'pglite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-import-'));
  const cluster = kind === 'postgres' ? await startCluster() : undefined;
  try {
    const cfg = config(dataDir, cluster?.url);
    const db = await openEngraftDatabase(cfg, POOL === 'cold' ? undefined : 'server');
    const centre = await findOrCreateCentre(db, 'Bench Centre');
    const setup = { userId: null, username: 'bench', centreId: centre.id };
    for (const role of ['nurse', 'physician'] as const) {
      await createUser(db, setup, centre.id, {
        username: role,
        displayName: role,
        password: `bench-${role}-password`,
        roles: [role],
      });
    }
    const patients: { id: string }[] = [];
    for (let i = 0; i < 50; i++) {
      patients.push(
        await createPatient(db, setup, {
          mrn: `IMP-${i}`,
          familyName: `Import${i}`,
          givenName: 'Bench',
          dateOfBirth: '1970-01-01',
          sex: 'female',
        })
      );
    }
    const app = await buildApp({
      db,
      config: cfg,
      today: () => '2026-03-15',
      ...(PAUSE === 'off' ? { importPauseMs: 0 } : {}),
      ...(CHUNK ? { importChunkRows: CHUNK } : {}),
    });
    await app.ready();
    const signIn = async (role: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: role, password: `bench-${role}-password` },
      });
      return {
        cookie: String([res.headers['set-cookie']].flat()[0]).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    };
    const nurse = await signIn('nurse');
    const physician = await signIn('physician');
    const content = csv(ROWS);
    // Warm-up: one small import and a few reads.
    await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${patients[1]!.id}/labs/import`,
      headers: { cookie: nurse.cookie, 'x-csrf-token': nurse.csrf },
      payload: { format: 'csv', content: csv(100) },
    });
    const read = async (i: number) => {
      const t0 = performance.now();
      const url = i % 2 ? `/api/v1/patients/${patients[2 + (i % 48)]!.id}` : '/api/v1/patients?q=import&limit=25';
      const res = await app.inject({ method: 'GET', url, headers: { cookie: physician.cookie } });
      if (res.statusCode !== 200) throw new Error(`read ${url}: ${res.statusCode}`);
      return performance.now() - t0;
    };
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await read(i));

    // Reads started while the import runs (from its request to its answer); the others are not counted.
    const latencies: number[] = [];
    let phase = 'before' as 'before' | 'importing' | 'after';
    const readers = (async () => {
      const pending: Promise<void>[] = [];
      for (let i = 0; phase !== 'after'; i++) {
        const counted = phase === 'importing';
        pending.push(read(i).then((ms) => void (counted && latencies.push(ms))));
        await new Promise((r) => setTimeout(r, READ_EVERY_MS));
      }
      await Promise.all(pending);
    })();
    await new Promise((r) => setTimeout(r, READ_LEAD_MS));
    // How long the event loop was held (by the import, or by anything in this process) while the import ran.
    // On PostgreSQL: where the backends wait while the import runs (pg_stat_activity samples).
    const waits = cluster && process.env.LAB_IMPORT_WAITS === 'on' ? await sampleWaits(cluster.url) : undefined;
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    // LAB_IMPORT_PROFILE=<dir>: a CPU profile of this process over the import's window only (not the set-up).
    const profiler = process.env.LAB_IMPORT_PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    phase = 'importing';
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${patients[0]!.id}/labs/import`,
      headers: { cookie: nurse.cookie, 'x-csrf-token': nurse.csrf },
      payload: { format: 'csv', content },
    });
    const importMs = performance.now() - t0;
    phase = 'after';
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    loopDelay.disable();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      const file = path.join(process.env.LAB_IMPORT_PROFILE!, `lab-import-${kind}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      profiler.disconnect();
      console.log(`CPU profile of the import's window: ${file}`);
    }
    await readers;
    if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const report = res.json<{ inserted: number }>();
    console.log(
      `${kind.padEnd(8)} pause ${PAUSE} chunk ${CHUNK ?? 'default'} pool ${POOL} read lead ${READ_LEAD_MS} ms import ${ROWS} rows (${(content.length / 1024).toFixed(0)} KB): ${(importMs / 1000).toFixed(2)} s, ${Math.round(ROWS / (importMs / 1000))} rows/s, inserted ${report.inserted}` +
        ` | concurrent reads: ${latencies.length}, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms` +
        ` | idle reads p50 ${pct(idle, 50).toFixed(1)} ms, p99 ${pct(idle, 99).toFixed(1)} ms` +
        ` | event loop delay during the import p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms` +
        ` | CPU of this process (server, PGlite, reads) during the import ${cpuMs.toFixed(0)} ms`
    );
    if (waits) for (const line of await waits.stop()) console.log(line);
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`
    );
    await app.close();
    await db.close();
  } finally {
    cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(machineLine());
if (which === 'pglite' || which === 'both') await runOn('pglite');
if (which === 'postgres' || which === 'both') await runOn('postgres');

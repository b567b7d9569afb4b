// The lab import service alone (issue 14): `importLabs` of the lab-import bench's CSV on the embedded database, no
// HTTP and no concurrent reads, each run for a new patient. Prints the process CPU (user + system: Node and the
// PGlite engine) and wall time per run; compare two versions of the code interleaved on a shared machine.
// Usage: npx tsx bench/_labImportService.ts [runs] [rows]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOrCreateCentre } from '../packages/server/src/repo/centres';
import { openEngraftDatabase } from '../packages/server/src/runtime';
import { importLabs } from '../packages/server/src/services/labImport';
import { createPatient } from '../packages/server/src/services/patients';
import { labCsv } from './_labCsv';

const RUNS = Number(process.argv[2] ?? 3);
const ROWS = Number(process.argv[3] ?? 32_000);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-import-service-'));
try {
  const db = await openEngraftDatabase({ dataDir, databaseUrl: undefined });
  const centre = await findOrCreateCentre(db, 'Bench Centre');
  const actor = { userId: null, username: 'bench', centreId: centre.id };
  const content = labCsv(ROWS);
  const runs: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const patient = await createPatient(db, actor, {
      mrn: `SVC-${run}`,
      familyName: `Service${run}`,
      givenName: 'Bench',
      dateOfBirth: '1970-01-01',
      sex: 'female',
    });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await importLabs(db, actor, patient.id, { format: 'csv', content });
    const c = process.cpuUsage(c0);
    if (report.inserted !== ROWS) throw new Error(`imported ${report.inserted} of ${ROWS}`);
    runs.push(`cpu ${((c.user + c.system) / 1000).toFixed(0)} ms wall ${(performance.now() - t0).toFixed(0)} ms`);
  }
  console.log(`importLabs ${ROWS} rows on PGlite: ${runs.join(' | ')} | load ${os.loadavg()[0]!.toFixed(1)}`);
  await db.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

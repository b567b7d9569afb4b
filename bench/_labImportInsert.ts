// The embedded lab import's write path alone (issue 14, ADR 0014): 32,000 observations inserted 500 per chunk
// transaction into PGlite on disk, as the import writes them, with the per-row foreign-key triggers (`base`) or
// without them (`replica`, as the import now does after one check per chunk). Prints wall and CPU time; run the
// variants interleaved (base replica base replica) on a shared machine.
// Usage: npx tsx bench/_labImportInsert.ts [base|replica] [rows per chunk]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dateOfDay } from '../packages/clinical/src/index';
import { findOrCreateCentre } from '../packages/server/src/repo/centres';
import { openEngraftDatabase } from '../packages/server/src/runtime';
import { createPatient } from '../packages/server/src/services/patients';
import * as repo from '../packages/server/src/repo/monitoring';
import * as li from '../packages/server/src/repo/labImports';
const variant = process.argv[2] ?? 'base';
const B = Number(process.argv[3] ?? 500);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmpins-'));
const db = await openEngraftDatabase({ dataDir, databaseUrl: undefined });
const centre = await findOrCreateCentre(db, 'C');
const setup = { userId: null, username: 'bench', centreId: centre.id };
const p = await createPatient(db, setup, {
  mrn: 'X1',
  familyName: 'X',
  givenName: 'Y',
  dateOfBirth: '1970-01-01',
  sex: 'female',
});
const who = { centreId: centre.id, patientId: p.id, userId: null };
const an = [
  ['anc', 1.2],
  ['platelets', 85],
  ['hemoglobin', 10.4],
  ['creatinine', 76],
] as const;
const rows = Array.from({ length: 32000 }, (_, i): repo.ObservationInsert => {
  const [a, base] = an[i % 4]!;
  const v = Number((base + (i % 7) / 10).toFixed(1));
  return {
    analyte: a,
    lineage: null,
    observedOn: dateOfDay('1995-01-01', Math.floor(i / 4)),
    value: v,
    unit: 'u',
    reportedValue: v,
    reportedUnit: 'u',
    source: 'csv',
  };
});
const importId = (await db.transaction((tx) => li.openLabImport(tx, who, 'csv', rows.length)))!;
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let s = 0; s < rows.length; s += B) {
  await db.transaction(async (tx) => {
    if (variant === 'replica') await tx.query(`set local session_replication_role = replica`);
    await repo.insertObservations(tx, who, rows.slice(s, s + B), importId);
    await li.touchLabImport(tx, importId);
  });
}
const d = process.cpuUsage(c0);
console.log(
  `${variant} B=${B} wall ${(performance.now() - t0).toFixed(0)} cpu ${((d.user + d.system) / 1000).toFixed(0)}`
);
await db.close();
rmSync(dataDir, { recursive: true, force: true });

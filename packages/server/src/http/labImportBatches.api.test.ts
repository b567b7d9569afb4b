import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { IMPORT_BATCH_ROWS } from '../repo/monitoring';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

type Report = { accepted: boolean; inserted: number; duplicates: { line: number; message: string }[] };

/** Issue 14 item 2: a lab import is written in multi-row batches, still all or nothing, duplicates by line. */
describe.each(DRIVERS)('lab import in batches (%s)', (driver) => {
  let t: TestContext;
  let nurse: ReturnType<typeof as>;
  let patientId = '';
  const count = async (db: Database, table: string) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from ${table} where patient_id = $1`, [patientId]))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    patientId = (
      await coord.post('/api/v1/patients', {
        mrn: 'BATCH-1',
        familyName: 'Batch',
        givenName: 'Bo',
        dateOfBirth: '1975-02-02',
        sex: 'male',
      })
    ).json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it('stores every new row across batch boundaries and reports duplicates (stored or repeated in the file) by line', async () => {
    // One row already stored before the import.
    expect(
      (
        await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
          format: 'csv',
          content: 'date,analyte,value,unit\n2025-01-01,anc,0.1,x10^9/L',
        })
      ).statusCode
    ).toBe(200);
    const n = IMPORT_BATCH_ROWS * 2 + 500;
    const lines = ['date,analyte,value,unit'];
    for (let i = 0; i < n; i++) {
      lines.push(`${dateOfDay('2025-01-01', Math.floor(i / 10))},anc,${(i % 10) / 10 + 0.1},x10^9/L`);
    }
    // Line 2 (first data row) repeats the stored result; the last row repeats a row of the first batch; a transfusion
    // in the second batch, and the same transfusion again at the end.
    lines.splice(IMPORT_BATCH_ROWS + 10, 0, '2025-01-02,platelet-transfusion,,');
    lines.push(lines[5]!, '2025-01-02,platelet-transfusion,,');
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'csv',
      content: lines.join('\n'),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const report = res.json<Report>();
    const total = lines.length - 1;
    expect(report.duplicates.map((d) => d.line)).toEqual([2, total, total + 1]);
    expect(report.inserted).toBe(total - 3);
    expect(await count(t.db, 'observations')).toBe(n); // the first data row was the stored one
    expect(await count(t.db, 'transfusions')).toBe(1);
    const [audit] = await t.db.query<{ after: { rows: number; inserted: number } }>(
      "select after from audit_events where action = 'import' order by seq desc limit 1"
    );
    expect(audit!.after).toMatchObject({ rows: total, inserted: total - 3 });
  });

  it('stores nothing when a row of a late batch is refused', async () => {
    const before = await count(t.db, 'observations');
    const lines = ['date,analyte,value,unit'];
    for (let i = 0; i < IMPORT_BATCH_ROWS + 10; i++) {
      lines.push(`${dateOfDay('2024-01-01', i % 300)},platelets,${i + 1},x10^9/L`);
    }
    lines.push('2024-01-01,platelets,-5,x10^9/L');
    const res = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      format: 'csv',
      content: lines.join('\n'),
    });
    expect(res.statusCode).toBe(422);
    expect(await count(t.db, 'observations')).toBe(before);
  });
});

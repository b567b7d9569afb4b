import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { discardLabImport } from '../repo/labImports';
import { IMPORT_BATCH_ROWS } from '../repo/monitoring';
import { importLabs } from '../services/labImport';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

/** `rows` creatinine results on consecutive quarter days from 1990 (distinct, none flagged). */
function creatinineFile(rows: number): string {
  const lines = ['date,analyte,value,unit'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${dateOfDay('1990-01-01', Math.floor(i / 4))},creatinine,${70 + (i % 4)},umol/L`);
  }
  return lines.join('\n');
}

/** The database as seen by an import whose staging row is removed (abandoned, recovered) before its `nth` transaction. */
function discardedBefore(db: Database, nth: number): Database {
  let transactions = 0;
  return {
    ...db,
    kind: db.kind,
    transaction: async (fn) => {
      if (++transactions === nth) {
        const [staging] = await db.query<{ id: string }>(`select id from lab_imports where state = 'staging'`);
        await db.transaction((tx) => discardLabImport(tx, staging!.id));
      }
      return db.transaction(fn);
    },
    close: () => db.close(),
  };
}

/**
 * Issue 14, ADR 0014: on the embedded database a chunk's rows are written without the per-row foreign-key
 * triggers, after one check of the rows they all reference. These tests hold that trade to its conditions.
 */
describe.each(DRIVERS)('lab import references (%s)', (driver) => {
  let t: TestContext;
  let actor = { userId: '', username: 'nurse', centreId: '' };
  let patientId = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-14' });
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const [user] = await t.db.query<{ id: string }>(`select id from users where username = 'nurse'`);
    actor = { userId: user!.id, username: 'nurse', centreId: t.centreId };
    patientId = (
      await coord.post('/api/v1/patients', {
        mrn: 'REF-1',
        familyName: 'Referee',
        givenName: 'Sam',
        dateOfBirth: '1975-02-02',
        sex: 'female',
      })
    ).json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it('observations and transfusions have no triggers but their foreign keys (the only ones a chunk skips)', async () => {
    const triggers = await t.db.query<{ tgname: string }>(
      `select tgname from pg_trigger
        where tgrelid in ('observations'::regclass, 'transfusions'::regclass, 'lab_imports'::regclass)
          and not tgisinternal`
    );
    // (lab_imports too: `startImportChunk` touches its heartbeat in the statement that turns triggers off.)
    expect(triggers).toEqual([]);
    // The foreign keys a chunk's rows carry: the four `startImportChunk` checks, and corrected_by, which is
    // null on every imported row. A new reference column must be checked there before this list is extended.
    const keys = await t.db.query<{ table: string; column: string }>(
      `select c.conrelid::regclass::text as table, a.attname as column
         from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'f' and c.conrelid in ('observations'::regclass, 'transfusions'::regclass)
        order by 1, 2`
    );
    const expected = ['centre_id', 'corrected_by', 'import_id', 'patient_id', 'recorded_by'];
    expect(keys).toEqual([
      ...expected.map((column) => ({ table: 'observations', column })),
      ...expected.map((column) => ({ table: 'transfusions', column })),
    ]);
  });

  it('refuses the next chunk of an import removed while it was written, and leaves no row behind', async () => {
    // Transactions of an import: 1 opens it, 2 writes the first chunk, 3 the second.
    const file = { format: 'csv' as const, content: creatinineFile(IMPORT_BATCH_ROWS * 2) };
    const refused = importLabs(discardedBefore(t.db, 3), actor, patientId, file);
    if (driver === 'pglite') {
      await expect(refused).rejects.toThrow(/abandoned before it was published/);
    } else {
      await expect(refused).rejects.toThrow(); // the per-row foreign key on import_id refuses it
    }
    const [left] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from observations where patient_id = $1`,
      [patientId]
    );
    expect(left!.n).toBe(0);
    const again = await importLabs(t.db, actor, patientId, file);
    expect(again).toMatchObject({ accepted: true, inserted: IMPORT_BATCH_ROWS * 2 });
  });
});

import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../db/database';
import { IMPORT_BATCH_ROWS } from '../repo/monitoring';
import { importLabs, recoverLabImports } from '../services/labImport';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const DAY0 = '2026-03-01';
const d = (n: number): string => dateOfDay(DAY0, n);
type Summary = {
  engraftment: { neutrophil: { day: number } | null; platelet: { day: number } | null };
  series: Record<string, unknown[]>;
};

/** An ANC and platelet recovery (neutrophils D+10, platelets D+11) after `padding` creatinine results (4 a day from 1990). */
function labFile(padding: number): string {
  const lines = ['date,analyte,value,unit'];
  for (let i = 0; i < padding; i++) {
    lines.push(`${dateOfDay('1990-01-01', Math.floor(i / 4))},creatinine,${70 + (i % 4)},umol/L`);
  }
  for (const [day, v] of [
    [3, 0.1],
    [7, 0.2],
    [10, 0.6],
    [11, 0.8],
    [12, 1.2],
    [13, 1.5],
  ] as const) {
    lines.push(`${d(day)},anc,${v},x10^9/L`);
  }
  for (const [day, v] of [
    [5, 12],
    [9, 14],
    [11, 25],
    [12, 30],
    [13, 40],
  ] as const) {
    lines.push(`${d(day)},platelets,${v},x10^9/L`);
  }
  lines.push(`${d(2)},platelet-transfusion,,`);
  return lines.join('\n');
}
const FILE_ROWS = (padding: number) => padding + 12;

/**
 * The database as a failing server sees it: the `failAt`-th chunk of observations fails; with `dies`, so does
 * everything after it (the process is gone: nothing is cleaned up).
 */
function failingAt(db: Database, failAt: number, dies: boolean): Database {
  let chunks = 0;
  let dead = false;
  const lost = () => new Error('connection to the database lost');
  const guard = (q: Queryable): Queryable => ({
    exec: (sql) => (dead ? Promise.reject(lost()) : q.exec(sql)),
    query: (sql, params, opts) => {
      if (dead) return Promise.reject(lost());
      if (sql.includes('insert into observations') && ++chunks === failAt) {
        dead = dies;
        return Promise.reject(lost());
      }
      return q.query(sql, params, opts);
    },
  });
  return {
    kind: db.kind,
    ...guard(db),
    transaction: (fn) => (dead ? Promise.reject(lost()) : db.transaction((tx) => fn(guard(tx)))),
    close: () => db.close(),
  };
}

/** Issue 14 item 2, ADR 0014: an import is written in short transactions, invisible until published. */
describe.each(DRIVERS)('lab import staging (%s)', (driver) => {
  let t: TestContext;
  let nurse: ReturnType<typeof as>;
  let coord: ReturnType<typeof as>;
  let actor = { userId: '', username: 'nurse', centreId: '' };

  const newPatient = (mrn: string, familyName: string) =>
    patientWithEpisode(coord, {
      patient: { mrn, familyName, givenName: 'Sam', dateOfBirth: '1975-02-02', sex: 'female' },
      diagnosis: { disease: 'ALL', diagnosisDate: '2025-06-01', status: 'relapse' },
      episode: { type: 'allogeneic-hct', plannedDayZero: DAY0 },
    });
  const stored = async (patientId: string) =>
    (
      await t.db.query<{ n: number }>('select count(*)::int as n from observations where patient_id = $1', [patientId])
    )[0]!.n;
  const summary = async (episodeId: string) =>
    (await nurse.get(`/api/v1/episodes/${episodeId}/monitoring`)).json<Summary>();
  const stagingImports = async () =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from lab_imports where state = 'staging'`))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(driver, { today: d(14) });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    const [user] = await t.db.query<{ id: string }>(`select id from users where username = 'nurse'`);
    actor = { userId: user!.id, username: 'nurse', centreId: t.centreId };
  });
  afterAll(() => t.close());

  it('removes what a failed import wrote: nothing partial is seen, the results stored before stay', async () => {
    const { patientId, episodeId } = await newPatient('STAGE-FAIL', 'Failwell');
    const first = await nurse.post(`/api/v1/patients/${patientId}/observations`, {
      analyte: 'anc',
      observedOn: d(1),
      value: 0.4,
      unit: 'x10^9/L',
    });
    expect(first.statusCode).toBe(201);
    const failing = failingAt(t.db, 3, false);
    await expect(
      importLabs(failing, actor, patientId, { format: 'csv', content: labFile(IMPORT_BATCH_ROWS * 3) })
    ).rejects.toThrow(/connection to the database lost/);
    expect(await stored(patientId)).toBe(1);
    expect(await stagingImports()).toBe(0);
    expect((await summary(episodeId)).series.anc).toHaveLength(1);
  });

  it('hides a half-written import of a server that died, removes it at start, and the file imports again whole', async () => {
    const { patientId, episodeId } = await newPatient('STAGE-KILL', 'Killick');
    const content = labFile(IMPORT_BATCH_ROWS * 2);
    await expect(importLabs(failingAt(t.db, 3, true), actor, patientId, { format: 'csv', content })).rejects.toThrow(
      /lost/
    );
    // Two chunks were written and left behind, and not one of their rows is seen.
    expect(await stored(patientId)).toBe(IMPORT_BATCH_ROWS * 2);
    const during = await summary(episodeId);
    expect(during.series.creatinine).toBeUndefined();
    expect(during.engraftment.neutrophil).toBeNull();
    // A second import of the patient waits for the first (or for its removal).
    const blocked = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, { format: 'csv', content });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('content');
    if (driver === 'postgres') {
      // Another instance may still be writing it: only an import idle for STALE_IMPORT_SECONDS is removed.
      expect(await recoverLabImports(t.db)).toBe(0);
      await t.db.query(`update lab_imports set heartbeat_at = now() - interval '121 seconds' where state = 'staging'`);
    }
    expect(await recoverLabImports(t.db)).toBe(1);
    expect(await stored(patientId)).toBe(0);
    const again = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, { format: 'csv', content });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(200);
    expect(again.json()).toMatchObject({ accepted: true, inserted: FILE_ROWS(IMPORT_BATCH_ROWS * 2), duplicates: [] });
    // The derivations read the published rows as before (ADR 0006).
    const after = await summary(episodeId);
    expect(after.engraftment.neutrophil).toMatchObject({ day: 10 });
    expect(after.engraftment.platelet).toMatchObject({ day: 11 });
    expect(after.series.creatinine).toHaveLength(IMPORT_BATCH_ROWS * 2);
    const [audit] = await t.db.query<{ entity_id: string; after: { rows: number; inserted: number } }>(
      `select entity_id, after from audit_events where action = 'import' and patient_id = $1`,
      [patientId]
    );
    expect(audit!.after).toMatchObject({ rows: FILE_ROWS(IMPORT_BATCH_ROWS * 2) });
    const [published] = await t.db.query<{ state: string }>(`select state from lab_imports where id = $1`, [
      audit!.entity_id,
    ]);
    expect(published!.state).toBe('published');
  });

  it.runIf(driver === 'pglite')(
    'serves other reads while a large import is written on the embedded database (one session)',
    async () => {
      const { patientId, episodeId } = await newPatient('STAGE-READ', 'Reader');
      const padding = IMPORT_BATCH_ROWS * 32;
      let importDone = false;
      const importing = nurse
        .post(`/api/v1/patients/${patientId}/labs/import`, { format: 'csv', content: labFile(padding) })
        .then((res) => {
          importDone = true;
          return res;
        });
      // Wait until the import is writing its chunks (bounded: 6,000 looks 10 ms apart).
      let writing = false;
      for (let i = 0; i < 6_000 && !writing && !importDone; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        writing = (await stagingImports()) === 1 && (await stored(patientId)) > 0;
      }
      expect(writing, importDone ? (await importing).body.slice(0, 300) : 'still parsing').toBe(true);
      // A page read meanwhile is answered before the import ends, and sees none of it.
      const read = await summary(episodeId);
      expect(importDone).toBe(false);
      expect(read.series.creatinine).toBeUndefined();
      const res = await importing;
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json()).toMatchObject({ inserted: FILE_ROWS(padding) });
      expect((await summary(episodeId)).series.creatinine).toHaveLength(padding);
    },
    120_000
  );
});

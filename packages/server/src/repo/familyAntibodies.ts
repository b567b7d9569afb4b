import type { AntibodyTest, FamilyDecision } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso } from './rows';

// SQL of the patient's antibody tests (bead results by test date) and of the donor decisions taken from the
// family work-up (migration 0021, ADR 0421). Both are only inserted.

export interface AntibodyTestInsert {
  testedOn: string;
  source: AntibodyTest['source'];
  fileName: string | null;
  sampleId: string | null;
  lab: string | null;
  results: readonly { specificity: string; mfi: number }[];
}

export async function insertAntibodyTest(
  db: Queryable,
  centreId: string,
  patientId: string,
  recordedBy: { userId: string | null; username: string },
  t: AntibodyTestInsert
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into antibody_tests (centre_id, patient_id, tested_on, source, file_name, sample_id, lab, recorded_by,
       recorded_by_name) values ($1,$2,$3::date,$4,$5,$6,$7,$8,$9) returning id`,
    [centreId, patientId, t.testedOn, t.source, t.fileName, t.sampleId, t.lab, recordedBy.userId, recordedBy.username]
  );
  const id = rows[0]!.id;
  await db.query(
    `insert into antibody_results (test_id, position, specificity, mfi)
     select $1, r.position, r.specificity, r.mfi
     from jsonb_to_recordset($2::jsonb) as r(position integer, specificity text, mfi numeric)`,
    [id, JSON.stringify(t.results.map((r, i) => ({ position: i + 1, specificity: r.specificity, mfi: r.mfi })))]
  );
  return id;
}

/** The patient's antibody tests with their results, newest test date first. */
export async function listAntibodyTests(db: Queryable, centreId: string, patientId: string): Promise<AntibodyTest[]> {
  const tests = await db.query<{
    id: string;
    tested_on: string;
    source: AntibodyTest['source'];
    file_name: string | null;
    sample_id: string | null;
    lab: string | null;
    recorded_by_name: string;
    recorded_at: Date | string;
  }>(
    `select id, to_char(tested_on, 'YYYY-MM-DD') as tested_on, source, file_name, sample_id, lab, recorded_by_name,
       recorded_at from antibody_tests where centre_id = $1 and patient_id = $2
     order by tested_on desc, recorded_at desc, id`,
    [centreId, patientId]
  );
  if (!tests.length) return [];
  const results = await db.query<{ test_id: string; specificity: string; mfi: number | string }>(
    `select test_id, specificity, mfi from antibody_results where test_id = any($1::uuid[])
     order by test_id, mfi desc, position`,
    [tests.map((t) => t.id)]
  );
  return tests.map((t) => ({
    id: t.id,
    testedOn: t.tested_on,
    source: t.source,
    fileName: t.file_name,
    sampleId: t.sample_id,
    lab: t.lab,
    results: results.filter((r) => r.test_id === t.id).map((r) => ({ specificity: r.specificity, mfi: Number(r.mfi) })),
    recordedBy: t.recorded_by_name,
    recordedAt: iso(t.recorded_at),
  }));
}

interface DecisionRow {
  id: string;
  episode_id: string;
  relative_id: string;
  relative_name: string;
  donor_id: string;
  reason: string;
  rank: number | null;
  decided_by_name: string;
  decided_at: Date | string;
}

const DECISION_SELECT = `select d.id, d.episode_id, d.relative_id, r.name as relative_name, d.donor_id, d.reason,
  d.rank, d.decided_by_name, d.decided_at
  from family_donor_decisions d join family_relatives r on r.id = d.relative_id`;

const toDecision = (r: DecisionRow): FamilyDecision => ({
  id: r.id,
  episodeId: r.episode_id,
  relativeId: r.relative_id,
  relativeName: r.relative_name,
  donorId: r.donor_id,
  reason: r.reason,
  rank: r.rank === null ? null : Number(r.rank),
  decidedBy: r.decided_by_name,
  decidedAt: iso(r.decided_at),
});

export async function insertDecision(
  db: Queryable,
  centreId: string,
  patientId: string,
  decidedBy: { userId: string | null; username: string },
  d: { episodeId: string; relativeId: string; donorId: string; reason: string; rank: number | null }
): Promise<FamilyDecision> {
  const rows = await db.query<{ id: string }>(
    `insert into family_donor_decisions (centre_id, patient_id, episode_id, relative_id, donor_id, reason, rank,
       decided_by, decided_by_name) values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
    [centreId, patientId, d.episodeId, d.relativeId, d.donorId, d.reason, d.rank, decidedBy.userId, decidedBy.username]
  );
  const out = await db.query<DecisionRow>(`${DECISION_SELECT} where d.id = $1`, [rows[0]!.id]);
  return toDecision(out[0]!);
}

/** The decisions of a patient's family work-up, newest first. */
export async function listDecisions(db: Queryable, centreId: string, patientId: string): Promise<FamilyDecision[]> {
  const rows = await db.query<DecisionRow>(
    `${DECISION_SELECT} where d.centre_id = $1 and d.patient_id = $2 order by d.decided_at desc, d.id`,
    [centreId, patientId]
  );
  return rows.map(toDecision);
}

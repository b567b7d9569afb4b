import type { AdministrationOutcome, AdministrationView } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { iso, numOrNull } from './rows';

// Administered conditioning doses (migration 0024, ADR 0702).

interface Row {
  id: string;
  plan_id: string;
  episode_id: string;
  patient_id: string;
  agent_index: number;
  agent: string;
  agent_label: string;
  day: number;
  sequence: number;
  planned_amount: number | string | null;
  unit: 'mg' | 'Gy';
  outcome: AdministrationOutcome;
  amount: number | string | null;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  reason: string | null;
  recorded_by_name: string | null;
  recorded_at: Date | string;
  corrected_by_name: string | null;
  corrected_at: Date | string | null;
  correction_reason: string | null;
}

const toView = (r: Row): AdministrationView => ({
  id: r.id,
  planId: r.plan_id,
  episodeId: r.episode_id,
  patientId: r.patient_id,
  agentIndex: Number(r.agent_index),
  agent: r.agent,
  agentLabel: r.agent_label,
  day: Number(r.day),
  sequence: Number(r.sequence),
  plannedAmount: numOrNull(r.planned_amount),
  unit: r.unit,
  outcome: r.outcome,
  amount: numOrNull(r.amount),
  startedAt: r.started_at === null ? null : iso(r.started_at),
  endedAt: r.ended_at === null ? null : iso(r.ended_at),
  reason: r.reason,
  recordedBy: r.recorded_by_name,
  recordedAt: iso(r.recorded_at),
  correctedBy: r.corrected_by_name,
  correctedAt: r.corrected_at === null ? null : iso(r.corrected_at),
  correctionReason: r.correction_reason,
});

const SELECT = `select a.*, ru.display_name as recorded_by_name, cu.display_name as corrected_by_name
  from conditioning_administrations a
  left join users ru on ru.id = a.recorded_by
  left join users cu on cu.id = a.corrected_by`;

/** What one administration records (the line, the planned amount it was checked against, what was given). */
export interface AdministrationWrite {
  agentIndex: number;
  agent: string;
  agentLabel: string;
  day: number;
  sequence: number;
  plannedAmount: number | null;
  unit: 'mg' | 'Gy';
  outcome: AdministrationOutcome;
  amount: number | null;
  startedAt: string | null;
  endedAt: string | null;
  reason: string | null;
}

const values = (w: AdministrationWrite) => [
  w.agentIndex,
  w.agent,
  w.agentLabel,
  w.day,
  w.sequence,
  w.plannedAmount,
  w.unit,
  w.outcome,
  w.amount,
  w.startedAt,
  w.endedAt,
  w.reason,
];

/** Inserts an administration; undefined when that line, day and sequence is already recorded. */
export async function insertAdministration(
  db: Queryable,
  key: { centreId: string; planId: string; episodeId: string; patientId: string; recordedBy: string },
  w: AdministrationWrite
): Promise<AdministrationView | undefined> {
  const rows = await db.query<{ id: string }>(
    `insert into conditioning_administrations (centre_id, plan_id, episode_id, patient_id, recorded_by, agent_index, agent,
       agent_label, day, sequence, planned_amount, unit, outcome, amount, started_at, ended_at, reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     on conflict (plan_id, agent_index, day, sequence) do nothing returning id`,
    [key.centreId, key.planId, key.episodeId, key.patientId, key.recordedBy, ...values(w)]
  );
  return rows[0] && getAdministration(db, key.centreId, rows[0].id);
}

/** Replaces what an administration records (a correction), with who corrected it and why. */
export async function correctAdministration(
  db: Queryable,
  centreId: string,
  id: string,
  correctedBy: string,
  reason: string,
  w: AdministrationWrite
): Promise<AdministrationView | undefined> {
  const rows = await db.query<{ id: string }>(
    `update conditioning_administrations set agent_index = $5, agent = $6, agent_label = $7, day = $8, sequence = $9,
       planned_amount = $10, unit = $11, outcome = $12, amount = $13, started_at = $14, ended_at = $15, reason = $16,
       corrected_by = $3, corrected_at = now(), correction_reason = $4
     where centre_id = $1 and id = $2 returning id`,
    [centreId, id, correctedBy, reason, ...values(w)]
  );
  return rows[0] && getAdministration(db, centreId, id);
}

export async function getAdministration(
  db: Queryable,
  centreId: string,
  id: string,
  forUpdate = false
): Promise<AdministrationView | undefined> {
  if (forUpdate) {
    await db.query('select id from conditioning_administrations where centre_id = $1 and id = $2 for update', [
      centreId,
      id,
    ]);
  }
  const rows = await db.query<Row>(`${SELECT} where a.centre_id = $1 and a.id = $2`, [centreId, id]);
  return rows[0] && toView(rows[0]);
}

/** The administrations recorded against a plan version, by day, agent and sequence. */
export async function administrationsOfPlan(
  db: Queryable,
  centreId: string,
  planId: string
): Promise<AdministrationView[]> {
  const rows = await db.query<Row>(
    `${SELECT} where a.centre_id = $1 and a.plan_id = $2 order by a.day, a.agent_index, a.sequence`,
    [centreId, planId]
  );
  return rows.map(toView);
}

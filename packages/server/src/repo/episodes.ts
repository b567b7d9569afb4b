import type { Episode, EpisodeCreateSchema, EpisodeEvent, EpisodePhase } from '@engraft/domain';
import type { z } from 'zod';
import type { Queryable } from '../db/database';
import { iso } from './rows';

interface EpisodeRow {
  id: string;
  patient_id: string;
  diagnosis_id: string;
  type: Episode['type'];
  cell_type: Episode['cellType'];
  cell_origin: Episode['cellOrigin'];
  phase: EpisodePhase;
  planned_day_zero: string;
  actual_day_zero: string | null;
  protocol: string | null;
  created_at: Date | string;
  closed_on?: string | null;
  closed_from_phase?: EpisodePhase | null;
  closed_reason?: string | null;
  /** Joined from users when the statement asks for it (EPISODE_SELECT). */
  closed_by_name?: string | null;
}

/** Episodes with the name of the user who closed them (for `closure`). */
export const EPISODE_SELECT =
  'select e.*, cu.display_name as closed_by_name from episodes e left join users cu on cu.id = e.closed_by';

export const toEpisode = (r: EpisodeRow): Episode => ({
  id: r.id,
  patientId: r.patient_id,
  diagnosisId: r.diagnosis_id,
  type: r.type,
  cellType: r.cell_type,
  cellOrigin: r.cell_origin,
  phase: r.phase,
  plannedDayZero: r.planned_day_zero,
  actualDayZero: r.actual_day_zero,
  protocol: r.protocol,
  createdAt: iso(r.created_at),
  closure:
    r.phase === 'closed' && r.closed_on
      ? {
          on: r.closed_on,
          by: r.closed_by_name ?? null,
          fromPhase: r.closed_from_phase ?? 'long-term-follow-up',
          reason: r.closed_reason ?? '',
        }
      : null,
});

export async function insertEpisode(
  db: Queryable,
  centreId: string,
  patientId: string,
  e: z.output<typeof EpisodeCreateSchema>
): Promise<Episode> {
  const rows = await db.query<EpisodeRow>(
    `insert into episodes (patient_id, centre_id, diagnosis_id, type, cell_type, cell_origin, planned_day_zero, protocol)
     values ($1,$2,$3,$4,$5,$6,$7,$8) returning *`,
    [
      patientId,
      centreId,
      e.diagnosisId,
      e.type,
      e.cellType ?? null,
      e.cellOrigin ?? null,
      e.plannedDayZero,
      e.protocol || null,
    ]
  );
  return toEpisode(rows[0]!);
}

export async function getEpisode(db: Queryable, centreId: string, id: string): Promise<Episode | undefined> {
  const rows = await db.query<EpisodeRow>(`${EPISODE_SELECT} where e.centre_id = $1 and e.id = $2`, [centreId, id]);
  return rows[0] && toEpisode(rows[0]);
}

/** Many episodes of the centre by id, in one statement (the registries list, ADR 0703). */
export async function getEpisodes(db: Queryable, centreId: string, ids: readonly string[]): Promise<Episode[]> {
  const rows = await db.query<EpisodeRow>(`${EPISODE_SELECT} where e.centre_id = $1 and e.id = any($2::uuid[])`, [
    centreId,
    ids,
  ]);
  return rows.map(toEpisode);
}

async function reread(db: Queryable, id: string): Promise<Episode> {
  const rows = await db.query<EpisodeRow>(`${EPISODE_SELECT} where e.id = $1`, [id]);
  return toEpisode(rows[0]!);
}

/** Closes the episode and records who, when, from which phase and why. */
export async function closeEpisode(
  db: Queryable,
  id: string,
  c: { on: string; by: string | null; fromPhase: EpisodePhase; reason: string }
): Promise<Episode> {
  await db.query(
    `update episodes set phase = 'closed', closed_on = $2, closed_by = $3, closed_from_phase = $4, closed_reason = $5, updated_at = now() where id = $1`,
    [id, c.on, c.by, c.fromPhase, c.reason]
  );
  return reread(db, id);
}

/** Reopens a closed episode in the given phase; the closure is cleared (its history is in the audit chain and on the timeline). */
export async function reopenEpisode(db: Queryable, id: string, phase: EpisodePhase): Promise<Episode> {
  await db.query(
    'update episodes set phase = $2, closed_on = null, closed_by = null, closed_from_phase = null, closed_reason = null, updated_at = now() where id = $1',
    [id, phase]
  );
  return reread(db, id);
}

/** Moves the phase; `actualDayZero` is set only when none is recorded yet (the first infusion wins). */
export async function updateEpisodePhase(
  db: Queryable,
  id: string,
  phase: EpisodePhase,
  actualDayZero: string | null = null
): Promise<Episode> {
  await db.query(
    'update episodes set phase = $2, actual_day_zero = coalesce(actual_day_zero, $3::date), updated_at = now() where id = $1',
    [id, phase, actualDayZero]
  );
  return reread(db, id);
}

interface EventRow {
  id: string;
  episode_id: string;
  date: string;
  kind: string;
  label: string;
  recorded_by: string | null;
  created_at: Date | string;
}

export const toEvent = (r: EventRow & { recorded_by_name: string | null }): EpisodeEvent => ({
  id: r.id,
  episodeId: r.episode_id,
  date: r.date,
  kind: r.kind,
  label: r.label,
  recordedBy: r.recorded_by_name,
  createdAt: iso(r.created_at),
});

export async function insertEpisodeEvent(
  db: Queryable,
  centreId: string,
  ev: { episodeId: string; date: string; kind: string; label: string; recordedBy: string | null }
): Promise<EpisodeEvent> {
  const rows = await db.query<EventRow & { recorded_by_name: string | null }>(
    `with ins as (insert into episode_events (episode_id, centre_id, date, kind, label, recorded_by) values ($1,$2,$3,$4,$5,$6) returning *)
     select ins.*, u.display_name as recorded_by_name from ins left join users u on u.id = ins.recorded_by`,
    [ev.episodeId, centreId, ev.date, ev.kind, ev.label, ev.recordedBy]
  );
  return toEvent(rows[0]!);
}

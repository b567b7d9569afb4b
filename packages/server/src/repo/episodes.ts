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
}

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
    [patientId, centreId, e.diagnosisId, e.type, e.cellType ?? null, e.cellOrigin ?? null, e.plannedDayZero, e.protocol || null]
  );
  return toEpisode(rows[0]!);
}

export async function getEpisode(db: Queryable, centreId: string, id: string): Promise<Episode | undefined> {
  const rows = await db.query<EpisodeRow>('select * from episodes where centre_id = $1 and id = $2', [centreId, id]);
  return rows[0] && toEpisode(rows[0]);
}

/** Moves the phase; `actualDayZero` is set only when none is recorded yet (the first infusion wins). */
export async function updateEpisodePhase(db: Queryable, id: string, phase: EpisodePhase, actualDayZero: string | null = null): Promise<Episode> {
  const rows = await db.query<EpisodeRow>(
    'update episodes set phase = $2, actual_day_zero = coalesce(actual_day_zero, $3::date), updated_at = now() where id = $1 returning *',
    [id, phase, actualDayZero]
  );
  return toEpisode(rows[0]!);
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

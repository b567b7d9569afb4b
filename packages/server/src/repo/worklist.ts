import type { Queryable } from '../db/database';
import { notStaged } from './labImports';

export interface ActiveEpisodeRow {
  episode_id: string;
  patient_id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  type: string;
  phase: string;
  day_zero: string;
  last_crs_icans: string | null;
  last_anc: string | null;
  last_cmv: number | null;
  last_cmv_on: string | null;
  done_follow_ups: string[];
  death_on: string | null;
}

/** Episodes being followed (infusion onwards, not closed) with what the worklist needs to know about them. */
export async function activeEpisodes(db: Queryable, centreId: string): Promise<ActiveEpisodeRow[]> {
  return db.query<ActiveEpisodeRow>(
    `select e.id as episode_id, p.id as patient_id, p.mrn, p.family_name, p.given_name, e.type, e.phase,
            coalesce(e.actual_day_zero, e.planned_day_zero)::text as day_zero,
            (select max(assessed_on)::text from assessments a where a.episode_id = e.id and a.kind = 'crs-icans') as last_crs_icans,
            (select max(observed_on)::text from observations o where o.patient_id = p.id and o.analyte = 'anc'
               and ${notStaged('o')}) as last_anc,
            cmv.value as last_cmv, cmv.observed_on::text as last_cmv_on,
            coalesce((select array_agg(f.key) from follow_ups f where f.episode_id = e.id), '{}') as done_follow_ups,
            (select min(ce.occurred_on)::text from clinical_events ce where ce.episode_id = e.id and ce.kind = 'death') as death_on
     from episodes e join patients p on p.id = e.patient_id
     left join lateral (select o.value, o.observed_on from observations o where o.patient_id = p.id and o.analyte = 'cmv-pcr'
                        and ${notStaged('o')}
                        order by o.observed_on desc limit 1) cmv on true
     where e.centre_id = $1 and e.phase in ('infusion', 'early-follow-up', 'long-term-follow-up')
     order by lower(p.family_name), lower(p.given_name)`,
    [centreId]
  );
}

export async function phaseCounts(
  db: Queryable,
  centreId: string
): Promise<{ phase: string; type: string; n: number }[]> {
  return db.query<{ phase: string; type: string; n: number }>(
    'select phase, type, count(*)::int as n from episodes where centre_id = $1 group by phase, type order by phase, type',
    [centreId]
  );
}

export async function markFollowUpDone(
  db: Queryable,
  f: { centreId: string; episodeId: string; key: string; completedOn: string; userId: string | null }
): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>(
    `insert into follow_ups (centre_id, episode_id, key, completed_on, recorded_by) values ($1,$2,$3,$4,$5)
     on conflict (episode_id, key) do nothing returning id`,
    [f.centreId, f.episodeId, f.key, f.completedOn, f.userId]
  );
  return rows[0];
}

export interface FollowUpRow {
  id: string;
  episode_id: string;
  key: string;
  completed_on: string;
  recorded_by: string | null;
  created_at: Date | string;
}

/** Removes a "done" mark (undo); returns what was removed, or undefined when there was none. */
export async function deleteFollowUpDone(
  db: Queryable,
  centreId: string,
  episodeId: string,
  key: string
): Promise<FollowUpRow | undefined> {
  const rows = await db.query<FollowUpRow>(
    'delete from follow_ups where centre_id = $1 and episode_id = $2 and key = $3 returning *',
    [centreId, episodeId, key]
  );
  return rows[0];
}

export interface RecentlyDoneRow {
  episode_id: string;
  patient_id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  type: string;
  day_zero: string;
  key: string;
  completed_on: string;
  recorded_by_name: string | null;
  created_at: Date | string;
}

/** Follow-ups marked done by a person since the given instant, newest first (Today lists them with Undo; seeded or imported marks are not listed). */
export async function recentlyDoneFollowUps(
  db: Queryable,
  centreId: string,
  since: string
): Promise<RecentlyDoneRow[]> {
  return db.query<RecentlyDoneRow>(
    `select f.episode_id, p.id as patient_id, p.mrn, p.family_name, p.given_name, e.type,
            coalesce(e.actual_day_zero, e.planned_day_zero)::text as day_zero, f.key, f.completed_on::text as completed_on,
            u.display_name as recorded_by_name, f.created_at
     from follow_ups f join episodes e on e.id = f.episode_id join patients p on p.id = e.patient_id left join users u on u.id = f.recorded_by
     where f.centre_id = $1 and f.created_at >= $2::timestamptz and f.recorded_by is not null
     order by f.created_at desc limit 200`,
    [centreId, since]
  );
}

export interface AcknowledgementRow {
  alert_key: string;
  note: string | null;
  acknowledged_at: Date | string;
  acknowledged_by_name: string;
}

export async function acknowledgementsOf(db: Queryable, centreId: string): Promise<AcknowledgementRow[]> {
  return db.query<AcknowledgementRow>(
    `select a.alert_key, a.note, a.acknowledged_at, u.display_name as acknowledged_by_name
     from alert_acknowledgements a join users u on u.id = a.acknowledged_by where a.centre_id = $1`,
    [centreId]
  );
}

export async function insertAcknowledgement(
  db: Queryable,
  a: { centreId: string; episodeId: string; alertKey: string; kind: string; note: string | null; userId: string }
): Promise<{ id: string; acknowledged_at: Date | string } | undefined> {
  const rows = await db.query<{ id: string; acknowledged_at: Date | string }>(
    `insert into alert_acknowledgements (centre_id, episode_id, alert_key, kind, note, acknowledged_by) values ($1,$2,$3,$4,$5,$6)
     on conflict (centre_id, alert_key) do nothing returning id, acknowledged_at`,
    [a.centreId, a.episodeId, a.alertKey, a.kind, a.note, a.userId]
  );
  return rows[0];
}

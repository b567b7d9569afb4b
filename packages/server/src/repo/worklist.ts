import type { Queryable } from '../db/database';

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
            (select max(observed_on)::text from observations o where o.patient_id = p.id and o.analyte = 'anc') as last_anc,
            cmv.value as last_cmv, cmv.observed_on::text as last_cmv_on,
            coalesce((select array_agg(f.key) from follow_ups f where f.episode_id = e.id), '{}') as done_follow_ups,
            (select min(ce.occurred_on)::text from clinical_events ce where ce.episode_id = e.id and ce.kind = 'death') as death_on
     from episodes e join patients p on p.id = e.patient_id
     left join lateral (select o.value, o.observed_on from observations o where o.patient_id = p.id and o.analyte = 'cmv-pcr'
                        order by o.observed_on desc limit 1) cmv on true
     where e.centre_id = $1 and e.phase in ('infusion', 'early-follow-up', 'long-term-follow-up')
     order by lower(p.family_name), lower(p.given_name)`,
    [centreId]
  );
}

export async function phaseCounts(db: Queryable, centreId: string): Promise<{ phase: string; type: string; n: number }[]> {
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

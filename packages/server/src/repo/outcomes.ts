import type { Queryable } from '../db/database';
import { notStaged } from './labImports';

/** One infused episode with the dates its outcomes are derived from (all 'YYYY-MM-DD' or null). */
export interface OutcomeCohortRow {
  episode_id: string;
  episode_type: string;
  cell_origin: string | null;
  disease: string;
  donor_source: string | null;
  donor_relationship: string | null;
  donor_match: string | null;
  day_zero: string;
  last_activity: string | null;
  death: string | null;
  relapse: string | null;
  agvhd34: string | null;
  cgvhd_systemic: string | null;
}

/**
 * Infused episodes of the centre (phase infusion or later, day 0 not after today) matching the filters, with
 * their first relapse/progression, death, grade III–IV acute GVHD and cGVHD-systemic-therapy dates and the last
 * date anything was recorded for them.
 */
export async function outcomeCohort(
  db: Queryable,
  centreId: string,
  f: {
    today: string;
    disease?: string | undefined;
    episodeType?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }
): Promise<OutcomeCohortRow[]> {
  return db.query<OutcomeCohortRow>(
    `select e.id as episode_id, e.type as episode_type, e.cell_origin, d.disease,
            dn.source as donor_source, dn.relationship as donor_relationship, dn.match_grade as donor_match,
            coalesce(e.actual_day_zero, e.planned_day_zero)::text as day_zero,
            greatest(
              (select max(ce.occurred_on) from clinical_events ce where ce.episode_id = e.id),
              (select max(a.assessed_on) from assessments a where a.episode_id = e.id),
              (select max(o.observed_on) from observations o where o.patient_id = e.patient_id and ${notStaged('o')})
            )::text as last_activity,
            (select min(occurred_on) from clinical_events ce where ce.episode_id = e.id and ce.kind = 'death')::text as death,
            (select min(occurred_on) from clinical_events ce where ce.episode_id = e.id and ce.kind in ('relapse', 'progression'))::text as relapse,
            (select min(assessed_on) from assessments a where a.episode_id = e.id and a.kind = 'agvhd' and (a.result->>'grade')::int >= 3)::text as agvhd34,
            (select min(occurred_on) from clinical_events ce where ce.episode_id = e.id and ce.kind = 'cgvhd-systemic-therapy')::text as cgvhd_systemic
     from episodes e join diagnoses d on d.id = e.diagnosis_id
     -- the episode's donor: the latest one not cancelled (issue 7 episode_donors)
     left join lateral (select x.source, x.relationship, x.match_grade from episode_donors x
                        where x.episode_id = e.id and x.status <> 'cancelled' order by x.created_at desc limit 1) dn on true
     where e.centre_id = $1
       and e.phase in ('infusion', 'early-follow-up', 'long-term-follow-up', 'closed')
       and coalesce(e.actual_day_zero, e.planned_day_zero) <= $2::date
       and ($3::text is null or d.disease = $3)
       and ($4::text is null or e.type = $4)
       and ($5::date is null or coalesce(e.actual_day_zero, e.planned_day_zero) >= $5::date)
       and ($6::date is null or coalesce(e.actual_day_zero, e.planned_day_zero) <= $6::date)
     order by day_zero`,
    [centreId, f.today, f.disease ?? null, f.episodeType ?? null, f.from ?? null, f.to ?? null]
  );
}

import type { Diagnosis, Episode, EpisodeEvent, Patient } from '@engraft/domain';
import type { Queryable } from '../db/database';
import type { Actor } from './auditLog';
import { toDiagnosis, toPatient } from './patients';
import { toEpisode, toEvent } from './episodes';

export interface PatientRecord {
  patient: Patient;
  diagnoses: Diagnosis[];
  episodes: Episode[];
  events: EpisodeEvent[];
}

/**
 * The whole record a clinician opens, read and audited in one statement (one round trip, atomic): the
 * audit_append call runs only when the patient exists in the actor's centre.
 */
export async function readPatientRecordAudited(
  db: Queryable,
  actor: Actor & { centreId: string },
  patientId: string
): Promise<PatientRecord | undefined> {
  const rows = await db.query<{
    patient: never;
    logged: number;
    diagnoses: never[];
    episodes: never[];
    events: never[];
  }>(
    `with p as (select * from patients where centre_id = $1 and id = $2),
          logged as (select audit_append($3, $4, $1, 'read', 'patient', $2::text, $2, null, null, null) from p)
     select (select row_to_json(p) from p) as patient,
            coalesce((select json_agg(d order by d.diagnosis_date, d.created_at) from diagnoses d
                      where d.patient_id = $2 and d.centre_id = $1), '[]') as diagnoses,
            coalesce((select json_agg(x order by x.planned_day_zero desc, x.created_at desc) from (
                        select e.*, cu.display_name as closed_by_name from episodes e left join users cu on cu.id = e.closed_by
                        where e.patient_id = $2 and e.centre_id = $1) x), '[]') as episodes,
            coalesce((select json_agg(x order by x.date, x.created_at) from (
                        select ev.*, u.display_name as recorded_by_name from episode_events ev
                        join episodes e on e.id = ev.episode_id left join users u on u.id = ev.recorded_by
                        where e.patient_id = $2 and e.centre_id = $1) x), '[]') as events,
            -- last: the chain lock taken by audit_append is held to the end of the transaction
            (select count(*) from logged)::int as logged`,
    [actor.centreId, patientId, actor.userId, actor.username]
  );
  const r = rows[0];
  if (!r?.patient) return undefined;
  return {
    patient: toPatient(r.patient),
    diagnoses: r.diagnoses.map(toDiagnosis),
    episodes: r.episodes.map(toEpisode),
    events: r.events.map(toEvent),
  };
}

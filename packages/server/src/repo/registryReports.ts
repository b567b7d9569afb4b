import type { Queryable } from '../db/database';
import type { DiagnosisRow, EpisodeRow, InfusionRow } from '../fhir/map/episode';
import type { PlanAgentRow } from '../fhir/map/medication';
import type { GradeRow } from '../fhir/map/observation';
import type { PatientRow } from '../fhir/map/patient';
import type { ProductRow } from '../fhir/map/product';
import { SOURCES, type Source } from './fhirSearch';

// Registry reports (ADR 0710): one episode's rows in the shapes the FHIR resource builders take (the FHIR API's own
// sources, narrowed to the episode), and the submissions record. $1 is always the centre.

async function episodeRows<T extends object>(
  db: Queryable,
  s: Source,
  cond: string,
  centreId: string,
  episodeId: string
) {
  return db.query<T>(`select * ${s.from} and ${cond} order by ${s.order}`, [centreId, episodeId]);
}

export interface EpisodeRecordRows {
  patient: PatientRow;
  diagnosis: DiagnosisRow;
  episode: EpisodeRow;
  infusions: InfusionRow[];
  products: ProductRow[];
  agents: PlanAgentRow[];
  grades: GradeRow[];
}

/** The episode's rows, or undefined when the episode is not one of the centre's. */
export async function episodeRecordRows(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<EpisodeRecordRows | undefined> {
  const [episode] = await episodeRows<EpisodeRow>(db, SOURCES.EpisodeOfCare, 'e.id::text = $2', centreId, episodeId);
  if (!episode) return undefined;
  const [patient] = await episodeRows<PatientRow>(
    db,
    SOURCES.Patient,
    'p.id = (select patient_id from episodes where id = $2::uuid)',
    centreId,
    episodeId
  );
  const [diagnosis] = await episodeRows<DiagnosisRow>(
    db,
    SOURCES.Condition,
    'd.id = (select diagnosis_id from episodes where id = $2::uuid)',
    centreId,
    episodeId
  );
  const infusions = await episodeRows<InfusionRow>(
    db,
    SOURCES.Procedure,
    'i.id in (select id from infusions where episode_id = $2::uuid)',
    centreId,
    episodeId
  );
  // The infused products; before any infusion, the episode's products that are not discarded.
  const products = await episodeRows<ProductRow>(
    db,
    SOURCES.BiologicallyDerivedProduct,
    `p.id in (select product_id from infusions where episode_id = $2::uuid
              union all
              select id from products where episode_id = $2::uuid and status <> 'discarded'
                and not exists (select 1 from infusions where episode_id = $2::uuid))`,
    centreId,
    episodeId
  );
  const agents = await episodeRows<PlanAgentRow>(
    db,
    SOURCES.MedicationRequest,
    `split_part(c.id, '.', 1) in (select id::text from conditioning_plans where episode_id = $2::uuid and status = 'active')`,
    centreId,
    episodeId
  );
  const grades = await episodeRows<GradeRow>(db, SOURCES.Grade, 'a.episode_id::text = $2', centreId, episodeId);
  if (!patient || !diagnosis) return undefined;
  return { patient, diagnosis, episode, infusions, products, agents, grades };
}

export interface DonorRow {
  source: 'autologous' | 'related' | 'unrelated' | 'cord';
  relationship: string | null;
  match_grade: string | null;
  sex: string | null;
  cmv: string;
}

/** The episode's donor: the one whose product was infused, else the latest not cancelled. */
export async function episodeDonor(db: Queryable, centreId: string, episodeId: string): Promise<DonorRow | undefined> {
  const rows = await db.query<DonorRow>(
    `select d.source, d.relationship, d.match_grade, d.sex, d.cmv from episode_donors d
     where d.centre_id = $1 and d.episode_id = $2 and d.status <> 'cancelled'
     order by exists (select 1 from products pr join infusions i on i.product_id = pr.id
                      where i.episode_id = d.episode_id and pr.donor_id = d.id) desc, d.status_on desc, d.created_at desc
     limit 1`,
    [centreId, episodeId]
  );
  return rows[0];
}

export async function activePlan(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<{ template_id: string; intensity: string | null } | undefined> {
  const rows = await db.query<{ template_id: string; intensity: string | null }>(
    `select template_id, coalesce(declared_intent, computed -> 'intensity' ->> 'suggested') as intensity
     from conditioning_plans where centre_id = $1 and episode_id = $2 and status = 'active'
     order by version desc limit 1`,
    [centreId, episodeId]
  );
  return rows[0];
}

export async function followUpEvents(
  db: Queryable,
  centreId: string,
  episodeId: string
): Promise<{ kind: string; occurred_on: string; cause_of_death: string | null }[]> {
  return db.query(
    `select kind, occurred_on::text as occurred_on, details ->> 'causeOfDeath' as cause_of_death
     from clinical_events where centre_id = $1 and episode_id = $2 order by occurred_on, created_at`,
    [centreId, episodeId]
  );
}

export interface SubmissionRow {
  id: string;
  episode_id: string;
  report_key: string;
  registry: 'cibmtr' | 'ebmt';
  format: 'fhir-json' | 'csv';
  content_sha256: string;
  bytes: number;
  missing_items: string[];
  override_reason: string | null;
  submitted_by_name: string;
  submitted_at: Date | string;
}

const SUBMISSION_COLUMNS = `s.id, s.episode_id, s.report_key, s.registry, s.format, s.content_sha256,
  octet_length(s.content)::int as bytes, s.missing_items, s.override_reason, u.display_name as submitted_by_name,
  s.submitted_at`;

export async function insertSubmission(
  db: Queryable,
  s: {
    centreId: string;
    episodeId: string;
    key: string;
    registry: string;
    format: string;
    content: string;
    sha256: string;
    missingItems: string[];
    overrideReason: string | null;
    userId: string;
  }
): Promise<SubmissionRow> {
  const [row] = await db.query<SubmissionRow>(
    `with s as (insert into registry_submissions (centre_id, episode_id, report_key, registry, format, content,
       content_sha256, missing_items, override_reason, submitted_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) returning *)
     select ${SUBMISSION_COLUMNS} from s join users u on u.id = s.submitted_by`,
    [
      s.centreId,
      s.episodeId,
      s.key,
      s.registry,
      s.format,
      s.content,
      s.sha256,
      JSON.stringify(s.missingItems),
      s.overrideReason,
      s.userId,
    ]
  );
  return row as SubmissionRow;
}

/** Submissions of the centre, newest first; narrowed to an episode (and report) when given. */
export async function submissionsOf(
  db: Queryable,
  centreId: string,
  episodeId?: string,
  key?: string
): Promise<SubmissionRow[]> {
  return db.query<SubmissionRow>(
    `select ${SUBMISSION_COLUMNS} from registry_submissions s join users u on u.id = s.submitted_by
     where s.centre_id = $1 and ($2::uuid is null or s.episode_id = $2::uuid) and ($3::text is null or s.report_key = $3)
     order by s.submitted_at desc, s.id`,
    [centreId, episodeId ?? null, key ?? null]
  );
}

export interface SubmissionContentRow {
  episode_id: string;
  patient_id: string;
  report_key: string;
  format: string;
  content: string;
}

export async function submissionContent(
  db: Queryable,
  centreId: string,
  id: string
): Promise<SubmissionContentRow | undefined> {
  const rows = await db.query<SubmissionContentRow>(
    `select s.episode_id, e.patient_id, s.report_key, s.format, s.content from registry_submissions s
     join episodes e on e.id = s.episode_id where s.centre_id = $1 and s.id = $2`,
    [centreId, id]
  );
  return rows[0];
}

/** Whether the report is marked done on the worklist (by a submission here, or by hand on Today). */
export async function followUpDone(db: Queryable, centreId: string, episodeId: string, key: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from follow_ups where centre_id = $1 and episode_id = $2 and key = $3',
    [centreId, episodeId, key]
  );
  return (rows[0]?.n ?? 0) > 0;
}

import {
  type Diagnosis,
  type DiagnosisCreate,
  type Patient,
  type PatientCreateSchema,
  type PatientListItem,
  PATIENT_SEARCH_COUNT_CAP,
} from '@engraft/domain';
import type { z } from 'zod';
import type { Queryable } from '../db/database';
import type { Actor } from './auditLog';
import { iso, numOrNull } from './rows';

type PatientInput = z.output<typeof PatientCreateSchema>;

interface PatientRow {
  id: string;
  centre_id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  date_of_birth: string;
  sex: Patient['sex'];
  abo_rh: Patient['aboRh'];
  cmv?: NonNullable<Patient['cmv']>;
  weight_kg: number | null;
  height_cm: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const toPatient = (r: PatientRow): Patient => ({
  id: r.id,
  centreId: r.centre_id,
  mrn: r.mrn,
  familyName: r.family_name,
  givenName: r.given_name,
  dateOfBirth: r.date_of_birth,
  sex: r.sex,
  aboRh: r.abo_rh,
  cmv: r.cmv ?? 'unknown',
  weightKg: numOrNull(r.weight_kg),
  heightCm: numOrNull(r.height_cm),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function insertPatient(
  db: Queryable,
  centreId: string,
  p: PatientInput,
  synthetic = false
): Promise<Patient> {
  const rows = await db.query<PatientRow>(
    `insert into patients (centre_id, mrn, family_name, given_name, date_of_birth, sex, abo_rh, weight_kg, height_cm,
       is_synthetic, cmv)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning *`,
    [
      centreId,
      p.mrn,
      p.familyName,
      p.givenName,
      p.dateOfBirth,
      p.sex,
      p.aboRh,
      p.weightKg ?? null,
      p.heightCm ?? null,
      synthetic,
      p.cmv,
    ]
  );
  return toPatient(rows[0]!);
}

export async function mrnExists(db: Queryable, centreId: string, mrn: string): Promise<boolean> {
  const rows = await db.query('select 1 from patients where centre_id = $1 and lower(mrn) = lower($2)', [
    centreId,
    mrn,
  ]);
  return rows.length > 0;
}

/** The centre's patients born on a date (candidates for a duplicate check; a date holds few patients). */
export async function patientsBornOn(db: Queryable, centreId: string, dateOfBirth: string): Promise<Patient[]> {
  const rows = await db.query<PatientRow>(
    'select * from patients where centre_id = $1 and date_of_birth = $2 limit 200',
    [centreId, dateOfBirth]
  );
  return rows.map(toPatient);
}

/** Sets the recipient's CMV serostatus; the row is locked by the caller. */
export async function setPatientCmv(db: Queryable, centreId: string, id: string, cmv: string): Promise<void> {
  await db.query('update patients set cmv = $3, updated_at = now() where centre_id = $1 and id = $2', [
    centreId,
    id,
    cmv,
  ]);
}

export async function getPatient(db: Queryable, centreId: string, id: string): Promise<Patient | undefined> {
  const rows = await db.query<PatientRow>('select * from patients where centre_id = $1 and id = $2', [centreId, id]);
  return rows[0] && toPatient(rows[0]);
}

/**
 * Search by MRN prefix or name prefix ("smith", "smi jo", "smith, john"), in the order lower(family name),
 * lower(given name), MRN, byte-wise; and its audit event; in one statement (one round trip; the search is
 * logged only with what it returned).
 *
 * Bounded (ADR 0008): the first term matches a family name, a given name or an MRN; each of those three
 * branches takes only its first offset+limit rows in list order, either by walking patients_search_order
 * (migration 0011) or through its prefix index and a top-N sort, whichever the planner estimates cheaper; the
 * page is the first rows of their union. The count stops after PATIENT_SEARCH_COUNT_CAP + 1 matches.
 */
export async function searchPatientsAudited(
  db: Queryable,
  actor: Actor & { centreId: string },
  q: { text?: string | undefined; limit: number; offset: number }
): Promise<{ items: PatientListItem[]; total: number; totalIsLowerBound: boolean }> {
  const terms = (q.text ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 4)
    .map((t) => t.replace(/[\\%_]/g, (c) => `\\${c}`));
  const params: unknown[] = [
    actor.centreId,
    actor.userId,
    actor.username,
    q.text ?? '',
    q.limit,
    q.offset,
    PATIENT_SEARCH_COUNT_CAP + 1,
  ];
  const termParams = terms.map((t) => {
    params.push(`${t}%`);
    return `$${params.length}`;
  });
  // The same conditions written with collate "C" so that patients_search_order can serve them as a range.
  const family = (t: string) => `lower(p.family_name) collate "C" like ${t}`;
  const given = (t: string) => `lower(p.given_name) like ${t}`;
  const mrn = (t: string) => `lower(p.mrn) like ${t}`;
  const anyOf = (t: string) => `(${family(t)} or ${given(t)} or ${mrn(t)})`;
  const cols = 'p.id, p.mrn, p.family_name, p.given_name, p.date_of_birth, p.sex';
  // MRNs are unique per centre, so this order is total.
  const order = (t = '') =>
    `lower(${t}family_name) collate "C", lower(${t}given_name) collate "C", ${t}mrn collate "C"`;
  const [first, ...rest] = termParams;
  const restConds = rest.map(anyOf);
  const where = (...conds: string[]) => ['p.centre_id = $1', ...conds, ...restConds].join(' and ');
  const branch = (cond: string) =>
    `(select ${cols} from patients p where ${where(cond)} order by ${order('p.')} limit $5::int + $6::int)`;
  const candidates = first
    ? [family(first), given(first), mrn(first)].map(branch).join(' union ')
    : `select ${cols} from patients p where ${where()} order by ${order('p.')} limit $5::int + $6::int`;
  const matching = `select 1 from patients p where ${where(...(first ? [anyOf(first)] : []))} limit $7`;
  const rows = await db.query<{ total: number; logged: number; items: SearchRow[] }>(
    // Page first, then fetch the newest episode of just that page's patients.
    `with pg as (select * from (${candidates}) c order by ${order()} limit $5 offset $6),
          items as (select pg.*, e.id as e_id, e.type as e_type, e.phase as e_phase,
                           coalesce(e.actual_day_zero, e.planned_day_zero)::text as e_day0
                    from pg left join lateral (select * from episodes e where e.patient_id = pg.id order by e.created_at desc limit 1) e on true),
          logged as (select audit_append($2, $3, $1, 'search', 'patient', null, null, null,
                            jsonb_build_object('q', $4::text, 'returned', (select count(*) from pg),
                              'patientIds', coalesce((select jsonb_agg(pg.id) from pg), '[]'::jsonb)), null))
     select (select count(*) from (${matching}) m)::int as total,
            coalesce((select json_agg(i order by ${order()}) from items i), '[]') as items,
            -- last: the chain lock taken by audit_append is held to the end of the transaction
            (select count(*) from logged)::int as logged`,
    params as never[],
    // The prefixes decide which index serves each branch: plan with them (a generic plan walks every patient).
    { planPerCall: true }
  );
  const r = rows[0]!;
  const capped = r.total > PATIENT_SEARCH_COUNT_CAP;
  return {
    total: capped ? PATIENT_SEARCH_COUNT_CAP : r.total,
    totalIsLowerBound: capped,
    items: r.items.map((i) => ({
      id: i.id,
      mrn: i.mrn,
      familyName: i.family_name,
      givenName: i.given_name,
      dateOfBirth: i.date_of_birth,
      sex: i.sex,
      episode: i.e_id ? { id: i.e_id, type: i.e_type!, phase: i.e_phase!, dayZero: i.e_day0! } : null,
    })),
  };
}

interface SearchRow {
  id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  date_of_birth: string;
  sex: Patient['sex'];
  e_id: string | null;
  e_type: string | null;
  e_phase: string | null;
  e_day0: string | null;
}

interface DiagnosisRow {
  id: string;
  patient_id: string;
  disease: Diagnosis['disease'];
  diagnosis_date: string;
  status: Diagnosis['status'];
  subtype: string | null;
  created_at: Date | string;
}

export const toDiagnosis = (r: DiagnosisRow): Diagnosis => ({
  id: r.id,
  patientId: r.patient_id,
  disease: r.disease,
  diagnosisDate: r.diagnosis_date,
  status: r.status,
  subtype: r.subtype,
  createdAt: iso(r.created_at),
});

export async function insertDiagnosis(
  db: Queryable,
  centreId: string,
  patientId: string,
  d: DiagnosisCreate
): Promise<Diagnosis> {
  const rows = await db.query<DiagnosisRow>(
    `insert into diagnoses (patient_id, centre_id, disease, diagnosis_date, status, subtype) values ($1,$2,$3,$4,$5,$6) returning *`,
    [patientId, centreId, d.disease, d.diagnosisDate, d.status, d.subtype || null]
  );
  return toDiagnosis(rows[0]!);
}

export async function diagnosesOf(db: Queryable, patientId: string): Promise<Diagnosis[]> {
  const rows = await db.query<DiagnosisRow>(
    'select * from diagnoses where patient_id = $1 order by diagnosis_date, created_at',
    [patientId]
  );
  return rows.map(toDiagnosis);
}

import type { Diagnosis, DiagnosisCreate, Patient, PatientCreateSchema } from '@engraft/domain';
import type { z } from 'zod';
import type { Queryable } from '../db/database';
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
  weightKg: numOrNull(r.weight_kg),
  heightCm: numOrNull(r.height_cm),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function insertPatient(db: Queryable, centreId: string, p: PatientInput, synthetic = false): Promise<Patient> {
  const rows = await db.query<PatientRow>(
    `insert into patients (centre_id, mrn, family_name, given_name, date_of_birth, sex, abo_rh, weight_kg, height_cm, is_synthetic)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning *`,
    [centreId, p.mrn, p.familyName, p.givenName, p.dateOfBirth, p.sex, p.aboRh, p.weightKg ?? null, p.heightCm ?? null, synthetic]
  );
  return toPatient(rows[0]!);
}

export async function mrnExists(db: Queryable, centreId: string, mrn: string): Promise<boolean> {
  const rows = await db.query('select 1 from patients where centre_id = $1 and lower(mrn) = lower($2)', [centreId, mrn]);
  return rows.length > 0;
}

export async function getPatient(db: Queryable, centreId: string, id: string): Promise<Patient | undefined> {
  const rows = await db.query<PatientRow>('select * from patients where centre_id = $1 and id = $2', [centreId, id]);
  return rows[0] && toPatient(rows[0]);
}

export interface PatientListItem {
  id: string;
  mrn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  sex: Patient['sex'];
  episode: { id: string; type: string; phase: string; dayZero: string } | null;
}

/**
 * Search by MRN prefix or name prefix ("smith", "smi jo", "smith, john"), newest episode first.
 * Prefix matches use the lower(...) text_pattern_ops indexes.
 */
export async function searchPatients(
  db: Queryable,
  centreId: string,
  q: { text?: string | undefined; limit: number; offset: number }
): Promise<{ items: PatientListItem[]; total: number }> {
  const terms = (q.text ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 4)
    .map((t) => t.replace(/[\\%_]/g, (c) => `\\${c}`));
  const params: unknown[] = [centreId];
  const conds = terms.map((t) => {
    params.push(`${t}%`);
    const n = params.length;
    return `(lower(p.family_name) like $${n} or lower(p.given_name) like $${n} or lower(p.mrn) like $${n})`;
  });
  const where = ['p.centre_id = $1', ...conds].join(' and ');
  const count = await db.query<{ n: number }>(`select count(*)::int as n from patients p where ${where}`, params as never[]);
  params.push(q.limit, q.offset);
  const rows = await db.query<{
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
  }>(
    // Page first, then fetch the newest episode of just that page's patients.
    `select p.id, p.mrn, p.family_name, p.given_name, p.date_of_birth, p.sex,
            e.id as e_id, e.type as e_type, e.phase as e_phase, coalesce(e.actual_day_zero, e.planned_day_zero)::text as e_day0
     from (select * from patients p where ${where}
           order by lower(p.family_name), lower(p.given_name), p.mrn
           limit $${params.length - 1} offset $${params.length}) p
     left join lateral (select * from episodes e where e.patient_id = p.id order by e.created_at desc limit 1) e on true
     order by lower(p.family_name), lower(p.given_name), p.mrn`,
    params as never[]
  );
  return {
    total: count[0]?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      mrn: r.mrn,
      familyName: r.family_name,
      givenName: r.given_name,
      dateOfBirth: r.date_of_birth,
      sex: r.sex,
      episode: r.e_id ? { id: r.e_id, type: r.e_type!, phase: r.e_phase!, dayZero: r.e_day0! } : null,
    })),
  };
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

export async function insertDiagnosis(db: Queryable, centreId: string, patientId: string, d: DiagnosisCreate): Promise<Diagnosis> {
  const rows = await db.query<DiagnosisRow>(
    `insert into diagnoses (patient_id, centre_id, disease, diagnosis_date, status, subtype) values ($1,$2,$3,$4,$5,$6) returning *`,
    [patientId, centreId, d.disease, d.diagnosisDate, d.status, d.subtype || null]
  );
  return toDiagnosis(rows[0]!);
}

export async function diagnosesOf(db: Queryable, patientId: string): Promise<Diagnosis[]> {
  const rows = await db.query<DiagnosisRow>('select * from diagnoses where patient_id = $1 order by diagnosis_date, created_at', [patientId]);
  return rows.map(toDiagnosis);
}

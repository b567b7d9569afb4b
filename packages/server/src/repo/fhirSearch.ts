import type { Queryable, SqlValue } from '../db/database';
import { notStaged } from './labImports';

// The FHIR API's reads (ADR 0700): one SQL source per resource type, always scoped to the caller's centre.
// Search parameters arrive already translated to Engraft's codes by services/fhirSearch.ts.

export type DateOp = 'eq' | 'ge' | 'gt' | 'le' | 'lt';
export interface DateBound {
  op: DateOp;
  date: string;
}

export interface FhirFilter {
  ids?: string[];
  patientId?: string;
  identifier?: string;
  name?: string;
  birthdate?: DateBound[];
  date?: DateBound[];
  codes?: string[];
  statuses?: string[];
  limit: number;
  offset: number;
}

/** A timestamp as the ISO instant FHIR wants (UTC, milliseconds), whichever driver reads it. */
const ts = (col: string): string => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface Source {
  /** `from (…) alias where true`: a subquery of the resource's columns, scoped by $1 = the centre id. */
  from: string;
  order: string;
  id?: string;
  patient?: string;
  identifier?: string;
  name?: string[];
  birthdate?: string;
  date?: string;
  code?: string;
  status?: string;
}

const OPS: Record<DateOp, string> = { eq: '=', ge: '>=', gt: '>', le: '<=', lt: '<' };

/** Builds the conditions of a filter over a source's columns; parameters after the centre id. */
function conditions(s: Source, f: FhirFilter, params: SqlValue[]): string[] {
  const p = (v: SqlValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const out: string[] = [];
  if (f.ids && s.id) out.push(`${s.id}::text = any(${p(f.ids)}::text[])`);
  if (f.patientId !== undefined) out.push(s.patient ? `${s.patient}::text = ${p(f.patientId)}` : 'false');
  if (f.identifier !== undefined) out.push(s.identifier ? `${s.identifier} = ${p(f.identifier)}` : 'false');
  if (f.name !== undefined && s.name) {
    const like = p(`${f.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    out.push(`(${s.name.map((c) => `lower(${c}) like ${like}`).join(' or ')})`);
  }
  for (const b of f.birthdate ?? []) out.push(`${s.birthdate ?? 'null'} ${OPS[b.op]} ${p(b.date)}::date`);
  for (const b of f.date ?? []) out.push(`${s.date ?? 'null'} ${OPS[b.op]} ${p(b.date)}::date`);
  if (f.codes) out.push(s.code ? `${s.code} = any(${p(f.codes)}::text[])` : 'false');
  if (f.statuses) out.push(s.status ? `${s.status} = any(${p(f.statuses)}::text[])` : 'false');
  return out;
}

/** One page of a source's rows and the total that match. */
export async function searchSource<T extends object>(
  db: Queryable,
  s: Source,
  centreId: string,
  f: FhirFilter
): Promise<{ rows: T[]; total: number }> {
  const params: SqlValue[] = [centreId];
  const where = conditions(s, f, params);
  const cond = where.length ? ` and ${where.join(' and ')}` : '';
  const [{ n }] = (await db.query<{ n: number }>(
    `select count(*)::int as n from (select 1 ${s.from}${cond}) x`,
    params
  )) as [{ n: number }];
  if (f.limit === 0 || n <= f.offset) return { rows: [], total: Number(n) };
  const rows = await db.query<T>(
    `select * from (select * ${s.from}${cond}) x order by ${s.order} limit ${Number(f.limit)} offset ${Number(f.offset)}`,
    params
  );
  return { rows, total: Number(n) };
}

const EPISODE_STATUS = `case when e.phase = 'closed' then 'finished' when e.phase in ('referral', 'work-up') then 'planned' else 'active' end`;
const PRODUCT_STATUS = `case when p.status in ('infused', 'discarded') then 'unavailable' else 'available' end`;
const PLAN_STATUS = `case c.status when 'superseded' then 'stopped' else c.status end`;

export const SOURCES = {
  Patient: {
    from: `from (select p.id, p.mrn, p.family_name, p.given_name, p.date_of_birth::text as date_of_birth,
        p.sex, ${ts('p.updated_at')} as updated_at from patients p where p.centre_id = $1) p where true`,
    order: 'family_name, given_name, mrn',
    id: 'p.id',
    patient: 'p.id',
    identifier: 'p.mrn',
    name: ['p.family_name', 'p.given_name'],
    birthdate: 'p.date_of_birth::date',
  },
  Condition: {
    from: `from (select d.id, d.patient_id, d.disease, d.diagnosis_date::text as diagnosis_date, d.status, d.subtype,
        ${ts('d.created_at')} as created_at from diagnoses d where d.centre_id = $1) d where true`,
    order: 'diagnosis_date, id',
    id: 'd.id',
    patient: 'd.patient_id',
    date: 'd.diagnosis_date::date',
    code: 'd.disease',
  },
  EpisodeOfCare: {
    from: `from (select e.id, e.patient_id, e.diagnosis_id, e.type, e.phase, e.planned_day_zero::text as planned_day_zero,
        e.actual_day_zero::text as actual_day_zero, ${ts('e.created_at')} as created_at, ${ts('e.updated_at')} as updated_at,
        e.closed_on::text as closed_on, ${EPISODE_STATUS} as fhir_status from episodes e where e.centre_id = $1) e where true`,
    order: 'created_at, id',
    id: 'e.id',
    patient: 'e.patient_id',
    date: 'e.created_at::date',
    code: 'e.type',
    status: 'e.fhir_status',
  },
  Procedure: {
    from: `from (select i.id, i.patient_id, i.product_id, e.type as episode_type, ${ts('i.started_at')} as started_at,
        case when i.ended_at is null then null else ${ts('i.ended_at')} end as ended_at, i.started_by,
        case when i.ended_at is null then 'in-progress' else 'completed' end as fhir_status
        from infusions i join episodes e on e.id = i.episode_id where i.centre_id = $1) i where true`,
    order: 'started_at, id',
    id: 'i.id',
    patient: 'i.patient_id',
    date: "(i.started_at::timestamptz at time zone 'UTC')::date",
    code: 'i.episode_type',
    status: 'i.fhir_status',
  },
  Lab: {
    from: `from (select o.id, o.patient_id, o.analyte, o.lineage, o.observed_on::text as observed_on,
        o.reported_value, o.reported_unit, ${ts('o.created_at')} as created_at from observations o
        where o.centre_id = $1 and ${notStaged('o')}) o where true`,
    order: 'observed_on, analyte, id',
    id: 'o.id',
    patient: 'o.patient_id',
    date: 'o.observed_on::date',
    code: 'o.analyte',
    status: `'final'`,
  },
  Grade: {
    from: `from (select a.id, e.patient_id, a.episode_id, g.grade_kind, a.assessed_on::text as assessed_on, a.result,
        ${ts('a.updated_at')} as updated_at from assessments a join episodes e on e.id = a.episode_id
        cross join lateral unnest(case when a.kind = 'crs-icans' then array['crs', 'icans'] else array[a.kind] end) g(grade_kind)
        where a.centre_id = $1) a where true`,
    order: 'assessed_on, grade_kind, id',
    id: `a.grade_kind || '-' || a.id`,
    patient: 'a.patient_id',
    date: 'a.assessed_on::date',
    code: 'a.grade_kind',
    status: `'final'`,
  },
  BiologicallyDerivedProduct: {
    from: `from (select p.id, p.patient_id, p.donor_id, p.din, p.product_code, p.division, p.description, p.kind, p.status,
        p.collected_on::text as collected_on, p.cryopreserved,
        case when p.expires_at is null then null else ${ts('p.expires_at')} end as expires_at, ${ts('p.updated_at')} as updated_at,
        ${PRODUCT_STATUS} as fhir_status from products p where p.centre_id = $1) p where true`,
    order: 'din, product_code, division, id',
    id: 'p.id',
    patient: 'p.patient_id',
    identifier: 'p.din',
    code: 'p.product_code',
    status: 'p.fhir_status',
  },
  MedicationRequest: {
    // One request per agent of a plan: the id is `<plan id>.<agent index>`.
    from: `from (select c.id || '.' || (ag ->> 'index') as id, e.patient_id, c.status, c.verified_by is not null as verified,
        c.prescribed_by, ${ts('c.prescribed_at')} as prescribed_at, c.rule_id, ag as agent, (ag ->> 'index')::int as agent_index,
        ${PLAN_STATUS} as fhir_status
        from conditioning_plans c join episodes e on e.id = c.episode_id
        cross join lateral jsonb_array_elements(c.computed -> 'agents') ag where c.centre_id = $1) c where true`,
    order: 'prescribed_at, id, agent_index',
    id: 'c.id',
    patient: 'c.patient_id',
    date: `(c.prescribed_at::timestamptz at time zone 'UTC')::date`,
    status: 'c.fhir_status',
  },
  MedicationAdministration: {
    // Doses given or omitted against a plan's dose line (migration 0024); the date is when it started, or the planned date.
    from: `from (select a.id, a.patient_id, a.episode_id, a.plan_id, a.agent_index, a.agent, a.agent_label, a.day, a.sequence,
        a.planned_amount, a.unit, a.outcome, a.amount, a.reason, a.recorded_by,
        case when a.started_at is null then null else ${ts('a.started_at')} end as started_at,
        case when a.ended_at is null then null else ${ts('a.ended_at')} end as ended_at,
        (e.planned_day_zero + a.day)::text as planned_date, ${ts('a.recorded_at')} as recorded_at,
        case when a.corrected_at is null then null else ${ts('a.corrected_at')} end as corrected_at,
        case when a.outcome = 'omitted' then 'not-done' else 'completed' end as fhir_status
        from conditioning_administrations a join episodes e on e.id = a.episode_id where a.centre_id = $1) a where true`,
    order: 'coalesce(started_at, planned_date), id',
    id: 'a.id',
    patient: 'a.patient_id',
    date: `coalesce((a.started_at::timestamptz at time zone 'UTC')::date, a.planned_date::date)`,
    status: 'a.fhir_status',
  },
  Specimen: {
    from: `from (select c.id, e.patient_id, c.donor_id, c.method, c.mobilisation, c.status,
        (select min(d.collected_on)::text from collection_days d where d.collection_id = c.id) as first_day,
        (select max(d.collected_on)::text from collection_days d where d.collection_id = c.id) as last_day,
        ${ts('c.updated_at')} as updated_at, case when c.status = 'cancelled' then 'unavailable' else 'available' end as fhir_status
        from collections c join episodes e on e.id = c.episode_id where c.centre_id = $1) s where true`,
    order: 'first_day nulls last, id',
    id: 's.id',
    patient: 's.patient_id',
    date: 's.first_day::date',
    code: 's.method',
    status: 's.fhir_status',
  },
  Practitioner: {
    from: `from (select u.id, u.username, u.display_name, u.disabled from users u
        where exists (select 1 from memberships m where m.user_id = u.id and m.centre_id = $1)) u where true`,
    order: 'username',
    id: 'u.id',
    identifier: 'u.username',
    name: ['u.display_name'],
  },
} satisfies Record<string, Source>;

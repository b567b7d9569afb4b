import type { Analyte, AssessmentKind, ClinicalEvent, Observation } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { notStaged } from './labImports';
import { iso } from './rows';

export interface ObservationInsert {
  analyte: Analyte;
  lineage: string | null;
  observedOn: string;
  value: number;
  unit: string;
  reportedValue: number;
  reportedUnit: string;
  source: Observation['source'];
}

/** Inserts one observation; returns null when the identical result is already recorded (a duplicate). */
export async function insertObservation(
  db: Queryable,
  ids: { centreId: string; patientId: string; userId: string | null },
  o: ObservationInsert
): Promise<Observation | null> {
  const rows = await db.query<ObservationRow>(
    `insert into observations (centre_id, patient_id, analyte, lineage, observed_on, value, unit, reported_value, reported_unit, source, recorded_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict do nothing returning *`,
    [
      ids.centreId,
      ids.patientId,
      o.analyte,
      o.lineage,
      o.observedOn,
      o.value,
      o.unit,
      o.reportedValue,
      o.reportedUnit,
      o.source,
      ids.userId,
    ]
  );
  return rows[0] ? toObservation(rows[0]) : null;
}

/**
 * Rows per multi-row statement of a lab import, each in its own short transaction (issue 14, ADR 0014): one plan,
 * one round trip, and tens of milliseconds of the embedded database's one session.
 */
export const IMPORT_BATCH_ROWS = 500;

/** Marks, per input row, whether it was inserted; a row identical to one already stored (or earlier in `keys`) is not. */
function insertedFlags(keys: readonly string[], returned: readonly string[]): boolean[] {
  const left = new Map<string, number>();
  for (const k of returned) left.set(k, (left.get(k) ?? 0) + 1);
  return keys.map((k) => {
    const n = left.get(k) ?? 0;
    if (n === 0) return false;
    left.set(k, n - 1);
    return true;
  });
}

const observationKey = (analyte: string, lineage: string | null, observedOn: string, value: number): string =>
  `${analyte}\t${lineage ?? ''}\t${observedOn}\t${value}`;

/** The multi-row insert of observations: unnest of column arrays ($4–$12), in the given order; duplicates skipped. */
const OBSERVATIONS_INSERT = `insert into observations (centre_id, patient_id, analyte, lineage, observed_on, value, unit, reported_value, reported_unit, source, recorded_by, import_id)
     select $1, $2, x.analyte, x.lineage, x.observed_on, x.value, x.unit, x.reported_value, x.reported_unit, x.source, $3, $13::uuid
       from unnest($4::text[], $5::text[], $6::date[], $7::numeric[], $8::text[], $9::numeric[], $10::text[], $11::text[], $12::int[])
         as x(analyte, lineage, observed_on, value, unit, reported_value, reported_unit, source, ord)
      order by x.ord
     on conflict do nothing`;

const observationParams = (
  ids: { centreId: string; patientId: string; userId: string | null },
  os: readonly ObservationInsert[],
  importId: string | null
) => [
  ids.centreId,
  ids.patientId,
  ids.userId,
  os.map((o) => o.analyte),
  os.map((o) => o.lineage),
  os.map((o) => o.observedOn),
  os.map((o) => String(o.value)),
  os.map((o) => o.unit),
  os.map((o) => String(o.reportedValue)),
  os.map((o) => o.reportedUnit),
  os.map((o) => o.source),
  os.map((_o, i) => i),
  importId,
];

/**
 * Inserts many observations in one statement (unnest of column arrays, in the given order) and says, per row,
 * whether it was inserted or skipped as a duplicate of a stored result (or of an earlier row of the batch), as
 * insertObservation does one by one.
 */
export async function insertObservations(
  db: Queryable,
  ids: { centreId: string; patientId: string; userId: string | null },
  os: readonly ObservationInsert[],
  importId: string | null = null
): Promise<boolean[]> {
  if (!os.length) return [];
  // Issue 14: the inserted rows come back only when some were skipped (as one JSON array); a chunk without
  // duplicates answers one number, not 500 rows for the driver to decode.
  const [result] = await db.query<{ n: number; inserted: [string, string | null, string, number][] | null }>(
    `with ins as (${OBSERVATIONS_INSERT} returning analyte, lineage, observed_on, value)
     select (select count(*) from ins)::int as n,
            case when (select count(*) from ins) < $14
                 then (select json_agg(json_build_array(analyte, lineage, observed_on, value)) from ins) end as inserted`,
    [...observationParams(ids, os, importId), os.length]
  );
  if (result!.n === os.length) return os.map(() => true);
  return insertedFlags(
    os.map((o) => observationKey(o.analyte, o.lineage, o.observedOn, Number(String(o.value)))),
    (result!.inserted ?? []).map(([analyte, lineage, on, value]) => observationKey(analyte, lineage, on, Number(value)))
  );
}

/** insertObservations giving, per row, the id of the stored observation, or null when it was a duplicate. */
export async function insertObservationRows(
  db: Queryable,
  ids: { centreId: string; patientId: string; userId: string | null },
  os: readonly ObservationInsert[],
  importId: string | null = null
): Promise<(string | null)[]> {
  if (!os.length) return [];
  const rows = await db.query<{
    id: string;
    analyte: string;
    lineage: string | null;
    observed_on: string;
    value: number | string;
  }>(`${OBSERVATIONS_INSERT} returning id, analyte, lineage, observed_on, value`, observationParams(ids, os, importId));
  const keyOf = (r: (typeof rows)[number]) =>
    observationKey(r.analyte, r.lineage, String(r.observed_on).slice(0, 10), Number(r.value));
  const inserted = insertedFlags(
    os.map((o) => observationKey(o.analyte, o.lineage, o.observedOn, Number(String(o.value)))),
    rows.map(keyOf)
  );
  // Rows with equal keys are interchangeable (same analyte, lineage, date and value): hand them out in order.
  const idsByKey = new Map<string, string[]>();
  for (const r of rows) idsByKey.set(keyOf(r), [...(idsByKey.get(keyOf(r)) ?? []), r.id]);
  return os.map((o, i) =>
    inserted[i]
      ? idsByKey.get(observationKey(o.analyte, o.lineage, o.observedOn, Number(String(o.value))))!.shift()!
      : null
  );
}

/** Inserts many transfusions in one statement; per row, whether it was inserted (see insertObservations). */
export async function insertTransfusions(
  db: Queryable,
  ids: { centreId: string; patientId: string; userId: string | null },
  ts: readonly { product: string; givenOn: string }[],
  importId: string | null = null
): Promise<boolean[]> {
  if (!ts.length) return [];
  const rows = await db.query<{ product: string; given_on: string }>(
    `insert into transfusions (centre_id, patient_id, product, given_on, recorded_by, import_id)
     select $1, $2, x.product, x.given_on, $3, $7::uuid from unnest($4::text[], $5::date[], $6::int[]) as x(product, given_on, ord)
      order by x.ord
     on conflict do nothing returning product, given_on`,
    [
      ids.centreId,
      ids.patientId,
      ids.userId,
      ts.map((t) => t.product),
      ts.map((t) => t.givenOn),
      ts.map((_t, i) => i),
      importId,
    ]
  );
  return insertedFlags(
    ts.map((t) => `${t.product}\t${t.givenOn}`),
    rows.map((r) => `${r.product}\t${String(r.given_on).slice(0, 10)}`)
  );
}

interface ObservationRow {
  id: string;
  patient_id: string;
  analyte: Analyte;
  lineage: Observation['lineage'];
  observed_on: string;
  value: number;
  unit: string;
  reported_value: number;
  reported_unit: string;
  source: Observation['source'];
  corrected_at?: Date | string | null;
}

const toObservation = (r: ObservationRow): Observation => ({
  id: r.id,
  patientId: r.patient_id,
  analyte: r.analyte,
  lineage: r.lineage,
  observedOn: r.observed_on,
  value: Number(r.value),
  unit: r.unit,
  reportedValue: Number(r.reported_value),
  reportedUnit: r.reported_unit,
  source: r.source,
  correctedAt: r.corrected_at ? iso(r.corrected_at) : null,
});

export async function observationsOf(db: Queryable, centreId: string, patientId: string): Promise<Observation[]> {
  const rows = await db.query<ObservationRow>(
    `select * from observations o where o.centre_id = $1 and o.patient_id = $2 and ${notStaged('o')}
      order by o.observed_on, o.analyte, o.created_at`,
    [centreId, patientId]
  );
  return rows.map(toObservation);
}

/** observationsOf for many patients in one statement (each patient's in the same order), optionally of some analytes. */
export async function observationsOfPatients(
  db: Queryable,
  centreId: string,
  patientIds: readonly string[],
  analytes?: readonly Analyte[]
): Promise<Observation[]> {
  const rows = await db.query<ObservationRow>(
    `select * from observations o where o.centre_id = $1 and o.patient_id = any($2::uuid[]) and ${notStaged('o')}
        and ($3::text[] is null or o.analyte = any($3::text[]))
      order by o.observed_on, o.analyte, o.created_at`,
    [centreId, patientIds, analytes ? [...analytes] : null]
  );
  return rows.map(toObservation);
}

export async function insertTransfusion(
  db: Queryable,
  ids: { centreId: string; patientId: string; userId: string | null },
  t: { product: string; givenOn: string }
): Promise<{ id: string } | null> {
  const rows = await db.query<{ id: string }>(
    `insert into transfusions (centre_id, patient_id, product, given_on, recorded_by) values ($1,$2,$3,$4,$5)
     on conflict do nothing returning id`,
    [ids.centreId, ids.patientId, t.product, t.givenOn, ids.userId]
  );
  return rows[0] ?? null;
}

export interface TransfusionRecord {
  id: string;
  patientId: string;
  product: string;
  givenOn: string;
  correctedAt: string | null;
}

const TRANSFUSION_COLUMNS = `id, patient_id as "patientId", product, given_on as "givenOn", corrected_at as "correctedAt"`;
const toTransfusion = (r: TransfusionRecord & { correctedAt: Date | string | null }): TransfusionRecord => ({
  ...r,
  correctedAt: r.correctedAt ? iso(r.correctedAt) : null,
});

export async function transfusionsOf(db: Queryable, centreId: string, patientId: string): Promise<TransfusionRecord[]> {
  const rows = await db.query<TransfusionRecord>(
    `select ${TRANSFUSION_COLUMNS} from transfusions t where t.centre_id = $1 and t.patient_id = $2 and ${notStaged('t')}
      order by t.given_on`,
    [centreId, patientId]
  );
  return rows.map(toTransfusion);
}

/** transfusionsOf for many patients in one statement. */
export async function transfusionsOfPatients(
  db: Queryable,
  centreId: string,
  patientIds: readonly string[]
): Promise<TransfusionRecord[]> {
  const rows = await db.query<TransfusionRecord>(
    `select ${TRANSFUSION_COLUMNS} from transfusions t
      where t.centre_id = $1 and t.patient_id = any($2::uuid[]) and ${notStaged('t')} order by t.given_on`,
    [centreId, patientIds]
  );
  return rows.map(toTransfusion);
}

// ---- Corrections and deletions (ADR 0600): the row is changed or removed; the audit event keeps the before. ----

export async function getObservationForUpdate(
  db: Queryable,
  centreId: string,
  id: string
): Promise<Observation | null> {
  const rows = await db.query<ObservationRow>(
    `select * from observations o where o.centre_id = $1 and o.id = $2 and ${notStaged('o')} for update of o`,
    [centreId, id]
  );
  return rows[0] ? toObservation(rows[0]) : null;
}

/** Another result of the patient identical to the corrected one (the duplicate rule of migration 0002). */
export async function sameObservationExists(
  db: Queryable,
  o: { id: string; patientId: string; analyte: string; lineage: string | null; observedOn: string; value: number }
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `select id from observations where patient_id = $1 and analyte = $2 and coalesce(lineage, '') = coalesce($3, '')
       and observed_on = $4 and value = $5 and id <> $6 limit 1`,
    [o.patientId, o.analyte, o.lineage, o.observedOn, o.value, o.id]
  );
  return rows.length > 0;
}

export async function updateObservation(
  db: Queryable,
  centreId: string,
  id: string,
  o: ObservationInsert,
  userId: string | null
): Promise<Observation> {
  const rows = await db.query<ObservationRow>(
    `update observations set lineage = $3, observed_on = $4, value = $5, unit = $6, reported_value = $7, reported_unit = $8,
       corrected_at = now(), corrected_by = $9
     where centre_id = $1 and id = $2 returning *`,
    [centreId, id, o.lineage, o.observedOn, o.value, o.unit, o.reportedValue, o.reportedUnit, userId]
  );
  return toObservation(rows[0]!);
}

export async function deleteObservation(db: Queryable, centreId: string, id: string): Promise<void> {
  await db.query('delete from observations where centre_id = $1 and id = $2', [centreId, id]);
}

export async function getTransfusionForUpdate(
  db: Queryable,
  centreId: string,
  id: string
): Promise<TransfusionRecord | null> {
  const rows = await db.query<TransfusionRecord>(
    `select ${TRANSFUSION_COLUMNS} from transfusions t where t.centre_id = $1 and t.id = $2 and ${notStaged('t')}
      for update of t`,
    [centreId, id]
  );
  return rows[0] ? toTransfusion(rows[0]) : null;
}

export async function sameTransfusionExists(
  db: Queryable,
  t: { id: string; patientId: string; product: string; givenOn: string }
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'select id from transfusions where patient_id = $1 and product = $2 and given_on = $3 and id <> $4 limit 1',
    [t.patientId, t.product, t.givenOn, t.id]
  );
  return rows.length > 0;
}

export async function updateTransfusion(
  db: Queryable,
  centreId: string,
  id: string,
  t: { product: string; givenOn: string },
  userId: string | null
): Promise<TransfusionRecord> {
  const rows = await db.query<TransfusionRecord>(
    `update transfusions set product = $3, given_on = $4, corrected_at = now(), corrected_by = $5 where centre_id = $1 and id = $2
     returning ${TRANSFUSION_COLUMNS}`,
    [centreId, id, t.product, t.givenOn, userId]
  );
  return toTransfusion(rows[0]!);
}

export async function deleteTransfusion(db: Queryable, centreId: string, id: string): Promise<void> {
  await db.query('delete from transfusions where centre_id = $1 and id = $2', [centreId, id]);
}

/** Chimerism results of the centre's patients with a followed episode, for the worklist's trend check. */
export async function chimerismOfFollowedPatients(db: Queryable, centreId: string): Promise<Observation[]> {
  const rows = await db.query<ObservationRow>(
    `select o.* from observations o
     where o.centre_id = $1 and o.analyte = 'chimerism' and ${notStaged('o')}
       and exists (select 1 from episodes e where e.patient_id = o.patient_id and e.centre_id = $1
                   and e.phase in ('infusion', 'early-follow-up', 'long-term-follow-up'))
     order by o.patient_id, o.observed_on, o.created_at`,
    [centreId]
  );
  return rows.map(toObservation);
}

export interface AssessmentRow {
  id: string;
  episode_id: string;
  kind: AssessmentKind;
  assessed_on: string;
  inputs: Record<string, unknown>;
  result: Record<string, unknown>;
  rule_ids: string[];
  recorded_by_name: string | null;
}

/** Records the day's assessment, replacing an earlier entry for the same day; returns the new and the old row. */
export async function upsertAssessment(
  db: Queryable,
  a: {
    centreId: string;
    episodeId: string;
    kind: AssessmentKind;
    assessedOn: string;
    inputs: unknown;
    result: unknown;
    ruleIds: string[];
    userId: string | null;
  }
): Promise<{ row: AssessmentRow; previous: AssessmentRow | undefined }> {
  const previous = (
    await db.query<AssessmentRow>(
      `select a.*, null as recorded_by_name from assessments a where episode_id = $1 and kind = $2 and assessed_on = $3 for update`,
      [a.episodeId, a.kind, a.assessedOn]
    )
  )[0];
  const rows = await db.query<AssessmentRow>(
    `with up as (
       insert into assessments (centre_id, episode_id, kind, assessed_on, inputs, result, rule_ids, recorded_by)
       values ($1,$2,$3,$4,$5::jsonb,$6::jsonb,$7,$8)
       on conflict (episode_id, kind, assessed_on) do update
         set inputs = excluded.inputs, result = excluded.result, rule_ids = excluded.rule_ids,
             recorded_by = excluded.recorded_by, updated_at = now()
       returning *)
     select up.*, u.display_name as recorded_by_name from up left join users u on u.id = up.recorded_by`,
    [
      a.centreId,
      a.episodeId,
      a.kind,
      a.assessedOn,
      JSON.stringify(a.inputs),
      JSON.stringify(a.result),
      a.ruleIds,
      a.userId,
    ]
  );
  return { row: rows[0]!, previous };
}

export async function assessmentsOf(db: Queryable, centreId: string, episodeId: string): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(
    `select a.*, u.display_name as recorded_by_name from assessments a left join users u on u.id = a.recorded_by
     where a.centre_id = $1 and a.episode_id = $2 order by a.assessed_on, a.kind`,
    [centreId, episodeId]
  );
}

/** assessmentsOf for many episodes in one statement. */
export async function assessmentsOfEpisodes(
  db: Queryable,
  centreId: string,
  episodeIds: readonly string[]
): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(
    `select a.*, u.display_name as recorded_by_name from assessments a left join users u on u.id = a.recorded_by
     where a.centre_id = $1 and a.episode_id = any($2::uuid[]) order by a.assessed_on, a.kind`,
    [centreId, episodeIds]
  );
}

export async function patientIdsByMrn(
  db: Queryable,
  centreId: string,
  mrns: readonly string[]
): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; mrn: string }>(
    'select id, mrn from patients where centre_id = $1 and lower(mrn) = any($2::text[])',
    [centreId, mrns.map((m) => m.toLowerCase())]
  );
  return new Map(rows.map((r) => [r.mrn.toLowerCase(), r.id]));
}

export interface ClinicalEventRow {
  id: string;
  episode_id: string;
  kind: ClinicalEvent['kind'];
  occurred_on: string;
  details: Record<string, unknown>;
  recorded_by_name: string | null;
}

export const toClinicalEvent = (r: ClinicalEventRow): ClinicalEvent => ({
  id: r.id,
  episodeId: r.episode_id,
  kind: r.kind,
  occurredOn: r.occurred_on,
  details: r.details,
  recordedBy: r.recorded_by_name,
});

export async function insertClinicalEvent(
  db: Queryable,
  e: {
    centreId: string;
    episodeId: string;
    kind: string;
    occurredOn: string;
    details: Record<string, unknown>;
    userId: string | null;
  }
): Promise<ClinicalEvent> {
  const rows = await db.query<ClinicalEventRow>(
    `with ins as (insert into clinical_events (centre_id, episode_id, kind, occurred_on, details, recorded_by)
       values ($1,$2,$3,$4,$5::jsonb,$6) returning *)
     select ins.*, u.display_name as recorded_by_name from ins left join users u on u.id = ins.recorded_by`,
    [e.centreId, e.episodeId, e.kind, e.occurredOn, JSON.stringify(e.details), e.userId]
  );
  return toClinicalEvent(rows[0]!);
}

export async function clinicalEventsOf(db: Queryable, centreId: string, episodeId: string): Promise<ClinicalEvent[]> {
  const rows = await db.query<ClinicalEventRow>(
    `select ce.*, u.display_name as recorded_by_name from clinical_events ce left join users u on u.id = ce.recorded_by
     where ce.centre_id = $1 and ce.episode_id = $2 order by ce.occurred_on, ce.created_at`,
    [centreId, episodeId]
  );
  return rows.map(toClinicalEvent);
}

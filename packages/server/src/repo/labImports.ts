import type { Queryable } from '../db/database';

/**
 * SQL condition on an observations or transfusions row (by its alias): the row is not part of a lab import that is
 * still being written (ADR 0014). Every read of results applies it, so a half-written import is never seen.
 */
export const notStaged = (alias: string): string =>
  `not exists (select 1 from lab_imports li where li.id = ${alias}.import_id and li.state = 'staging')`;

export interface LabImportRow {
  id: string;
  patient_id: string;
  state: 'staging' | 'published';
  heartbeat_age_seconds: number;
}

/** Opens an import for a patient; null when another import of that patient is staging (one at a time). */
export async function openLabImport(
  db: Queryable,
  ids: { centreId: string; patientId: string; userId: string | null },
  format: 'csv' | 'fhir',
  rows: number
): Promise<string | null> {
  const inserted = await db.query<{ id: string }>(
    `insert into lab_imports (centre_id, patient_id, format, state, rows, created_by)
     values ($1, $2, $3, 'staging', $4, $5)
     on conflict (patient_id) where state = 'staging' do nothing returning id`,
    [ids.centreId, ids.patientId, format, rows, ids.userId]
  );
  return inserted[0]?.id ?? null;
}

/** The staging import of a patient, with how long ago it last wrote (seconds), if there is one. */
export async function stagingImportOf(db: Queryable, patientId: string): Promise<LabImportRow | null> {
  const rows = await db.query<LabImportRow>(
    `select id, patient_id, state, extract(epoch from now() - heartbeat_at)::float8 as heartbeat_age_seconds
       from lab_imports where patient_id = $1 and state = 'staging'`,
    [patientId]
  );
  return rows[0] ?? null;
}

/** Records that a staging import is still being written (after each chunk). */
export async function touchLabImport(db: Queryable, importId: string): Promise<void> {
  await db.query(`update lab_imports set heartbeat_at = now() where id = $1 and state = 'staging'`, [importId]);
}

/**
 * Embedded database only (ADR 0014, issue 14): starts a chunk of an import in one statement. It records that the
 * import is still being written (as touchLabImport), locks every row the chunk references (its staging import,
 * patient, centre and sender) and says whether all of them exist; and it turns the table triggers off for the rest
 * of the caller's transaction (`session_replication_role = replica`, local: the commit or rollback turns them back
 * on; it needs the superuser, the embedded database's only role), so the chunk's rows are written without the
 * per-row foreign-key checks. Every row of a chunk references the same four rows; checking them once is the same
 * guarantee. Observations and transfusions have no triggers but the foreign keys' (lab import tests check it), and
 * the chunk's transaction writes nothing but its rows after this statement; unique indexes and checks still apply.
 * The heartbeat update changes no key, so no foreign-key check is owed for it either.
 */
export async function startImportChunk(
  db: Queryable,
  importId: string,
  ids: { centreId: string; patientId: string; userId: string | null }
): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(
    `with touched as (
       update lab_imports set heartbeat_at = now()
        where id = $1 and state = 'staging' and patient_id = $2 and centre_id = $3 returning 1)
     select (select count(*) from touched) = 1
        and (select count(*) from (select 1 from patients where id = $2 for key share) p) = 1
        and (select count(*) from (select 1 from centres where id = $3 for key share) c) = 1
        and ($4::uuid is null or (select count(*) from (select 1 from users where id = $4 for key share) u) = 1) as ok,
        set_config('session_replication_role', 'replica', true) as role`,
    [importId, ids.patientId, ids.centreId, ids.userId]
  );
  return rows[0]?.ok === true;
}

/** Makes a staging import's rows visible, in one statement; false when it is no longer staging (removed). */
export async function publishLabImport(db: Queryable, importId: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update lab_imports set state = 'published', published_at = now() where id = $1 and state = 'staging' returning id`,
    [importId]
  );
  return rows.length === 1;
}

/**
 * Removes a staging import and every row it wrote, in the caller's transaction (a published import is never
 * removed). Returns the number of rows removed.
 */
export async function discardLabImport(db: Queryable, importId: string): Promise<number> {
  const [staged] = await db.query<{ patient_id: string }>(
    `select patient_id from lab_imports where id = $1 and state = 'staging' for update`,
    [importId]
  );
  if (!staged) return 0;
  // By patient first, so the patient's indexes find the rows (import_id itself is not indexed).
  const [counts] = await db.query<{ n: number }>(
    `with o as (delete from observations where patient_id = $1 and import_id = $2 returning 1),
          t as (delete from transfusions where patient_id = $1 and import_id = $2 returning 1)
     select ((select count(*) from o) + (select count(*) from t))::int as n`,
    [staged.patient_id, importId]
  );
  await db.query(`delete from lab_imports where id = $1`, [importId]);
  return counts?.n ?? 0;
}

/**
 * Staging imports that nobody is writing any more: all of them when `olderThanSeconds` is 0 (the embedded database
 * at start: one process holds it), else those whose last write is older than that (PostgreSQL, several instances).
 */
export async function abandonedLabImports(db: Queryable, olderThanSeconds: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from lab_imports where state = 'staging' and heartbeat_at <= now() - make_interval(secs => $1)`,
    [olderThanSeconds]
  );
  return rows.map((r) => r.id);
}

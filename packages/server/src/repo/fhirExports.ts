import type { Queryable } from '../db/database';

// Bulk Data exports (migration 0019): the job and its NDJSON files, in the database so any instance answers.

export interface ExportRow {
  id: string;
  centre_id: string;
  requester: string;
  request_url: string;
  types: string[];
  status: 'in-progress' | 'complete' | 'failed';
  progress: string | null;
  error: string | null;
  transaction_time: string;
}

export interface ExportFileRow {
  type: string;
  part: number;
  count: number;
}

const ts = (col: string): string => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function insertExport(
  db: Queryable,
  e: { centreId: string; requester: string; requestUrl: string; types: string[] }
): Promise<ExportRow> {
  const [row] = await db.query<ExportRow>(
    `insert into fhir_exports (centre_id, requester, request_url, types) values ($1, $2, $3, $4::text[])
     returning id, centre_id, requester, request_url, types, status, progress, error, ${ts('transaction_time')} as transaction_time`,
    [e.centreId, e.requester, e.requestUrl, e.types]
  );
  return row!;
}

export async function getExport(db: Queryable, centreId: string, id: string): Promise<ExportRow | undefined> {
  const [row] = await db.query<ExportRow>(
    `select id, centre_id, requester, request_url, types, status, progress, error, ${ts('transaction_time')} as transaction_time
     from fhir_exports where centre_id = $1 and id::text = $2`,
    [centreId, id]
  );
  return row;
}

/** False when the export was cancelled (deleted) meanwhile: the job stops. */
export async function setProgress(db: Queryable, id: string, progress: string): Promise<boolean> {
  const rows = await db.query('update fhir_exports set progress = $2 where id = $1 returning id', [id, progress]);
  return rows.length > 0;
}

export async function finishExport(
  db: Queryable,
  id: string,
  status: 'complete' | 'failed',
  error?: string
): Promise<void> {
  await db.query(
    `update fhir_exports set status = $2, error = $3, completed_at = now(), progress = null where id = $1`,
    [id, status, error ?? null]
  );
}

export async function insertFile(
  db: Queryable,
  f: { exportId: string; type: string; part: number; count: number; ndjson: string }
): Promise<boolean> {
  const rows = await db.query(
    `insert into fhir_export_files (export_id, type, part, count, ndjson)
     select $1, $2, $3, $4, $5 where exists (select 1 from fhir_exports where id = $1) returning part`,
    [f.exportId, f.type, f.part, f.count, f.ndjson]
  );
  return rows.length > 0;
}

export async function filesOf(db: Queryable, id: string): Promise<ExportFileRow[]> {
  return db.query<ExportFileRow>(
    'select type, part, count from fhir_export_files where export_id = $1 order by type, part',
    [id]
  );
}

export async function fileContent(db: Queryable, id: string, type: string, part: number): Promise<string | undefined> {
  const [row] = await db.query<{ ndjson: string }>(
    'select ndjson from fhir_export_files where export_id = $1 and type = $2 and part = $3',
    [id, type, part]
  );
  return row?.ndjson;
}

export async function deleteExport(db: Queryable, id: string): Promise<void> {
  await db.query('delete from fhir_exports where id = $1', [id]);
}

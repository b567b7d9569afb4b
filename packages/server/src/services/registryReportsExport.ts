import { type EpisodeType, formatOfRegistry, type RegistryBatchQuery, RegistryBatchQuerySchema } from '@engraft/domain';
import type { Database } from '../db/database';
import { invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { submissionContent } from '../repo/registryReports';
import { activeEpisodes } from '../repo/worklist';
import { cibmtrBundle } from '../registries/cibmtrBundle';
import { medACsv, medARow } from '../registries/ebmtMedA';
import { reportTimepoints } from '../registries/episodeRecord';
import type { CentreActor } from './patients';
import { loadEpisodeRecord } from './registryRecord';
import { sha256 } from './registryReports';

export interface ExportFile {
  filename: string;
  contentType: string;
  content: string;
  sha256: string;
}

const CONTENT_TYPE = { 'fhir-json': 'application/fhir+json', csv: 'text/csv; charset=utf-8' } as const;

/** The exact bytes of a recorded submission (what was sent), audited as an export of the patient's data. */
export async function submissionFile(db: Database, actor: CentreActor, id: string): Promise<ExportFile> {
  const s = await submissionContent(db, actor.centreId, id);
  if (!s) throw notFound('registry submission');
  const format = s.format === 'csv' ? 'csv' : 'fhir-json';
  await appendAudit(db, actor, {
    action: 'export',
    entityType: 'registry-submission',
    entityId: id,
    patientId: s.patient_id,
    after: { key: s.report_key, format, sha256: sha256(s.content) },
  });
  return {
    filename: `${s.report_key}-${s.episode_id}.${format === 'csv' ? 'csv' : 'json'}`,
    contentType: CONTENT_TYPE[format],
    content: s.content,
    sha256: sha256(s.content),
  };
}

/**
 * Every report of the centre for one form whose due date falls in [from, to], as one file: CIBMTR Bundles as
 * NDJSON (one Bundle a line, as FHIR Bulk Data files are), EBMT MED-A rows as one CSV. Audited as one export naming
 * the patients. Not a submission: each report is recorded when the data manager submits it.
 */
export async function batchExport(
  db: Database,
  actor: CentreActor,
  query: RegistryBatchQuery,
  today: string,
  base: string
): Promise<ExportFile & { reports: number }> {
  const q = RegistryBatchQuerySchema.parse(query);
  if (q.to < q.from) throw invalid('to', 'must be on or after from');
  const registry = /^MED-A/.test(q.form) ? 'ebmt' : 'cibmtr';
  const format = formatOfRegistry(registry);
  const bundles: string[] = [];
  const rows: ReturnType<typeof medARow>[] = [];
  const patients = new Set<string>();
  for (const e of await activeEpisodes(db, actor.centreId)) {
    const due = reportTimepoints(e.type as EpisodeType, e.day_zero).filter(
      (t) => t.form === q.form && t.dueDate >= q.from && t.dueDate <= q.to && t.dueDate <= today
    );
    if (!due.length) continue;
    const record = await loadEpisodeRecord(db, actor.centreId, e.episode_id, today);
    if (!record) continue;
    patients.add(record.patient.id);
    for (const t of due) {
      if (format === 'csv') rows.push(medARow(record, t));
      else bundles.push(JSON.stringify(cibmtrBundle(record, t, base)));
    }
  }
  const content = format === 'csv' ? medACsv(rows) : bundles.map((b) => `${b}\n`).join('');
  const hash = sha256(content);
  await appendAudit(db, actor, {
    action: 'export',
    entityType: 'registry-batch',
    after: {
      ...q,
      format,
      reports: format === 'csv' ? rows.length : bundles.length,
      sha256: hash,
      patientIds: [...patients],
    },
  });
  return {
    filename: `${registry}-${q.form}-${q.from}-${q.to}.${format === 'csv' ? 'csv' : 'ndjson'}`,
    contentType: format === 'csv' ? CONTENT_TYPE.csv : 'application/fhir+ndjson',
    content,
    sha256: hash,
    reports: format === 'csv' ? rows.length : bundles.length,
  };
}

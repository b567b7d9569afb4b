import { createHash } from 'node:crypto';
import { dayRelative } from '@engraft/clinical';
import {
  type EpisodeType,
  formatOfRegistry,
  type RegistryFormat,
  type RegistryReportList,
  type RegistryReportPreview,
  type RegistryReportSummary,
  type RegistrySubmission,
  type RegistrySubmit,
  RegistrySubmitSchema,
  formatPatientName,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { invalid, notFound, unprocessable } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { followUpDone, insertSubmission, type SubmissionRow, submissionsOf } from '../repo/registryReports';
import { activeEpisodes, markFollowUpDone } from '../repo/worklist';
import { cibmtrBundle } from '../registries/cibmtrBundle';
import { completenessOf } from '../registries/completeness';
import { MED_A_COLUMNS, medACsv, medARow } from '../registries/ebmtMedA';
import { type EpisodeRecord, type ReportTimepoint, reportTimepoints, timepointOf } from '../registries/episodeRecord';
import type { CentreActor } from './patients';
import { loadEpisodeRecord, loadEpisodeRecords } from './registryRecord';
import { monitoringSettingsOf } from './settings';

const isoOf = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export function toSubmission(r: SubmissionRow): RegistrySubmission {
  return {
    id: r.id,
    episodeId: r.episode_id,
    key: r.report_key,
    registry: r.registry,
    format: r.format,
    sha256: r.content_sha256,
    bytes: r.bytes,
    submittedAt: isoOf(r.submitted_at),
    submittedBy: r.submitted_by_name,
    missingItems: r.missing_items,
    overrideReason: r.override_reason,
  };
}

/** The report's content as exported: the CIBMTR Bundle as JSON, or the MED-A header and row as CSV. */
export function reportContent(
  record: EpisodeRecord,
  t: ReportTimepoint,
  base: string
): { format: RegistryFormat; content: string } {
  const format = formatOfRegistry(t.registry);
  return format === 'fhir-json'
    ? { format, content: `${JSON.stringify(cibmtrBundle(record, t, base), null, 2)}\n` }
    : { format, content: medACsv([medARow(record, t)]) };
}

/** The window of reports the page lists, as Today does: due from a year ago to the centre's lead time ahead. */
export async function centreReports(db: Queryable, actor: CentreActor, today: string) {
  const lead = (await monitoringSettingsOf(db, actor.centreId)).followUpLeadDays;
  const out: { episode: Awaited<ReturnType<typeof activeEpisodes>>[number]; t: ReportTimepoint; done: boolean }[] = [];
  for (const e of await activeEpisodes(db, actor.centreId)) {
    for (const t of reportTimepoints(e.type as EpisodeType, e.day_zero)) {
      const done = e.done_follow_ups.includes(t.key);
      // After a death no report falls due later (the death is reported with the next form), as on Today.
      if (!done && e.death_on !== null && t.dueDate > e.death_on) continue;
      const until = dayRelative(t.dueDate, today);
      if (until > lead || (until < -365 && !done)) continue;
      out.push({ episode: e, t, done });
    }
  }
  return out;
}

function summaryOf(
  e: { episode_id: string; patient_id: string; family_name: string; given_name: string; mrn: string; type: string },
  t: ReportTimepoint,
  done: boolean,
  today: string,
  completeness: { required: number; missing: number },
  last: SubmissionRow | undefined
): RegistryReportSummary {
  const until = dayRelative(t.dueDate, today);
  return {
    episodeId: e.episode_id,
    patientId: e.patient_id,
    patient: formatPatientName({ familyName: e.family_name, givenName: e.given_name }),
    mrn: e.mrn,
    episodeType: e.type as EpisodeType,
    key: t.key,
    registry: t.registry,
    form: t.form,
    label: t.label,
    day: t.day,
    dueDate: t.dueDate,
    status: done ? 'submitted' : until < 0 ? 'overdue' : until === 0 ? 'due' : 'upcoming',
    ...completeness,
    lastSubmission: last ? toSubmission(last) : null,
  };
}

/** The centre's registry reports in the window, with completeness and the last submission; audited as a query. */
export async function listRegistryReports(
  db: Database,
  actor: CentreActor,
  today: string
): Promise<RegistryReportList> {
  const reports = await centreReports(db, actor, today);
  const submissions = await submissionsOf(db, actor.centreId);
  // One statement per source for every listed episode (ADR 0703), not about twelve per episode.
  const records = await loadEpisodeRecords(
    db,
    actor.centreId,
    reports.map((r) => r.episode.episode_id),
    today
  );
  const out: RegistryReportSummary[] = [];
  for (const { episode, t, done } of reports) {
    const record = records.get(episode.episode_id);
    if (!record) continue;
    const c = completenessOf(record, t);
    const last = submissions.find((s) => s.episode_id === episode.episode_id && s.report_key === t.key);
    out.push(summaryOf(episode, t, done, today, { required: c.required, missing: c.missing.length }, last));
  }
  out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.patient.localeCompare(b.patient));
  await appendAudit(db, actor, {
    action: 'query',
    entityType: 'registry-reports',
    after: { reports: out.length, patientIds: [...new Set(out.map((r) => r.patientId))] },
  });
  return { today, reports: out };
}

async function requireReport(db: Queryable, actor: CentreActor, episodeId: string, key: string, today: string) {
  const record = await loadEpisodeRecord(db, actor.centreId, episodeId, today);
  if (!record) throw notFound('episode');
  const dayZero = record.episode.actual_day_zero ?? record.episode.planned_day_zero;
  const t = timepointOf(record.episode.type, dayZero, key);
  if (!t) throw invalid('key', `${key} is not a registry report of this episode`);
  return { record, t };
}

/** One report: completeness with links, the content as it would be exported, and its submissions; audited as a read. */
export async function previewRegistryReport(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  key: string,
  today: string,
  base: string
): Promise<RegistryReportPreview> {
  const { record, t } = await requireReport(db, actor, episodeId, key, today);
  const c = completenessOf(record, t);
  const { format, content } = reportContent(record, t, base);
  const submissions = await submissionsOf(db, actor.centreId, episodeId, key);
  const e = {
    episode_id: episodeId,
    patient_id: record.patient.id,
    family_name: record.patient.family_name,
    given_name: record.patient.given_name,
    mrn: record.patient.mrn,
    type: record.episode.type,
  };
  await appendAudit(db, actor, {
    action: 'read',
    entityType: 'registry-report',
    entityId: `${episodeId}/${key}`,
    patientId: record.patient.id,
    after: { key, format, sha256: sha256(content) },
  });
  return {
    report: summaryOf(
      e,
      t,
      await followUpDone(db, actor.centreId, episodeId, key),
      today,
      { required: c.required, missing: c.missing.length },
      submissions[0]
    ),
    missingItems: c.missing,
    bundle: format === 'fhir-json' ? (JSON.parse(content) as Record<string, unknown>) : null,
    medA: format === 'csv' ? { columns: [...MED_A_COLUMNS], row: medARow(record, t) } : null,
    content: { format, sha256: sha256(content), bytes: Buffer.byteLength(content, 'utf8') },
    submissions: submissions.map(toSubmission),
  };
}

/**
 * Records a report as submitted: the exact content, its SHA-256, who and when, the required items that were
 * missing and the reason to submit anyway (refused without one), and marks the worklist item done — one
 * transaction with its audit event. @throws EngraftError unprocessable `overrideReason` when items are missing
 */
export async function submitRegistryReport(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  key: string,
  input: RegistrySubmit,
  today: string,
  base: string
): Promise<{ submission: RegistrySubmission; content: string }> {
  const body = RegistrySubmitSchema.parse(input);
  if (!actor.userId) throw invalid('overrideReason', 'a submission needs a signed-in user');
  const userId = actor.userId;
  return db.transaction(async (tx) => {
    const { record, t } = await requireReport(tx, actor, episodeId, key, today);
    const { missing } = completenessOf(record, t);
    if (missing.length && !body.overrideReason) {
      throw unprocessable(
        'overrideReason',
        `required items are missing (${missing.map((m) => m.label).join('; ')}): enter them, or give a reason to submit anyway`
      );
    }
    const { format, content } = reportContent(record, t, base);
    const hash = sha256(content);
    const saved = await insertSubmission(tx, {
      centreId: actor.centreId,
      episodeId,
      key,
      registry: t.registry,
      format,
      content,
      sha256: hash,
      missingItems: missing.map((m) => m.item),
      overrideReason: missing.length ? (body.overrideReason ?? null) : null,
      userId,
    });
    const followUp = await markFollowUpDone(tx, {
      centreId: actor.centreId,
      episodeId,
      key,
      completedOn: today,
      userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'registry-submission',
      entityId: saved.id,
      patientId: record.patient.id,
      after: {
        key,
        registry: t.registry,
        format,
        sha256: hash,
        missingItems: missing.map((m) => m.item),
        followUpMarkedDone: followUp !== undefined,
      },
      ...(missing.length && body.overrideReason ? { reason: body.overrideReason } : {}),
    });
    return { submission: toSubmission(saved), content };
  });
}

import type { Database } from '../db/database';
import { EngraftError, notFound } from '../errors';
import type { FhirType } from '../fhir/search/params';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/fhirExports';
import { type FhirActor, runSearch } from './fhir';

/** Resources per NDJSON file, and per database read while exporting. */
export const EXPORT_FILE_LINES = 10_000;
const PAGE = 1_000;

export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: string; url: string; count: number }[];
  error: never[];
}

export type ExportStatus =
  | { state: 'in-progress'; progress: string }
  | { state: 'complete'; manifest: ExportManifest }
  | { state: 'failed'; error: string };

/**
 * Bulk Data `$export` (HL7 FHIR Bulk Data Access IG 2.0.0, "Export" §kick-off, status, file request): the job
 * runs in this process after the kick-off, writing one NDJSON file per type (and per 10,000 resources) into the
 * database; the status poll reads the database. A job whose process stopped stays "in progress" until cancelled.
 */
export class ExportRunner {
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly today: () => string
  ) {}

  async kickOff(actor: FhirActor, requester: string, types: FhirType[], requestUrl: string): Promise<string> {
    const row = await this.db.transaction(async (tx) => {
      const e = await repo.insertExport(tx, { centreId: actor.centreId, requester, requestUrl, types });
      await appendAudit(tx, actor, { action: 'export', entityType: 'fhir-export', entityId: e.id, after: { types } });
      return e;
    });
    const job = this.run(actor.centreId, row.id, types)
      .catch(async (err: Error) => {
        if (!this.stopped) await repo.finishExport(this.db, row.id, 'failed', err.message).catch(() => undefined);
      })
      .finally(() => this.running.delete(job));
    this.running.add(job);
    return row.id;
  }

  private async run(centreId: string, id: string, types: FhirType[]): Promise<void> {
    for (const [i, type] of types.entries()) {
      let offset = 0;
      let part = 0;
      let lines: string[] = [];
      const flush = async () => {
        if (!lines.length) return true;
        part += 1;
        const ok = await repo.insertFile(this.db, {
          exportId: id,
          type,
          part,
          count: lines.length,
          ndjson: `${lines.join('\n')}\n`,
        });
        lines = [];
        return ok;
      };
      for (;;) {
        if (this.stopped) return;
        const filter = { limit: PAGE, offset };
        const r = await runSearch(this.db, centreId, type, { filter, includePatients: false }, this.today());
        lines.push(...r.matches.map((m) => JSON.stringify(m)));
        offset += PAGE;
        if (lines.length >= EXPORT_FILE_LINES && !(await flush())) return;
        if (offset >= r.total) break;
      }
      if (!(await flush())) return;
      if (!(await repo.setProgress(this.db, id, `${i + 1} of ${types.length} types (${type} done)`))) return;
    }
    await repo.finishExport(this.db, id, 'complete');
  }

  /** Stops the jobs of this process (server shutdown) and waits for them. */
  async close(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running]);
  }
}

async function ownExport(db: Database, actor: FhirActor, requester: string, id: string): Promise<repo.ExportRow> {
  const e = await repo.getExport(db, actor.centreId, id);
  // Another requester's export is not found (no hint that it exists).
  if (!e || e.requester !== requester) throw notFound(`export ${id}`);
  return e;
}

export async function exportStatus(
  db: Database,
  actor: FhirActor,
  requester: string,
  id: string,
  fileUrl: (type: string, part: number) => string
): Promise<ExportStatus> {
  const e = await ownExport(db, actor, requester, id);
  if (e.status === 'in-progress') return { state: 'in-progress', progress: e.progress ?? 'starting' };
  if (e.status === 'failed') return { state: 'failed', error: e.error ?? 'the export failed' };
  const files = await repo.filesOf(db, id);
  return {
    state: 'complete',
    manifest: {
      transactionTime: e.transaction_time,
      request: e.request_url,
      requiresAccessToken: true,
      output: files.map((f) => ({ type: f.type, url: fileUrl(f.type, f.part), count: Number(f.count) })),
      error: [],
    },
  };
}

/** One NDJSON file of a completed export, audited as a read of the data it holds. */
export async function exportFile(
  db: Database,
  actor: FhirActor,
  requester: string,
  id: string,
  type: string,
  part: number
): Promise<string> {
  const e = await ownExport(db, actor, requester, id);
  if (e.status !== 'complete') throw new EngraftError('conflict', 'the export is not complete yet');
  const body = await repo.fileContent(db, id, type, part);
  if (body === undefined) throw notFound(`file ${type} ${part} of export ${id}`);
  await appendAudit(db, actor, {
    action: 'read',
    entityType: `fhir:${type}`,
    entityId: id,
    after: { interaction: '$export-file', part },
  });
  return body;
}

/** Cancels an export (or deletes a finished one's files), per the IG's DELETE on the status URL. */
export async function cancelExport(db: Database, actor: FhirActor, requester: string, id: string): Promise<void> {
  await ownExport(db, actor, requester, id);
  await db.transaction(async (tx) => {
    await repo.deleteExport(tx, id);
    await appendAudit(tx, actor, { action: 'cancel', entityType: 'fhir-export', entityId: id });
  });
}

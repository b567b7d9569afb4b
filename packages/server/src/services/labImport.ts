import type { LabImport, LabImportReport } from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as labImportsRepo from '../repo/labImports';
import * as monitoringRepo from '../repo/monitoring';
import { parseLabFile } from './labFileParse';
import type { LabRowTable } from './labRowTable';
import { auditWithConfirmations, requirePatient, toInsert } from './monitoring';
import type { CentreActor } from './patients';
import { eventLoopTurn, type NextTurn } from './requestTurns';

/**
 * A staging import whose last chunk is older than this is abandoned (its server stopped mid-import) and may be
 * removed by another PostgreSQL instance. A chunk takes well under a second; two minutes leaves a wide margin.
 */
export const STALE_IMPORT_SECONDS = 120;

type Who = { centreId: string; patientId: string; userId: string | null };

/**
 * How an import shares the server: `nextTurn` between chunks (default: one event-loop turn; on the server it waits,
 * bounded, while other requests are in flight) and the rows per chunk transaction (default IMPORT_BATCH_ROWS).
 */
export interface ImportPacing {
  nextTurn?: NextTurn;
  chunkRows?: number;
}

/** Every refusal that depends on the patient: rows for another MRN, results dated before birth. */
function patientErrors(
  rows: LabRowTable,
  patient: { mrn: string; dateOfBirth: string },
  format: LabImport['format']
): LabImportReport['errors'] {
  const errors: LabImportReport['errors'] = [];
  for (let i = 0; i < rows.length; i++) {
    const mrn = rows.mrn(i);
    if (mrn && mrn.toLowerCase() !== patient.mrn.toLowerCase()) {
      errors.push({ line: rows.line(i), path: 'mrn', message: `this row is for MRN ${mrn}, not for ${patient.mrn}` });
    }
    const date = rows.date(i);
    if (date < patient.dateOfBirth) {
      errors.push({
        line: rows.line(i),
        path: format === 'csv' ? 'date' : 'resource.observedOn',
        message: `${date} is before the patient's date of birth (${patient.dateOfBirth})`,
      });
    }
  }
  return errors;
}

/** Opens the patient's one staging import; an abandoned one (STALE_IMPORT_SECONDS) is removed first. */
async function openImport(db: Database, who: Who, format: LabImport['format'], rows: number): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = await db.transaction((tx) => labImportsRepo.openLabImport(tx, who, format, rows));
    if (id) return id;
    const other = await labImportsRepo.stagingImportOf(db, who.patientId);
    if (!other || other.heartbeat_age_seconds < STALE_IMPORT_SECONDS) break;
    await db.transaction((tx) => labImportsRepo.discardLabImport(tx, other.id));
  }
  throw conflict(
    'another lab import for this patient is being written; send this file again when it has finished',
    'content'
  );
}

/**
 * Writes the rows IMPORT_BATCH_ROWS at a time, each chunk in its own short transaction, marked with the import's
 * id (invisible to reads until published), giving other requests a turn between chunks (nextTurn: on the server it
 * waits, bounded, while other requests are in flight). Duplicates of stored
 * results (or of earlier rows of the file) are skipped and reported by line, in file order.
 */
async function writeChunks(
  db: Database,
  who: Who,
  importId: string,
  rows: LabRowTable,
  format: LabImport['format'],
  { nextTurn = eventLoopTurn, chunkRows = monitoringRepo.IMPORT_BATCH_ROWS }: ImportPacing
) {
  let inserted = 0;
  const skipped: number[] = [];
  // Embedded database: the chunk's foreign keys are checked once per chunk, not per row (ADR 0014, issue 14).
  const embedded = db.kind === 'pglite';
  for (let start = 0; start < rows.length; start += chunkRows) {
    if (start > 0) await nextTurn();
    // The chunk's rows as objects, built now from the compact table, so they die young (issue 14).
    const chunk = rows.slice(start, start + chunkRows);
    const observations = chunk.filter((r) => r.kind === 'observation');
    const transfusions = chunk.filter((r) => r.kind === 'transfusion');
    const [savedObs, savedTx] = await db.transaction(async (tx) => {
      const write = async () => {
        const o = await monitoringRepo.insertObservations(
          tx,
          who,
          observations.map((r) => toInsert(r.observation, format)),
          importId
        );
        const t = await monitoringRepo.insertTransfusions(
          tx,
          who,
          transfusions.map((r) => r.transfusion),
          importId
        );
        return [o, t] as const;
      };
      if (!embedded) {
        const saved = await write();
        await labImportsRepo.touchLabImport(tx, importId);
        return saved;
      }
      // One statement: heartbeat, the references checked and locked, triggers off until the chunk commits.
      if (!(await labImportsRepo.startImportChunk(tx, importId, who))) {
        throw conflict('the import was abandoned before it was published; send the file again', 'content');
      }
      return write();
    });
    observations.forEach((r, i) => (savedObs[i] ? inserted++ : skipped.push(r.line)));
    transfusions.forEach((r, i) => (savedTx[i] ? inserted++ : skipped.push(r.line)));
  }
  const duplicates = skipped.sort((a, b) => a - b).map((line) => ({ line, message: 'already recorded: skipped' }));
  return { inserted, duplicates };
}

/**
 * Imports a lab file for one patient, all or nothing (ADR 0014): any invalid row (or a row for another patient)
 * refuses the whole file with a report of every problem; otherwise the rows are written in short transactions,
 * invisible to reads, and published with the audit event in one final short transaction. Until then nothing of
 * the file is seen; if writing fails the written rows are removed (or, if the server stops, when it starts again).
 * Exact duplicates of recorded results are skipped and listed.
 */
export async function importLabs(
  db: Database,
  actor: CentreActor,
  patientId: string,
  file: LabImport,
  pacing: ImportPacing = {}
): Promise<LabImportReport> {
  const { rows, errors } = await parseLabFile(file);
  const patient = await requirePatient(db, actor, patientId);
  errors.push(...patientErrors(rows, patient, file.format));
  if (!rows.length && !errors.length) errors.push({ line: 0, path: 'content', message: 'the file has no results' });
  if (errors.length) return { accepted: false, inserted: 0, duplicates: [], errors };
  // Values outside their usual range: the whole file waits for a reason per flagged line (422 confirmation-required).
  const confirmed = requireConfirmations(rows.findings(), file.confirmations);
  const who: Who = { centreId: actor.centreId, patientId, userId: actor.userId };
  const importId = await openImport(db, who, file.format, rows.length);
  try {
    const { inserted, duplicates } = await writeChunks(db, who, importId, rows, file.format, pacing);
    await db.transaction(async (tx) => {
      if (!(await labImportsRepo.publishLabImport(tx, importId))) {
        throw conflict('the import was abandoned before it was published; send the file again', 'content');
      }
      await appendAudit(tx, actor, {
        action: 'import',
        entityType: 'observation',
        entityId: importId,
        patientId,
        ...auditWithConfirmations(
          { format: file.format, rows: rows.length, inserted, duplicates: duplicates.length },
          confirmed
        ),
      });
    });
    return { accepted: true, inserted, duplicates, errors: [] };
  } catch (err) {
    // Remove what was written; if that fails too, recoverLabImports removes it when the server starts again.
    await db.transaction((tx) => labImportsRepo.discardLabImport(tx, importId)).catch(() => undefined);
    throw err;
  }
}

/**
 * Removes imports that were being written when their server stopped (ADR 0014): on the embedded database every
 * staging import (one process holds it, and it is starting), on PostgreSQL those idle for STALE_IMPORT_SECONDS
 * (another instance may be writing the others). Their rows were never visible. Returns how many were removed.
 */
export async function recoverLabImports(db: Database): Promise<number> {
  const ids = await labImportsRepo.abandonedLabImports(db, db.kind === 'pglite' ? 0 : STALE_IMPORT_SECONDS);
  for (const id of ids) await db.transaction((tx) => labImportsRepo.discardLabImport(tx, id));
  return ids.length;
}

import {
  ObservationCreateSchema,
  observationFinding,
  type Deletion,
  type Observation,
  type ObservationCorrection,
  type TransfusionCorrection,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict, invalid, notFound, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as monitoringRepo from '../repo/monitoring';
import * as patientsRepo from '../repo/patients';
import { requireNotBeforeBirth, toInsert } from './monitoring';
import type { CentreActor } from './patients';

// Corrections and deletions of recorded lab results and transfusions (ADR 0600): the row is changed in place or
// removed, and one audit event in the same transaction keeps the full before (and after) with the required
// reason. Derived values (engraftment, graft failure, chimerism trend, worklist) are computed on read (ADR 0006),
// so they follow at once.

async function requireNotBeforeBirthOf(
  tx: Queryable,
  actor: CentreActor,
  patientId: string,
  date: string,
  field: string
): Promise<void> {
  const patient = await patientsRepo.getPatient(tx, actor.centreId, patientId);
  if (patient) requireNotBeforeBirth(date, patient.dateOfBirth, field);
}

export const correctObservation = (db: Database, actor: CentreActor, id: string, c: ObservationCorrection) =>
  correctWithReason(db, actor, id, OBSERVATIONS, async (tx, before) => {
    // The analyte stays; the corrected value is checked as a new entry of that analyte would be (unit, range, lineage).
    const o = ObservationCreateSchema.parse({
      analyte: before.analyte,
      observedOn: c.observedOn,
      value: c.value,
      unit: c.unit,
      lineage: c.lineage ?? (before.analyte === 'chimerism' ? before.lineage : null),
    });
    const finding = observationFinding(o);
    const confirmed = requireConfirmations(finding ? [finding] : [], c.confirmations);
    await requireNotBeforeBirthOf(tx, actor, before.patientId, c.observedOn, 'observedOn');
    const row = toInsert(o, before.source);
    const same =
      row.observedOn === before.observedOn &&
      row.value === before.value &&
      row.reportedValue === before.reportedValue &&
      row.reportedUnit === before.reportedUnit &&
      row.lineage === before.lineage;
    if (same) throw invalid('value', 'nothing to correct: the date, value, unit and lineage are as recorded');
    if (
      await monitoringRepo.sameObservationExists(tx, {
        id,
        patientId: before.patientId,
        analyte: row.analyte,
        lineage: row.lineage,
        observedOn: row.observedOn,
        value: row.value,
      })
    ) {
      throw conflict(
        `this ${row.analyte} result of ${row.observedOn} is already recorded: delete this one instead`,
        'value'
      );
    }
    const after = await monitoringRepo.updateObservation(tx, actor.centreId, id, row, actor.userId);
    const confirmedNote = confirmed.length
      ? `; confirmed: ${confirmed.map((x) => `${x.field}: ${x.reason}`).join('; ')}`
      : '';
    return {
      after,
      audited: confirmed.length ? { ...after, confirmations: confirmed } : after,
      reason: `${c.reason}${confirmedNote}`,
    };
  });

export const deleteObservation = (db: Database, actor: CentreActor, id: string, d: Deletion): Promise<void> =>
  deleteWithReason(db, actor, id, d, { ...OBSERVATIONS, remove: monitoringRepo.deleteObservation });

export const correctTransfusion = (db: Database, actor: CentreActor, id: string, c: TransfusionCorrection) =>
  correctWithReason(db, actor, id, TRANSFUSIONS, async (tx, before) => {
    await requireNotBeforeBirthOf(tx, actor, before.patientId, c.givenOn, 'givenOn');
    if (before.product === c.product && before.givenOn === c.givenOn) {
      throw invalid('givenOn', 'nothing to correct: product and date are as recorded');
    }
    if (
      await monitoringRepo.sameTransfusionExists(tx, {
        id,
        patientId: before.patientId,
        product: c.product,
        givenOn: c.givenOn,
      })
    ) {
      throw conflict(
        `a ${c.product} transfusion on ${c.givenOn} is already recorded: delete this one instead`,
        'givenOn'
      );
    }
    const after = await monitoringRepo.updateTransfusion(
      tx,
      actor.centreId,
      id,
      { product: c.product, givenOn: c.givenOn },
      actor.userId
    );
    return { after, audited: after, reason: c.reason };
  });

export const deleteTransfusion = (db: Database, actor: CentreActor, id: string, d: Deletion): Promise<void> =>
  deleteWithReason(db, actor, id, d, { ...TRANSFUSIONS, remove: monitoringRepo.deleteTransfusion });

/** A kind of recorded row: its name in messages, its audit entity type and how to lock one of the centre's. */
interface RowKind<T extends { patientId: string }> {
  what: string;
  entityType: 'observation' | 'transfusion';
  lock: (tx: Queryable, centreId: string, id: string) => Promise<T | null>;
}

const OBSERVATIONS: RowKind<Observation> = {
  what: 'lab result',
  entityType: 'observation',
  lock: monitoringRepo.getObservationForUpdate,
};
const TRANSFUSIONS: RowKind<monitoringRepo.TransfusionRecord> = {
  what: 'transfusion',
  entityType: 'transfusion',
  lock: monitoringRepo.getTransfusionForUpdate,
};

/**
 * Locks a row of the centre, lets `correct` check and change it, and audits the correction with the full before,
 * what `correct` says to keep as after, and the reason, in one transaction; the corrected row.
 */
async function correctWithReason<T extends { patientId: string }, A>(
  db: Database,
  actor: CentreActor,
  id: string,
  row: RowKind<T>,
  correct: (tx: Queryable, before: T) => Promise<{ after: A; audited: object; reason: string }>
): Promise<A> {
  return db.transaction(async (tx) => {
    const before = await row.lock(tx, actor.centreId, id);
    if (!before) throw notFound(row.what);
    const { after, audited, reason } = await correct(tx, before);
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: row.entityType,
      entityId: id,
      patientId: before.patientId,
      before,
      after: audited,
      reason,
    });
    return after;
  });
}

/** Removes a locked row of the centre and audits it, with its full before and the reason, in one transaction. */
async function deleteWithReason(
  db: Database,
  actor: CentreActor,
  id: string,
  d: Deletion,
  row: RowKind<{ patientId: string }> & { remove: (tx: Queryable, centreId: string, id: string) => Promise<void> }
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await row.lock(tx, actor.centreId, id);
    if (!before) throw notFound(row.what);
    await row.remove(tx, actor.centreId, id);
    await appendAudit(tx, actor, {
      action: 'delete',
      entityType: row.entityType,
      entityId: id,
      patientId: before.patientId,
      before,
      reason: d.reason,
    });
  });
}

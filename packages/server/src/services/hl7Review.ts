import {
  HL7_APPLICABLE_KINDS,
  type Hl7ReviewQuery,
  type Hl7ReviewResolution,
  ObservationCreateSchema,
  observationFinding,
  PatientCreateSchema,
  RESULT_WRITERS,
  type Role,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound } from '../errors';
import { nestedDatabase } from '../db/nestedDatabase';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/hl7Inbound';
import * as reviewRepo from '../repo/hl7Review';
import * as monitoringRepo from '../repo/monitoring';
import * as patientsRepo from '../repo/patients';
import { auditWithConfirmations, toInsert } from './monitoring';
import { type CentreActor, createPatient } from './patients';

/** The open (or resolved) items of the centre's HL7 review queue, oldest first. The read is audited. */
export async function listHl7Review(db: Database, actor: CentreActor, q: Hl7ReviewQuery) {
  return db.transaction(async (tx) => {
    const page = await reviewRepo.listReview(tx, actor.centreId, q);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'hl7-review',
      after: { status: q.status, shown: page.items.length },
    });
    return page;
  });
}

export async function getHl7ReviewItem(db: Database, actor: CentreActor, id: string) {
  return db.transaction(async (tx) => {
    const item = await reviewRepo.getReview(tx, actor.centreId, id);
    if (!item) throw notFound('review item');
    await appendAudit(tx, actor, { action: 'read', entityType: 'hl7-review', entityId: id, patientId: item.patientId });
    return item;
  });
}

type Item = reviewRepo.ReviewItemRecord;
type StoredResult = { key: string | null; status: string; observation: unknown };

/**
 * Applies or discards a review item, with the reviewer's reason, in one transaction with its audit events.
 * Applying writes what the message proposed through the same rules as any entry: results are validated again
 * (range, unit, date not before birth), a value outside the usual range is recorded with the reason as its
 * confirmation, demographics through the patient schema. Items Engraft cannot apply (merges, unknown analytes)
 * are only discarded, once handled by hand.
 */
export async function resolveHl7ReviewItem(
  db: Database,
  actor: CentreActor & { roles: readonly Role[] },
  id: string,
  r: Hl7ReviewResolution
) {
  await db.transaction(async (tx) => {
    const item = await reviewRepo.getReviewForUpdate(tx, actor.centreId, id);
    if (!item) throw notFound('review item');
    if (item.status !== 'open') {
      throw conflict(`this item was already ${item.status} by ${item.resolvedBy ?? 'someone'}`, 'action');
    }
    if (r.action === 'apply') {
      if (!HL7_APPLICABLE_KINDS.includes(item.kind)) {
        throw conflict(
          'Engraft cannot apply this item: make the change by hand, then discard it with a reason',
          'action'
        );
      }
      await apply(tx, db.kind, actor, item, r.reason);
    }
    await reviewRepo.resolveReview(tx, actor.centreId, id, {
      status: r.action === 'apply' ? 'applied' : 'discarded',
      userId: actor.userId,
      reason: r.reason,
    });
    await appendAudit(tx, actor, {
      action: r.action === 'apply' ? 'apply' : 'discard',
      entityType: 'hl7-review',
      entityId: id,
      patientId: item.patientId,
      before: { status: 'open', kind: item.kind },
      after: { status: r.action === 'apply' ? 'applied' : 'discarded' },
      reason: r.reason,
    });
  });
  return getHl7ReviewItem(db, actor, id);
}

async function apply(
  tx: Queryable,
  kind: Database['kind'],
  actor: CentreActor & { roles: readonly Role[] },
  item: Item,
  reason: string
) {
  const p = item.proposal;
  if (item.kind === 'demographics-conflict') {
    const proposed = PatientCreateSchema.pick({
      familyName: true,
      givenName: true,
      dateOfBirth: true,
      sex: true,
    }).parse(p.proposed);
    if (!item.patientId) throw notFound('patient');
    await repo.updateDemographics(tx, actor.centreId, item.patientId, proposed);
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'patient',
      entityId: item.patientId,
      patientId: item.patientId,
      before: p.current,
      after: proposed,
      reason,
    });
    return;
  }
  if (item.kind === 'possible-duplicate') {
    const d = p.demographics as Record<string, unknown>;
    await createPatient(nestedDatabase(tx, kind), actor, {
      ...(d as { mrn: string; familyName: string; givenName: string; dateOfBirth: string; sex: 'unknown' }),
      aboRh: 'unknown',
      confirmations: [{ field: 'familyName', reason }],
    });
    return;
  }
  if (!actor.roles.some((role) => RESULT_WRITERS.includes(role))) {
    throw new EngraftError(
      'forbidden',
      'applying lab results needs a role that records results (data manager, lab, nurse, physician)'
    );
  }
  const patientId =
    item.kind === 'unknown-patient'
      ? item.mrn && (await repo.patientByMrn(tx, actor.centreId, item.mrn))?.id
      : item.patientId;
  const patient = patientId ? await patientsRepo.getPatient(tx, actor.centreId, patientId) : undefined;
  if (!patient) {
    throw conflict(
      `MRN ${item.mrn ?? '(none)'} is not registered in this centre: register the patient first, then apply`,
      'action'
    );
  }
  const dateOfBirth = patient.dateOfBirth;
  const results = (item.kind === 'unknown-patient' ? (p.results as StoredResult[]) : [p.result as StoredResult]) ?? [];
  let inserted = 0;
  const confirmed: { field: string; reason: string }[] = [];
  for (const [i, res] of results.entries()) {
    const o = ObservationCreateSchema.parse(res.observation);
    if (o.observedOn < dateOfBirth) {
      throw invalid(
        `results.${i}.observedOn`,
        `${o.observedOn} is before the patient's date of birth (${dateOfBirth})`
      );
    }
    const finding = observationFinding(o, `results.${i}.value`);
    if (finding) confirmed.push({ field: finding.field, reason });
    const saved = await monitoringRepo.insertObservation(
      tx,
      { centreId: actor.centreId, patientId: patient.id, userId: actor.userId },
      toInsert(o, 'hl7')
    );
    if (!saved) continue;
    inserted++;
    if (res.key) {
      await repo.upsertResultKey(tx, actor.centreId, {
        resultKey: res.key,
        observationId: saved.id,
        status: res.status,
        messageId: item.message.id,
      });
    }
  }
  await appendAudit(tx, actor, {
    action: 'import',
    entityType: 'observation',
    patientId: patient.id,
    ...auditWithConfirmations({ format: 'hl7', reviewItem: item.id, rows: results.length, inserted }, confirmed),
  });
}

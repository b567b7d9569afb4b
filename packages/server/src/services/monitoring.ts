import { ageInYears, agvhdRule, cgvhdRule, crsRule, icansRule, iceRule } from '@engraft/clinical';
import {
  ANALYTES,
  type AgvhdAssessment,
  type AssessmentKind,
  type CgvhdAssessment,
  type ClinicalEventCreate,
  type CrsIcansAssessment,
  graftSourceOfProducts,
  normaliseValue,
  type ObservationCreate,
  observationFinding,
  type TransfusionCreate,
} from '@engraft/domain';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as monitoringRepo from '../repo/monitoring';
import * as patientsRepo from '../repo/patients';
import { listEpisodeProducts } from '../repo/products';
import { summariseMonitoring } from './monitoringSummary';
import type { CentreActor } from './patients';
import { monitoringSettingsOf } from './settings';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

const ids = (actor: CentreActor, patientId: string) => ({ centreId: actor.centreId, patientId, userId: actor.userId });

export const toInsert = (
  o: ObservationCreate,
  source: monitoringRepo.ObservationInsert['source']
): monitoringRepo.ObservationInsert => ({
  analyte: o.analyte,
  lineage: o.lineage ?? null,
  observedOn: o.observedOn,
  value: normaliseValue(o),
  // Stored in the analyte's canonical unit.
  unit: ANALYTES[o.analyte].unit,
  reportedValue: o.value,
  reportedUnit: o.unit,
  source,
});

export async function requirePatient(tx: Queryable, actor: CentreActor, patientId: string) {
  const p = await patientsRepo.getPatient(tx, actor.centreId, patientId);
  if (!p) throw notFound('patient');
  return p;
}

/** A result or transfusion cannot be dated before the patient was born (the schema refuses future dates). */
export function requireNotBeforeBirth(date: string, dateOfBirth: string, field: string): void {
  if (date < dateOfBirth) throw invalid(field, `${date} is before the patient's date of birth (${dateOfBirth})`);
}

export async function addObservation(db: Database, actor: CentreActor, patientId: string, o: ObservationCreate) {
  const finding = observationFinding(o);
  const confirmed = requireConfirmations(finding ? [finding] : [], o.confirmations);
  return db.transaction(async (tx) => {
    const patient = await requirePatient(tx, actor, patientId);
    requireNotBeforeBirth(o.observedOn, patient.dateOfBirth, 'observedOn');
    const saved = await monitoringRepo.insertObservation(tx, ids(actor, patientId), toInsert(o, 'manual'));
    if (!saved) throw conflict(`this ${o.analyte} result of ${o.observedOn} is already recorded`, 'value');
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'observation',
      entityId: saved.id,
      patientId,
      ...auditWithConfirmations(saved, confirmed),
    });
    return saved;
  });
}

export async function addTransfusion(db: Database, actor: CentreActor, patientId: string, t: TransfusionCreate) {
  return db.transaction(async (tx) => {
    const patient = await requirePatient(tx, actor, patientId);
    requireNotBeforeBirth(t.givenOn, patient.dateOfBirth, 'givenOn');
    const saved = await monitoringRepo.insertTransfusion(tx, ids(actor, patientId), t);
    if (!saved) throw conflict(`a ${t.product} transfusion on ${t.givenOn} is already recorded`, 'givenOn');
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'transfusion',
      entityId: saved.id,
      patientId,
      after: t,
    });
    return { id: saved.id, ...t };
  });
}

/**
 * The audit `after` and `reason` of a write whose implausible values were confirmed: the confirmations (field and
 * reason) are kept in `after.confirmations` and summarised in `reason`, so who confirmed what, and why, is recorded.
 */
export function auditWithConfirmations(
  after: object,
  confirmed: readonly { field: string; reason: string }[]
): { after: object; reason?: string } {
  if (!confirmed.length) return { after };
  return {
    after: { ...after, confirmations: [...confirmed] },
    reason: `confirmed: ${confirmed.map((c) => `${c.field}: ${c.reason}`).join('; ')}`,
  };
}

/** Grades the day's CRS and ICANS (ASTCT 2019) from the raw findings and stores inputs with the grades. */
export async function recordCrsIcans(db: Database, actor: CentreActor, episodeId: string, a: CrsIcansAssessment) {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    if (episode.type !== 'car-t' && episode.type !== 'other-cell-therapy') {
      throw new EngraftError(
        'invalid',
        'CRS and ICANS are graded for cellular therapy episodes (CAR-T or other cell therapy)',
        [{ path: 'episodeId', message: 'not a cell-therapy episode' }]
      );
    }
    const ice = a.ice ? iceRule.compute(a.ice) : null;
    const crs = crsRule.compute(a.crs);
    const icans = icansRule.compute({
      ageYears: ageInYears(patient.dateOfBirth, a.assessedOn),
      ice: ice?.score ?? null,
      capd: a.capd,
      consciousness: a.consciousness,
      seizure: a.seizure,
      motor: a.motor,
      cerebralEdema: a.cerebralEdema,
    });
    const ruleIds = [crs.ruleId, icans.ruleId, ...(ice ? [ice.ruleId] : [])];
    const id = await storeAssessment(tx, actor, { episodeId, patientId: patient.id }, 'crs-icans', a, {
      result: { crs, ice, icans },
      ruleIds,
    });
    return { id, assessedOn: a.assessedOn, crs, ice, icans };
  });
}

/** Stages and grades acute GVHD (MAGIC 2016) from the organ findings and stores inputs with the result. */
export async function recordAgvhd(db: Database, actor: CentreActor, episodeId: string, a: AgvhdAssessment) {
  return recordGvhd(db, actor, episodeId, 'agvhd', a, agvhdRule.compute(a.organs));
}

/** Scores chronic GVHD global severity (NIH 2014) from the eight organ scores and stores inputs with the result. */
export async function recordCgvhd(db: Database, actor: CentreActor, episodeId: string, a: CgvhdAssessment) {
  return recordGvhd(db, actor, episodeId, 'cgvhd', a, cgvhdRule.compute(a.organs));
}

async function recordGvhd<R extends { ruleId: string }>(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  kind: 'agvhd' | 'cgvhd',
  a: { assessedOn: string },
  result: R
) {
  return db.transaction(async (tx) => {
    const { patient } = await requireEpisode(tx, actor, episodeId);
    const id = await storeAssessment(tx, actor, { episodeId, patientId: patient.id }, kind, a, {
      result,
      ruleIds: [result.ruleId],
    });
    return { id, assessedOn: a.assessedOn, ...result };
  });
}

/** Stores the day's assessment (replacing that day's, if any) with the rules that graded it, audited; its id. */
async function storeAssessment(
  tx: Queryable,
  actor: CentreActor,
  where: { episodeId: string; patientId: string },
  kind: AssessmentKind,
  inputs: { assessedOn: string },
  graded: { result: object; ruleIds: string[] }
): Promise<string> {
  const { row, previous } = await monitoringRepo.upsertAssessment(tx, {
    centreId: actor.centreId,
    episodeId: where.episodeId,
    kind,
    assessedOn: inputs.assessedOn,
    inputs,
    result: graded.result,
    ruleIds: graded.ruleIds,
    userId: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: previous ? 'update' : 'create',
    entityType: 'assessment',
    entityId: row.id,
    patientId: where.patientId,
    before: previous ? { inputs: previous.inputs, result: previous.result } : null,
    after: { inputs, result: graded.result },
  });
  return row.id;
}

/** Records a follow-up event (relapse, death, last contact, ...). A death closes nothing by itself: the team does. */
export async function recordClinicalEvent(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  e: ClinicalEventCreate,
  today: string
) {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    if (e.occurredOn > today) {
      throw new EngraftError('invalid', 'an event cannot be in the future', [
        { path: 'occurredOn', message: 'after today' },
      ]);
    }
    if (e.occurredOn < patient.dateOfBirth) {
      throw new EngraftError('invalid', 'the event is before the date of birth', [
        { path: 'occurredOn', message: 'before birth' },
      ]);
    }
    const { kind, occurredOn, ...details } = e;
    const saved = await monitoringRepo.insertClinicalEvent(tx, {
      centreId: actor.centreId,
      episodeId: episode.id,
      kind,
      occurredOn,
      details,
      userId: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'clinical-event',
      entityId: saved.id,
      patientId: patient.id,
      after: saved,
    });
    return saved;
  });
}

/** Everything the team watches for one episode, derived from what is recorded. Audited as a read. */
export async function getMonitoring(db: Database, actor: CentreActor, episodeId: string, today: string) {
  return db.transaction(async (tx) => {
    const { episode, patient } = await requireEpisode(tx, actor, episodeId);
    const observations = await monitoringRepo.observationsOf(tx, actor.centreId, patient.id);
    const transfusions = await monitoringRepo.transfusionsOf(tx, actor.centreId, patient.id);
    const assessments = await monitoringRepo.assessmentsOf(tx, actor.centreId, episodeId);
    const events = await monitoringRepo.clinicalEventsOf(tx, actor.centreId, episodeId);
    const settings = await monitoringSettingsOf(tx, actor.centreId);
    const graftSource = graftSourceOfProducts(await listEpisodeProducts(tx, actor.centreId, episodeId));
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'episode-monitoring',
      entityId: episodeId,
      patientId: patient.id,
    });
    return {
      episodeId,
      patientId: patient.id,
      ...summariseMonitoring({ episode, observations, transfusions, assessments, today, settings, graftSource }),
      events,
    };
  });
}

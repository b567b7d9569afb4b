import {
  type DiagnosisCreate,
  type Episode,
  type EpisodeCreate,
  EpisodeCreateSchema,
  type EpisodeEventCreate,
  type EpisodePhaseChange,
  EPISODE_PHASES,
  EPISODE_TYPES,
  DISEASES,
  type PatientCreate,
  PatientCreateSchema,
  patientFindings,
  type PatientSearchQuery,
} from '@engraft/domain';
import type { Actor } from '../repo/auditLog';
import { appendAudit } from '../repo/auditLog';
import type { Database } from '../db/database';
import { conflict, EngraftError, invalid, notFound, requireConfirmations } from '../errors';
import * as episodesRepo from '../repo/episodes';
import * as patientsRepo from '../repo/patients';
import { type PatientRecord, readPatientRecordAudited } from '../repo/patientRecord';

/** Actor acting within a centre (every clinical call is centre-scoped). */
export type CentreActor = Actor & { centreId: string };

export async function createPatient(db: Database, actor: CentreActor, input: PatientCreate, opts: { synthetic?: boolean } = {}) {
  const p = PatientCreateSchema.parse(input);
  // A weight or height outside the usual range needs a reason, kept in the audit event (issue 13).
  const confirmed = requireConfirmations(patientFindings(p), p.confirmations);
  return db.transaction(async (tx) => {
    if (await patientsRepo.mrnExists(tx, actor.centreId, p.mrn)) {
      throw conflict(`a patient with MRN ${p.mrn} already exists in this centre`, 'mrn');
    }
    const patient = await patientsRepo.insertPatient(tx, actor.centreId, p, opts.synthetic);
    await appendAudit(tx, actor, {
      action: 'create', entityType: 'patient', entityId: patient.id, patientId: patient.id,
      after: confirmed.length ? { ...patient, confirmations: confirmed } : patient,
      reason: confirmed.length ? `confirmed: ${confirmed.map((c) => `${c.field}: ${c.reason}`).join('; ')}` : null,
    });
    return patient;
  });
}

/** Who looked for whom is part of the record of access (the terms stay in the database, never in logs). */
export async function searchPatients(db: Database, actor: CentreActor, q: PatientSearchQuery) {
  return patientsRepo.searchPatientsAudited(db, actor, { text: q.q, limit: q.limit, offset: q.offset });
}

/** The whole record a clinician opens: patient, diagnoses, episodes and timeline events. Audited as a read. */
export async function getPatientRecord(db: Database, actor: CentreActor, patientId: string): Promise<PatientRecord> {
  const record = await readPatientRecordAudited(db, actor, patientId);
  if (!record) throw notFound('patient');
  return record;
}

export async function addDiagnosis(db: Database, actor: CentreActor, patientId: string, d: DiagnosisCreate) {
  return db.transaction(async (tx) => {
    const patient = await patientsRepo.getPatient(tx, actor.centreId, patientId);
    if (!patient) throw notFound('patient');
    if (d.diagnosisDate < patient.dateOfBirth) throw invalid('diagnosisDate', 'diagnosis date is before the date of birth');
    const diagnosis = await patientsRepo.insertDiagnosis(tx, actor.centreId, patientId, d);
    await appendAudit(tx, actor, { action: 'create', entityType: 'diagnosis', entityId: diagnosis.id, patientId, after: diagnosis });
    return diagnosis;
  });
}

export async function createEpisode(db: Database, actor: CentreActor, patientId: string, input: EpisodeCreate, today: string) {
  const e = EpisodeCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const patient = await patientsRepo.getPatient(tx, actor.centreId, patientId);
    if (!patient) throw notFound('patient');
    const diagnoses = await patientsRepo.diagnosesOf(tx, patientId);
    const dx = diagnoses.find((d) => d.id === e.diagnosisId);
    if (!dx) throw invalid('diagnosisId', 'the indication must be one of this patient’s diagnoses');
    if (e.plannedDayZero < dx.diagnosisDate) throw invalid('plannedDayZero', 'planned day 0 is before the diagnosis date');
    const episode = await episodesRepo.insertEpisode(tx, actor.centreId, patientId, e);
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: episode.id,
      date: today < e.plannedDayZero ? today : e.plannedDayZero,
      kind: 'phase',
      label: `Episode opened: ${EPISODE_TYPES[e.type]} for ${DISEASES[dx.disease].label} (referral)`,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, { action: 'create', entityType: 'episode', entityId: episode.id, patientId, after: episode });
    return episode;
  });
}

const PHASE_ORDER = Object.keys(EPISODE_PHASES) as (keyof typeof EPISODE_PHASES)[];

/** Phases move forward; going back needs a reason; a closed episode stays closed. */
export async function changeEpisodePhase(db: Database, actor: CentreActor, episodeId: string, change: EpisodePhaseChange): Promise<Episode> {
  return db.transaction(async (tx) => {
    const before = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!before) throw notFound('episode');
    const from = PHASE_ORDER.indexOf(before.phase);
    const to = PHASE_ORDER.indexOf(change.phase);
    if (before.phase === 'closed') throw new EngraftError('conflict', 'the episode is closed; open a new episode instead');
    if (to === from) throw invalid('phase', `the episode is already in ${EPISODE_PHASES[change.phase]}`);
    if (to < from && !change.reason) throw invalid('reason', 'moving an episode back to an earlier phase needs a reason');
    // Until infusions are recorded one by one (care-journey issue), entering the infusion phase marks day 0.
    const after = await episodesRepo.updateEpisodePhase(tx, episodeId, change.phase, change.phase === 'infusion' ? change.date : null);
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId,
      date: change.date,
      kind: 'phase',
      label: `Phase: ${EPISODE_PHASES[change.phase]}`,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'episode',
      entityId: episodeId,
      patientId: before.patientId,
      before,
      after,
      reason: change.reason ?? null,
    });
    return after;
  });
}

export async function addEpisodeEvent(db: Database, actor: CentreActor, episodeId: string, ev: EpisodeEventCreate) {
  return db.transaction(async (tx) => {
    const episode = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!episode) throw notFound('episode');
    const event = await episodesRepo.insertEpisodeEvent(tx, actor.centreId, { episodeId, ...ev, recordedBy: actor.userId });
    await appendAudit(tx, actor, { action: 'create', entityType: 'episode-event', entityId: event.id, patientId: episode.patientId, after: event });
    return event;
  });
}

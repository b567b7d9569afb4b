import {
  type DiagnosisCreate,
  type Episode,
  type EpisodeCreate,
  EpisodeCreateSchema,
  type EpisodeEventCreate,
  type EpisodePhaseChange,
  EpisodePhaseChangeSchema,
  type EpisodeReopen,
  EpisodeReopenSchema,
  EPISODE_PHASES,
  EVENT_DATE_SKEW_DAYS,
  type PhaseMove,
  phaseMove,
  EPISODE_TYPES,
  DISEASES,
  type PatientCreate,
  PatientCreateSchema,
  looksLikeSamePerson,
  patientFindings,
  type PatientSearchQuery,
  formatPatientName,
} from '@engraft/domain';
import { dateOfDay } from '@engraft/clinical';
import type { Actor } from '../repo/auditLog';
import { appendAudit } from '../repo/auditLog';
import type { Database, Queryable } from '../db/database';
import { conflict, EngraftError, invalid, notFound, requireConfirmations } from '../errors';
import * as episodesRepo from '../repo/episodes';
import * as patientsRepo from '../repo/patients';
import { type PatientRecord, readPatientRecordAudited } from '../repo/patientRecord';

/** Actor acting within a centre (every clinical call is centre-scoped). */
export type CentreActor = Actor & { centreId: string };

export async function createPatient(
  db: Database,
  actor: CentreActor,
  input: PatientCreate,
  opts: { synthetic?: boolean } = {}
) {
  const p = PatientCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    if (await patientsRepo.mrnExists(tx, actor.centreId, p.mrn)) {
      throw conflict(`a patient with MRN ${p.mrn} already exists in this centre`, 'mrn');
    }
    // A patient who looks like one already registered (same birth date, same name once accents, case and
    // invisible characters are set aside) is registered only with a reason: a duplicate record splits a
    // patient's results between two charts (issue 14).
    const twins = (await patientsRepo.patientsBornOn(tx, actor.centreId, p.dateOfBirth)).filter((q) =>
      looksLikeSamePerson(p, q)
    );
    const duplicate = twins.length
      ? [
          {
            field: 'familyName',
            message: `${twins.map((q) => `${formatPatientName(q)} (MRN ${q.mrn})`).join('; ')} has the same name and date of birth: check this is not the same person`,
          },
        ]
      : [];
    // A weight or height outside the usual range needs a reason, kept in the audit event (issue 13).
    const confirmed = requireConfirmations([...patientFindings(p), ...duplicate], p.confirmations);
    const patient = await patientsRepo.insertPatient(tx, actor.centreId, p, opts.synthetic);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'patient',
      entityId: patient.id,
      patientId: patient.id,
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
    if (d.diagnosisDate < patient.dateOfBirth) {
      throw invalid('diagnosisDate', 'diagnosis date is before the date of birth');
    }
    const diagnosis = await patientsRepo.insertDiagnosis(tx, actor.centreId, patientId, d);
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'diagnosis',
      entityId: diagnosis.id,
      patientId,
      after: diagnosis,
    });
    return diagnosis;
  });
}

export async function createEpisode(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: EpisodeCreate,
  today: string
) {
  const e = EpisodeCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const patient = await patientsRepo.getPatient(tx, actor.centreId, patientId);
    if (!patient) throw notFound('patient');
    const diagnoses = await patientsRepo.diagnosesOf(tx, patientId);
    const dx = diagnoses.find((d) => d.id === e.diagnosisId);
    if (!dx) throw invalid('diagnosisId', 'the indication must be one of this patient’s diagnoses');
    if (e.plannedDayZero < dx.diagnosisDate) {
      throw invalid('plannedDayZero', 'planned day 0 is before the diagnosis date');
    }
    const episode = await episodesRepo.insertEpisode(tx, actor.centreId, patientId, e);
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: episode.id,
      date: today < e.plannedDayZero ? today : e.plannedDayZero,
      kind: 'phase',
      label: `Episode opened: ${EPISODE_TYPES[e.type]} for ${DISEASES[dx.disease].label} (referral)`,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'episode',
      entityId: episode.id,
      patientId,
      after: episode,
    });
    return episode;
  });
}

/** A recorded event's date may not lie in the future beyond the clock skew (ADR 0610). */
function refuseFutureDate(field: string, date: string, today: string): void {
  if (date > dateOfDay(today, EVENT_DATE_SKEW_DAYS)) {
    throw invalid(field, `${field} ${date} is in the future (today is ${today}); record what has happened`);
  }
}

function refusedMove(move: Extract<PhaseMove, { ok: false }>): EngraftError {
  return move.conflict ? new EngraftError('conflict', move.message) : invalid(move.field, move.message);
}

/**
 * Moves an episode along the phase state machine (`phaseMove`, @engraft/domain): forward freely; back, or to
 * closed, only with a reason, which is stored in the audit event and on the timeline; a closed episode is
 * reopened by an administrator only (`reopenEpisode`).
 */
export async function changeEpisodePhase(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: EpisodePhaseChange,
  today: string
): Promise<Episode> {
  const change = EpisodePhaseChangeSchema.parse(input);
  return db.transaction(async (tx) => {
    const before = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!before) throw notFound('episode');
    const move = phaseMove(before.phase, change.phase, { dayZeroRecorded: before.actualDayZero !== null });
    if (!move.ok) throw refusedMove(move);
    const reason = change.reason?.trim() ?? '';
    if (move.needsReason && reason.length < 3) {
      throw invalid(
        'reason',
        `${move.kind === 'close' ? 'closing an episode' : 'moving an episode back to an earlier phase'} needs a reason (at least 3 characters)`
      );
    }
    refuseFutureDate('date', change.date, today);
    // Until infusions are recorded one by one (care-journey issue), entering the infusion phase marks day 0:
    // never a day 0 in the future, which would start every day-counted rule on a day that has not come.
    if (change.phase === 'infusion' && before.actualDayZero === null) {
      if (change.date > today) throw invalid('date', `day 0 cannot be in the future (today is ${today})`);
      // Nor before the indication was diagnosed (a mistyped year would shift every day-counted rule).
      const dx = (await patientsRepo.diagnosesOf(tx, before.patientId)).find((d) => d.id === before.diagnosisId);
      if (dx && change.date < dx.diagnosisDate) {
        throw invalid('date', `day 0 (${change.date}) cannot be before the diagnosis date (${dx.diagnosisDate})`);
      }
    }
    const after =
      move.kind === 'close'
        ? await episodesRepo.closeEpisode(tx, episodeId, {
            on: change.date,
            by: actor.userId,
            fromPhase: before.phase,
            reason,
          })
        : await episodesRepo.updateEpisodePhase(
            tx,
            episodeId,
            change.phase,
            change.phase === 'infusion' ? change.date : null
          );
    const label = `Phase: ${EPISODE_PHASES[change.phase]}${move.kind === 'close' ? ` (closed from ${EPISODE_PHASES[before.phase]})` : move.kind === 'backward' ? ` (back from ${EPISODE_PHASES[before.phase]})` : ''}${reason ? ` — reason: ${reason}` : ''}`;
    return recordPhaseStep(tx, actor, { before, after, date: change.date, label, reason: reason || null });
  });
}

/** The episode's timeline entry and the audit event of a change of phase (a move, a close or a reopening); `after`. */
async function recordPhaseStep(
  tx: Queryable,
  actor: CentreActor,
  step: { before: Episode; after: Episode; date: string; label: string; reason: string | null }
): Promise<Episode> {
  const { before, after } = step;
  await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
    episodeId: before.id,
    date: step.date,
    kind: 'phase',
    label: step.label,
    recordedBy: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: 'update',
    entityType: 'episode',
    entityId: before.id,
    patientId: before.patientId,
    before,
    after,
    reason: step.reason,
  });
  return after;
}

/** An administrator reopens a closed episode, with a reason, in the phase it was closed from or one they choose. */
export async function reopenEpisode(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: EpisodeReopen,
  today: string
): Promise<Episode> {
  const r = EpisodeReopenSchema.parse(input);
  return db.transaction(async (tx) => {
    const before = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!before) throw notFound('episode');
    const to = r.phase ?? before.closure?.fromPhase ?? 'long-term-follow-up';
    const move = phaseMove(before.phase, to, { dayZeroRecorded: before.actualDayZero !== null, reopen: true });
    if (!move.ok) throw refusedMove(move);
    refuseFutureDate('date', r.date, today);
    const after = await episodesRepo.reopenEpisode(tx, episodeId, to);
    const label = `Episode reopened in ${EPISODE_PHASES[to]} — reason: ${r.reason}`;
    return recordPhaseStep(tx, actor, { before, after, date: r.date, label, reason: r.reason });
  });
}

export async function addEpisodeEvent(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  ev: EpisodeEventCreate,
  today: string
) {
  return db.transaction(async (tx) => {
    const episode = await episodesRepo.getEpisode(tx, actor.centreId, episodeId);
    if (!episode) throw notFound('episode');
    refuseFutureDate('date', ev.date, today);
    const event = await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId,
      ...ev,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'episode-event',
      entityId: event.id,
      patientId: episode.patientId,
      after: event,
    });
    return event;
  });
}

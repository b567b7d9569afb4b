import { dateOfDay, dayRelative } from '@engraft/clinical';
import { followUpSchedule } from '@engraft/domain';
import type { Database } from '../db/database';
import { appendAudit } from '../repo/auditLog';
import { markFollowUpDone } from '../repo/worklist';
import * as monitoring from '../services/monitoring';
import * as patients from '../services/patients';

/** The registry-reporting demo patient (issue 17 §3): its one-year CIBMTR and EBMT reports fall due today. */
export const REGISTRY_DEMO_MRN = 'SYN-REG-01';

/**
 * A patient one year after an autologous HCT for myeloma whose last recorded contact is on day 95: the CIBMTR 2450
 * one-year form and the EBMT year-1 follow-up are due today and each misses one item, the survival status since
 * the six-month report; earlier reports were filed on time.
 */
export async function seedRegistryCase(db: Database, system: patients.CentreActor, today: string): Promise<void> {
  const dayZero = dateOfDay(today, -365);
  const patient = await patients.createPatient(
    db,
    system,
    { mrn: REGISTRY_DEMO_MRN, familyName: 'Rowan', givenName: 'Iris', dateOfBirth: '1961-03-14', sex: 'female' },
    { synthetic: true }
  );
  const diagnosis = await patients.addDiagnosis(db, system, patient.id, {
    disease: 'MM',
    diagnosisDate: dateOfDay(dayZero, -200),
    status: 'PR',
  });
  const episode = await patients.createEpisode(
    db,
    system,
    patient.id,
    {
      type: 'autologous-hct',
      diagnosisId: diagnosis.id,
      plannedDayZero: dayZero,
      cellType: null,
      cellOrigin: null,
      protocol: null,
    },
    dateOfDay(dayZero, -45)
  );
  for (const [phase, day] of [
    ['work-up', -30],
    ['conditioning', -7],
    ['infusion', 0],
    ['early-follow-up', 1],
    ['long-term-follow-up', 100],
  ] as const) {
    await patients.changeEpisodePhase(db, system, episode.id, { phase, date: dateOfDay(dayZero, day) }, today);
  }
  await monitoring.recordClinicalEvent(
    db,
    system,
    episode.id,
    { kind: 'last-contact', occurredOn: dateOfDay(dayZero, 95) },
    today
  );
  const done = followUpSchedule('autologous-hct', dayZero).filter((i) => dayRelative(today, i.dueDate) > 14);
  await db.transaction(async (tx) => {
    for (const item of done) {
      await markFollowUpDone(tx, {
        centreId: system.centreId,
        episodeId: episode.id,
        key: item.key,
        completedOn: item.dueDate,
        userId: null,
      });
    }
    await appendAudit(tx, system, {
      action: 'create',
      entityType: 'follow-up',
      patientId: patient.id,
      after: { keys: done.map((i) => i.key) },
    });
  });
}

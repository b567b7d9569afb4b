import type { Patient, RecipientCmv } from '@engraft/domain';
import type { Database } from '../db/database';
import { notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { getPatient, setPatientCmv } from '../repo/patients';
import { lockPatient } from '../repo/patientHlaTypings';
import type { CentreActor } from './patients';

// The recipient's CMV IgG serostatus on the patient record (migration 0025, ADR 0422): set with its audit event
// (before and after), read by the related-donor ranking instead of asking for it.

export async function setRecipientCmv(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: RecipientCmv
): Promise<Patient> {
  return db.transaction(async (tx) => {
    if (!(await lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
    const before = (await getPatient(tx, actor.centreId, patientId))!;
    await setPatientCmv(tx, actor.centreId, patientId, input.cmv);
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      before: { cmv: before.cmv },
      after: { cmv: input.cmv },
    });
    return (await getPatient(tx, actor.centreId, patientId))!;
  });
}

import type { HmlUpload, PatientHlaTyping, PatientHlaTypingCreate } from '@engraft/domain';
import type { Database } from '../db/database';
import { notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/patientHlaTypings';
import type { DonorRegistrySource } from './donorRegistry';
import { recordTyping, type TypingOwner } from './hlaTypings';
import type { CentreActor } from './patients';

// The recipient's own HLA typing (issue 15, ADR 0108): versioned, each version with its source, checked and
// stored by the one typing path (hlaTypings.ts) that relatives' typings take too.

export { checked } from './hlaTypings';

const patientOwner = (actor: CentreActor, patientId: string): TypingOwner<PatientHlaTyping> => ({
  entityType: 'patient-hla-typing',
  lock: async (tx) => {
    if (!(await repo.lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
  },
  insert: (tx, t) => repo.insertTyping(tx, actor.centreId, patientId, actor, t),
});

/** Records a typing entered as a GL string as the patient's next version. */
export async function recordPatientTyping(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: PatientHlaTypingCreate,
  registry?: DonorRegistrySource
): Promise<PatientHlaTyping> {
  return recordTyping(db, actor, patientId, patientOwner(actor, patientId), { kind: 'gl', body: input }, registry);
}

/** Records the typing of one sample of an uploaded HML file as the patient's next version. */
export async function importPatientHml(
  db: Database,
  actor: CentreActor,
  patientId: string,
  upload: HmlUpload,
  registry?: DonorRegistrySource
): Promise<PatientHlaTyping> {
  return recordTyping(db, actor, patientId, patientOwner(actor, patientId), { kind: 'hml', upload }, registry);
}

/** Every version of the patient's typing, newest first; an audited read. */
export async function listPatientTypings(db: Database, actor: CentreActor, patientId: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
    const versions = await repo.listTypings(tx, actor.centreId, patientId);
    await appendAudit(tx, actor, { action: 'read', entityType: 'patient-hla-typing', entityId: patientId, patientId });
    return { current: versions[0] ?? null, versions };
  });
}

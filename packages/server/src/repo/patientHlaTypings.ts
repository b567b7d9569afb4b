import type { PatientHlaTyping } from '@engraft/domain';
import type { Queryable } from '../db/database';
import { insertTyping as insertStored, listTypingVersions, type StoredTyping, type TypingInsert } from './hlaTypings';

// The patient's versioned HLA typing (migration 0015, ADR 0108), stored through the one typing repository
// (hlaTypings.ts) that relatives' typings use too. Rows are only inserted.

export type { TypingInsert };

const toPatientTyping = ({ ownerId, withdrawnAt: _w, withdrawalReason: _r, ...t }: StoredTyping): PatientHlaTyping => ({
  ...t,
  patientId: ownerId,
});

/** Inserts the next version; the caller holds the patient row lock so versions do not race. */
export async function insertTyping(
  db: Queryable,
  centreId: string,
  patientId: string,
  recordedBy: { userId: string | null; username: string },
  t: TypingInsert
): Promise<PatientHlaTyping> {
  return toPatientTyping(await insertStored(db, 'patient', centreId, patientId, recordedBy, t));
}

/** Every version of a patient's typing, newest first. */
export async function listTypings(db: Queryable, centreId: string, patientId: string): Promise<PatientHlaTyping[]> {
  return (await listTypingVersions(db, 'patient', centreId, patientId)).map(toPatientTyping);
}

/** Locks the patient row for the rest of the transaction (serialises version numbers); false if absent. */
export async function lockPatient(db: Queryable, centreId: string, patientId: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(`select id from patients where centre_id = $1 and id = $2 for update`, [
    centreId,
    patientId,
  ]);
  return rows.length > 0;
}

import type { Queryable } from '../db/database';

export interface AuditListRow {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  reason: string | null;
}

export async function auditEventsOfPatient(
  db: Queryable,
  centreId: string,
  patientId: string
): Promise<AuditListRow[]> {
  return db.query<AuditListRow>(
    `select a.seq, a.at, a.actor, a.action, a.entity_type, a.entity_id, a.reason from audit_events a
     join patients p on p.id = a.patient_id and p.centre_id = $1
     where a.patient_id = $2 order by a.seq desc limit 500`,
    [centreId, patientId]
  );
}

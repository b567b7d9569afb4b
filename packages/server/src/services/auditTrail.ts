import type { Database } from '../db/database';
import { auditEventsOfPatient } from '../repo/audit';

/** The access log of one patient, newest first (who read or changed what, and why). */
export async function patientAccessLog(db: Database, centreId: string, patientId: string) {
  const rows = await auditEventsOfPatient(db, centreId, patientId);
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    reason: r.reason,
  }));
}

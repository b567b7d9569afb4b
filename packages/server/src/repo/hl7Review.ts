import type { Queryable } from '../db/database';
import { iso } from './rows';

/** The HL7 review queue (ADR 0701): items held from messages, listed, read and resolved by a person. */
interface ReviewRow {
  id: string;
  message_id: string;
  kind: string;
  segment: string;
  mrn: string | null;
  patient_id: string | null;
  summary: string;
  proposal: Record<string, unknown>;
  status: 'open' | 'applied' | 'discarded';
  created_at: string | Date;
  resolved_by_name: string | null;
  resolved_at: string | Date | null;
  resolution_reason: string | null;
  control_id: string;
  message_type: string;
  sending_facility: string;
}

const toItem = (r: ReviewRow) => ({
  id: r.id,
  kind: r.kind,
  segment: r.segment,
  mrn: r.mrn,
  patientId: r.patient_id,
  summary: r.summary,
  proposal: typeof r.proposal === 'string' ? (JSON.parse(r.proposal) as Record<string, unknown>) : r.proposal,
  status: r.status,
  createdAt: iso(r.created_at),
  resolvedBy: r.resolved_by_name,
  resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
  resolutionReason: r.resolution_reason,
  message: { id: r.message_id, controlId: r.control_id, type: r.message_type, sendingFacility: r.sending_facility },
});
export type ReviewItemRecord = ReturnType<typeof toItem>;

const SELECT_REVIEW = `select r.*, u.username as resolved_by_name, m.control_id, m.message_type, m.sending_facility
  from hl7_review r join hl7_messages m on m.id = r.message_id left join users u on u.id = r.resolved_by`;

export async function listReview(
  db: Queryable,
  centreId: string,
  q: { status: 'open' | 'applied' | 'discarded'; limit: number; offset: number }
): Promise<{ items: ReviewItemRecord[]; total: number }> {
  const rows = await db.query<ReviewRow>(
    `${SELECT_REVIEW} where r.centre_id = $1 and r.status = $2 order by r.created_at, r.id limit $3 offset $4`,
    [centreId, q.status, q.limit, q.offset]
  );
  const total = await db.query<{ n: number | string }>(
    'select count(*) as n from hl7_review where centre_id = $1 and status = $2',
    [centreId, q.status]
  );
  return { items: rows.map(toItem), total: Number(total[0]?.n ?? 0) };
}

export async function getReviewForUpdate(
  db: Queryable,
  centreId: string,
  id: string
): Promise<ReviewItemRecord | undefined> {
  const rows = await db.query<ReviewRow>(`${SELECT_REVIEW} where r.centre_id = $1 and r.id = $2 for update of r`, [
    centreId,
    id,
  ]);
  return rows[0] && toItem(rows[0]);
}

export async function getReview(db: Queryable, centreId: string, id: string): Promise<ReviewItemRecord | undefined> {
  const rows = await db.query<ReviewRow>(`${SELECT_REVIEW} where r.centre_id = $1 and r.id = $2`, [centreId, id]);
  return rows[0] && toItem(rows[0]);
}

export async function resolveReview(
  db: Queryable,
  centreId: string,
  id: string,
  r: { status: 'applied' | 'discarded'; userId: string | null; reason: string }
): Promise<void> {
  await db.query(
    `update hl7_review set status = $3, resolved_by = $4, resolved_at = now(), resolution_reason = $5
      where centre_id = $1 and id = $2`,
    [centreId, id, r.status, r.userId, r.reason]
  );
}

import type { Queryable } from '../db/database';
import { iso } from './rows';

/** The stored message of a sender's control id, if it was received before (idempotency: its ACK is sent again). */
export async function findMessage(
  db: Queryable,
  centreId: string,
  key: { sendingApplication: string; sendingFacility: string; controlId: string }
): Promise<{ id: string; ack: string; payloadSha256: string } | undefined> {
  const rows = await db.query<{ id: string; ack: string; payload_sha256: string }>(
    `select id, ack, payload_sha256 from hl7_messages
      where centre_id = $1 and sending_application = $2 and sending_facility = $3 and control_id = $4`,
    [centreId, key.sendingApplication, key.sendingFacility, key.controlId]
  );
  return rows[0] && { id: rows[0].id, ack: rows[0].ack, payloadSha256: rows[0].payload_sha256 };
}

export interface MessageInsert {
  id: string;
  centreId: string;
  sendingApplication: string;
  sendingFacility: string;
  controlId: string;
  messageType: string;
  payloadSha256: string;
  raw: string;
  ackCode: string;
  ack: string;
}

export async function insertMessage(db: Queryable, m: MessageInsert): Promise<void> {
  await db.query(
    `insert into hl7_messages (id, centre_id, sending_application, sending_facility, control_id, message_type, payload_sha256, raw, ack_code, ack)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [
      m.id,
      m.centreId,
      m.sendingApplication,
      m.sendingFacility,
      m.controlId,
      m.messageType,
      m.payloadSha256,
      m.raw,
      m.ackCode,
      m.ack,
    ]
  );
}

export interface ResultKey {
  resultKey: string;
  observationId: string | null;
  status: string;
}

export async function resultKeys(
  db: Queryable,
  centreId: string,
  keys: readonly string[]
): Promise<Map<string, ResultKey>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ result_key: string; observation_id: string | null; status: string }>(
    'select result_key, observation_id, status from hl7_result_keys where centre_id = $1 and result_key = any($2::text[])',
    [centreId, keys]
  );
  return new Map(
    rows.map((r) => [r.result_key, { resultKey: r.result_key, observationId: r.observation_id, status: r.status }])
  );
}

/** Records many result keys in one statement (one per ORU message). */
export async function upsertResultKeys(
  db: Queryable,
  centreId: string,
  messageId: string,
  keys: readonly ResultKey[]
): Promise<void> {
  if (!keys.length) return;
  // One row per key (two OBX of one message with the same key: the last one stands), as ON CONFLICT needs.
  keys = [...new Map(keys.map((k) => [k.resultKey, k])).values()];
  await db.query(
    `insert into hl7_result_keys (centre_id, result_key, observation_id, status, message_id)
     select $1, k.result_key, k.observation_id, k.status, $2
       from unnest($3::text[], $4::uuid[], $5::text[]) as k(result_key, observation_id, status)
     on conflict (centre_id, result_key) do update
       set observation_id = excluded.observation_id, status = excluded.status, message_id = excluded.message_id`,
    [centreId, messageId, keys.map((k) => k.resultKey), keys.map((k) => k.observationId), keys.map((k) => k.status)]
  );
}

export async function upsertResultKey(
  db: Queryable,
  centreId: string,
  k: ResultKey & { messageId: string }
): Promise<void> {
  await db.query(
    `insert into hl7_result_keys (centre_id, result_key, observation_id, status, message_id) values ($1,$2,$3,$4,$5)
     on conflict (centre_id, result_key) do update set observation_id = excluded.observation_id, status = excluded.status, message_id = excluded.message_id`,
    [centreId, k.resultKey, k.observationId, k.status, k.messageId]
  );
}

/** The patient with this MRN in the centre (MRNs are unique per centre, compared without case). */
export async function patientByMrn(db: Queryable, centreId: string, mrn: string) {
  const rows = await db.query<{
    id: string;
    mrn: string;
    family_name: string;
    given_name: string;
    date_of_birth: string;
    sex: string;
  }>(
    'select id, mrn, family_name, given_name, date_of_birth, sex from patients where centre_id = $1 and lower(mrn) = lower($2)',
    [centreId, mrn]
  );
  const r = rows[0];
  return (
    r && {
      id: r.id,
      mrn: r.mrn,
      familyName: r.family_name,
      givenName: r.given_name,
      dateOfBirth: r.date_of_birth,
      sex: r.sex,
    }
  );
}

/** Applies reviewed demographics (name, date of birth, sex) to a patient. */
export async function updateDemographics(
  db: Queryable,
  centreId: string,
  patientId: string,
  d: { familyName: string; givenName: string; dateOfBirth: string; sex: string }
): Promise<void> {
  await db.query(
    `update patients set family_name = $3, given_name = $4, date_of_birth = $5, sex = $6, updated_at = now()
      where centre_id = $1 and id = $2`,
    [centreId, patientId, d.familyName, d.givenName, d.dateOfBirth, d.sex]
  );
}

export interface ReviewInsert {
  centreId: string;
  messageId: string;
  kind: string;
  segment: string;
  mrn: string | null;
  patientId: string | null;
  summary: string;
  proposal: Record<string, unknown>;
}

export async function insertReviewItems(db: Queryable, items: readonly ReviewInsert[]): Promise<void> {
  for (const i of items) {
    await db.query(
      `insert into hl7_review (centre_id, message_id, kind, segment, mrn, patient_id, summary, proposal)
       values ($1,$2,$3,$4,$5,$6,$7,$8::jsonb)`,
      [i.centreId, i.messageId, i.kind, i.segment, i.mrn, i.patientId, i.summary, JSON.stringify(i.proposal)]
    );
  }
}

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

import type { Queryable } from '../db/database';
import type { Actor, AuditInput } from './auditLog';

export interface ResultKey {
  resultKey: string;
  observationId: string | null;
  status: string;
}

/** The patient of an MRN as the feed compares it (date of birth as YYYY-MM-DD). */
export interface MrnPatient {
  id: string;
  mrn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  sex: string;
}

export interface MessageLookup {
  centreId: string;
  /** The message stored earlier under the same sender and control id (idempotency: its ACK is sent again). */
  seen: { id: string; ack: string; payloadSha256: string } | undefined;
  patient: MrnPatient | undefined;
  /** The stored result keys among those the message names. */
  resultKeys: Map<string, ResultKey>;
}

/**
 * Everything a message is checked against, in one round trip: the centre receiving it, the message if it was
 * received before, the patient of its MRN (MRNs are unique per centre, compared without case) and the result keys
 * its OBX segments name. Undefined when no centre has that name.
 */
export async function lookupMessage(
  db: Queryable,
  q: {
    centreName: string;
    sendingApplication: string;
    sendingFacility: string;
    controlId: string;
    mrn: string | null;
    resultKeys: readonly string[];
  }
): Promise<MessageLookup | undefined> {
  const rows = await db.query<{
    centre_id: string;
    seen_id: string | null;
    seen_ack: string | null;
    seen_sha256: string | null;
    patient: MrnPatient | string | null;
    keys: ResultKey[] | string;
  }>(
    `select c.id as centre_id, m.id as seen_id, m.ack as seen_ack, m.payload_sha256 as seen_sha256,
       (select json_build_object('id', p.id, 'mrn', p.mrn, 'familyName', p.family_name, 'givenName', p.given_name,
                                 'dateOfBirth', p.date_of_birth::text, 'sex', p.sex)
          from patients p where p.centre_id = c.id and lower(p.mrn) = lower($5)) as patient,
       (select coalesce(json_agg(json_build_object('resultKey', k.result_key, 'observationId', k.observation_id,
                                                   'status', k.status)), '[]'::json)
          from hl7_result_keys k where k.centre_id = c.id and k.result_key = any($6::text[])) as keys
       from centres c
       left join hl7_messages m
         on m.centre_id = c.id and m.sending_application = $2 and m.sending_facility = $3 and m.control_id = $4
      where c.name = $1`,
    [q.centreName, q.sendingApplication, q.sendingFacility, q.controlId, q.mrn, q.resultKeys]
  );
  const r = rows[0];
  if (!r) return undefined;
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const keys = parse(r.keys);
  return {
    centreId: r.centre_id,
    seen: r.seen_id ? { id: r.seen_id, ack: r.seen_ack!, payloadSha256: r.seen_sha256! } : undefined,
    patient: r.patient ? parse(r.patient) : undefined,
    resultKeys: new Map(keys.map((k) => [k.resultKey, k])),
  };
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

export interface ReviewInsert {
  kind: string;
  segment: string;
  mrn: string | null;
  patientId: string | null;
  summary: string;
  proposal: Record<string, unknown>;
}

/**
 * Stores a handled message in one statement: the message row (`on conflict do nothing`: a resend of the same
 * control id committed by another connection meanwhile leaves no row and false is returned, so the caller rolls
 * back and sends the stored ACK), then, only when it was inserted, the result keys it recorded, its review items
 * and its audit event (audit_append, migration 0001). Data-modifying CTEs all run; the joins to `m` make each
 * write depend on the message row.
 */
export async function storeMessage(
  db: Queryable,
  m: MessageInsert,
  written: { resultKeys: readonly ResultKey[]; reviews: readonly ReviewInsert[] },
  audit: { actor: Actor; input: AuditInput }
): Promise<boolean> {
  // One row per key (two OBX of one message with the same key: the last one stands), as ON CONFLICT needs.
  const keys = [...new Map(written.resultKeys.map((k) => [k.resultKey, k])).values()];
  const a = audit.input;
  const rows = await db.query<{ id: string }>(
    `with m as (
       insert into hl7_messages (id, centre_id, sending_application, sending_facility, control_id, message_type, payload_sha256, raw, ack_code, ack)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) on conflict do nothing returning id, centre_id),
     k as (
       insert into hl7_result_keys (centre_id, result_key, observation_id, status, message_id)
       select m.centre_id, k.result_key, k.observation_id, k.status, m.id
         from m, unnest($11::text[], $12::uuid[], $13::text[]) as k(result_key, observation_id, status)
       on conflict (centre_id, result_key) do update
         set observation_id = excluded.observation_id, status = excluded.status, message_id = excluded.message_id),
     r as (
       insert into hl7_review (centre_id, message_id, kind, segment, mrn, patient_id, summary, proposal)
       select m.centre_id, m.id, r.kind, r.segment, r.mrn, r.patient_id, r.summary, r.proposal
         from m, jsonb_to_recordset($14::jsonb)
           as r(kind text, segment text, mrn text, patient_id uuid, summary text, proposal jsonb))
     select m.id, audit_append($15,$16,$17,$18,$19,$20,$21,$22::jsonb,$23::jsonb,$24) from m`,
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
      keys.map((k) => k.resultKey),
      keys.map((k) => k.observationId),
      keys.map((k) => k.status),
      JSON.stringify(
        written.reviews.map((r) => ({
          kind: r.kind,
          segment: r.segment,
          mrn: r.mrn,
          patient_id: r.patientId,
          summary: r.summary,
          proposal: r.proposal,
        }))
      ),
      audit.actor.userId,
      audit.actor.username,
      audit.actor.centreId,
      a.action,
      a.entityType,
      a.entityId ?? null,
      a.patientId ?? null,
      a.before === undefined || a.before === null ? null : JSON.stringify(a.before),
      a.after === undefined || a.after === null ? null : JSON.stringify(a.after),
      a.reason ?? null,
    ]
  );
  return rows.length > 0;
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

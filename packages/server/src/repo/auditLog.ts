import type { Queryable } from '../db/database';

/** Who is acting, in which centre; every service call carries it. */
export interface Actor {
  userId: string | null;
  username: string;
  centreId: string | null;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Appends one event to the hash chain inside the caller's transaction, in one round trip: the database
 * function audit_append (migration 0001) takes the chain lock, reads the head and computes the hash.
 */
export async function appendAudit(tx: Queryable, actor: Actor, input: AuditInput): Promise<void> {
  await tx.query('select audit_append($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9::jsonb,$10)', [
    actor.userId,
    actor.username,
    actor.centreId,
    input.action,
    input.entityType,
    input.entityId ?? null,
    input.patientId ?? null,
    json(input.before),
    json(input.after),
    input.reason ?? null,
  ]);
}

/** One stored audit event as read for verification: every column as text, jsonb in its canonical text form. */
export interface AuditChainRow {
  seq: number;
  /** `at` in UTC as YYYY-MM-DDTHH:MM:SS.uuuuuuZ (the body's format). */
  at: string;
  actor_id: string | null;
  actor: string;
  centre_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  /** jsonb::text (canonical: keys ordered, fixed spacing), or null. */
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** Columns of an audit event as verification reads them (see services/auditChain.ts). Only built-in functions. */
const CHAIN_COLUMNS = `seq, pg_catalog.to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
  actor_id::text as actor_id, actor, centre_id::text as centre_id, action, entity_type, entity_id,
  patient_id::text as patient_id, before::text as before, after::text as after, reason, prev_hash, hash`;

/** A page of the chain in sequence order, after `afterSeq`. */
export async function auditChainPage(db: Queryable, afterSeq: number, limit: number): Promise<AuditChainRow[]> {
  return db.query<AuditChainRow>(`select ${CHAIN_COLUMNS} from audit_events where seq > $1 order by seq limit $2`, [
    afterSeq,
    limit,
  ]);
}

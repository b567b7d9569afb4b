import type { Database, Queryable } from '../db/database';
import { type AuditRecord, GENESIS_HASH, chainHash } from '../audit/chain';

/** Who is acting, in which centre; every repository call carries it. */
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

/**
 * Appends one event to the chain inside the caller's transaction. The advisory lock serialises appends,
 * so sequence order is chain order even with several servers on one PostgreSQL.
 */
export async function appendAudit(tx: Queryable, actor: Actor, input: AuditInput): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(7412)');
  const last = await tx.query<{ hash: string }>('select hash from audit_events order by seq desc limit 1');
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const rec: AuditRecord = {
    at: new Date(),
    actorId: actor.userId,
    actor: actor.username,
    centreId: actor.centreId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    patientId: input.patientId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    reason: input.reason ?? null,
  };
  const hash = chainHash(prevHash, rec);
  await tx.query(
    `insert into audit_events (at, actor_id, actor, centre_id, action, entity_type, entity_id, patient_id, before, after, reason, prev_hash, hash)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      rec.at,
      rec.actorId,
      rec.actor,
      rec.centreId,
      rec.action,
      rec.entityType,
      rec.entityId,
      rec.patientId,
      jsonParam(rec.before),
      jsonParam(rec.after),
      rec.reason,
      prevHash,
      hash,
    ]
  );
}

function jsonParam(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor: string;
  centre_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose link is broken, and why. */
  firstBroken?: { seq: number; problem: string };
}

/** Walks the chain in sequence order and names the first broken link. */
export async function verifyAuditChain(db: Database, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const pageSize = 5000;
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.query<AuditRow>('select * from audit_events where seq > $1 order by seq limit $2', [lastSeq, pageSize]);
    for (const r of rows) {
      if (r.prev_hash !== prev) {
        return { ok: false, checked, firstBroken: { seq: r.seq, problem: 'previous-hash link does not match the row before it (a row was removed or reordered)' } };
      }
      const rec: AuditRecord = {
        at: new Date(r.at),
        actorId: r.actor_id,
        actor: r.actor,
        centreId: r.centre_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        patientId: r.patient_id,
        before: r.before,
        after: r.after,
        reason: r.reason,
      };
      if (chainHash(prev, rec) !== r.hash) {
        return { ok: false, checked, firstBroken: { seq: r.seq, problem: 'contents do not match the stored hash (the row was altered)' } };
      }
      prev = r.hash;
      lastSeq = r.seq;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < pageSize) return { ok: true, checked };
  }
}

import type { Database, Queryable } from '../db/database';

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

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose link is broken, and why. */
  firstBroken?: { seq: number; problem: string };
}

/** Walks the chain in sequence order, recomputing each hash in the database, and names the first broken link. */
export async function verifyAuditChain(db: Database, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const pageSize = 10_000;
  let prev = '0'.repeat(64);
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.query<{ seq: number; prev_hash: string; hash: string; recomputed: string }>(
      `select seq, prev_hash, hash, audit_chain_hash(prev_hash, a) as recomputed
       from audit_events a where seq > $1 order by seq limit $2`,
      [lastSeq, pageSize]
    );
    for (const r of rows) {
      if (r.prev_hash !== prev) {
        return { ok: false, checked, firstBroken: { seq: r.seq, problem: 'its link to the previous event does not match (an event before it was removed or reordered)' } };
      }
      if (r.recomputed !== r.hash) {
        return { ok: false, checked, firstBroken: { seq: r.seq, problem: 'its contents do not match its hash (the event was altered)' } };
      }
      prev = r.hash;
      lastSeq = r.seq;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < pageSize) return { ok: true, checked };
  }
}

import type { Database, Queryable } from '../db/database';
import { auditEventsOfPatient } from '../repo/audit';
import { auditChainPage } from '../repo/auditLog';
import { auditChainHash, GENESIS_HASH } from './auditChain';
import type { AuditCheckpoint, CheckpointFile } from './auditCheckpoints';

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

export interface VerifyResult {
  /** True when every hash and link holds, every signed checkpoint matches, and no checkpoint line is bad. */
  ok: boolean;
  /** Events whose hash and link were checked. */
  checked: number;
  /** The last event checked. */
  head?: { seq: number; hash: string };
  /** The first event whose link, contents or checkpoint is wrong, and why. */
  firstBroken?: { seq: number; problem: string };
  /** Signed checkpoints found, and the newest one checked against the chain. */
  checkpoints: { count: number; latest?: { count: number; seq: number; at: string } };
  /** With allowLaterCheckpoints: the newest checkpoint beyond the end (events signed after a backup). */
  laterCheckpoint?: { count: number; seq: number; at: string };
  /** Every problem found, in words (chain, checkpoints, checkpoint file). */
  problems: string[];
}

const PAGE = 10_000;

/**
 * Walks the chain in sequence order and recomputes every hash in Node (services/auditChain.ts), never with a
 * database function the application's role could replace. With signed checkpoints (auditCheckpoints.ts) it also
 * checks that the event at each checkpoint's position still has the signed hash (a rewritten and re-hashed
 * chain) and that the chain is at least as long as the checkpoint says (a deleted tail).
 */
export async function verifyAuditChain(
  db: Queryable,
  opts: {
    checkpoints?: CheckpointFile;
    onProgress?: (checked: number) => void;
    /**
     * A backup: checkpoints signed after it was taken are beyond its end by design. They are reported in
     * `laterCheckpoint` instead of as a deleted tail.
     */
    allowLaterCheckpoints?: boolean;
  } = {}
): Promise<VerifyResult> {
  const signed = opts.checkpoints?.checkpoints ?? [];
  const problems = [...(opts.checkpoints?.problems ?? [])];
  const byCount = new Map<number, AuditCheckpoint[]>();
  for (const c of signed) byCount.set(c.count, [...(byCount.get(c.count) ?? []), c]);
  const latest = signed.reduce<AuditCheckpoint | undefined>((m, c) => (!m || c.count > m.count ? c : m), undefined);
  let firstBroken: VerifyResult['firstBroken'];
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  let head: VerifyResult['head'];
  let laterCheckpoint: VerifyResult['laterCheckpoint'];
  walk: for (;;) {
    const rows = await auditChainPage(db, lastSeq, PAGE);
    for (const r of rows) {
      if (r.prev_hash !== prev) {
        firstBroken = {
          seq: r.seq,
          problem: 'its link to the previous event does not match (an event before it was removed or reordered)',
        };
      } else if (auditChainHash(prev, r) !== r.hash) {
        firstBroken = { seq: r.seq, problem: 'its contents do not match its hash (the event was altered)' };
      }
      if (firstBroken) break walk;
      checked++;
      for (const c of byCount.get(checked) ?? []) {
        if (c.head !== r.hash || c.seq !== r.seq) {
          firstBroken = {
            seq: r.seq,
            problem: `it is not the event signed by the checkpoint of ${c.at} (event ${c.count}, #${c.seq}): the trail up to it was rewritten and re-hashed`,
          };
          break walk;
        }
      }
      prev = r.hash;
      lastSeq = r.seq;
      head = { seq: r.seq, hash: r.hash };
    }
    opts.onProgress?.(checked);
    if (rows.length < PAGE) break;
  }
  if (firstBroken) problems.unshift(`event #${firstBroken.seq}: ${firstBroken.problem}`);
  else if (latest && checked < latest.count && opts.allowLaterCheckpoints) {
    laterCheckpoint = { count: latest.count, seq: latest.seq, at: latest.at };
  } else if (latest && checked < latest.count) {
    firstBroken = {
      seq: latest.seq,
      problem: `the trail ends after ${checked} events, but the checkpoint of ${latest.at} signed ${latest.count} (up to #${latest.seq}): events were deleted`,
    };
    problems.unshift(`event #${latest.seq}: ${firstBroken.problem}`);
  }
  return {
    ok: problems.length === 0,
    checked,
    ...(head ? { head } : {}),
    ...(firstBroken ? { firstBroken } : {}),
    ...(laterCheckpoint ? { laterCheckpoint } : {}),
    checkpoints: {
      count: signed.length,
      ...(latest ? { latest: { count: latest.count, seq: latest.seq, at: latest.at } } : {}),
    },
    problems,
  };
}

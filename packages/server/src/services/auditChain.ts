import { createHash } from 'node:crypto';
import type { AuditChainRow } from '../repo/auditLog';

export const GENESIS_HASH = '0'.repeat(64);

const str = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/**
 * The text of audit_event_body(e)::text (migration 0001), built in Node so that verification never depends on
 * a database function the application's role could replace. jsonb prints an object's keys shortest first, then
 * in byte order, as `{"k": v, "k2": v2}`; JSON.stringify escapes strings as jsonb does (", \, \b \f \n \r \t,
 * other control characters as \u00xx; everything else as is).
 */
export function auditBodyText(r: AuditChainRow): string {
  const fields: [string, string][] = [
    ['at', str(r.at)],
    ['actor', str(r.actor)],
    ['after', r.after ?? 'null'],
    ['action', str(r.action)],
    ['before', r.before ?? 'null'],
    ['reason', str(r.reason)],
    ['actorId', str(r.actor_id)],
    ['centreId', str(r.centre_id)],
    ['entityId', str(r.entity_id)],
    ['patientId', str(r.patient_id)],
    ['entityType', str(r.entity_type)],
  ];
  return `{${fields.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`;
}

/** hash_n = SHA-256(hash_{n-1} + "\n" + body_n), hex: the same as audit_chain_hash (migration 0001). */
export function auditChainHash(prevHash: string, r: AuditChainRow): string {
  return createHash('sha256')
    .update(`${prevHash}\n${auditBodyText(r)}`, 'utf8')
    .digest('hex');
}

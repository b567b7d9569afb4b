import { createHash } from 'node:crypto';

/** The fields of an audit event that its hash covers (everything but the storage sequence number). */
export interface AuditRecord {
  at: Date;
  actorId: string | null;
  actor: string;
  centreId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** The hash that starts the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** hash_n = SHA-256(hash_{n-1} || canonical(event_n)): editing, deleting or reordering any row breaks the chain. */
export function chainHash(prevHash: string, rec: AuditRecord): string {
  const body = canonicalJson({ ...rec, at: rec.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

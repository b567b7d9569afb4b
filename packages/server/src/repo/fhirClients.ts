import type { Queryable } from '../db/database';

// FHIR API clients and their bearer tokens (migration 0019). Only SHA-256 hashes of secrets and tokens are stored.

export interface FhirClientRow {
  id: string;
  centre_id: string;
  client_id: string;
  name: string;
  secret_hash: string | null;
  jwks: { keys: Record<string, unknown>[] } | null;
  scopes: string[];
  created_by_name: string | null;
  created_at: string;
  revoked_at: string | null;
}

const ts = (col: string): string => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SELECT = `select c.id, c.centre_id, c.client_id, c.name, c.secret_hash, c.jwks, c.scopes, u.display_name as created_by_name,
  ${ts('c.created_at')} as created_at, case when c.revoked_at is null then null else ${ts('c.revoked_at')} end as revoked_at
  from fhir_clients c left join users u on u.id = c.created_by`;

export async function insertClient(
  db: Queryable,
  c: {
    centreId: string;
    clientId: string;
    name: string;
    secretHash: string | null;
    jwks?: unknown;
    scopes: string[];
    createdBy: string | null;
  }
): Promise<FhirClientRow> {
  const [row] = await db.query<{ id: string }>(
    `insert into fhir_clients (centre_id, client_id, name, secret_hash, scopes, created_by, jwks)
     values ($1, $2, $3, $4, $5::text[], $6, $7::jsonb) returning id`,
    [c.centreId, c.clientId, c.name, c.secretHash, c.scopes, c.createdBy, c.jwks ? JSON.stringify(c.jwks) : null]
  );
  return (await getClient(db, c.centreId, row!.id))!;
}

export async function getClient(db: Queryable, centreId: string, id: string): Promise<FhirClientRow | undefined> {
  const [row] = await db.query<FhirClientRow>(`${SELECT} where c.centre_id = $1 and c.id::text = $2`, [centreId, id]);
  return row;
}

export async function listClients(db: Queryable, centreId: string): Promise<FhirClientRow[]> {
  return db.query<FhirClientRow>(`${SELECT} where c.centre_id = $1 order by c.created_at, c.client_id`, [centreId]);
}

export async function clientByClientId(db: Queryable, clientId: string): Promise<FhirClientRow | undefined> {
  const [row] = await db.query<FhirClientRow>(`${SELECT} where c.client_id = $1`, [clientId]);
  return row;
}

/** Revokes a client and deletes its tokens; false when it was not found or already revoked. */
export async function revokeClient(db: Queryable, centreId: string, id: string, by: string | null): Promise<boolean> {
  const rows = await db.query(
    `update fhir_clients set revoked_at = now(), revoked_by = $3
     where centre_id = $1 and id::text = $2 and revoked_at is null returning id`,
    [centreId, id, by]
  );
  if (!rows.length) return false;
  await db.query('delete from fhir_tokens where client_id::text = $1', [id]);
  return true;
}

export async function insertToken(
  db: Queryable,
  t: { tokenHash: string; clientId: string; centreId: string; scopes: string[]; ttlSeconds: number }
): Promise<void> {
  await db.query('delete from fhir_tokens where expires_at < now()');
  await db.query(
    `insert into fhir_tokens (token_hash, client_id, centre_id, scopes, expires_at)
     values ($1, $2, $3, $4::text[], now() + make_interval(secs => $5))`,
    [t.tokenHash, t.clientId, t.centreId, t.scopes, t.ttlSeconds]
  );
}

export interface LiveToken {
  client_uuid: string;
  client_id: string;
  centre_id: string;
  scopes: string[];
}

/** A token that has not expired, of a client that is not revoked. */
export async function liveToken(db: Queryable, tokenHash: string): Promise<LiveToken | undefined> {
  const [row] = await db.query<LiveToken>(
    `select c.id as client_uuid, c.client_id, t.centre_id, t.scopes from fhir_tokens t
     join fhir_clients c on c.id = t.client_id
     where t.token_hash = $1 and t.expires_at > now() and c.revoked_at is null`,
    [tokenHash]
  );
  return row;
}

/**
 * Records the jti of an accepted client assertion until it expires (migration 0024); false when the client already
 * used it (a replay). Expired jtis of the client are removed first.
 */
export async function recordAssertionJti(
  db: Queryable,
  clientUuid: string,
  jti: string,
  expSeconds: number
): Promise<boolean> {
  await db.query('delete from fhir_client_assertions where client_id = $1 and expires_at < now()', [clientUuid]);
  const rows = await db.query(
    `insert into fhir_client_assertions (client_id, jti, expires_at) values ($1, $2, to_timestamp($3))
     on conflict do nothing returning jti`,
    [clientUuid, jti, expSeconds]
  );
  return rows.length === 1;
}

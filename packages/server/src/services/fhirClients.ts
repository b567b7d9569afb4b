import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type FhirClient, type FhirClientCreate, FhirClientCreateSchema } from '@engraft/domain';
import type { Database } from '../db/database';
import { EngraftError, notFound } from '../errors';
import { type Actor, appendAudit } from '../repo/auditLog';
import * as repo from '../repo/fhirClients';
import { hashToken } from './auth';
import { AssertionRefused, assertionIssuer, CLIENT_ASSERTION_TYPE, verifyClientAssertion } from './fhirClientAssertion';

/** Bearer tokens live 15 minutes (SMART Backend Services 2.x recommends at most 5 minutes for the assertion and short-lived tokens). */
export const TOKEN_TTL_SECONDS = 900;

const toClient = (r: repo.FhirClientRow): FhirClient => ({
  id: r.id,
  clientId: r.client_id,
  name: r.name,
  scopes: r.scopes,
  authentication: r.jwks ? 'private-key-jwt' : 'client-secret',
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

type CentreActor = Actor & { centreId: string };

/** Creates an API client; the secret is returned once and only its SHA-256 is stored (it is 256 random bits). */
export async function createClient(
  db: Database,
  actor: CentreActor,
  input: FhirClientCreate
): Promise<FhirClient & { clientSecret?: string }> {
  const body = FhirClientCreateSchema.parse(input);
  const clientId = `engraft-${randomBytes(9).toString('base64url')}`;
  // A client with registered public keys authenticates with signed assertions only: it gets no secret.
  const secret = body.jwks ? undefined : randomBytes(32).toString('base64url');
  const scopes = [...new Set(body.scopes)];
  return db.transaction(async (tx) => {
    const row = await repo.insertClient(tx, {
      centreId: actor.centreId,
      clientId,
      name: body.name,
      secretHash: secret === undefined ? null : hashToken(secret),
      jwks: body.jwks,
      scopes,
      createdBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'fhir-client',
      entityId: row.id,
      after: { clientId, name: body.name, scopes, keys: body.jwks?.keys.map((k) => k.kid ?? k.kty) ?? null },
    });
    return { ...toClient(row), ...(secret === undefined ? {} : { clientSecret: secret }) };
  });
}

export async function listClients(db: Database, actor: CentreActor): Promise<{ items: FhirClient[] }> {
  return { items: (await repo.listClients(db, actor.centreId)).map(toClient) };
}

/** Revokes a client: its tokens stop working at once. */
export async function revokeClient(db: Database, actor: CentreActor, id: string): Promise<FhirClient> {
  return db.transaction(async (tx) => {
    const before = await repo.getClient(tx, actor.centreId, id);
    if (!before) throw notFound('API client');
    if (before.revoked_at) throw new EngraftError('conflict', 'this API client is already revoked');
    await repo.revokeClient(tx, actor.centreId, id, actor.userId);
    await appendAudit(tx, actor, {
      action: 'revoke',
      entityType: 'fhir-client',
      entityId: id,
      before: { clientId: before.client_id, scopes: before.scopes },
    });
    return toClient((await repo.getClient(tx, actor.centreId, id))!);
  });
}

const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Grantable scopes: those asked for that the client holds (all it holds when none are asked; RFC 6749 §3.3). */
function grant(held: string[], asked: string[]): string[] {
  if (!asked.length) return held;
  return asked.filter((s) => held.includes(s) || held.includes(s.replace(/^system\/\w+\./, 'system/*.')));
}

export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_client' | 'invalid_request' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string
  ) {
    super(description);
  }
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4) → a bearer token for the scopes asked, in the client's centre.
 * The client authenticates with its secret (`client_secret_post`/`_basic`), or, per SMART Backend Services, with a
 * JWT signed by a registered key (`client_assertion_type` jwt-bearer, `services/fhirClientAssertion.ts`).
 * Successes and failures are audited. @throws OAuthError
 */
export async function issueToken(
  db: Database,
  p: {
    grantType?: string;
    clientId?: string;
    clientSecret?: string;
    clientAssertionType?: string;
    clientAssertion?: string;
    tokenUrl?: string;
    scope?: string;
  }
): Promise<{ access_token: string; token_type: 'bearer'; expires_in: number; scope: string }> {
  if (p.grantType !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'grant_type must be client_credentials');
  }
  const byAssertion = p.clientAssertionType !== undefined || p.clientAssertion !== undefined;
  if (byAssertion && p.clientAssertionType !== CLIENT_ASSERTION_TYPE) {
    throw new OAuthError('invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
  }
  if (byAssertion && !p.clientAssertion) throw new OAuthError('invalid_request', 'client_assertion is required');
  const clientId = byAssertion ? assertionIssuer(p.clientAssertion!) : p.clientId;
  if (!byAssertion && (!p.clientId || !p.clientSecret)) {
    throw new OAuthError('invalid_client', 'client_id and client_secret (or a client_assertion) are required');
  }
  if (byAssertion && p.clientId !== undefined && p.clientId !== clientId) {
    throw new OAuthError('invalid_client', 'client_id differs from the assertion issuer');
  }
  const client = clientId ? await repo.clientByClientId(db, clientId) : undefined;
  const who = {
    userId: null,
    username: `client:${(clientId ?? '?').slice(0, 64)}`,
    centreId: client?.centre_id ?? null,
  };
  const refuse = async (reason: string, description: string): Promise<never> => {
    await appendAudit(db, who, { action: 'login-failed', entityType: 'fhir-client', after: { reason } });
    throw new OAuthError('invalid_client', description);
  };
  if (!client || client.revoked_at) return refuse('unknown or revoked client', 'unknown client or revoked client');
  if (byAssertion) {
    try {
      await db.transaction((tx) =>
        verifyClientAssertion(tx, { ...client, jwks: client.jwks }, p.clientAssertion!, p.tokenUrl ?? '')
      );
    } catch (err) {
      if (!(err instanceof AssertionRefused)) throw err;
      return refuse(err.message, err.message);
    }
  } else if (!client.secret_hash || !sameHash(client.secret_hash, hashToken(p.clientSecret!))) {
    return refuse('bad credentials', 'unknown client, wrong secret or revoked client');
  }
  const scopes = grant(client.scopes, (p.scope ?? '').split(/\s+/).filter(Boolean));
  if (!scopes.length) throw new OAuthError('invalid_scope', `this client may ask for: ${client.scopes.join(' ')}`);
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await repo.insertToken(tx, {
      tokenHash: hashToken(token),
      clientId: client.id,
      centreId: client.centre_id,
      scopes,
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
    await appendAudit(tx, who, { action: 'login', entityType: 'fhir-client', entityId: client.id, after: { scopes } });
  });
  return { access_token: token, token_type: 'bearer', expires_in: TOKEN_TTL_SECONDS, scope: scopes.join(' ') };
}

export interface ClientAuth {
  clientUuid: string;
  clientId: string;
  centreId: string;
  scopes: string[];
}

export async function resolveBearer(db: Database, token: string): Promise<ClientAuth | undefined> {
  const t = await repo.liveToken(db, hashToken(token));
  return t && { clientUuid: t.client_uuid, clientId: t.client_id, centreId: t.centre_id, scopes: t.scopes };
}

/** Does a token's scopes allow this interaction on this type? (`read` and `rs` cover both; v2 `r` reads, `s` searches.) */
export function scopeAllows(scopes: string[], type: string, interaction: 'read' | 'search'): boolean {
  const letter = interaction === 'read' ? 'r' : 's';
  return scopes.some((s) => {
    const m = /^system\/([^.]+)\.(\w+)$/.exec(s);
    if (!m || (m[1] !== '*' && m[1] !== type)) return false;
    return m[2] === 'read' || m[2]!.includes(letter);
  });
}

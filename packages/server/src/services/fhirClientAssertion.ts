import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from 'jose';
import type { Queryable } from '../db/database';
import * as repo from '../repo/fhirClients';

// SMART Backend Services client authentication (HL7 SMART App Launch 2.0.0, 2021, "Backend Services": "Authenticating
// to the token endpoint"; RFC 7523 §2.2 and §3): the client signs a one-time JWT with a private key whose public
// half is registered as a JWK Set in its record (ADR 0702). Checked here: RS384 or ES384 only, signed by a
// registered key, iss = sub = client_id, aud = this token URL, exp in the future and at most 5 minutes ahead, a jti
// never seen before (kept until the assertion expires).

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** SMART Backend Services: "SHALL support RS384 and ES384" and "exp ... no more than five minutes in the future". */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
export const ASSERTION_MAX_LIFETIME_SECONDS = 300;

/** Why an assertion is refused (the token endpoint answers `invalid_client` with this description). */
export class AssertionRefused extends Error {}

/** The client_id an assertion claims (its `iss`), read without trusting it, to find the client's keys. */
export function assertionIssuer(assertion: string): string | undefined {
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a client assertion against the client's registered keys and records its jti (refusing a replay).
 * Runs inside the caller's transaction. @throws AssertionRefused
 */
export async function verifyClientAssertion(
  db: Queryable,
  client: { id: string; client_id: string; jwks: JSONWebKeySet | null },
  assertion: string,
  tokenUrl: string,
  nowSeconds = Math.floor(Date.now() / 1000)
): Promise<void> {
  if (!client.jwks) throw new AssertionRefused('this client has no registered public keys (JWK Set)');
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks), {
      algorithms: ASSERTION_ALGORITHMS,
      issuer: client.client_id,
      subject: client.client_id,
      audience: tokenUrl,
      currentDate: new Date(nowSeconds * 1000),
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (err) {
    throw new AssertionRefused(`client_assertion refused: ${(err as Error).message}`);
  }
  const exp = payload.exp!;
  if (exp > nowSeconds + ASSERTION_MAX_LIFETIME_SECONDS) {
    throw new AssertionRefused('client_assertion refused: exp is more than 5 minutes in the future');
  }
  const jti = payload.jti!;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 255) {
    throw new AssertionRefused('client_assertion refused: jti must be a string of 1 to 255 characters');
  }
  if (!(await repo.recordAssertionJti(db, client.id, jti, exp))) {
    throw new AssertionRefused('client_assertion refused: this jti was already used (replay)');
  }
}

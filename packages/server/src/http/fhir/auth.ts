import type { FhirResourceType } from '@engraft/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../repo/auditLog';
import { resolveSession } from '../../services/auth';
import type { FhirActor } from '../../services/fhir';
import { type ClientAuth, resolveBearer, scopeAllows } from '../../services/fhirClients';
import { CSRF_HEADER, isUnsafeMethod, SESSION_COOKIE } from '../access';
import type { App } from '../app';
import { sendOutcome } from './outcome';

export type FhirInteraction = 'read' | 'search' | 'everything' | 'export' | 'export-status';

declare module 'fastify' {
  interface FastifyContextConfig {
    fhir?: { type?: FhirResourceType; interaction: FhirInteraction };
  }
  interface FastifyRequest {
    fhirActor?: FhirActor;
    fhirClient?: ClientAuth;
  }
}

export function fhirActorOf(req: FastifyRequest): FhirActor {
  if (!req.fhirActor) throw new Error('fhirActorOf() called on a public route');
  return req.fhirActor;
}

/** Who may do this with a client's token: read/search need the type's scope; $everything and $export need them per type (checked by the route). */
function clientMay(client: ClientAuth, req: FastifyRequest): boolean {
  const f = req.routeOptions.config.fhir;
  if (!f) return false;
  if (f.interaction === 'read' || f.interaction === 'search') {
    return !!f.type && scopeAllows(client.scopes, f.type, f.interaction);
  }
  return true;
}

/**
 * Authentication of `/fhir/R4` (ADR 0700): a bearer token of an API client (OAuth 2.0 client credentials,
 * scopes per resource type, one centre), or a signed-in user's session cookie with the same role rules as
 * the /api routes (and the CSRF header for writes). Refusals are OperationOutcomes and are audited.
 */
export function registerFhirAuth(app: App): void {
  const { db, config } = app.deps;
  const deny = async (req: FastifyRequest, reply: FastifyReply, status: 401 | 403, detail: string) => {
    try {
      const who = req.fhirActor ?? { userId: null, username: 'anonymous', centreId: null };
      await appendAudit(db, who, {
        action: 'access-denied',
        entityType: 'request',
        after: { status, method: req.method, route: req.routeOptions.url ?? null, address: req.ip, detail },
      });
    } catch (err) {
      req.log.error({ err: { message: (err as Error).message } }, 'could not audit a denied request');
    }
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="engraft-fhir"');
    return sendOutcome(reply, status, detail);
  };

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const authz = req.headers.authorization;
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const client = m ? await resolveBearer(db, m[1]!) : undefined;
      if (!client) return deny(req, reply, 401, 'the bearer token is unknown, expired or revoked; ask for a new one');
      req.fhirClient = client;
      req.fhirActor = { userId: null, username: `client:${client.clientId}`, centreId: client.centreId };
      if (!clientMay(client, req)) {
        const f = req.routeOptions.config.fhir;
        return deny(
          req,
          reply,
          403,
          `this token's scopes do not allow ${f?.interaction ?? 'this'} of ${f?.type ?? 'this'}`
        );
      }
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    const auth = token ? await resolveSession(db, config.session.idleMs, token) : undefined;
    if (!auth) {
      return deny(req, reply, 401, token ? 'your session has ended; sign in again' : 'sign in or send a bearer token');
    }
    req.auth = auth;
    req.fhirActor = { userId: auth.userId, username: auth.username, centreId: auth.centreId };
    if (isUnsafeMethod(req.method) && req.headers[CSRF_HEADER] !== auth.csrfToken) {
      return deny(req, reply, 403, `missing or wrong ${CSRF_HEADER} header (CSRF protection)`);
    }
    if (!auth.roles.some((r) => access.includes(r))) {
      return deny(req, reply, 403, `this needs one of the roles: ${access.join(', ')}`);
    }
    if (auth.mustChangePassword) {
      return deny(req, reply, 403, 'your password was reset by an administrator: set a new password first');
    }
  });
}

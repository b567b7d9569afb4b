import type { Role } from '@engraft/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../services/auth';
import type { ResponseContractOptOut } from './responseContract';

/**
 * Every /api route declares who may call it: 'public' (no session), or the list of roles allowed.
 * The route table below is what the role test walks.
 */
export type Access = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth?: AuthContext;
    sessionToken?: string;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  /** Set when the route answers no JSON view (ADR 0020); otherwise it declares schema.response. */
  responseContract?: ResponseContractOptOut;
}

/** Routes registered so far (filled by the onRoute hook; read by tests and the docs). */
export const routeTable: RouteEntry[] = [];

export const SESSION_COOKIE = 'engraft_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE.has(method);
}

/** The authenticated caller; only valid in handlers of non-public routes. */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new Error('authOf() called on a public route');
  return req.auth;
}

export type Reply = FastifyReply;

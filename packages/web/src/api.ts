// The one HTTP client of the web app. It talks to /api/v1 with the session cookie, adds the CSRF header on
// every state-changing request, and turns RFC 9457 problem+json answers into ApiError (with field paths).
import { type Problem, ProblemSchema } from '@engraft/domain';
import type { z } from 'zod';
import { formatUnitsInText } from './format';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    // the server's sentences name units as stored (x10^9/L): shown as the app writes them (×10⁹/L)
    super(formatUnitsInText(problem.detail ?? problem.title));
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  /** Messages per field path ("mrn", "weightKg") from a validation or conflict answer. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      out[e.path] ??= formatUnitsInText(e.message.charAt(0).toUpperCase() + e.message.slice(1));
    }
    return out;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: ((err: ApiError) => void) | null = null;
let onActivity: (() => void) | null = null;

/** Called after every answered request: the server slid the session's idle timeout. */
export function setActivityHandler(fn: (() => void) | null): void {
  onActivity = fn;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** Called when any request (other than sign-in) answers 401: the session ended or expired. */
export function setUnauthenticatedHandler(fn: ((err: ApiError) => void) | null): void {
  onUnauthenticated = fn;
}

async function toProblem(res: Response): Promise<Problem> {
  try {
    const parsed = ProblemSchema.safeParse(await res.json());
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON (a proxy error page, say)
  }
  return {
    type: 'about:blank',
    title: res.statusText || 'Error',
    status: res.status,
    detail: `The server answered ${res.status} ${res.statusText}.`,
  };
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { signal?: AbortSignal } = {}
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'Could not reach the Engraft server. Check your connection and try again.',
    });
  }
  if (res.status !== 401) onActivity?.();
  if (!res.ok) {
    const err = new ApiError(await toProblem(res));
    if (res.status === 401 && !(method === 'POST' && path === '/session')) onUnauthenticated?.(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * Answers are checked against their `@engraft/domain` response schema in development and test builds (a
 * changed service fails loudly on the page that reads it); a production build trusts the server, which
 * serialises every answer through the same schema (ADR 0020).
 */
const PARSE_ANSWERS = import.meta.env.DEV || import.meta.env.MODE === 'test';

/** The answer as its schema types it; parsed in development and test builds. */
export function answerOf<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  if (!PARSE_ANSWERS) return data as z.output<S>;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `the answer of ${what} does not match its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`
  );
}

/** GET with a typed answer. */
export async function apiGet<S extends z.ZodType>(
  path: string,
  schema: S,
  opts: { signal?: AbortSignal } = {}
): Promise<z.output<S>> {
  return answerOf(schema, await api<unknown>('GET', path, undefined, opts), `GET ${path}`);
}

/** POST, PUT, PATCH or DELETE with a typed answer. */
export async function apiSend<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  schema: S
): Promise<z.output<S>> {
  return answerOf(schema, await api<unknown>(method, path, body), `${method} ${path}`);
}

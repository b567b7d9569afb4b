// The one HTTP client of the web app. It talks to /api/v1 with the session cookie, adds the CSRF header on
// every state-changing request, and turns RFC 9457 problem+json answers into ApiError (with field paths).
import { type Problem, ProblemSchema } from '@engraft/domain';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  /** Messages per field path ("mrn", "weightKg") from a validation or conflict answer. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.path] ??= e.message.charAt(0).toUpperCase() + e.message.slice(1);
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

/** The one error type of the domain; http/problem.ts maps it to RFC 9457 problem details. */
export type ErrorKind = 'invalid' | 'unprocessable' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'locked' | 'rate-limited' | 'unavailable';

export class EngraftError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Field paths and messages for invalid input. */
    readonly errors: { path: string; message: string }[] = [],
    /** Sent as Retry-After (seconds) with a 503 or 429: the condition is temporary. */
    readonly retryAfterSeconds?: number
  ) {
    super(message);
    this.name = 'EngraftError';
  }
}

export const notFound = (what: string): EngraftError => new EngraftError('not-found', `${what} was not found`);
export const conflict = (msg: string, path?: string): EngraftError =>
  new EngraftError('conflict', msg, path ? [{ path, message: msg }] : []);
export const invalid = (path: string, message: string): EngraftError => new EngraftError('invalid', message, [{ path, message }]);
export const unavailable = (message: string): EngraftError => new EngraftError('unavailable', message);
/** Well-formed input that fails a semantic check (e.g. a DIN whose check character does not match): 422. */
export const unprocessable = (path: string, message: string): EngraftError => new EngraftError('unprocessable', message, [{ path, message }]);

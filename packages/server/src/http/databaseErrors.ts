import { EngraftError } from '../errors';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const CONNECTION_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGES = [
  /PGlite is closed/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /Cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Maps what a database driver (pg, PGlite) throws to the answer the client should get, or undefined when the
 * error is not a database error. Connection loss → 503 with Retry-After (SQLSTATE class 08, 57P01-57P03 admin
 * shutdown / cannot connect now, 53300 too many connections, socket errors, a closed PGlite). Encoding errors
 * (22021 invalid byte sequence, 22P05 untranslatable character) → 400: text the database cannot store.
 * A unique violation (23505) that no service anticipated → 409, naming no values (they may be patient data).
 */
export function databaseError(err: unknown): EngraftError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  const message = (err as { message?: unknown }).message;
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    if (CONNECTION_ERRNO.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) {
      return unreachable();
    }
    if (code === '22021' || code === '22P05') {
      return new EngraftError(
        'invalid',
        'a text value holds a character the database cannot store (NUL or invalid Unicode)'
      );
    }
    if (code === '23505') {
      return new EngraftError('conflict', 'a record with the same identifying values already exists');
    }
  }
  if (CONNECTION_MESSAGES.some((re) => re.test(text))) return unreachable();
  return undefined;
}

const unreachable = (): EngraftError =>
  new EngraftError(
    'unavailable',
    'the database is unreachable; nothing was stored; try again shortly',
    [],
    DATABASE_RETRY_AFTER_SECONDS
  );

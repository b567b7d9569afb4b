import { CONFIRMATION_REQUIRED, type Confirmation, type Finding, unconfirmed } from '@engraft/domain';
/** The one error type of the domain; http/problem.ts maps it to RFC 9457 problem details. */
export type ErrorKind =
  | 'invalid'
  | 'unprocessable'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'rate-limited'
  | 'unavailable';

export class EngraftError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Field paths and messages for invalid input. */
    readonly errors: { path: string; message: string }[] = [],
    /** Sent as Retry-After (seconds) with a 503 or 429: the condition is temporary. */
    readonly retryAfterSeconds?: number,
    /** Problem `code` the client acts on (e.g. `confirmation-required`). */
    readonly code?: string
  ) {
    super(message);
    this.name = 'EngraftError';
  }
}

export const notFound = (what: string): EngraftError => new EngraftError('not-found', `${what} was not found`);
export const conflict = (msg: string, path?: string): EngraftError =>
  new EngraftError('conflict', msg, path ? [{ path, message: msg }] : []);
export const invalid = (path: string, message: string): EngraftError =>
  new EngraftError('invalid', message, [{ path, message }]);
export const unavailable = (message: string): EngraftError => new EngraftError('unavailable', message);
/** Well-formed input that fails a semantic check (e.g. a DIN whose check character does not match): 422. */
export const unprocessable = (path: string, message: string): EngraftError =>
  new EngraftError('unprocessable', message, [{ path, message }]);

/**
 * Refuses a write while an implausible value is unconfirmed (issue 13): 422 problem+json with
 * `code: 'confirmation-required'` and one error per field; the client asks for a reason per field and sends the
 * same request again with `confirmations`. Returns the confirmations that cover the findings, for the audit event.
 */
export function requireConfirmations(
  findings: readonly Finding[],
  confirmations: readonly Confirmation[] | undefined
): Confirmation[] {
  const open = unconfirmed(findings, confirmations);
  if (open.length) {
    throw new EngraftError(
      'unprocessable',
      `Confirm ${open.length === 1 ? 'this value' : 'these values'} with a reason: ${open.map((f) => f.message).join('; ')}`,
      open.map((f) => ({ path: f.field, message: f.message })),
      undefined,
      CONFIRMATION_REQUIRED
    );
  }
  const needed = new Set(findings.map((f) => f.field));
  return (confirmations ?? []).filter((c) => needed.has(c.field));
}

/** What a refusal records in the audit log: the action refused and what was attempted (no patient data). */
export interface Refusal {
  action: string;
  entityType: string;
  after: Record<string, unknown>;
}

/**
 * A refusal that must leave a trace although the write it refused rolled back: the HTTP error handler appends
 * `refusal` to the audit log, for the signed-in user and centre, in a transaction of its own (issue 14).
 */
export class RecordedRefusal extends EngraftError {
  constructor(
    kind: ErrorKind,
    message: string,
    errors: { path: string; message: string }[],
    readonly refusal: Refusal,
    code?: string
  ) {
    super(kind, message, errors, undefined, code);
  }
}

/**
 * A DIN (with its product code and division) already registered at another centre of this installation (ADR 0012).
 * ISBT 128 DINs carry the issuing facility (FIN) and are unique world-wide, so one of the two labels is wrong:
 * 409, naming neither the other centre nor anything about its product or patient; the attempt is recorded.
 */
export const dinRegisteredElsewhere = (din: string, productCode: string, division: string): RecordedRefusal => {
  const message =
    'this DIN, product code and division are already registered at another facility: a DIN is unique world-wide, so one of the two labels is wrong; quarantine the bag and check its label with the issuing facility before registering it';
  return new RecordedRefusal(
    'conflict',
    message,
    [{ path: 'din', message }],
    {
      action: 'refuse',
      entityType: 'product',
      after: { din, productCode, division, reason: 'DIN registered at another facility' },
    },
    'din-registered-elsewhere'
  );
};

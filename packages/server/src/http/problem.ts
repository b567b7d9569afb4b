import { type Problem, issuePath } from '@engraft/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { EngraftError, type ErrorKind, RecordedRefusal } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { databaseError } from './databaseErrors';

/** The HTTP status of each kind of EngraftError, for problem+json and FHIR OperationOutcome answers alike. */
export const ERROR_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  locked: 423,
  'rate-limited': 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable content',
  423: 'Account locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string, errors?: Problem['errors'], code?: string): Problem {
  return {
    type: status >= 500 ? 'about:blank' : `https://engraft.dev/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length ? { errors } : {}),
    ...(code ? { code } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** The one mapping from anything thrown to RFC 9457 problem+json. Never echoes request bodies. */
export async function errorHandler(
  err: FastifyError | Error,
  req: FastifyRequest,
  reply: FastifyReply
): Promise<FastifyReply> {
  if (err instanceof RecordedRefusal) await recordRefusal(req, err);
  if (err instanceof EngraftError) return sendEngraftError(reply, err);
  if (err instanceof ZodError) {
    const errors = err.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
    return sendProblem(reply, problem(400, summarize(errors), errors));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      path: issuePath(v.instancePath.split('/').filter(Boolean)) || where,
      message: v.message ?? 'invalid',
    }));
    return sendProblem(reply, problem(400, summarize(errors), errors));
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) return sendProblem(reply, problem(status, err.message));
  const db = databaseError(err);
  if (db) {
    // Logged always: an outage or a constraint the services did not anticipate is for the operator to see.
    logServerError(req, err, db.kind === 'unavailable' ? 'database unreachable' : 'database refused a write');
    return sendEngraftError(reply, db);
  }
  logServerError(req, err, 'unhandled error');
  return sendProblem(
    reply,
    problem(
      500,
      `Something went wrong on the server; the error was logged with request id ${req.id}. Nothing more is known here; quote the id when reporting it.`
    )
  );
}

/** Appends a refusal to the audit log in its own transaction (the refused write rolled back); logs if it cannot. */
async function recordRefusal(req: FastifyRequest, err: RecordedRefusal): Promise<void> {
  const auth = req.auth;
  if (!auth) return;
  try {
    const actor = { userId: auth.userId, username: auth.username, centreId: auth.centreId };
    await req.server.deps.db.transaction((tx) => appendAudit(tx, actor, err.refusal));
  } catch (e) {
    logServerError(req, e instanceof Error ? e : new Error(String(e)), 'could not record a refusal in the audit log');
  }
}

function sendEngraftError(reply: FastifyReply, err: EngraftError): FastifyReply {
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
  return sendProblem(reply, problem(ERROR_STATUS[err.kind], err.message, err.errors, err.code));
}

/**
 * Server errors are logged whatever the log level: through the request logger when it logs errors, and
 * otherwise (logger off, `engraft serve --quiet`) as one JSON line on stderr. Name, message, stack and the request
 * id only: never the body, the query or headers (patient data, session tokens).
 */
export function logServerError(req: FastifyRequest, err: Error, msg: string): void {
  const entry = {
    reqId: req.id,
    method: req.method,
    route: req.routeOptions.url,
    err: { name: err.name, message: err.message, code: (err as { code?: unknown }).code, stack: err.stack },
  };
  if ((req.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('error') === true) {
    req.log.error(entry, msg);
  } else {
    serverErrorSink.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg, ...entry })}\n`);
  }
}

/** Where server errors go when the request logger is off (replaceable in tests). */
export const serverErrorSink: { write: (line: string) => void } = { write: (line) => process.stderr.write(line) };

function summarize(errors: { path: string; message: string }[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

import { type Problem, issuePath } from '@engraft/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { EngraftError, type ErrorKind } from '../errors';

const STATUS: Record<ErrorKind, number> = {
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
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof EngraftError) {
    if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
    return sendProblem(reply, problem(STATUS[err.kind], err.message, err.errors, err.code));
  }
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
  req.log.error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
  return sendProblem(reply, problem(500, 'Something went wrong on the server; the error was logged.'));
}

function summarize(errors: { path: string; message: string }[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

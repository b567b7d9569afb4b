import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { EngraftError } from '../../errors';
import { issueCodeOf, operationOutcome } from '../../fhir/map/outcome';
import { databaseError } from '../databaseErrors';
import { ERROR_STATUS } from '../problem';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A typed FHIR resource as the JSON the routes' response schema (`FhirResourceJsonSchema`) describes. */
export const fhirJson = (r: { resourceType: string }): { resourceType: string; [k: string]: unknown } => r;

export function sendOutcome(
  reply: FastifyReply,
  status: number,
  diagnostics: string,
  expression?: string[]
): FastifyReply {
  return reply
    .code(status)
    .type(FHIR_JSON)
    .send(operationOutcome(issueCodeOf(status), diagnostics, expression));
}

/** Every error of `/fhir/R4` as an OperationOutcome (never problem+json, never a request body echoed). */
export async function fhirErrorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof EngraftError) {
    if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
    return sendOutcome(
      reply,
      ERROR_STATUS[err.kind],
      err.message,
      err.errors.map((e) => e.path)
    );
  }
  if (err instanceof ZodError) {
    const paths = err.issues.map((i) => i.path.join('.'));
    return sendOutcome(
      reply,
      400,
      err.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '),
      paths
    );
  }
  if (hasZodFastifySchemaValidationErrors(err)) return sendOutcome(reply, 400, err.message);
  const fe = err as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendOutcome(reply, fe.statusCode, fe.message);
  }
  const db = databaseError(err);
  if (db) {
    if (db.kind === 'unavailable') reply.header('retry-after', String(db.retryAfterSeconds ?? 5));
    return sendOutcome(reply, ERROR_STATUS[db.kind], db.message);
  }
  req.log.error({ reqId: req.id, err: { message: err.message, stack: err.stack } }, 'FHIR request failed');
  return sendOutcome(reply, 500, `internal error (request ${req.id})`);
}

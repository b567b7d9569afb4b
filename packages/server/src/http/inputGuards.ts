import type { FastifyInstance } from 'fastify';
import { EngraftError } from '../errors';

/** A NUL character, or a UTF-16 surrogate half that is not part of a pair (not encodable as UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const forbidden = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);

export interface ForbiddenText {
  path: string;
  message: string;
}

function describe(s: string): string {
  return s.includes('\u0000')
    ? 'contains a NUL character (\\u0000)'
    : 'contains a lone UTF-16 surrogate (not valid Unicode text)';
}

/**
 * Walks a parsed JSON value (or query/params object) and returns the first string or key holding a character
 * that no text column can store faithfully: PostgreSQL refuses NUL in text, and a lone surrogate would be
 * silently replaced by U+FFFD when encoded as UTF-8. `where` prefixes the path (query, params; '' for the body, whose paths are the schema's field paths).
 */
export function findForbiddenText(value: unknown, where: string, depth = 0): ForbiddenText | undefined {
  if (typeof value === 'string') {
    return forbidden(value) ? { path: where || 'body', message: `${where || 'body'} ${describe(value)}` } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findForbiddenText(value[i], `${where}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (forbidden(k)) return { path: where || 'body', message: `a field name in ${where || 'body'} ${describe(k)}` };
    const hit = findForbiddenText(v, where ? `${where}.${k}` : k, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The one edge guard for hostile text (issue 14): every JSON body, query string and path parameter of every route
 * is checked before schema validation and refused with 400 problem+json naming the path. Raw bodies (CSV, FHIR
 * text) are strings and are checked the same way.
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['query', req.query],
      ['', req.body],
    ] as const) {
      const hit = findForbiddenText(value, where);
      if (hit) throw new EngraftError('invalid', hit.message, [{ path: hit.path, message: hit.message }]);
    }
  });
}

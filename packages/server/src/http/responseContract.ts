import type { FastifySchema, RouteOptions } from 'fastify';
import { createSerializerCompiler } from 'fastify-type-provider-zod';

/**
 * The response contract (ADR 0020): every JSON route declares `schema.response` with zod schemas from
 * `@engraft/domain`, which the web app imports too. A route that does not answer JSON says so with
 * `config.responseContract`, and registration refuses a route that does neither.
 */
export const RESPONSE_CONTRACT_OPT_OUTS = {
  /** A file: PDF label, backup archive, CSV export. */
  binary: 'answers a file, not JSON',
  /** FHIR R4 resources, validated against FHIR profiles rather than an Engraft view schema. */
  fhir: 'answers FHIR R4 resources',
  /** The API's catch-all: only ever a 404 problem+json. */
  'not-found': 'answers only a 404 problem+json',
} as const;
export type ResponseContractOptOut = keyof typeof RESPONSE_CONTRACT_OPT_OUTS;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Declares a route that answers no JSON view (see RESPONSE_CONTRACT_OPT_OUTS); JSON routes declare schema.response. */
    responseContract?: ResponseContractOptOut;
  }
}

/** Routes under the contract: the JSON API (but its generated docs) and the FHIR endpoints. */
export const underResponseContract = (url: string): boolean =>
  (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/fhir');

type RouteLike = Pick<RouteOptions, 'method' | 'url' | 'config'> & { schema?: FastifySchema };

/** Throws at registration for a route under the contract that declares neither a response schema nor an opt-out. */
export function assertResponseContract(route: RouteLike): void {
  if (!underResponseContract(route.url)) return;
  const label = `route ${[route.method].flat().join(',')} ${route.url}`;
  const optOut = route.config?.responseContract;
  if (optOut !== undefined) {
    if (!(optOut in RESPONSE_CONTRACT_OPT_OUTS)) {
      throw new Error(
        `${label} declares an unknown config.responseContract '${String(optOut)}': use one of ${Object.keys(RESPONSE_CONTRACT_OPT_OUTS).join(', ')}`
      );
    }
    return;
  }
  const response = route.schema?.response;
  if (!response || typeof response !== 'object' || Object.keys(response).length === 0) {
    throw new Error(`${label} declares no response schema: add schema.response or config.responseContract`);
  }
}

/**
 * Keys present in what a handler returned but absent from what its schema let through (zod strips unknown
 * keys). In strict mode (tests, development) such a key fails the request instead of vanishing silently, so a
 * field a page reads can never be dropped by a schema that forgot it.
 */
export function strippedKeys(sent: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((v, i) => strippedKeys(v, kept[i], `${path}[${i}]`));
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(sent)) {
    const at = path ? `${path}.${k}` : k;
    if (v === undefined) continue;
    if (!(k in kept)) out.push(at);
    else out.push(...strippedKeys(v, kept[k], at));
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * fastify-type-provider-zod's serializer (zod encodes, unknown keys are stripped), in one of two modes:
 * - strict (tests, browser tests, development): an answer that does not match its schema, or that carries a key
 *   the schema would strip, fails the request (500) with an error naming the paths;
 * - production: a mismatch (a record stored under an older rule version, say) is logged with its paths and the
 *   answer is sent as the handler built it, as before the contract, so a clinician can still open that record.
 * Paths and zod messages only, never values: answers carry patient data.
 */
export function contractSerializerCompiler(opts: { strict: boolean; onMismatch?: (message: string) => void }) {
  const base = createSerializerCompiler({});
  return (route: Parameters<typeof base>[0]) => {
    const checked = base(route);
    const label = `response of ${route.method} ${route.url}`;
    const serialize = (data: unknown): string => {
      try {
        return checked(data);
      } catch (err) {
        const issues = (err as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }).cause?.issues;
        if (!issues?.length) throw err;
        const where = issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
        const message = `${label} does not match its schema: ${where.join('; ')}`;
        if (opts.strict) throw new Error(message, { cause: err });
        opts.onMismatch?.(message);
        return JSON.stringify(data);
      }
    };
    if (!opts.strict) return serialize;
    return (data: unknown): string => {
      const json = serialize(data);
      const lost = strippedKeys(JSON.parse(JSON.stringify(data)) as unknown, JSON.parse(json) as unknown);
      if (lost.length) {
        throw new Error(
          `${label} has fields its schema does not declare (they would be stripped): ${lost.slice(0, 10).join(', ')}`
        );
      }
      return json;
    };
  };
}

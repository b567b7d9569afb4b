import { ALL_ROLES, FhirResourceJsonSchema } from '@engraft/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { capabilityStatement } from '../../fhir/capability';
import { searchset } from '../../fhir/map/outcome';
import { FHIR_TYPES, parseSearch } from '../../fhir/search/params';
import * as fhir from '../../services/fhir';
import type { TypedApp } from '../app';
import { fhirActorOf } from './auth';
import { FHIR_JSON, fhirJson } from './outcome';

export const FHIR_BASE = '/fhir/R4';
const Id = z.object({
  id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'id must be a FHIR id (letters, digits, - and ., at most 64)'),
});
const Query = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const response = { 200: FhirResourceJsonSchema };

/** The absolute base URL of this server's FHIR endpoint, as the client reached it. */
export const baseOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}${FHIR_BASE}`;

/** Read and search of every served type, and the CapabilityStatement (HL7 FHIR R4 §3.1.0 RESTful API). */
export function registerFhirResourceRoutes(app: TypedApp, version: string): void {
  const { db, today } = app.deps;
  app.get(
    '/metadata',
    { config: { access: 'public' }, schema: { summary: 'CapabilityStatement', tags: ['fhir'], response } },
    async (req, reply) => reply.type(FHIR_JSON).send(fhirJson(capabilityStatement(baseOf(req), today(), version)))
  );
  for (const type of FHIR_TYPES) {
    app.get(
      `/${type}`,
      {
        config: { access: ALL_ROLES, fhir: { type, interaction: 'search' } },
        schema: { summary: `Search ${type}`, tags: ['fhir'], querystring: Query, response },
      },
      async (req, reply) => {
        const parsed = parseSearch(type, req.query);
        const r = await fhir.search(db, fhirActorOf(req), type, parsed, req.query, today());
        const selfUrl = `${baseOf(req)}/${type}${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`;
        const page = { selfUrl, total: r.total, offset: parsed.filter.offset, count: parsed.filter.limit };
        return reply.type(FHIR_JSON).send(fhirJson(searchset(baseOf(req), page, r.matches, r.included)));
      }
    );
    app.get(
      `/${type}/:id`,
      {
        config: { access: ALL_ROLES, fhir: { type, interaction: 'read' } },
        schema: { summary: `Read ${type}`, tags: ['fhir'], params: Id, response },
      },
      async (req, reply) =>
        reply.type(FHIR_JSON).send(fhirJson(await fhir.read(db, fhirActorOf(req), type, req.params.id, today())))
    );
  }
}

import { ALL_ROLES, FhirResourceJsonSchema } from '@engraft/domain';
import { z } from 'zod';
import { EngraftError } from '../../errors';
import * as fhir from '../../services/fhir';
import { scopeAllows } from '../../services/fhirClients';
import type { TypedApp } from '../app';
import { fhirActorOf } from './auth';
import { FHIR_JSON, fhirJson } from './outcome';
import { baseOf } from './resources';

const Id = z.object({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'id must be a FHIR id') });

/** `Patient/<id>/$everything` (HL7 FHIR R4 §8.1.19 "Operation $everything on Patient"). */
export function registerFhirEverythingRoute(app: TypedApp): void {
  const { db, today } = app.deps;
  app.get(
    '/Patient/:id/$everything',
    {
      config: { access: ALL_ROLES, fhir: { type: 'Patient', interaction: 'everything' } },
      schema: {
        summary: 'Everything about one patient',
        tags: ['fhir'],
        params: Id,
        response: { 200: FhirResourceJsonSchema },
      },
    },
    async (req, reply) => {
      const client = req.fhirClient;
      const types = fhir.EVERYTHING_TYPES.filter((t) => !client || scopeAllows(client.scopes, t, 'read'));
      if (client && !types.includes('Patient')) {
        throw new EngraftError('forbidden', "this token's scopes do not allow reading Patient");
      }
      const bundle = await fhir.everything(db, fhirActorOf(req), req.params.id, types, baseOf(req), today());
      return reply.type(FHIR_JSON).send(fhirJson(bundle));
    }
  );
}

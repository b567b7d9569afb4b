import {
  FhirClientCreatedSchema,
  FhirClientCreateSchema,
  FhirClientListSchema,
  FhirClientSchema,
  USER_ADMINS,
} from '@engraft/domain';
import { z } from 'zod';
import * as svc from '../../services/fhirClients';
import { authOf } from '../access';
import type { TypedApp } from '../app';
import { actorOf } from './actor';

const ClientParams = z.object({ clientId: z.uuid('client id must be a UUID') });

/** FHIR API clients (system access, ADR 0700): administrators create, list and revoke them; audited. */
export function registerFhirClientRoutes(app: TypedApp): void {
  const { db } = app.deps;
  app.get(
    '/fhir-clients',
    {
      config: { access: USER_ADMINS },
      schema: { summary: 'FHIR API clients of this centre', tags: ['fhir'], response: { 200: FhirClientListSchema } },
    },
    async (req) => svc.listClients(db, actorOf(authOf(req)))
  );
  app.post(
    '/fhir-clients',
    {
      config: { access: USER_ADMINS },
      schema: {
        summary: 'Create a FHIR API client (the secret is shown once)',
        tags: ['fhir'],
        body: FhirClientCreateSchema,
        response: { 201: FhirClientCreatedSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createClient(db, actorOf(authOf(req)), req.body))
  );
  app.post(
    '/fhir-clients/:clientId/revoke',
    {
      config: { access: USER_ADMINS },
      schema: {
        summary: 'Revoke a FHIR API client and its tokens',
        tags: ['fhir'],
        params: ClientParams,
        response: { 200: FhirClientSchema },
      },
    },
    async (req) => svc.revokeClient(db, actorOf(authOf(req)), req.params.clientId)
  );
}

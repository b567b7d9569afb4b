import { FhirTokenResponseSchema, SmartConfigurationSchema } from '@engraft/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { smartConfiguration } from '../../fhir/smartConfiguration';
import { issueToken, OAuthError } from '../../services/fhirClients';
import type { App } from '../app';
import { registerFhirAuth } from './auth';
import { registerFhirBulkRoutes } from './bulk';
import { registerFhirEverythingRoute } from './everything';
import { fhirErrorHandler, sendOutcome } from './outcome';
import { baseOf, FHIR_BASE, registerFhirResourceRoutes } from './resources';

const TokenBody = z.record(z.string(), z.unknown());

/**
 * `/fhir/R4` (issue 17 §1, ADR 0700): a Fastify plugin of its own, beside `/api/v1`, with its own content type
 * (application/fhir+json), OperationOutcome errors and authentication (session or client bearer token).
 */
export async function registerFhirApi(app: App, version: string): Promise<void> {
  await app.register(
    async (scope: FastifyInstance) => {
      const fhir = scope.withTypeProvider<ZodTypeProvider>();
      scope.setErrorHandler(fhirErrorHandler);
      scope.setNotFoundHandler((req, reply) =>
        sendOutcome(reply, 404, `no FHIR route ${req.method} ${req.url.split('?')[0]}`)
      );
      // OAuth 2.0 token requests are form-encoded (RFC 6749 §4.4.2).
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(String(body))))
      );
      scope.addContentTypeParser(['application/fhir+json'], { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, JSON.parse(String(body)));
        } catch {
          done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400 }));
        }
      });
      registerFhirAuth(scope);
      scope.addHook('onSend', async (_req, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });

      fhir.get(
        '/.well-known/smart-configuration',
        {
          config: { access: 'public' },
          schema: {
            summary: 'SMART configuration (SMART App Launch 2.0.0): token endpoint, grants, scopes',
            tags: ['fhir'],
            response: { 200: SmartConfigurationSchema },
          },
        },
        async (req, reply) => reply.type('application/json').send(smartConfiguration(baseOf(req)))
      );
      fhir.post(
        '/auth/token',
        {
          config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
          schema: {
            summary: 'OAuth 2.0 client credentials token',
            tags: ['fhir'],
            body: TokenBody,
            response: { 200: FhirTokenResponseSchema },
          },
        },
        async (req, reply) => {
          const b = req.body;
          const str = (k: string) => (typeof b[k] === 'string' ? b[k] : undefined);
          let clientId = str('client_id');
          let clientSecret = str('client_secret');
          // client_secret_basic (RFC 6749 §2.3.1) as well as client_secret_post.
          const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
          if (basic) {
            const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
            clientId = decodeURIComponent(id ?? '');
            clientSecret = decodeURIComponent(secret ?? '');
          }
          try {
            const token = await issueToken(app.deps.db, {
              grantType: str('grant_type'),
              clientId,
              clientSecret,
              clientAssertionType: str('client_assertion_type'),
              clientAssertion: str('client_assertion'),
              // SMART Backend Services: the assertion's aud is this token endpoint's URL, as the client reached it.
              tokenUrl: `${baseOf(req)}/auth/token`,
              scope: str('scope'),
            });
            return reply.header('pragma', 'no-cache').send(token);
          } catch (err) {
            if (!(err instanceof OAuthError)) throw err;
            // RFC 6749 §5.2 error response (not an OperationOutcome: OAuth clients expect this shape).
            return (reply as FastifyReply)
              .code(err.error === 'invalid_client' ? 401 : 400)
              .send({ error: err.error, error_description: err.description });
          }
        }
      );
      registerFhirResourceRoutes(fhir, version);
      registerFhirEverythingRoute(fhir);
      registerFhirBulkRoutes(fhir);
    },
    { prefix: FHIR_BASE }
  );
}

import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { resolveSession } from '../services/auth';
import { type DonorRegistrySource, fileDonorRegistry } from '../services/donorRegistry';
import { CSRF_HEADER, isUnsafeMethod, type RouteEntry, SESSION_COOKIE } from './access';
import { errorHandler, problem, sendProblem } from './problem';
import { registerInputGuards } from './inputGuards';
import { registerAuditRoutes } from './routes/audit';
import { registerClinicalRoutes } from './routes/clinical';
import { registerDonorCollectionRoutes } from './routes/donorsCollections';
import { registerConditioningRoutes } from './routes/conditioningPlans';
import { registerDonorSearchRoutes } from './routes/donorSearches';
import { registerEpisodeRoutes } from './routes/episodes';
import { registerLabCorrectionRoutes } from './routes/labCorrections';
import { registerManufacturingRoutes } from './routes/manufacturing';
import { registerInfusionRoutes } from './routes/infusions';
import { registerMonitoringRoutes } from './routes/monitoring';
import { registerSettingsRoutes } from './routes/settings';
import { registerOutcomeRoutes } from './routes/outcomes';
import { registerWorklistRoutes } from './routes/worklist';
import { registerPatientRoutes } from './routes/patients';
import { registerProductRoutes } from './routes/products';
import { registerSessionRoutes } from './routes/session';
import { registerSystemRoutes } from './routes/system';
import { registerUserRoutes } from './routes/users';
import { registerWebApp } from './webApp';

export interface AppDeps {
  db: Database;
  config: Config;
  /** The centre's calendar date today (injectable for tests). */
  today: () => string;
  logger?: boolean;
  /** The donor registry searched by the donor-search routes (default: loaded in the background from the configured files). */
  donors?: DonorRegistrySource;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    routeTable: RouteEntry[];
    donorRegistry: DonorRegistrySource;
  }
}

export type App = FastifyInstance;
export type TypedApp = FastifyInstance<
  FastifyInstance['server'],
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Builds the HTTP adapter over the services. Holds no state of its own: everything lives in the database. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    trustProxy: true,
  });
  app.decorate('deps', deps);
  // The registry starts loading now, in the background: the server answers meanwhile (donor routes with 503).
  const donors = deps.config.donors;
  app.decorate(
    'donorRegistry',
    deps.donors ??
      fileDonorRegistry({ dataDir: deps.config.dataDir, imgtDir: donors?.imgtDir, snapshot: donors?.snapshot, macFile: donors?.macFile, threads: donors?.threads })
  );
  app.addHook('onClose', async () => app.donorRegistry.close());
  app.decorate('routeTable', [] as RouteEntry[]);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerInputGuards(app);

  app.addHook('onRoute', (opts) => {
    if (!opts.url.startsWith('/api/v1')) return;
    const access = opts.config?.access;
    if (!access) throw new Error(`route ${String(opts.method)} ${opts.url} must declare config.access`);
    for (const method of [opts.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: opts.url, access });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Engraft API', version: '1', description: 'HCT and cellular therapy platform. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    const auth = token ? await resolveSession(deps.db, deps.config.session.idleMs, token) : undefined;
    if (!auth || !token) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return sendProblem(reply, problem(401, token ? 'your session has ended; sign in again' : 'sign in to use this'));
    }
    if (isUnsafeMethod(req.method) && req.headers[CSRF_HEADER] !== auth.csrfToken) {
      return sendProblem(reply, problem(403, `missing or wrong ${CSRF_HEADER} header (CSRF protection)`));
    }
    if (!auth.roles.some((r) => access.includes(r))) {
      return sendProblem(reply, problem(403, `this needs one of the roles: ${access.join(', ')}`));
    }
    req.auth = auth;
    req.sessionToken = token;
  });

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      registerSystemRoutes(typed);
      registerSessionRoutes(typed);
      registerUserRoutes(typed);
      registerPatientRoutes(typed);
      registerEpisodeRoutes(typed);
      registerAuditRoutes(typed);
      registerClinicalRoutes(typed);
      registerMonitoringRoutes(typed);
      registerLabCorrectionRoutes(typed);
      registerSettingsRoutes(typed);
      registerOutcomeRoutes(typed);
      registerWorklistRoutes(typed);
      registerDonorSearchRoutes(typed);
      registerDonorCollectionRoutes(typed);
      registerConditioningRoutes(typed);
      registerManufacturingRoutes(typed);
      registerInfusionRoutes(typed);
      registerProductRoutes(typed);
      api.all('/*', { config: { access: 'public' } }, (req, reply): unknown => sendProblem(reply, problem(404, `no API route ${req.method} ${req.url}`)));
    },
    { prefix: '/api/v1' }
  );
  await registerWebApp(app, deps.config.webDir);
  return app;
}

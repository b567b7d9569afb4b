import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
} from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { AttemptLimiter, passwordCheckOf } from '../auth/attemptLimiter';
import { appendAudit } from '../repo/auditLog';
import { resolveSession } from '../services/auth';
import { setTwoPersonNewAccountDays } from '../services/twoPerson';
import { type DonorRegistrySource, fileDonorRegistry } from '../services/donorRegistry';
import { demoOptionsOf, releaseFetcherOf } from '../services/registryConfig';
import { CSRF_HEADER, isUnsafeMethod, type RouteEntry, SESSION_COOKIE } from './access';
import { errorHandler, problem, sendProblem, serverErrorSink } from './problem';
import { redactedUrl } from './requestLog';
import { registerRequestsInFlight } from './requestsInFlight';
import { registerInputGuards } from './inputGuards';
import { assertResponseContract, contractSerializerCompiler } from './responseContract';
import { registerAuditRoutes } from './routes/audit';
import { registerBackupRoutes } from './routes/backup';
import { registerClinicalRoutes } from './routes/clinical';
import { registerDonorCollectionRoutes } from './routes/donorsCollections';
import { registerConditioningAdministrationRoutes } from './routes/conditioningAdministrations';
import { registerConditioningRoutes } from './routes/conditioningPlans';
import { registerDonorSearchRoutes } from './routes/donorSearches';
import { registerReferenceDataRoutes } from './routes/referenceData';
import { registerEpisodeRoutes } from './routes/episodes';
import { registerHl7ReviewRoutes } from './routes/hl7Review';
import { registerLabCorrectionRoutes } from './routes/labCorrections';
import { registerManufacturingRoutes } from './routes/manufacturing';
import { registerInfusionRoutes } from './routes/infusions';
import { registerMonitoringRoutes } from './routes/monitoring';
import { registerSettingsRoutes } from './routes/settings';
import { registerOutcomeRoutes } from './routes/outcomes';
import { registerRegistryReportRoutes } from './routes/registryReports';
import { registerWorklistRoutes } from './routes/worklist';
import { registerPatientRoutes } from './routes/patients';
import { registerPatientHlaRoutes } from './routes/patientHla';
import { registerFamilyRoutes } from './routes/family';
import { registerFamilyDonorRoutes } from './routes/familyDonors';
import { registerProductRoutes } from './routes/products';
import { registerFhirClientRoutes } from './routes/fhirClients';
import { registerFrequencySetRoutes } from './routes/frequencySets';
import { registerSessionRoutes } from './routes/session';
import { registerSystemRoutes } from './routes/system';
import { registerUserRoutes } from './routes/users';
import { registerWebApp } from './webApp';
import { registerFhirApi } from './fhir/plugin';

/** The version the CapabilityStatement names (the server package's). */
const ENGRAFT_VERSION = '0.1.0';

export interface AppDeps {
  db: Database;
  config: Config;
  /** The centre's calendar date today (injectable for tests). */
  today: () => string;
  /** Request log: on (stdout), off, or to a stream (tests). Bodies are never logged; query values are redacted. */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** The donor registry searched by the donor-search routes (default: loaded in the background from the configured files). */
  donors?: DonorRegistrySource;
  /** Longest pause (ms) of a lab import between chunks while other requests are in flight (default 50; 0: none). */
  importPauseMs?: number;
  /** Rows per chunk transaction of a lab import (default: the service's for the database; benches compare sizes). */
  importChunkRows?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    routeTable: RouteEntry[];
    donorRegistry: DonorRegistrySource;
  }
}

export type App = FastifyInstance;

/** Problem `code` while a reset password has not been changed; the web app shows the change form. */
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';
const PASSWORD_CHANGE_ROUTES = new Set([
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/password',
]);
export type TypedApp = FastifyInstance<
  FastifyInstance['server'],
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Fastify's trustProxy: a hop count becomes "trust the first N hops". */
function trustProxyOption(
  v: boolean | number | string[] | undefined
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof v === 'number') return (_address, hop) => hop < v;
  return v ?? false;
}

/** Builds the HTTP adapter over the services. Holds no state of its own: everything lives in the database. */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/** The Content Security Policy of every page, the API docs included. */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
} as const;

export async function buildApp(deps: AppDeps): Promise<App> {
  const serializerCompiler = contractSerializerCompiler({
    strict: deps.config.strictResponses ?? false,
    // logged also with the request log off (as every 500 is): paths only, never values
    onMismatch: (message) =>
      serverErrorSink.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: message })}\n`),
  });
  const app = Fastify({
    // The zod compilers for every route, given as Fastify's compiler factories (what setValidatorCompiler and
    // setSerializerCompiler amount to): Fastify then never loads its default Ajv and fast-json-stringify
    // compilers, ~0.2 s of CPU at every start (issue 15 §4).
    // Fastify types the factories for JSON Schema; the route schemas here are zod, as with setValidatorCompiler.
    schemaController: {
      compilersFactory: {
        buildValidator: () => validatorCompiler,
        buildSerializer: () => serializerCompiler,
      } as unknown as CompilersFactory,
    },
    logger: deps.logger
      ? {
          level: 'info',
          ...(typeof deps.logger === 'object' ? { stream: deps.logger.stream } : {}),
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
          serializers: {
            // Search terms (patient names, MRNs) are patient data: no query value reaches the log.
            req: (req: { method: string; url: string; ip?: string }) => ({
              method: req.method,
              url: redactedUrl(req.url),
              remoteAddress: req.ip,
            }),
          },
        }
      : false,
    // X-Forwarded-For is believed only from the configured proxies (ENGRAFT_TRUST_PROXY); by default the client
    // address is the socket's, so a rotating header cannot get round the per-address limits.
    trustProxy: trustProxyOption(deps.config.trustProxy),
  });
  app.decorate('deps', deps);
  setTwoPersonNewAccountDays(deps.config.twoPersonNewAccountDays ?? 7);
  // The registry starts loading now, in the background: the server answers meanwhile (donor routes with 503).
  const donors = deps.config.donors;
  app.decorate(
    'donorRegistry',
    deps.donors ??
      fileDonorRegistry({
        dataDir: deps.config.dataDir,
        imgtDir: donors?.imgtDir,
        snapshot: donors?.snapshot,
        macFile: donors?.macFile,
        threads: donors?.threads,
        rankThreads: donors?.rankThreads,
        fetchRelease: releaseFetcherOf(deps.config),
        demo: demoOptionsOf(deps.config, deps.db),
      })
  );
  app.addHook('onClose', async () => app.donorRegistry.close());
  app.decorate('routeTable', [] as RouteEntry[]);
  app.setErrorHandler(errorHandler);
  registerRequestsInFlight(app, deps.importPauseMs);
  registerInputGuards(app);

  app.addHook('onRoute', (opts) => {
    assertResponseContract(opts);
    if (!opts.url.startsWith('/api/v1') && !opts.url.startsWith('/fhir/R4')) return;
    const access = opts.config?.access;
    if (!access) throw new Error(`route ${String(opts.method)} ${opts.url} must declare config.access`);
    for (const method of [opts.method].flat()) {
      if (method !== 'HEAD') {
        app.routeTable.push({ method, url: opts.url, access, responseContract: opts.config?.responseContract });
      }
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, upgradeInsecureRequests: null } },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Engraft API',
        version: '1',
        description: 'HCT and cellular therapy platform. Errors are RFC 9457 problem+json.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  // The docs page gets the app's own policy: swagger-ui's default one forbids the inline styles its UI sets (a CSP
  // error on every load); no validator badge is fetched from outside.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: Object.fromEntries(
      Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), [...v]])
    ),
    uiConfig: { validatorUrl: null },
  });

  const attempts = new AttemptLimiter(60_000);
  const perAccount = deps.config.passwordRatePerAccountPerMinute ?? 10;
  const audited = new WeakSet<object>();
  const deny = (req: FastifyRequest, reply: FastifyReply, status: 401 | 403, detail: string, code?: string) => {
    audited.add(req);
    void auditDenied(req, status, detail);
    return sendProblem(reply, problem(status, detail, undefined, code));
  };
  /** Denied requests are audited (who, which route, why), never their bodies or query strings. */
  const auditDenied = async (req: FastifyRequest, status: number, detail: string): Promise<void> => {
    try {
      const who = req.auth
        ? { userId: req.auth.userId, username: req.auth.username, centreId: req.auth.centreId }
        : { userId: null, username: 'anonymous', centreId: null };
      // one statement (audit_append), atomic on its own: no transaction round trips on a path an attacker can drive
      await appendAudit(deps.db, who, {
        action: 'access-denied',
        entityType: 'request',
        after: {
          status,
          method: req.method,
          route: req.routeOptions.url ?? null,
          path: redactedUrl(req.url),
          address: req.ip,
          detail,
        },
      });
    } catch (err) {
      req.log.error({ err: { message: (err as Error).message } }, 'could not audit a denied request');
    }
  };

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    // /fhir/R4 authenticates in its own plugin (session or client token; OperationOutcome refusals).
    if (req.routeOptions.url?.startsWith('/fhir/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const auth = token ? await resolveSession(deps.db, deps.config.session.idleMs, token) : undefined;
    if (!auth || !token) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return deny(req, reply, 401, token ? 'your session has ended; sign in again' : 'sign in to use this');
    }
    req.auth = auth;
    if (isUnsafeMethod(req.method) && req.headers[CSRF_HEADER] !== auth.csrfToken) {
      return deny(req, reply, 403, `missing or wrong ${CSRF_HEADER} header (CSRF protection)`);
    }
    if (!auth.roles.some((r) => access.includes(r))) {
      return deny(req, reply, 403, `this needs one of the roles: ${access.join(', ')}`);
    }
    if (auth.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) {
      return deny(
        req,
        reply,
        403,
        'your password was reset by an administrator: set a new password before anything else',
        PASSWORD_CHANGE_REQUIRED
      );
    }
    req.sessionToken = token;
  });

  // Every password check (sign-in, second-person re-authentication, password change) is limited per client
  // address and per account, whatever route carries it.
  app.addHook('preValidation', async (req, reply) => {
    if (!req.url.startsWith('/api/v1') || !isUnsafeMethod(req.method)) return;
    const check = passwordCheckOf(req.body);
    if (!check) return;
    const account = check.username ?? req.auth?.username;
    const byAddress = attempts.take(`addr:${req.ip}`, deps.config.loginRatePerMinute);
    const byAccount = account ? attempts.take(`acct:${account}`, perAccount) : { ok: true, retryAfterSeconds: 0 };
    if (!byAddress.ok || !byAccount.ok) {
      reply.header('retry-after', String(Math.max(byAddress.retryAfterSeconds, byAccount.retryAfterSeconds)));
      return sendProblem(reply, problem(429, 'too many password attempts; wait a minute and try again'));
    }
  });

  // Answers with patient data must not be kept by browsers or proxies.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/v1') && !(req.method === 'GET' && req.routeOptions.config.access === 'public')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
  // 401/403 answered by a route or service (not the hook above) are audited too; sign-in failures are audited as such.
  app.addHook('onResponse', async (req, reply) => {
    if (!req.url.startsWith('/api/v1') || audited.has(req) || (reply.statusCode !== 401 && reply.statusCode !== 403)) {
      return;
    }
    if (req.method === 'POST' && req.routeOptions.url === '/api/v1/session') return;
    await auditDenied(req, reply.statusCode, 'refused by the route');
  });

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      registerSystemRoutes(typed);
      registerSessionRoutes(typed);
      registerUserRoutes(typed);
      registerPatientRoutes(typed);
      registerPatientHlaRoutes(typed);
      registerFamilyRoutes(typed);
      registerFamilyDonorRoutes(typed);
      registerEpisodeRoutes(typed);
      registerAuditRoutes(typed);
      registerBackupRoutes(typed);
      registerClinicalRoutes(typed);
      registerMonitoringRoutes(typed);
      registerLabCorrectionRoutes(typed);
      registerHl7ReviewRoutes(typed);
      registerSettingsRoutes(typed);
      registerOutcomeRoutes(typed);
      registerWorklistRoutes(typed);
      registerRegistryReportRoutes(typed);
      registerDonorSearchRoutes(typed);
      registerReferenceDataRoutes(typed);
      registerFrequencySetRoutes(typed);
      registerDonorCollectionRoutes(typed);
      registerConditioningRoutes(typed);
      registerConditioningAdministrationRoutes(typed);
      registerManufacturingRoutes(typed);
      registerInfusionRoutes(typed);
      registerProductRoutes(typed);
      registerFhirClientRoutes(typed);
      api.all(
        '/*',
        { config: { access: 'public', responseContract: 'not-found' }, schema: { hide: true } },
        (req, reply): unknown => sendProblem(reply, problem(404, `no API route ${req.method} ${req.url}`))
      );
    },
    { prefix: '/api/v1' }
  );
  await registerFhirApi(app, ENGRAFT_VERSION);
  await registerWebApp(app, deps.config.webDir);
  return app;
}

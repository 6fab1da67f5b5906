import { existsSync } from 'node:fs';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessControl } from './access/authenticate.js';
import { mfaRoutes } from './access/mfa-routes.js';
import { sessionRoutes } from './access/session-routes.js';
import { userRoutes } from './access/user-routes.js';
import { webauthnRoutes } from './access/webauthn-routes.js';
import { runWithAuditChainMode, type AuditChainMode } from './audit/append.js';
import { auditRoutes } from './audit/routes.js';
import { evacuationRoutes } from './corridors/routes.js';
import type { Db } from './db/open.js';
import { HttpProblem, installProblemHandlers, sendNotFound } from './http/problems.js';
import { identityReviewRoutes } from './identity-review/routes.js';
import { createPersonIndex, type PersonIndexOptions } from './identity/person-index.js';
import type { Keyring } from './protection/keyring.js';
import { registrationRoutes } from './registrations/routes.js';
import { siteRoutes } from './sites/routes.js';
import { statisticsRoutes } from './statistics/routes.js';
import { subjectRightsRoutes } from './subject-rights/routes.js';
import { temporaryProtectionRoutes } from './temporary-protection/routes.js';
import { cashAssistanceRoutes } from './cash-assistance/routes.js';

export interface AppOptions {
  readonly db: Db;
  /** Data keys for the sealed fields (protection-class needs, notes). */
  readonly keyring: Keyring;
  /** Origins of other web apps allowed to call the API from a browser; none by default. */
  readonly corsOrigins?: readonly string[] | undefined;
  /** Requests per minute per client address across the API (sign-in has its own, lower limit). */
  readonly requestsPerMinute?: number | undefined;
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-* headers (client address, https). */
  readonly trustProxy?: boolean | undefined;
  /** Folder of the built web app to serve at /; omitted in API-only tests. */
  readonly webRoot?: string | undefined;
  /** Log level of the request log; no log when absent. */
  readonly logLevel?: string | undefined;
  /**
   * Roles that read people must pass a second factor (TOTP) after the password (issue 7).
   * On unless turned off: `haven start` turns it off for a demo database only.
   */
  readonly requireMfa?: boolean | undefined;
  /**
   * BENCHMARK ONLY (`npm run bench:audit`): 'global' puts every audit entry in one chain, 'off'
   * writes none. Production always runs 'per-country', the default.
   */
  readonly auditChains?: AuditChainMode | undefined;
  /** How the identity match index loads and follows other processes' writes. */
  readonly personIndex?: PersonIndexOptions | undefined;
}

export const API_PREFIX = '/api/v1';
/** A whole household with documents is a few kilobytes; anything near a megabyte is not a registration. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel
      ? {
          level: options.logLevel,
          // The path only: query strings carry names, birth dates and document numbers searched for.
          serializers: {
            req: (request: { method: string; url: string; id: string }) => ({
              id: request.id,
              method: request.method,
              path: request.url.split('?')[0],
            }),
          },
        }
      : false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => crypto.randomUUID(),
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  // The API speaks JSON only; anything else is a 415, not a string handed to the validators.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and Swagger UI set style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind TLS: on a plain-HTTP network (a laptop in a tent) it would break every request.
        upgradeInsecureRequests: options.trustProxy ? [] : null,
      },
    },
    // Browsers ignore HSTS over plain HTTP; sent only when a TLS proxy fronts Haven.
    strictTransportSecurity: options.trustProxy ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCors, {
    origin:
      options.corsOrigins && options.corsOrigins.length > 0 ? [...options.corsOrigins] : false,
    credentials: true,
  });
  await app.register(fastifyRateLimit, {
    max: options.requestsPerMinute ?? 1_000,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, 'rate-limited', `Too many requests; retry in ${context.after}`),
  });
  const auditChains = options.auditChains ?? 'per-country';
  if (auditChains !== 'per-country') {
    // The handler runs inside done(): every appendAudit of the request sees the mode.
    app.addHook('preHandler', (_request, _reply, done) => {
      runWithAuditChainMode(auditChains, done);
    });
  }
  const requireMfa = options.requireMfa ?? true;
  await app.register(accessControl, { db: options.db, apiPrefix: API_PREFIX, requireMfa });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Haven API',
        version: '1',
        description:
          'Registration of people displaced from Ukraine at crossings and reception centres. Errors are RFC 9457 problem+json. Sign in with POST /session (cookie + X-CSRF-Token header) or send an API token as "Authorization: Bearer …". Each operation names the permission it needs (x-required-permission); the roles that hold it are in the access policy.',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'haven_session',
            description:
              'Set by POST /session. Unsafe methods also need the X-CSRF-Token header from that answer.',
          },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token (haven_…) created at POST /tokens; hashed at rest, expiring.',
          },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs` });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
      api.get(
        '/health',
        {
          schema: {
            summary: 'Liveness',
            tags: ['system'],
            response: { 200: z.object({ status: z.literal('ok') }) },
          },
        },
        async () => ({ status: 'ok' as const }),
      );
      const { db, keyring } = options;
      // Rebuilt from the database at every start, in the background: until it is ready,
      // registrations are taken and their match answers say 'loading' (#3 item 4).
      const personIndex = createPersonIndex(db, keyring, options.personIndex);
      const loadStartedMs = performance.now();
      void personIndex
        .load(db, (error) => {
          app.log.error({ err: error }, 'the identity match index: loading or catching up failed');
        })
        .then(() => {
          if (personIndex.state === 'ready') {
            const { heapUsed, rss } = process.memoryUsage();
            app.log.info(
              {
                persons: personIndex.size,
                loadMs: Math.round(performance.now() - loadStartedMs),
                heapUsedMiB: Math.round(heapUsed / 2 ** 20),
                rssMiB: Math.round(rss / 2 ** 20),
              },
              'the identity match index is ready',
            );
          }
        });
      api.addHook('onClose', () => personIndex.stop());
      await api.register(sessionRoutes, { db, requireMfa });
      await api.register(mfaRoutes, { db, keyring, requireMfa });
      await api.register(webauthnRoutes, { db, requireMfa });
      await api.register(userRoutes, { db });
      await api.register(siteRoutes, { db });
      await api.register(registrationRoutes, { db, keyring, personIndex });
      await api.register(subjectRightsRoutes, { db, keyring });
      await api.register(statisticsRoutes, { db });
      await api.register(auditRoutes, { db });
      await api.register(identityReviewRoutes, { db, keyring });
      await api.register(evacuationRoutes, { db, keyring });
      await api.register(temporaryProtectionRoutes, { db });
      await api.register(cashAssistanceRoutes, { db, keyring });
      api.setNotFoundHandler(sendNotFound);
    },
    { prefix: API_PREFIX },
  );

  const webRoot = options.webRoot && existsSync(options.webRoot) ? options.webRoot : undefined;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  }
  // Client-side routes (/registrations/…) all load the single-page app; anything else is a 404 problem.
  app.setNotFoundHandler((request, reply) =>
    webRoot && request.method === 'GET' && request.headers.accept?.includes('text/html')
      ? reply.sendFile('index.html')
      : sendNotFound(request, reply),
  );
  return app;
}

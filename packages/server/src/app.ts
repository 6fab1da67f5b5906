import { existsSync } from 'node:fs';
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
import type { Db } from './db/open.js';
import { installProblemHandlers, sendNotFound } from './http/problems.js';
import { registrationRoutes } from './registrations/routes.js';
import { siteRoutes } from './sites/routes.js';

export interface AppOptions {
  readonly db: Db;
  /** Folder of the built web app to serve at /; omitted in API-only tests. */
  readonly webRoot?: string | undefined;
  /** Log level of the request log; no log when absent. */
  readonly logLevel?: string | undefined;
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
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  // The API speaks JSON only; anything else is a 415, not a string handed to the validators.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Haven API',
        version: '1',
        description:
          'Registration of people displaced from Ukraine at crossings and reception centres. Errors are RFC 9457 problem+json.',
      },
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
      await api.register(siteRoutes, { db: options.db });
      await api.register(registrationRoutes, { db: options.db });
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

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { alertRoutes } from './alert-routes.js';
import { checkInRoutes } from './check-in-routes.js';
import { corridorRoutes } from './corridor-routes.js';
import { diversionRoutes } from './diversion-routes.js';
import { manifestRoutes } from './manifest-routes.js';
import type { CorridorRouteOptions } from './options.js';
import { runRoutes } from './run-routes.js';

/** Humanitarian corridors and evacuations (issue 5): every route of the area. */
export const evacuationRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  options,
) => {
  await app.register(corridorRoutes, options);
  await app.register(runRoutes, options);
  await app.register(diversionRoutes, options);
  await app.register(manifestRoutes, options);
  await app.register(checkInRoutes, options);
  await app.register(alertRoutes, options);
};

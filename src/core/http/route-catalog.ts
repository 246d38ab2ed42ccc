import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  method: string;
  url: string;
}

const catalogs = new WeakMap<object, RouteInfo[]>();

/** Records every route as Fastify registers it, so tests can walk the real router. */
export function recordRoutes(fastify: FastifyInstance): void {
  const routes: RouteInfo[] = [];
  catalogs.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
}

export function listRoutes(fastify: FastifyInstance): RouteInfo[] {
  return [...(catalogs.get(fastify) ?? [])];
}

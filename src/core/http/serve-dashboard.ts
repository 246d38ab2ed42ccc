import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listRoutes } from './route-catalog';

/** `web/dist` at the repository root, from src/core/http (ts) or dist/src/core/http (compiled). */
export function dashboardDir(): string | undefined {
  for (const up of ['../../..', '../../../..']) {
    const dir = resolve(__dirname, up, 'web', 'dist');
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

/**
 * Serves the built dashboard (web/dist) at `/` with an SPA fallback: a GET for an unknown path
 * that accepts text/html and is not under an API route's first segment gets index.html, so deep
 * links like /servers/<id>/files survive a reload. Everything else (API 404s, JSON clients,
 * unknown assets) goes to the normal not-found handler and stays a JSON envelope.
 * Registers a single `GET /*` route; does nothing when the dashboard is not built.
 */
export async function serveDashboard(app: NestFastifyApplication): Promise<void> {
  const root = dashboardDir();
  if (!root) return;
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true });

  let apiPrefixes: Set<string> | undefined;
  const isApiPath = (rel: string): boolean => {
    apiPrefixes ??= new Set(
      listRoutes(fastify)
        .filter((r) => r.url !== '/*')
        .map((r) => r.url.split('/')[1])
        .filter((s): s is string => !!s && !s.startsWith(':')),
    );
    return apiPrefixes.has(rel.split('/')[0]);
  };
  const isFile = (rel: string): boolean => {
    if (!rel || rel.split('/').some((s) => s === '..' || s.startsWith('.'))) return false;
    const abs = resolve(root, rel);
    if (!abs.startsWith(root + sep)) return false;
    try {
      return statSync(abs).isFile();
    } catch {
      return false;
    }
  };

  fastify.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const rel = (request.params as Record<string, string>)['*'] ?? '';
    const sendFile = (reply as unknown as { sendFile(p: string, opts?: object): FastifyReply }).sendFile.bind(reply);
    if (isFile(rel)) {
      // Hashed build assets never change; everything else is revalidated.
      const immutable = rel.startsWith('assets/');
      return sendFile(rel, immutable ? { maxAge: '365d', immutable: true } : { maxAge: 0 });
    }
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (rel === '' || (wantsHtml && !isApiPath(rel) && !/\.[a-z0-9]{1,8}$/i.test(rel))) {
      void reply.header('cache-control', 'no-cache');
      return sendFile('index.html', { maxAge: 0 });
    }
    return reply.callNotFound();
  });
}

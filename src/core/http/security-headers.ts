import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';
import { AppConfig, servedOverHttps } from '../config/app-config';

type Directives = Record<string, string[]>;

/**
 * The policy of every response (JSON API, errors, files): only our own origin, never framed,
 * no inline script anywhere.
 */
export function baseDirectives(https: boolean): Directives {
  const directives: Directives = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    // 'self' covers same-origin ws:/wss: (console, events) in CSP level 3 browsers.
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
  };
  if (https) directives['upgrade-insecure-requests'] = [];
  return directives;
}

/**
 * HTML pages (the dashboard at `/*`, the API explorer at `/api.html`): the same, plus inline
 * *styles* — xterm.js (the console page) injects <style> elements and style attributes, and
 * Swagger UI's page carries inline <style> blocks. Scripts stay 'self' only: the Vite build and
 * Swagger UI load every script from a file.
 */
export function pageDirectives(https: boolean): Directives {
  return { ...baseDirectives(https), 'style-src': ["'self'", "'unsafe-inline'"] };
}

const isPage = (url: string) => url === '/*' || url === '/api.html' || url.startsWith('/api.html/') || url.startsWith('/api.html-');

/**
 * Security headers on every reply through @fastify/helmet: CSP (frame-ancestors 'none'),
 * X-Content-Type-Options nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer, and HSTS
 * only when PUBLIC_URL is https (HSTS on a plain-http deployment would lock browsers out).
 * Call before any route is registered: the page routes get their policy from an onRoute hook.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const https = servedOverHttps(config);
  const fastify = app.getHttpAdapter().getInstance();
  const page = { contentSecurityPolicy: { useDefaults: false, directives: pageDirectives(https) } };
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (isPage(route.url)) route.config = { ...(route.config ?? {}), helmet: page } as never;
  });
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: baseDirectives(https) },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
  } as never);
}

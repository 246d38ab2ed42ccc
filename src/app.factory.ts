import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule, AppModuleOptions } from './app.module';
import { AppConfig, trustedProxies } from './core/config/app-config';
import { MetricsService } from './core/metrics/metrics.service';
import { setupOpenApi } from './core/openapi/openapi';
import { recordRoutes } from './core/http/route-catalog';
import { inputGuardServerOptions, registerInputGuards } from './core/http/input-guard';
import { FilesModule } from './modules/files/files.module';
import { COMPAT_FRAMEWORK_ERROR_SHAPES } from './modules/compat/framework-error-shapes';
import { serveDashboard } from './core/http/serve-dashboard';
import { registerSecurityHeaders } from './core/http/security-headers';
import { NestLogger } from './core/logging/logging';
import { installHttpDrain } from './core/http/graceful-shutdown';
import { DbConnectionRetryInterceptor } from './core/http/db-retry.interceptor';
import { OutpostWsAdapter } from './core/ws/ws-adapter';

export interface CreateAppOptions extends AppModuleOptions {
  /** Keep Nest's own boot logs quiet (tests). */
  quiet?: boolean;
}

/** Builds the fully configured application; main.ts, tests and the OpenAPI writer all use this. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // request.ip (rate limits, login lockout, audit) honours X-Forwarded-For only from TRUST_PROXY's addresses.
  const adapter = new FastifyAdapter({
    ...inputGuardServerOptions(COMPAT_FRAMEWORK_ERROR_SHAPES),
    bodyLimit: config.BODY_LIMIT,
    trustProxy: trustedProxies(config),
    routerOptions: { ignoreTrailingSlash: true },
  } as never);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    // Bodies are parsed by registerInputGuards (JSON only, depth and NUL checked), not by Nest's parsers.
    bodyParser: false,
    logger: options.quiet ? false : undefined,
    abortOnError: false,
  });
  if (!options.quiet) app.useLogger(new NestLogger(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();
  recordRoutes(fastify);
  registerInputGuards(fastify, config.BODY_LIMIT);
  await app.register(fastifyCookie as never);
  await registerSecurityHeaders(app, config);
  // While main.ts drains for a shutdown, new requests get the 503 envelope (with the security headers) before auth or
  // the database; Fastify's own return503OnClosing only starts inside app.close(), after the drain, and is not enveloped.
  installHttpDrain(app);
  await FilesModule.configureFastify(fastify);

  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  await serveDashboard(app);
  setupOpenApi(app);
  // After the module-registered global interceptors (envelope, audit): innermost, so a retry re-runs only the handler.
  app.useGlobalInterceptors(new DbConnectionRetryInterceptor());
  // The WebSocket gateways (console, agent) and the server's one `upgrade` listener.
  app.useWebSocketAdapter(new OutpostWsAdapter(app));
  await app.init();
  return app;
}

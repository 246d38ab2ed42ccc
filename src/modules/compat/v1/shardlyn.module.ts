import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HealthController } from '../../../core/health/health.controller';
import { DOMAIN_HEADER } from '../../auth/domain.guard';
import { CompatErrorShape } from '../shared/compat-error-shape';
import { V1AuthController } from './v1-auth.controller';
import { V1HealthController } from './v1-health.controller';
import { V1OrganizationsController } from './v1-organizations.controller';
import { V1UnsupportedController } from './v1.unsupported';
import { V1UsersController } from './v1-users.controller';
import { resetHeaderToEpoch } from './v1.mapping';

/** The raw path is the dialect's: errors of unknown /v1 routes (404) take its shape too. */
export const isV1Request = (request: FastifyRequest): boolean => request.url === '/v1' || request.url.startsWith('/v1/') || request.url.startsWith('/v1?');

const ORG_ROUTE = /^\/v1\/organizations\/:orgId(\/|$)/;

/**
 * The Shardlyn `/v1` dialect (seed 001): a thin adapter over the identity services — replies are
 * bare snake_case JSON, errors `{ error }`, `X-RateLimit-Reset` an epoch time. Routes of
 * capabilities Outpost lacks answer 501. See docs/compat-v1.md.
 */
@Module({
  controllers: [V1AuthController, V1UsersController, V1OrganizationsController, V1HealthController, V1UnsupportedController],
  providers: [CompatErrorShape, HealthController],
})
export class ShardlynModule implements OnModuleInit {
  constructor(
    private readonly errorShape: CompatErrorShape,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    this.errorShape.use(isV1Request);
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (!fastify?.addHook) return;
    // `{orgId}` in the path is the tenant: it becomes the domain header before the global guards run, so
    // DomainGuard checks it exactly as it checks x-takaro-domain (no second resolver). The path wins over a sent header.
    fastify.addHook('onRequest', async (request: FastifyRequest) => {
      if (!ORG_ROUTE.test(request.routeOptions?.url ?? '')) return;
      const orgId = (request.params as Record<string, string> | undefined)?.orgId;
      if (typeof orgId === 'string') request.headers[DOMAIN_HEADER] = orgId;
    });
    // @nestjs/throttler sends seconds until the window resets; seed 001 shows an epoch time.
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (!isV1Request(request)) return payload;
      const epoch = resetHeaderToEpoch(reply.getHeader('X-RateLimit-Reset'), Date.now());
      if (epoch !== undefined) void reply.header('X-RateLimit-Reset', epoch);
      return payload;
    });
  }
}

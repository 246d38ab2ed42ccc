import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GameServerModule } from '../../gameserver/gameserver.module';
import { NodeModule } from '../../node/node.module';
import { WorkloadModule } from '../../workload/workload.module';
import { SkyportController } from './skyport.controller';
import { SkyportApiKeyGuard } from './skyport.guard';
import { SkyportService } from './skyport.service';

const SKYPORT_ROUTES = new Set([
  '/api/users',
  '/api/getUser',
  '/api/users/create',
  '/api/instances',
  '/api/instances/deploy',
  '/api/instance/delete',
  '/api/getUserInstance',
  '/api/getInstance',
  '/api/images',
  '/api/nodes',
  '/api/nodes/create',
  '/api/nodes/delete',
]);

/** Outpost's error envelope `{ meta: { error }, data: null }` → Skyport's `{ error }`; anything else unchanged. */
export function reshapeEnvelopeError(payload: unknown): unknown {
  const error = (payload as { meta?: { error?: { message?: unknown } } } | null)?.meta?.error;
  if (!error || (payload as { data?: unknown }).data !== null) return payload;
  return { error: typeof error.message === 'string' ? error.message : 'Bad request' };
}

/** Skyport panel API compatibility (`/api/*` with `x-api-key`). */
@Module({
  imports: [NodeModule, WorkloadModule, GameServerModule],
  controllers: [SkyportController],
  providers: [SkyportService, SkyportApiKeyGuard],
})
export class SkyportModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Errors raised before the route's handler runs (a malformed JSON body, a wrong content type,
   * a body over the limit) are answered by Fastify's error path with Outpost's envelope; on the
   * Skyport routes they are reshaped to `{ error }` too. Status codes are unchanged.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('preSerialization', async (request: FastifyRequest, _reply, payload: unknown) => (SKYPORT_ROUTES.has(request.routeOptions?.url ?? '') ? reshapeEnvelopeError(payload) : payload));
  }
}

import { Module, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GameServerModule } from '../../gameserver/gameserver.module';
import { NodeModule } from '../../node/node.module';
import { WorkloadModule } from '../../workload/workload.module';
import { CompatErrorShape } from '../shared/compat-error-shape';
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

/** Kept here for existing importers; the function lives in the shared compat error shape. */
export { reshapeEnvelopeError } from '../shared/compat-error-shape';

/** Skyport panel API compatibility (`/api/*` with `x-api-key`). */
@Module({
  imports: [NodeModule, WorkloadModule, GameServerModule],
  controllers: [SkyportController],
  providers: [SkyportService, SkyportApiKeyGuard, CompatErrorShape],
})
export class SkyportModule implements OnModuleInit {
  constructor(private readonly errorShape: CompatErrorShape) {}

  /**
   * Errors raised before the route's handler runs (a malformed JSON body, a wrong content type,
   * a body over the limit) are answered by Fastify's error path with Outpost's envelope; on the
   * Skyport routes they are reshaped to `{ error }` too. Status codes are unchanged.
   */
  onModuleInit(): void {
    this.errorShape.use((request: FastifyRequest) => SKYPORT_ROUTES.has(request.routeOptions?.url ?? ''));
  }
}

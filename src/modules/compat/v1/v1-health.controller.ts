import { Controller, Get } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthController } from '../../../core/health/health.controller';
import { ReadinessDTO } from '../../../core/health/health.dto';
import { Public } from '../../../core/http/public.decorator';
import { ApiEnvelope } from '../../../core/openapi/envelope-schema';

/**
 * Seed 001's `GET /ready`, the readiness probe's alias: the same check and the same reply as
 * Outpost's `/health/ready` (which, like `/health`, `/health/live` and `/health/detailed`, seed
 * clients reach as they are). The check itself is HealthController's, used here as a provider.
 */
@ApiTags('v1')
@Controller()
@Public()
export class V1HealthController {
  constructor(private readonly health: HealthController) {}

  @Get('ready')
  @ApiEnvelope(ReadinessDTO, { description: 'The database is reachable (Redis is reported, not required)' })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable' })
  ready() {
    return this.health.ready();
  }
}

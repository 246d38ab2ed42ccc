import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RawResponse } from '../http/envelope';
import { OperatorOnly } from '../../modules/auth/operator.decorator';
import { MetricsService } from './metrics.service';

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Instance admins, or `Authorization: Bearer <METRICS_TOKEN>` (Prometheus scrapers). */
  @Get('metrics')
  @OperatorOnly()
  @RawResponse()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

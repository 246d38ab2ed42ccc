import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '../../core/jobs/jobs.module';
import { GameServerModule } from '../gameserver/gameserver.module';
import { Integration } from './entities/integration.entity';
import { IntegrationDelivery } from './entities/integration-delivery.entity';
import { IntegrationController } from './integration.controller';
import { IntegrationDeliveries } from './integration-deliveries.service';
import { IntegrationSecrets, IntegrationSender } from './integration-sender.service';
import { IntegrationWorker } from './integration-worker.service';
import { IntegrationDeliveryRepository, IntegrationRepository } from './integration.repository';
import { IntegrationService } from './integration.service';

/**
 * Integrations: a domain's events (server state and crashes, alerts, backups, members, nodes)
 * delivered to Discord, Slack, signed generic webhooks and email.
 *
 * - Durable: an event inserts one `integration_delivery` per subscribed integration and enqueues
 *   its `integration.deliver` pg-boss job in the same transaction (IntegrationDeliveries).
 * - Retried with backoff by the worker itself (DELIVERY_RETRY_SECONDS, doubling, at most
 *   DELIVERY_MAX_ATTEMPTS), so every attempt is in the log; 410 from Discord/Slack fails at once.
 * - Every request goes through the outbound guard (src/core/net/outbound.ts): a tenant's URL
 *   cannot reach the platform's own network, on the first hop or after a redirect.
 * - Secrets are sealed (SecretBox, purpose `integration-secret`) and never returned, except a
 *   webhook's new signing secret once.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Integration, IntegrationDelivery]), JobsModule, GameServerModule],
  controllers: [IntegrationController],
  providers: [IntegrationRepository, IntegrationDeliveryRepository, IntegrationDeliveries, IntegrationSecrets, IntegrationSender, IntegrationWorker, IntegrationService],
  exports: [IntegrationService],
})
export class IntegrationModule {}

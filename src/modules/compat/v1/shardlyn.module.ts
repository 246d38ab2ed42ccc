import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HealthController } from '../../../core/health/health.controller';
import { DOMAIN_HEADER } from '../../auth/domain.guard';
import { CompatErrorShape } from '../shared/compat-error-shape';
import { V1AuthController } from './v1-auth.controller';
import { GameServerModule } from '../../gameserver/gameserver.module';
import { ConsoleModule } from '../../console/console.module';
import { BackupModule } from '../../backup/backup.module';
import { DeployModule } from '../../deploy/deploy.module';
import { FilesModule } from '../../files/files.module';
import { V1InstancesController } from './v1-instances.controller';
import { V1InstanceMonitoringController } from './v1-instance-monitoring.controller';
import { V1InstanceBackupsController } from './v1-instance-backups.controller';
import { V1InstanceFilesController } from './v1-instance-files.controller';
import { V1DeployController } from './v1-deploy.controller';
import { V1OneClickController } from './v1-oneclick.controller';
import { V1OneClickService } from './v1-oneclick.service';
import { V1NodeMigrationService } from './v1-migrate.service';
import { V1RealtimeController } from './v1-realtime.controller';
import { V1LogsGateway } from './v1-realtime.gateway';
import { MigrationModule } from '../../migration/migration.module';
import { V1PterodactylController } from './v1-migrations.controller';
import { V1HealthController } from './v1-health.controller';
import { V1OrganizationsController } from './v1-organizations.controller';
import { NodeModule } from '../../node/node.module';
import { WorkloadModule } from '../../workload/workload.module';
import { V1NodesController } from './v1-nodes.controller';
import { V1NodeMigrateController } from './v1-node-migrate.controller';
import { V1PlannerController } from './v1-planner.controller';
import { V1WorkloadsController } from './v1-workloads.controller';
import { V1UnsupportedController } from './v1.unsupported';
import { AlertModule } from '../../alert/alert.module';
import { IntegrationModule } from '../../integration/integration.module';
import { BackupConfigModule } from '../../backup/config/backup-config.module';
import { V1AdminController } from './v1-admin.controller';
import { V1AlertsController } from './v1-alerts.controller';
import { V1BackupConfigController } from './v1-backup-config.controller';
import { V1IntegrationsController, V1WebhookTokensController } from './v1-integrations.controller';
import { V1SettingsController } from './v1-settings.controller';
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
  controllers: [
    V1AuthController,
    V1UsersController,
    V1OrganizationsController,
    V1HealthController,
    V1NodesController,
    V1NodeMigrateController,
    V1WorkloadsController,
    V1PlannerController,
    V1UnsupportedController,
    V1AdminController,
    V1AlertsController,
    V1BackupConfigController,
    V1IntegrationsController,
    V1WebhookTokensController,
    V1SettingsController,
    V1InstancesController,
    V1InstanceMonitoringController,
    V1InstanceBackupsController,
    V1InstanceFilesController,
    V1DeployController,
    V1OneClickController,
    V1RealtimeController,
    V1PterodactylController,
  ],
  imports: [AlertModule, IntegrationModule, BackupConfigModule, NodeModule, WorkloadModule, GameServerModule, ConsoleModule, BackupModule, DeployModule, FilesModule, MigrationModule],
  providers: [CompatErrorShape, HealthController, V1OneClickService, V1NodeMigrationService, V1LogsGateway],
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

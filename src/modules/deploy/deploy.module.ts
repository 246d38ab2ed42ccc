import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilesModule } from '../files/files.module';
import { GameServerModule } from '../gameserver/gameserver.module';
import { DeployController } from './deploy.controller';
import { GitDeployRepository, GitSyncRepository, WebhookEventRepository, WebhookTokenRepository } from './deploy.repository';
import { DeployService } from './deploy.service';
import { GitDeploy, GitSync, WebhookEvent, WebhookToken } from './entities/deploy.entity';
import { GitSyncRunner } from './git-sync.service';
import { WebhookReceiverController, WebhookTokenController } from './webhook.controller';
import { WebhookService } from './webhook.service';

/** Git deploy of game servers (clone on the API, unpacked on the node through Files) and incoming GitHub/GitLab webhooks. */
@Module({
  imports: [TypeOrmModule.forFeature([GitDeploy, GitSync, WebhookToken, WebhookEvent]), GameServerModule, FilesModule],
  controllers: [DeployController, WebhookTokenController, WebhookReceiverController],
  providers: [GitDeployRepository, GitSyncRepository, WebhookTokenRepository, WebhookEventRepository, GitSyncRunner, DeployService, WebhookService],
  exports: [DeployService, WebhookService],
})
export class DeployModule {}

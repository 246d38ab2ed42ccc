import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UpgradeRouterModule } from '../../core/http/upgrade-router';
import { RedisModule } from '../../core/redis/redis.module';
import { AgentBundle } from './agent-bundle';
import { AgentChannel } from './agent-channel.service';
import { NodeMetric } from './entities/node-metric.entity';
import { Node } from './entities/node.entity';
import { AgentRegisterController, NodeController } from './node.controller';
import { NodeMetricRepository, NodeRepository } from './node.repository';
import { NodeService } from './node.service';

@Module({
  imports: [TypeOrmModule.forFeature([Node, NodeMetric]), RedisModule, UpgradeRouterModule],
  controllers: [NodeController, AgentRegisterController],
  providers: [NodeRepository, NodeMetricRepository, NodeService, AgentChannel, AgentBundle],
  exports: [NodeService, AgentChannel],
})
export class NodeModule {}

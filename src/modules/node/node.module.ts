import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisModule } from '../../core/redis/redis.module';
import { AgentBundle } from './agent-bundle';
import { AgentChannel } from './agent-channel.service';
import { AgentGateway, AgentTokenGuard } from './agent.gateway';
import { NodeMetric } from './entities/node-metric.entity';
import { Node } from './entities/node.entity';
import { AgentRegisterController, NodeController } from './node.controller';
import { NodeMetricRepository, NodeRepository } from './node.repository';
import { NodeService } from './node.service';

@Module({
  imports: [TypeOrmModule.forFeature([Node, NodeMetric]), RedisModule],
  controllers: [NodeController, AgentRegisterController],
  providers: [NodeRepository, NodeMetricRepository, NodeService, AgentChannel, AgentBundle, AgentGateway, AgentTokenGuard],
  exports: [NodeService, AgentChannel],
})
export class NodeModule {}

import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeModule } from '../node/node.module';
import { WorkloadModule } from '../workload/workload.module';
import { WorkloadService } from '../workload/workload.service';
import { Allocation } from './entities/allocation.entity';
import { GameServer } from './entities/gameserver.entity';
import { GameServerController, PlannerController } from './gameserver.controller';
import { AllocationRepository, GameServerMetricRepository, GameServerRepository } from './gameserver.repository';
import { GameServerMetric } from './entities/gameserver-metric.entity';
import { GameServerService } from './gameserver.service';
import { GameServerLifecycle } from './lifecycle.service';
import { PlannerService } from './planner.service';

@Module({
  imports: [TypeOrmModule.forFeature([GameServer, Allocation, GameServerMetric]), NodeModule, WorkloadModule],
  controllers: [GameServerController, PlannerController],
  providers: [GameServerRepository, AllocationRepository, GameServerMetricRepository, PlannerService, GameServerLifecycle, GameServerService],
  exports: [GameServerRepository, GameServerLifecycle, GameServerService],
})
export class GameServerModule implements OnModuleInit {
  constructor(
    private readonly servers: GameServerRepository,
    private readonly workloads: WorkloadService,
  ) {}

  /** Workloads refuse deletion while servers use them; the check lives here. */
  onModuleInit(): void {
    this.workloads.inUse = async (domainId, workloadId) => (await this.servers.count(domainId, { workloadId })) > 0;
  }
}

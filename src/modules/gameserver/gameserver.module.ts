import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeModule } from '../node/node.module';
import { WorkloadModule } from '../workload/workload.module';
import { Allocation } from './entities/allocation.entity';
import { GameServer } from './entities/gameserver.entity';
import { GameServerController, PlannerController } from './gameserver.controller';
import { AllocationRepository, GameServerMetricRepository, GameServerRepository } from './gameserver.repository';
import { GameServerMetric } from './entities/gameserver-metric.entity';
import { GameServerService } from './gameserver.service';
import { GameServerAgentEvents } from './agent-events.service';
import { GameServerPower } from './power.service';
import { GameServerRuntime } from './runtime.service';
import { GameServerStates } from './server-state.service';
import { PlannerService } from './planner.service';
import { AllocationController } from './allocation.controller';
import { StartupController } from './startup.controller';
import { AllocationService } from './allocation.service';
import { StartupService } from './startup.service';

@Module({
  imports: [TypeOrmModule.forFeature([GameServer, Allocation, GameServerMetric]), NodeModule, WorkloadModule],
  controllers: [GameServerController, PlannerController, AllocationController, StartupController],
  // The lifecycle in layers, each using only those below it: states → runtime → power → agent events.
  providers: [
    GameServerRepository,
    AllocationRepository,
    GameServerMetricRepository,
    PlannerService,
    GameServerStates,
    GameServerRuntime,
    GameServerPower,
    GameServerAgentEvents,
    GameServerService,
    AllocationService,
    StartupService,
  ],
  exports: [GameServerService, PlannerService],
})
export class GameServerModule {}

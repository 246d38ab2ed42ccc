import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { MetricsQueryDTO } from '../node/dto/node.dto';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { toOutput } from '../../core/http/output';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { GameServerService } from './gameserver.service';
import { PlannerService } from './planner.service';
import { WorkloadService } from '../workload/workload.service';
import {
  GameServerCreateDTO,
  GameServerMetricOutputDTO,
  GameServerOutputDTO,
  GameServerSearchInputDTO,
  GameServerStatsDTO,
  GameServerUpdateDTO,
  CommandDTO,
  InstallLogOutputDTO,
  PowerAction,
  PowerDTO,
  SuggestFitDTO,
  SuggestFitOutputDTO,
} from './dto/gameserver.dto';

@ApiTags('gameserver')
@ApiBearerAuth()
@Controller('gameserver')
export class GameServerController {
  constructor(private readonly servers: GameServerService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('gameserver.read')
  @ApiPagedEnvelope(GameServerOutputDTO)
  search(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: GameServerSearchInputDTO) {
    return this.servers.search(domainId, body, auth.permissions.has('workloads.manage'));
  }

  @Get(':id')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(GameServerOutputDTO)
  get(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.servers.get(domainId, id, auth.permissions.has('workloads.manage'));
  }

  @Post()
  @RequirePermission('gameserver.create')
  @ApiEnvelope(GameServerOutputDTO, { status: 201 })
  create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: GameServerCreateDTO) {
    return this.servers.create(domainId, auth.principal, body, auth.permissions.has('workloads.manage'));
  }

  @Put(':id')
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(GameServerOutputDTO)
  update(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: GameServerUpdateDTO) {
    return this.servers.update(domainId, id, body, auth.permissions.has('workloads.manage'));
  }

  @Delete(':id')
  @RequirePermission('gameserver.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.servers.remove(domainId, id);
    return null;
  }

  private async power(auth: RequestAuth, domainId: DomainId, id: string, action: PowerAction) {
    return this.servers.present(domainId, await this.servers.powerAction(domainId, id, action), auth.permissions.has('workloads.manage'));
  }

  @Post(':id/power')
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiEnvelope(GameServerOutputDTO)
  powerAction(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: PowerDTO) {
    return this.power(auth, domainId, id, body.action);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiEnvelope(GameServerOutputDTO)
  start(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.power(auth, domainId, id, 'start');
  }

  @Post(':id/stop')
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiEnvelope(GameServerOutputDTO)
  stop(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.power(auth, domainId, id, 'stop');
  }

  @Post(':id/restart')
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiEnvelope(GameServerOutputDTO)
  restart(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.power(auth, domainId, id, 'restart');
  }

  @Post(':id/kill')
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiEnvelope(GameServerOutputDTO)
  kill(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.power(auth, domainId, id, 'kill');
  }

  /** Writes one line to the server's console (stdin). */
  @Post(':id/command')
  @HttpCode(200)
  @RequirePermission('gameserver.console')
  @ApiEmptyEnvelope()
  async command(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: CommandDTO) {
    await this.servers.sendCommand(domainId, id, body.command);
    return null;
  }

  /** Runs the template's install script again over the server's files (stopped servers only). */
  @Post(':id/reinstall')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(GameServerOutputDTO)
  async reinstall(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.servers.present(domainId, await this.servers.reinstall(domainId, id), auth.permissions.has('workloads.manage'));
  }

  @Get(':id/stats')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(GameServerStatsDTO)
  stats(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.servers.stats(domainId, id);
  }

  @Get(':id/metrics')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(GameServerMetricOutputDTO, { isArray: true })
  async metrics(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: MetricsQueryDTO) {
    return toOutput(GameServerMetricOutputDTO, await this.servers.metricsHistory(domainId, id, query.from, query.to));
  }

  @Get(':id/install-logs')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(InstallLogOutputDTO)
  async installLogs(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    const server = await this.servers.find(domainId, id);
    return { state: server.state, log: server.installLog };
  }
}

@ApiTags('planner')
@ApiBearerAuth()
@Controller('planner')
export class PlannerController {
  constructor(
    private readonly planner: PlannerService,
    private readonly workloads: WorkloadService,
  ) {}

  /** Which node a server with these needs would go to, and why the others would not. */
  @Post('suggest-fit')
  @HttpCode(200)
  @RequirePermission('gameserver.create')
  @ApiEnvelope(SuggestFitOutputDTO)
  async suggestFit(@CurrentDomain() domainId: DomainId, @Body() body: SuggestFitDTO) {
    const defaults = body.workloadId ? (await this.workloads.find(domainId, body.workloadId)).definition.defaults : { memoryMiB: 1024, cpuPercent: 100, diskMiB: 5120 };
    return this.planner.suggest(domainId, {
      memoryMiB: body.memoryMiB ?? defaults.memoryMiB,
      cpuPercent: body.cpuPercent ?? defaults.cpuPercent,
      diskMiB: body.diskMiB ?? defaults.diskMiB,
      tags: body.tags,
    });
  }
}

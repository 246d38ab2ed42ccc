import { Controller, Delete, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { ConsoleService } from '../../console/console.service';
import { ConsoleLogDownloadQueryDTO, ConsoleLogQueryDTO } from '../../console/dto/console.dto';
import { GameServerService } from '../../gameserver/gameserver.service';
import { MetricsQueryDTO } from '../../node/dto/node.dto';
import { V1Controller, V1NotFound, V1Reply } from './v1.decorators';
import { V1InstallLogsDTO, V1InstanceStatsDTO, V1LogHistoryDTO, V1LogsClearedDTO, V1MetricPointDTO } from './v1-instances.dto';
import { toLogHistory, toMetricPoint, toStats } from './v1-instances.mapping';
import { ID } from './v1-instances.controller';

/**
 * Seed 001's instance monitoring endpoints (stats, metrics history, install logs) and console
 * history (page, download, clear), over the services the native /gameserver and console routes
 * call, with the same permissions. A foreign or unknown id answers 404.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/instances')
export class V1InstanceMonitoringController {
  constructor(
    private readonly servers: GameServerService,
    private readonly console: ConsoleService,
  ) {}

  // ───────────── monitoring ─────────────

  @Get(':id/stats')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'Current resource use (from the node)' })
  @V1Reply(V1InstanceStatsDTO)
  @V1NotFound()
  async stats(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstanceStatsDTO> {
    return toStats(await this.servers.stats(domainId, id));
  }

  @Get(':id/metrics/history')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'Stored samples between from and to (default: the last hour), oldest first' })
  @V1Reply(V1MetricPointDTO, { isArray: true })
  @V1NotFound()
  async metrics(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: MetricsQueryDTO): Promise<V1MetricPointDTO[]> {
    return (await this.servers.metricsHistory(domainId, id, query.from, query.to)).map(toMetricPoint);
  }

  @Get(':id/install-logs')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'Output of the last install run' })
  @V1Reply(V1InstallLogsDTO)
  @V1NotFound()
  async installLogs(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstallLogsDTO> {
    const server = await this.servers.find(domainId, id);
    return { status: server.state, log: server.installLog };
  }

  // ───────────── console history ─────────────

  @Get(':id/logs/history')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'Stored console lines, newest page first (cursor `before` = the previous page’s next_before)' })
  @V1Reply(V1LogHistoryDTO)
  @V1NotFound()
  async logHistory(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: ConsoleLogQueryDTO): Promise<V1LogHistoryDTO> {
    return toLogHistory(await this.console.page(domainId, id, query));
  }

  @Get(':id/logs/download')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text/plain attachment: one `<ISO time> [<stream>] <line>` per line, oldest first', schema: { type: 'string' } })
  @V1NotFound()
  async logDownload(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: ConsoleLogDownloadQueryDTO): Promise<StreamableFile> {
    const { name, stream } = await this.console.download(domainId, id, query);
    const file = `${name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'instance'}-console.log`;
    return new StreamableFile(stream, { type: 'text/plain; charset=utf-8', disposition: `attachment; filename="${file}"` });
  }

  @Delete(':id/logs/clear')
  @ApiParam(ID)
  @RequirePermission('gameserver.manage')
  @ApiOperation({ summary: 'Deletes the stored console history (needs gameserver.manage, as on Outpost)' })
  @V1Reply(V1LogsClearedDTO)
  @V1NotFound()
  async clearLogs(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1LogsClearedDTO> {
    return { deleted: (await this.console.clear(domainId, id)).deleted };
  }
}

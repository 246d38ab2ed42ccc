import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../../auth/auth-context';
import { GameServerService } from '../../gameserver/gameserver.service';
import { PowerAction } from '../../gameserver/dto/gameserver.dto';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1InstanceCreateInputDTO, V1InstanceDTO, V1InstanceUpdateInputDTO } from './v1-instances.dto';
import { fromInstanceCreate, fromInstanceUpdate, toInstance } from './v1-instances.mapping';

export const ID = { name: 'id', format: 'uuid', description: 'The instance (an Outpost game server)' } as const;
const canManageWorkloads = (auth: RequestAuth) => auth.permissions.has('workloads.manage');

/**
 * Seed 001's Instance endpoints (CRUD and power): instances are Outpost game servers of the
 * request's organization; every route calls the service the native /gameserver routes call,
 * with the same permission. A foreign or unknown id answers 404 (the service looks it up in the
 * caller's domain only). Stats, metrics and logs are in V1InstanceMonitoringController, backups in
 * V1InstanceBackupsController, files in V1InstanceFilesController, git deploy in V1DeployController.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/instances')
export class V1InstancesController {
  constructor(private readonly servers: GameServerService) {}

  @Get()
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: "The organization's instances, newest first" })
  @V1Reply(V1InstanceDTO, { isArray: true })
  async list(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1InstanceDTO[]> {
    return (await this.servers.search(domainId, { page: query.page, limit: query.limit }, canManageWorkloads(auth))).items.map(toInstance);
  }

  @Post()
  @RequirePermission('gameserver.create')
  @ApiOperation({ summary: 'Creates an instance of a workload (installed in the background: status `installing`)' })
  @V1Reply(V1InstanceDTO, { status: 201 })
  async create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: V1InstanceCreateInputDTO): Promise<V1InstanceDTO> {
    return toInstance(await this.servers.create(domainId, auth.principal, fromInstanceCreate(body), canManageWorkloads(auth)));
  }

  @Get(':id')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'One instance' })
  @V1Reply(V1InstanceDTO)
  @V1NotFound()
  async get(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstanceDTO> {
    return toInstance(await this.servers.get(domainId, id, canManageWorkloads(auth)));
  }

  @Put(':id')
  @ApiParam(ID)
  @RequirePermission('gameserver.manage')
  @ApiOperation({ summary: 'Changes name, variables, image, resources or auto-restart' })
  @V1Reply(V1InstanceDTO)
  @V1NotFound()
  async update(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1InstanceUpdateInputDTO): Promise<V1InstanceDTO> {
    return toInstance(await this.servers.update(domainId, id, fromInstanceUpdate(body), canManageWorkloads(auth)));
  }

  @Delete(':id')
  @ApiParam(ID)
  @RequirePermission('gameserver.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the instance, its container and its data' })
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.servers.remove(domainId, id);
  }

  // ───────────── power ─────────────

  private async power(auth: RequestAuth, domainId: DomainId, id: string, action: PowerAction): Promise<V1InstanceDTO> {
    return toInstance(await this.servers.present(domainId, await this.servers.powerAction(domainId, id, action), canManageWorkloads(auth)));
  }

  @Post(':id/start')
  @ApiParam(ID)
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiOperation({ summary: 'Starts the instance (status `starting`, then `running`)' })
  @V1Reply(V1InstanceDTO)
  @V1NotFound()
  start(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstanceDTO> {
    return this.power(auth, domainId, id, 'start');
  }

  @Post(':id/stop')
  @ApiParam(ID)
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiOperation({ summary: "Stops the instance gracefully (its template's stop command, then SIGTERM)" })
  @V1Reply(V1InstanceDTO)
  @V1NotFound()
  stop(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstanceDTO> {
    return this.power(auth, domainId, id, 'stop');
  }

  @Post(':id/restart')
  @ApiParam(ID)
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiOperation({ summary: 'Stops and starts the instance' })
  @V1Reply(V1InstanceDTO)
  @V1NotFound()
  restart(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstanceDTO> {
    return this.power(auth, domainId, id, 'restart');
  }

  @Post(':id/kill')
  @ApiParam(ID)
  @HttpCode(200)
  @RequirePermission('gameserver.control')
  @ApiOperation({ summary: 'Kills the instance (SIGKILL)' })
  @V1Reply(V1InstanceDTO)
  @V1NotFound()
  kill(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1InstanceDTO> {
    return this.power(auth, domainId, id, 'kill');
  }
}

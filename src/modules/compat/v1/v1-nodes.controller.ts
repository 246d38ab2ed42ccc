import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import type { ProcessInfo, SystemInfo, SystemUserInfo, InventoryEvent } from '@libs/agent-protocol/protocol';
import type { ContainerSummary } from '@libs/container-driver/container-driver';
import { CurrentAuth, CurrentDomain, CurrentPrincipal, Principal, RequestAuth, RequirePermission } from '../../auth/auth-context';
import { NodeService } from '../../node/node.service';
import type { ContainerAction } from '../../node/dto/node.dto';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import {
  V1ContainerActionDTO,
  V1ContainerActionInputDTO,
  V1ContainerDTO,
  V1ContainerLogLineDTO,
  V1ContainerLogsQueryDTO,
  V1DiskDTO,
  V1InventoryDTO,
  V1MetricsQueryDTO,
  V1NetworkInterfaceDTO,
  V1NodeDTO,
  V1NodeMetricDTO,
  V1NodeUpdateInputDTO,
  V1ProcessDTO,
  V1RegisterTokenDTO,
  V1RegisterTokenInputDTO,
  V1SystemInfoDTO,
  V1SystemUserDTO,
} from './v1-nodes.dto';
import {
  toContainer,
  toDisk,
  toInventory,
  toLogLine,
  toNetworkInterface,
  toNode,
  toNodeCreate,
  toNodeMetric,
  toNodeUpdate,
  toProcess,
  toRegisterToken,
  toSystemInfo,
  toSystemUser,
} from './v1-nodes.mapping';

const DEFAULT_LOG_TAIL = 500;

/**
 * Seed 001's Node endpoints over NodeService, with the permissions of Outpost's /node routes
 * (nodes.read / nodes.manage). Nodes are the organization's own and the instance's shared ones;
 * shared nodes are changed by instance administrators only (NodeService.manageable), and another
 * organization's node is not found (404).
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1NodesController {
  constructor(private readonly nodes: NodeService) {}

  @Get('nodes')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: "The organization's nodes and the instance's shared ones, newest first" })
  @V1Reply(V1NodeDTO, { isArray: true })
  async list(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1NodeDTO[]> {
    const page = await this.nodes.search(domainId, { page: query.page, limit: query.limit });
    return page.items.map(toNode);
  }

  /** Before `nodes/:id` routes: a literal segment. */
  @Post('nodes/register-token')
  @HttpCode(201)
  @RequirePermission('nodes.manage')
  @ApiOperation({
    summary: 'A one-time agent registration token (shown once, valid one hour)',
    description:
      'Outpost tokens belong to a node: without `node_id` the body describes a new node (name, address, memory_mib, disk_mib, cpu_percent), which is created pending until its agent registers; with `node_id` a new token for that node.',
  })
  @V1Reply(V1RegisterTokenDTO, { status: 201 })
  @V1NotFound()
  async registerToken(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Body() body: V1RegisterTokenInputDTO): Promise<V1RegisterTokenDTO> {
    const nodeId = body.node_id ?? (await this.nodes.create(domainId, principal, toNodeCreate(body))).id;
    return toRegisterToken(nodeId, await this.nodes.createRegisterToken(domainId, principal, nodeId));
  }

  @Get('nodes/:id')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: 'A node' })
  @V1Reply(V1NodeDTO)
  @V1NotFound()
  async get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1NodeDTO> {
    return toNode(await this.nodes.get(domainId, id));
  }

  @Put('nodes/:id')
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Changes the fields sent (name, address, tags, location, capacity, port range)' })
  @V1Reply(V1NodeDTO)
  @V1NotFound()
  async update(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1NodeUpdateInputDTO): Promise<V1NodeDTO> {
    return toNode(await this.nodes.update(domainId, principal, id, toNodeUpdate(body)));
  }

  @Delete('nodes/:id')
  @RequirePermission('nodes.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the node (409 while it has instances)' })
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.nodes.remove(domainId, principal, id);
  }

  @Post('nodes/:id/cordon')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'No new instances are placed on the node' })
  @V1Reply(V1NodeDTO)
  @V1NotFound()
  async cordon(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1NodeDTO> {
    return toNode(await this.nodes.setScheduling(domainId, principal, id, 'cordoned'));
  }

  @Post('nodes/:id/uncordon')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Instances may be placed on the node again' })
  @V1Reply(V1NodeDTO)
  @V1NotFound()
  async uncordon(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1NodeDTO> {
    return toNode(await this.nodes.setScheduling(domainId, principal, id, 'active'));
  }

  @Post('nodes/:id/drain')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Marks the node draining: no new placements; running instances stay until moved (Outpost does not evict them)' })
  @V1Reply(V1NodeDTO)
  @V1NotFound()
  async drain(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1NodeDTO> {
    return toNode(await this.nodes.setScheduling(domainId, principal, id, 'draining'));
  }

  @Get('nodes/:id/inventory')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: "The agent's last inventory, as much as the caller may see (processes and accounts: nodes.manage; a shared node's host facts: instance administrators)" })
  @V1Reply(V1InventoryDTO)
  @V1NotFound('Unknown node, or its agent has not reported yet')
  async inventory(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string): Promise<V1InventoryDTO> {
    return toInventory(await this.nodes.inventory(domainId, auth.principal, id, auth.permissions.has('nodes.manage')));
  }

  @Get('nodes/:id/inventory/system')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: 'System facts (hostname left out on a shared node unless an instance administrator)' })
  @V1Reply(V1SystemInfoDTO)
  @V1NotFound()
  async inventorySystem(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string): Promise<V1SystemInfoDTO> {
    return toSystemInfo((await this.nodes.inventoryPart(domainId, auth.principal, id, 'system', auth.permissions.has('nodes.manage'))) as Partial<SystemInfo>);
  }

  @Get('nodes/:id/inventory/network')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: 'Network interfaces (empty on a shared node unless an instance administrator)' })
  @V1Reply(V1NetworkInterfaceDTO, { isArray: true })
  @V1NotFound()
  async inventoryNetwork(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string): Promise<V1NetworkInterfaceDTO[]> {
    return ((await this.nodes.inventoryPart(domainId, auth.principal, id, 'network', auth.permissions.has('nodes.manage'))) as InventoryEvent['network']).map(toNetworkInterface);
  }

  @Get('nodes/:id/inventory/disks')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: 'Real filesystems' })
  @V1Reply(V1DiskDTO, { isArray: true })
  @V1NotFound()
  async inventoryDisks(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string): Promise<V1DiskDTO[]> {
    return ((await this.nodes.inventoryPart(domainId, auth.principal, id, 'disks', auth.permissions.has('nodes.manage'))) as InventoryEvent['disks']).map(toDisk);
  }

  @Get('nodes/:id/inventory/users')
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: "The machine's /etc/passwd accounts (nodes.manage; empty on a shared node unless an instance administrator)" })
  @V1Reply(V1SystemUserDTO, { isArray: true })
  @V1NotFound()
  async inventoryUsers(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1SystemUserDTO[]> {
    return ((await this.nodes.inventoryPart(domainId, principal, id, 'users', true)) as SystemUserInfo[]).map(toSystemUser);
  }

  @Get('nodes/:id/inventory/processes')
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'The top 200 processes by CPU (nodes.manage: command lines can hold secrets; empty on a shared node unless an instance administrator)' })
  @V1Reply(V1ProcessDTO, { isArray: true })
  @V1NotFound()
  async inventoryProcesses(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1ProcessDTO[]> {
    return ((await this.nodes.inventoryPart(domainId, principal, id, 'processes', true)) as ProcessInfo[]).map(toProcess);
  }

  @Get('nodes/:id/inventory/containers')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: "Outpost-managed containers (on a shared node only the organization's, unless an instance administrator)" })
  @V1Reply(V1ContainerDTO, { isArray: true })
  @V1NotFound()
  async inventoryContainers(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string): Promise<V1ContainerDTO[]> {
    return ((await this.nodes.inventoryPart(domainId, auth.principal, id, 'containers', auth.permissions.has('nodes.manage'))) as ContainerSummary[]).map(toContainer);
  }

  @Get('nodes/:id/metrics/history')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: 'Whole-machine samples between from and to (default: the last hour)' })
  @V1Reply(V1NodeMetricDTO, { isArray: true })
  @V1NotFound()
  async metrics(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: V1MetricsQueryDTO): Promise<V1NodeMetricDTO[]> {
    return (await this.nodes.metricsHistory(domainId, principal, id, query.from, query.to)).map(toNodeMetric);
  }

  @Get('nodes/:id/containers/:containerId/logs')
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: "A container's last lines (?tail=, default 500), live from the agent; a shared node's: instance administrators only" })
  @V1Reply(V1ContainerLogLineDTO, { isArray: true })
  @V1NotFound()
  async containerLogs(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('containerId') containerId: string,
    @Query() query: V1ContainerLogsQueryDTO,
  ): Promise<V1ContainerLogLineDTO[]> {
    return (await this.nodes.containerLogs(domainId, principal, id, containerId, query.tail ?? DEFAULT_LOG_TAIL)).map(toLogLine);
  }

  @Post('nodes/:id/containers/:containerId/start')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Starts a container of the machine (a shared node: instance administrators only)' })
  @V1Reply(V1ContainerActionDTO)
  @V1NotFound()
  start(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('containerId') containerId: string,
  ): Promise<V1ContainerActionDTO> {
    return this.act(domainId, principal, id, containerId, 'start');
  }

  @Post('nodes/:id/containers/:containerId/stop')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Stops a container (15 s grace, then SIGKILL); a shared node: instance administrators only' })
  @V1Reply(V1ContainerActionDTO)
  @V1NotFound()
  stop(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('containerId') containerId: string,
  ): Promise<V1ContainerActionDTO> {
    return this.act(domainId, principal, id, containerId, 'stop');
  }

  @Post('nodes/:id/containers/:containerId/restart')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Restarts a container; a shared node: instance administrators only' })
  @V1Reply(V1ContainerActionDTO)
  @V1NotFound()
  restart(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('containerId') containerId: string,
  ): Promise<V1ContainerActionDTO> {
    return this.act(domainId, principal, id, containerId, 'restart');
  }

  @Post('nodes/:id/containers/:containerId/kill')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Sends a signal (default SIGKILL) to a container; a shared node: instance administrators only' })
  @V1Reply(V1ContainerActionDTO)
  @V1NotFound()
  kill(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('containerId') containerId: string,
    @Body() body: V1ContainerActionInputDTO,
  ): Promise<V1ContainerActionDTO> {
    return this.act(domainId, principal, id, containerId, 'kill', body.signal);
  }

  private async act(domainId: DomainId, principal: Principal, id: string, containerId: string, action: ContainerAction, signal?: string): Promise<V1ContainerActionDTO> {
    await this.nodes.containerAction(domainId, principal, id, containerId, action, { signal });
    return { container_id: containerId, action, success: true };
  }
}

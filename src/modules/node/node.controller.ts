import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Throttle } from '@nestjs/throttler';
import { DomainId } from '@libs/tenancy/domain-id';
import { Public } from '../../core/http/public.decorator';
import { RawResponse } from '../../core/http/envelope';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, CurrentPrincipal, Principal, RequestAuth, RequirePermission } from '../auth/auth-context';
import { NodeService } from './node.service';
import { AGENT_BUNDLE_NAME, AgentBundle } from './agent-bundle';
import { agentInstallScript } from './agent-install-script';
import {
  AgentRegisterDTO,
  AgentRegisterOutputDTO,
  CONTAINER_ACTIONS,
  ContainerActionDTO,
  ContainerLogLineDTO,
  ContainerSummaryDTO,
  DiskInfoDTO,
  MetricsQueryDTO,
  NetworkInterfaceDTO,
  NodeCreateDTO,
  NodeInventoryDTO,
  NodeMetricOutputDTO,
  NodeOutputDTO,
  NodeSearchInputDTO,
  NodeUpdateDTO,
  ProcessInfoDTO,
  RegisterTokenOutputDTO,
  SystemInfoDTO,
  SystemUserDTO,
} from './dto/node.dto';

@ApiTags('node')
@ApiBearerAuth()
@Controller('node')
export class NodeController {
  constructor(private readonly nodes: NodeService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('nodes.read')
  @ApiPagedEnvelope(NodeOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: NodeSearchInputDTO) {
    return this.nodes.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('nodes.read')
  @ApiEnvelope(NodeOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.get(domainId, id);
  }

  @Post()
  @RequirePermission('nodes.manage')
  @ApiEnvelope(NodeOutputDTO, { status: 201 })
  create(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Body() body: NodeCreateDTO) {
    return this.nodes.create(domainId, principal, body);
  }

  @Put(':id')
  @RequirePermission('nodes.manage')
  @ApiEnvelope(NodeOutputDTO)
  update(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: NodeUpdateDTO) {
    return this.nodes.update(domainId, principal, id, body);
  }

  @Delete(':id')
  @RequirePermission('nodes.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.nodes.remove(domainId, principal, id);
    return null;
  }

  @Post(':id/register-token')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiEnvelope(RegisterTokenOutputDTO)
  registerToken(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.createRegisterToken(domainId, principal, id);
  }

  @Post(':id/cordon')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiEnvelope(NodeOutputDTO)
  cordon(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.setScheduling(domainId, principal, id, 'cordoned');
  }

  @Post(':id/uncordon')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiEnvelope(NodeOutputDTO)
  uncordon(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.setScheduling(domainId, principal, id, 'active');
  }

  /** No new placements; existing servers keep running until transferred. */
  @Post(':id/drain')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiEnvelope(NodeOutputDTO)
  drain(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.setScheduling(domainId, principal, id, 'draining');
  }

  @Get(':id/inventory')
  @RequirePermission('nodes.read')
  @ApiEnvelope(NodeInventoryDTO, { description: 'Last inventory the agent reported: system, disks, network, docker, containers, and for holders of nodes.manage processes and system users' })
  inventory(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventory(domainId, auth.principal, id, auth.permissions.has('nodes.manage'));
  }

  @Get(':id/inventory/system')
  @RequirePermission('nodes.read')
  @ApiEnvelope(SystemInfoDTO, { description: 'System facts (hostname left out on a shared node unless the caller is an instance administrator)' })
  inventorySystem(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventoryPart(domainId, auth.principal, id, 'system', auth.permissions.has('nodes.manage'));
  }

  @Get(':id/inventory/network')
  @RequirePermission('nodes.read')
  @ApiEnvelope(NetworkInterfaceDTO, { isArray: true, description: 'Network interfaces; empty on a shared node unless the caller is an instance administrator' })
  inventoryNetwork(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventoryPart(domainId, auth.principal, id, 'network', auth.permissions.has('nodes.manage'));
  }

  @Get(':id/inventory/disks')
  @RequirePermission('nodes.read')
  @ApiEnvelope(DiskInfoDTO, { isArray: true, description: 'Real filesystems' })
  inventoryDisks(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventoryPart(domainId, auth.principal, id, 'disks', auth.permissions.has('nodes.manage'));
  }

  @Get(':id/inventory/users')
  @RequirePermission('nodes.manage')
  @ApiEnvelope(SystemUserDTO, { isArray: true, description: "The machine's /etc/passwd accounts; empty on a shared node unless the caller is an instance administrator" })
  inventoryUsers(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventoryPart(domainId, auth.principal, id, 'users', true);
  }

  @Get(':id/inventory/processes')
  @RequirePermission('nodes.manage')
  @ApiEnvelope(ProcessInfoDTO, {
    isArray: true,
    description: 'The top 200 processes by CPU (nodes.manage: command lines can hold secrets); empty on a shared node unless the caller is an instance administrator',
  })
  inventoryProcesses(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventoryPart(domainId, auth.principal, id, 'processes', true);
  }

  @Get(':id/inventory/containers')
  @RequirePermission('nodes.read')
  @ApiEnvelope(ContainerSummaryDTO, { isArray: true, description: "Outpost-managed containers; on a shared node only the caller's domain's, unless an instance administrator" })
  inventoryContainers(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.inventoryPart(domainId, auth.principal, id, 'containers', auth.permissions.has('nodes.manage'));
  }

  @Get(':id/metrics')
  @RequirePermission('nodes.read')
  @ApiEnvelope(NodeMetricOutputDTO, { isArray: true })
  metrics(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: MetricsQueryDTO) {
    return this.nodes.metricsHistory(domainId, principal, id, query.from, query.to);
  }

  /** Every container on the machine, live from the agent (admin view). */
  @Get(':id/containers')
  @RequirePermission('nodes.manage')
  @ApiEnvelope(ContainerSummaryDTO, { isArray: true })
  containers(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.nodes.manageCommand(domainId, principal, id, 'containers.list', { all: true, onlyOutpost: false });
  }

  @Get(':id/containers/:containerId/logs')
  @RequirePermission('nodes.manage')
  @ApiEnvelope(ContainerLogLineDTO, { isArray: true, description: 'The last 500 lines' })
  containerLogs(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('containerId') containerId: string) {
    return this.nodes.containerLogs(domainId, principal, id, containerId, 500);
  }

  @Post(':id/containers/:containerId/:action')
  @HttpCode(200)
  @RequirePermission('nodes.manage')
  @ApiParam({ name: 'action', enum: CONTAINER_ACTIONS, description: 'restart: stop (15 s grace, then SIGKILL) and start again, by the runtime' })
  @ApiEmptyEnvelope()
  async containerAction(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('containerId') containerId: string,
    @Param('action') action: string,
    @Body() body: ContainerActionDTO,
  ) {
    await this.nodes.containerAction(domainId, principal, id, containerId, action, body);
    return null;
  }
}

/** The agent's own door: exchanges a register token for an agent token, and serves the agent itself to fresh machines. */
@ApiTags('agent')
@Controller('agent')
export class AgentRegisterController {
  constructor(
    private readonly nodes: NodeService,
    private readonly bundle: AgentBundle,
  ) {}

  /** Public on purpose: a fresh machine has no credentials yet, and the bundle holds no secret. */
  @Get(AGENT_BUNDLE_NAME)
  @Public()
  @RawResponse()
  @ApiProduces('application/javascript')
  @ApiOkResponse({
    description: 'The node agent as one file; run it with `OUTPOST_TOKEN=… node outpost-agent.cjs --url … --data-dir …` (Node.js >= 20)',
    schema: { type: 'string', format: 'binary' },
    headers: { 'x-outpost-sha256': { schema: { type: 'string' }, description: 'sha256 of the body, hex' } },
  })
  async agentBundle(@Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.bundle.read();
    // Cacheable, but revalidated: the ETag is the content hash, so a rebuilt agent is never served stale.
    void reply.header('x-outpost-sha256', file.sha256).header('etag', `"${file.sha256}"`).header('cache-control', 'public, max-age=300, must-revalidate');
    return new StreamableFile(file.bytes, { type: 'application/javascript; charset=utf-8', disposition: `attachment; filename="${AGENT_BUNDLE_NAME}"`, length: file.bytes.length });
  }

  @Get('install.sh')
  @Public()
  @RawResponse()
  @ApiProduces('text/x-shellscript')
  @ApiOkResponse({
    description:
      'POSIX sh installer: `curl -fsSL <api>/agent/install.sh | OUTPOST_TOKEN=<register token> sh -s -- --url <api> [--data-dir DIR] [--systemd]` (the token in the environment keeps it out of ps)',
    schema: { type: 'string' },
  })
  async installScript(@Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.bundle.read();
    void reply.header('cache-control', 'no-cache');
    return new StreamableFile(Buffer.from(agentInstallScript(file.sha256), 'utf8'), { type: 'text/x-shellscript; charset=utf-8' });
  }

  @Post('register')
  @Public()
  @HttpCode(200)
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @ApiEnvelope(AgentRegisterOutputDTO)
  register(@Body() body: AgentRegisterDTO) {
    return this.nodes.registerAgent(body);
  }
}

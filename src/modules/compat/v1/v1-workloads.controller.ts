import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../../auth/auth-context';
import { WorkloadService } from '../../workload/workload.service';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1EggImportInputDTO, V1WorkloadCreateInputDTO, V1WorkloadDTO, V1WorkloadFromTemplateInputDTO, V1WorkloadUpdateInputDTO } from './v1-workloads.dto';
import { toWorkload } from './v1-workloads.mapping';

/**
 * Seed 001's Workload endpoints over WorkloadService, with the permissions of Outpost's /workload
 * routes: workloads.read to read and export (hidden variables left out without workloads.manage),
 * workloads.manage to create, change, import and delete.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1WorkloadsController {
  constructor(private readonly workloads: WorkloadService) {}

  @Get('workloads')
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: "The organization's workloads, newest first" })
  @V1Reply(V1WorkloadDTO, { isArray: true })
  async list(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1WorkloadDTO[]> {
    const page = await this.workloads.searchFor(domainId, { page: query.page, limit: query.limit }, auth.permissions.has('workloads.manage'));
    return page.items.map(toWorkload);
  }

  @Post('workloads')
  @RequirePermission('workloads.manage')
  @ApiOperation({ summary: 'Creates a workload from an Outpost workload definition' })
  @V1Reply(V1WorkloadDTO, { status: 201 })
  async create(@CurrentDomain() domainId: DomainId, @Body() body: V1WorkloadCreateInputDTO): Promise<V1WorkloadDTO> {
    return toWorkload(await this.workloads.create(domainId, body.definition));
  }

  @Post('workloads/from-template')
  @RequirePermission('workloads.manage')
  @ApiOperation({ summary: 'Creates a workload from a built-in template (GET /v1/planner/templates)' })
  @V1Reply(V1WorkloadDTO, { status: 201 })
  @V1NotFound('Unknown template')
  async fromTemplate(@CurrentDomain() domainId: DomainId, @Body() body: V1WorkloadFromTemplateInputDTO): Promise<V1WorkloadDTO> {
    return toWorkload(await this.workloads.fromTemplate(domainId, body.template, body.name));
  }

  @Post('workloads/import-egg')
  @RequirePermission('workloads.manage')
  @ApiOperation({ summary: 'Imports a Pterodactyl or Pelican egg: `{"egg": {…}}`' })
  @V1Reply(V1WorkloadDTO, { status: 201 })
  async importEgg(@CurrentDomain() domainId: DomainId, @Body() body: V1EggImportInputDTO): Promise<V1WorkloadDTO> {
    return toWorkload(await this.workloads.importEgg(domainId, body.egg));
  }

  @Get('workloads/:id')
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: 'A workload (hidden variables left out without workloads.manage)' })
  @V1Reply(V1WorkloadDTO)
  @V1NotFound()
  async get(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1WorkloadDTO> {
    return toWorkload(await this.workloads.getFor(domainId, id, auth.permissions.has('workloads.manage')));
  }

  @Put('workloads/:id')
  @RequirePermission('workloads.manage')
  @ApiOperation({ summary: 'Changes name, description, or replaces the definition' })
  @V1Reply(V1WorkloadDTO)
  @V1NotFound()
  async update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1WorkloadUpdateInputDTO): Promise<V1WorkloadDTO> {
    return toWorkload(await this.workloads.update(domainId, id, body));
  }

  @Delete('workloads/:id')
  @RequirePermission('workloads.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the workload (409 while instances use it)' })
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.workloads.remove(domainId, id);
  }

  @Get('workloads/:id/export')
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: 'The workload as a PTDL_v2 egg (importable by Pterodactyl, Pelican and Outpost); hidden variables left out without workloads.manage' })
  @ApiOkResponse({ description: 'A PTDL_v2 egg', schema: { type: 'object', additionalProperties: true, required: ['meta', 'name'] } })
  @V1NotFound()
  async export(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<Record<string, unknown>> {
    return this.workloads.export(domainId, id, auth.permissions.has('workloads.manage'));
  }
}

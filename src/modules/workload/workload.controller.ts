import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiEnvelopeOf, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { WorkloadService } from './workload.service';
import { WorkloadCreateDTO, WorkloadFromTemplateDTO, WorkloadImportDTO, WorkloadOutputDTO, WorkloadSearchInputDTO, WorkloadTemplateDTO, WorkloadUpdateDTO } from './dto/workload.dto';

@ApiTags('workload')
@ApiBearerAuth()
@Controller('workload')
export class WorkloadController {
  constructor(private readonly workloads: WorkloadService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('workloads.read')
  @ApiPagedEnvelope(WorkloadOutputDTO)
  search(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: WorkloadSearchInputDTO) {
    return this.workloads.searchFor(domainId, body, auth.permissions.has('workloads.manage'));
  }

  @Get('templates')
  @RequirePermission('workloads.read')
  @ApiEnvelope(WorkloadTemplateDTO, { isArray: true })
  templates() {
    return this.workloads.templates();
  }

  @Get(':id')
  @RequirePermission('workloads.read')
  @ApiEnvelope(WorkloadOutputDTO)
  get(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.workloads.getFor(domainId, id, auth.permissions.has('workloads.manage'));
  }

  /** PTDL_v2 egg JSON, importable by Pterodactyl, Pelican and Outpost. */
  @Get(':id/export')
  @RequirePermission('workloads.read')
  @ApiEnvelopeOf({ type: 'object', additionalProperties: true, description: 'A PTDL_v2 egg (Pterodactyl/Pelican export format)' }, { description: 'PTDL_v2 egg' })
  export(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.workloads.export(domainId, id, auth.permissions.has('workloads.manage'));
  }

  @Post()
  @RequirePermission('workloads.manage')
  @ApiEnvelope(WorkloadOutputDTO, { status: 201 })
  create(@CurrentDomain() domainId: DomainId, @Body() body: WorkloadCreateDTO) {
    return this.workloads.create(domainId, body.definition);
  }

  @Post('import')
  @RequirePermission('workloads.manage')
  @ApiEnvelope(WorkloadOutputDTO, { status: 201 })
  import(@CurrentDomain() domainId: DomainId, @Body() body: WorkloadImportDTO) {
    return this.workloads.importEgg(domainId, body.egg);
  }

  @Post('from-template')
  @RequirePermission('workloads.manage')
  @ApiEnvelope(WorkloadOutputDTO, { status: 201 })
  fromTemplate(@CurrentDomain() domainId: DomainId, @Body() body: WorkloadFromTemplateDTO) {
    return this.workloads.fromTemplate(domainId, body.template, body.name);
  }

  @Put(':id')
  @RequirePermission('workloads.manage')
  @ApiEnvelope(WorkloadOutputDTO)
  update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: WorkloadUpdateDTO) {
    return this.workloads.update(domainId, id, body);
  }

  @Delete(':id')
  @RequirePermission('workloads.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.workloads.remove(domainId, id);
    return null;
  }
}

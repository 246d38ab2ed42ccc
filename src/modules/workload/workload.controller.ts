import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiEnvelopeOf, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
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
  search(@CurrentDomain() domainId: DomainId, @Body() body: WorkloadSearchInputDTO) {
    return this.workloads.search(domainId, body);
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
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.workloads.get(domainId, id);
  }

  /** PTDL_v2 egg JSON, importable by Pterodactyl, Pelican and Outpost. */
  @Get(':id/export')
  @RequirePermission('workloads.read')
  @ApiEnvelopeOf({ type: 'object', additionalProperties: true, description: 'A PTDL_v2 egg (Pterodactyl/Pelican export format)' }, { description: 'PTDL_v2 egg' })
  export(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.workloads.export(domainId, id);
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

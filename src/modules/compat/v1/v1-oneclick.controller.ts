import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../../auth/auth-context';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NotFound, V1Reply } from './v1.decorators';
import { TEMPLATE_CATEGORIES, V1DeployInputDTO, V1DeploymentDTO, V1DeployTemplateDTO, V1TemplateCategoryParamDTO } from './v1-oneclick.dto';
import { V1OneClickService } from './v1-oneclick.service';

/**
 * Seed 001's "Deploy (One-Click)" group over Outpost's built-in workload templates, workloads and
 * game servers (V1OneClickService): templates need workloads.read (as /workload/templates),
 * deployments gameserver.read, deploying workloads.manage + gameserver.create + gameserver.control
 * (the three native calls it makes).
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1OneClickController {
  constructor(private readonly oneClick: V1OneClickService) {}

  @Get('deploy')
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: "The organization's deployments (instances of workloads made from a built-in template), newest first" })
  @V1Reply(V1DeploymentDTO, { isArray: true })
  list(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1DeploymentDTO[]> {
    return this.oneClick.list(domainId, query.page, query.limit);
  }

  @Get('deploy/:id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The deployment (its instance id)' })
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'One deployment' })
  @V1Reply(V1DeploymentDTO)
  @V1NotFound('No such instance, or it was not deployed from a template')
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1DeploymentDTO> {
    return this.oneClick.get(domainId, id);
  }

  @Post('deploy')
  @RequirePermission('workloads.manage')
  @ApiOperation({ summary: 'Deploys a template in one click: a workload from the template, an instance of it, started (`installing` first when the template installs)' })
  @V1Reply(V1DeploymentDTO, { status: 201 })
  @V1NotFound('Unknown template or node')
  deploy(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: V1DeployInputDTO): Promise<V1DeploymentDTO> {
    return this.oneClick.deploy(domainId, auth, body);
  }

  @Get('templates')
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: 'The built-in templates one can deploy, with their category' })
  @V1Reply(V1DeployTemplateDTO, { isArray: true })
  templates(): V1DeployTemplateDTO[] {
    return this.oneClick.templates();
  }

  @Get('templates/:category')
  @ApiParam({ name: 'category', enum: TEMPLATE_CATEGORIES })
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: 'The built-in templates of one category' })
  @V1Reply(V1DeployTemplateDTO, { isArray: true })
  byCategory(@Param() params: V1TemplateCategoryParamDTO): V1DeployTemplateDTO[] {
    return this.oneClick.templates(params.category);
  }
}

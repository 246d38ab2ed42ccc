import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../../core/errors/app-error';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { PlannerService } from '../../gameserver/planner.service';
import { getBuiltinTemplate } from '../../workload/definition/builtin-templates';
import { WorkloadService } from '../../workload/workload.service';
import { V1Controller, V1NotFound, V1Reply } from './v1.decorators';
import { V1PlannerTemplateDTO, V1SuggestFitDTO, V1SuggestFitInputDTO, V1TemplateFitDTO, V1TemplateFitInputDTO } from './v1-planner.dto';
import { toRequirements, toRequirementsDTO, toSuggestFit } from './v1-planner.mapping';

/** What Outpost's planner assumes when neither the body nor a workload says (POST /planner/suggest-fit). */
const PLANNER_DEFAULTS = { memoryMiB: 1024, cpuPercent: 100, diskMiB: 5120 };

/**
 * Seed 001's Planner endpoints over PlannerService — the rule that places new game servers (online,
 * schedulable, tags, free memory/disk/CPU with overallocation; the most free memory wins) — with
 * the permission of Outpost's POST /planner/suggest-fit (gameserver.create). Cloud pricing is 501.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1PlannerController {
  constructor(
    private readonly planner: PlannerService,
    private readonly workloads: WorkloadService,
  ) {}

  @Post('planner/suggest-fit')
  @HttpCode(200)
  @RequirePermission('gameserver.create')
  @ApiOperation({ summary: 'The node an instance with these needs would be placed on, and why every other node would not' })
  @V1Reply(V1SuggestFitDTO)
  @V1NotFound('Unknown workload')
  suggestFit(@CurrentDomain() domainId: DomainId, @Body() body: V1SuggestFitInputDTO): Promise<V1SuggestFitDTO> {
    return this.plan(domainId, body);
  }

  @Post('planner/recommend')
  @HttpCode(200)
  @RequirePermission('gameserver.create')
  @ApiOperation({ summary: "Outpost's recommendation is its placement: the same answer as suggest-fit" })
  @V1Reply(V1SuggestFitDTO)
  @V1NotFound('Unknown workload')
  recommend(@CurrentDomain() domainId: DomainId, @Body() body: V1SuggestFitInputDTO): Promise<V1SuggestFitDTO> {
    return this.plan(domainId, body);
  }

  @Get('planner/templates')
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: 'The built-in workload templates and their default resources' })
  @V1Reply(V1PlannerTemplateDTO, { isArray: true })
  templates(): V1PlannerTemplateDTO[] {
    return this.workloads.templates().map((t) => {
      const d = getBuiltinTemplate(t.id)!.defaults;
      return { id: t.id, name: t.name, description: t.description, images: t.images, defaults: toRequirementsDTO({ memoryMiB: d.memoryMiB, cpuPercent: d.cpuPercent, diskMiB: d.diskMiB, tags: [] }) };
    });
  }

  @Post('planner/recommend-for-template')
  @HttpCode(200)
  @RequirePermission('gameserver.create')
  @ApiOperation({ summary: "Where an instance of a built-in template would go, with the template's default resources" })
  @V1Reply(V1TemplateFitDTO)
  @V1NotFound('Unknown template')
  async recommendForTemplate(@CurrentDomain() domainId: DomainId, @Body() body: V1TemplateFitInputDTO): Promise<V1TemplateFitDTO> {
    const def = getBuiltinTemplate(body.template);
    if (!def) throw AppError.notFound(`Template ${body.template}`);
    const req = toRequirements(body, def.defaults);
    return { template: body.template, ...toSuggestFit(await this.planner.suggest(domainId, req), req) };
  }

  private async plan(domainId: DomainId, body: V1SuggestFitInputDTO): Promise<V1SuggestFitDTO> {
    const defaults = body.workload_id ? (await this.workloads.find(domainId, body.workload_id)).definition.defaults : PLANNER_DEFAULTS;
    const req = toRequirements(body, defaults);
    return toSuggestFit(await this.planner.suggest(domainId, req), req);
  }
}

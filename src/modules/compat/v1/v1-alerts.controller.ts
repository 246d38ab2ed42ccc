import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { AlertService } from '../../alert/alert.service';
import { CurrentDomain, CurrentPrincipal, Principal, RequirePermission } from '../../auth/auth-context';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1AlertDTO, V1AlertListQueryDTO, V1AlertRuleCreateInputDTO, V1AlertRuleDTO, V1AlertRuleUpdateInputDTO, V1UnreadCountDTO } from './v1-alerts.dto';
import { toAlert, toRule, toRuleCreate, toRuleUpdate } from './v1-alerts.mapping';

/**
 * Seed 001's Alert endpoints over AlertService, in the caller's organization, with the native
 * routes' permissions (alerts.read / alerts.manage). Rules are Outpost alert rules: target_type +
 * metric is the rule's kind (see docs/compat-v1.md).
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/alerts')
export class V1AlertsController {
  constructor(private readonly alerts: AlertService) {}

  @Get()
  @RequirePermission('alerts.read')
  @ApiOperation({ summary: 'Alerts of the organization, newest first (?state=firing|resolved)' })
  @V1Reply(V1AlertDTO, { isArray: true })
  async list(@CurrentDomain() domainId: DomainId, @Query() query: V1AlertListQueryDTO): Promise<V1AlertDTO[]> {
    const page = await this.alerts.search(domainId, { page: query.page, limit: query.limit, filters: query.state ? { state: [query.state] } : undefined });
    return page.items.map(toAlert);
  }

  @Get('unread-count')
  @RequirePermission('alerts.read')
  @ApiOperation({ summary: 'Firing alerts nobody acknowledged' })
  @V1Reply(V1UnreadCountDTO)
  unread(@CurrentDomain() domainId: DomainId): Promise<V1UnreadCountDTO> {
    return this.alerts.unread(domainId);
  }

  @Get('rules')
  @RequirePermission('alerts.read')
  @ApiOperation({ summary: 'Alert rules of the organization' })
  @V1Reply(V1AlertRuleDTO, { isArray: true })
  async rules(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1AlertRuleDTO[]> {
    return (await this.alerts.searchRules(domainId, { page: query.page, limit: query.limit })).items.map(toRule);
  }

  @Post('rules')
  @RequirePermission('alerts.manage')
  @ApiOperation({ summary: 'Creates an alert rule' })
  @V1Reply(V1AlertRuleDTO, { status: 201 })
  async createRule(@CurrentDomain() domainId: DomainId, @Body() body: V1AlertRuleCreateInputDTO): Promise<V1AlertRuleDTO> {
    return toRule(await this.alerts.createRule(domainId, toRuleCreate(body)));
  }

  @Get('rules/:id')
  @RequirePermission('alerts.read')
  @ApiOperation({ summary: 'One alert rule' })
  @V1Reply(V1AlertRuleDTO)
  @V1NotFound()
  async getRule(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1AlertRuleDTO> {
    return toRule(await this.alerts.getRule(domainId, id));
  }

  @Put('rules/:id')
  @RequirePermission('alerts.manage')
  @ApiOperation({ summary: 'Changes a rule (omitted fields are kept; target_type and metric are fixed)' })
  @V1Reply(V1AlertRuleDTO)
  @V1NotFound()
  async updateRule(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1AlertRuleUpdateInputDTO): Promise<V1AlertRuleDTO> {
    const current = await this.alerts.getRule(domainId, id);
    return toRule(await this.alerts.updateRule(domainId, id, toRuleUpdate(body, current)));
  }

  @Delete('rules/:id')
  @RequirePermission('alerts.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the rule and its alerts' })
  @V1NoContent()
  @V1NotFound()
  async removeRule(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.alerts.removeRule(domainId, id);
  }

  @Get(':id')
  @RequirePermission('alerts.read')
  @ApiOperation({ summary: 'One alert' })
  @V1Reply(V1AlertDTO)
  @V1NotFound()
  async get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1AlertDTO> {
    return toAlert(await this.alerts.get(domainId, id));
  }

  @Post(':id/ack')
  @RequirePermission('alerts.read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks the alert seen (it leaves the unread count); notifies nobody' })
  @V1Reply(V1AlertDTO)
  @V1NotFound()
  async ack(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1AlertDTO> {
    return toAlert(await this.alerts.acknowledge(domainId, principal, id));
  }
}

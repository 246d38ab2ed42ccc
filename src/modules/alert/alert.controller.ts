import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, CurrentPrincipal, Principal, RequirePermission } from '../auth/auth-context';
import { AlertService } from './alert.service';
import { DEFAULT_RULES, FLAP_POLICY } from './alert.types';
import { AlertOutputDTO, AlertRuleCreateDTO, AlertRuleListDTO, AlertRuleOutputDTO, AlertRuleSearchInputDTO, AlertRuleUpdateDTO, AlertSearchInputDTO, AlertUnreadDTO } from './dto/alert.dto';

/** Alert rules: what a domain wants to be told about. */
@ApiTags('alert')
@ApiBearerAuth()
@Controller('alertrule')
export class AlertRuleController {
  constructor(private readonly alerts: AlertService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('alerts.read')
  @ApiPagedEnvelope(AlertRuleOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: AlertRuleSearchInputDTO) {
    return this.alerts.searchRules(domainId, body);
  }

  @Post('defaults')
  @HttpCode(200)
  @RequirePermission('alerts.manage')
  @ApiOperation({
    description: `Creates the recommended rules (${DEFAULT_RULES.map((r) => r.kind).join(', ')}), each only if the domain has no rule of that kind yet; calling it again creates nothing.`,
  })
  @ApiEnvelope(AlertRuleListDTO)
  defaults(@CurrentDomain() domainId: DomainId) {
    return this.alerts.createDefaults(domainId);
  }

  @Get(':id')
  @RequirePermission('alerts.read')
  @ApiEnvelope(AlertRuleOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.getRule(domainId, id);
  }

  @Post()
  @RequirePermission('alerts.manage')
  @ApiOperation({ description: FLAP_POLICY })
  @ApiEnvelope(AlertRuleOutputDTO, { status: 201 })
  create(@CurrentDomain() domainId: DomainId, @Body() body: AlertRuleCreateDTO) {
    return this.alerts.createRule(domainId, body);
  }

  @Put(':id')
  @RequirePermission('alerts.manage')
  @ApiEnvelope(AlertRuleOutputDTO)
  update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: AlertRuleUpdateDTO) {
    return this.alerts.updateRule(domainId, id, body);
  }

  @Delete(':id')
  @RequirePermission('alerts.manage')
  @ApiOperation({ description: 'Deletes the rule and its alerts' })
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.alerts.removeRule(domainId, id);
    return null;
  }
}

/** Alerts: firing → resolved, acknowledge, unread count. */
@ApiTags('alert')
@ApiBearerAuth()
@Controller('alert')
export class AlertController {
  constructor(private readonly alerts: AlertService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('alerts.read')
  @ApiOperation({ description: 'Default sort: firedAt, newest first. `filters.acknowledged` finds unacknowledged ones.' })
  @ApiPagedEnvelope(AlertOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: AlertSearchInputDTO) {
    return this.alerts.search(domainId, body);
  }

  @Get('unread')
  @RequirePermission('alerts.read')
  @ApiOperation({ description: 'Firing alerts nobody acknowledged (the bell)' })
  @ApiEnvelope(AlertUnreadDTO)
  unread(@CurrentDomain() domainId: DomainId) {
    return this.alerts.unread(domainId);
  }

  @Get(':id')
  @RequirePermission('alerts.read')
  @ApiEnvelope(AlertOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.get(domainId, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermission('alerts.read')
  @ApiOperation({ description: 'Marks the alert seen (it leaves the unread count); notifies nobody. A reopened alert needs acknowledging again.' })
  @ApiEnvelope(AlertOutputDTO)
  acknowledge(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.acknowledge(domainId, principal, id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  // Resolving notifies every subscribed integration: a read-only member must not be able to silence an incident.
  @RequirePermission('alerts.manage')
  @ApiOperation({ description: 'Resolves a firing alert by hand (notifies integrations). If its condition still holds, the next trigger reopens it.' })
  @ApiEnvelope(AlertOutputDTO)
  resolve(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.resolve(domainId, id);
  }
}

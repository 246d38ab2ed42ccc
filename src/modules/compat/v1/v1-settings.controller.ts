import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { NotAudited } from '../../auditlog/audit.decorator';
import { ClientIp, CurrentPrincipal, DomainOptional, InstanceAdminOnly, Principal } from '../../auth/auth-context';
import { InstanceSettingsService } from '../../settings/instance-settings.service';
import { V1Controller, V1Reply } from './v1.decorators';
import { V1SettingsDTO, V1SettingsInputDTO } from './v1-settings.dto';
import { toSettings } from './v1-settings.mapping';

/**
 * Seed 001's `GET/PUT /v1/settings` are Outpost's instance settings (self-registration and its
 * email-domain allow-list), instance administrators only as /admin/settings. SSH keys answer 501.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/settings')
@DomainOptional()
@InstanceAdminOnly()
export class V1SettingsController {
  constructor(private readonly settings: InstanceSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Instance settings (instance administrators)' })
  @V1Reply(V1SettingsDTO)
  async get(): Promise<V1SettingsDTO> {
    return toSettings(await this.settings.get(), await this.settings.publicView());
  }

  @Put()
  @NotAudited('instance-wide: the service writes an instance audit event (domainId null), not a row in the selected domain')
  @ApiOperation({ summary: 'Changes self-registration and its email-domain allow-list (instance administrators)' })
  @V1Reply(V1SettingsDTO)
  async update(@CurrentPrincipal() principal: Principal, @Body() body: V1SettingsInputDTO, @ClientIp() ip: string): Promise<V1SettingsDTO> {
    const out = await this.settings.update(principal, { registrationEnabled: body.registration_enabled, registrationEmailDomains: body.registration_email_domains }, ip);
    return toSettings(out, await this.settings.publicView());
  }
}

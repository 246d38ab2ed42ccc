import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../../core/openapi/envelope-schema';
import { Public } from '../../core/http/public.decorator';
import { NotAudited } from '../auditlog/audit.decorator';
import { ClientIp, CurrentPrincipal, DomainOptional, InstanceAdminOnly, Principal } from '../auth/auth-context';
import { InstanceSettingsService } from './instance-settings.service';
import { InstanceSettingsOutputDTO, InstanceSettingsUpdateDTO, PublicSettingsOutputDTO } from './dto/settings.dto';

@ApiTags('settings')
@Controller()
export class SettingsController {
  constructor(private readonly settings: InstanceSettingsService) {}

  /** What the sign-in page needs (registration on/off, password reset available); no allow-list. */
  @Get('settings')
  @Public()
  @ApiEnvelope(PublicSettingsOutputDTO)
  publicSettings() {
    return this.settings.publicView();
  }

  @Get('admin/settings')
  @ApiBearerAuth()
  @DomainOptional()
  @InstanceAdminOnly()
  @ApiEnvelope(InstanceSettingsOutputDTO)
  get() {
    return this.settings.get();
  }

  @Put('admin/settings')
  @ApiBearerAuth()
  @DomainOptional()
  @InstanceAdminOnly()
  @NotAudited('instance-wide: the service writes an instance audit event (domainId null), not a row in the selected domain')
  @ApiEnvelope(InstanceSettingsOutputDTO)
  update(@CurrentPrincipal() principal: Principal, @Body() body: InstanceSettingsUpdateDTO, @ClientIp() ip: string) {
    return this.settings.update(principal, body, ip);
  }
}

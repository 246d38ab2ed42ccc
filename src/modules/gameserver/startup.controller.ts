import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { StartupService } from './startup.service';
import { StartupOutputDTO, StartupUpdateDTO } from './dto/startup.dto';

/** A server's Startup tab: its command, image and variables. Changes reach the container at its next start. */
@ApiTags('gameserver')
@ApiBearerAuth()
@Controller('gameserver')
export class StartupController {
  constructor(private readonly startup: StartupService) {}

  @Get(':id/startup')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(StartupOutputDTO)
  getStartup(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.startup.get(domainId, id, auth.permissions.has('workloads.manage'));
  }

  @Put(':id/startup')
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(StartupOutputDTO)
  updateStartup(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: StartupUpdateDTO) {
    return this.startup.update(domainId, id, body, auth.permissions.has('workloads.manage'));
  }

  /** Back to the template's startup command. */
  @Post(':id/startup/reset')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(StartupOutputDTO)
  resetStartup(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.startup.reset(domainId, id, auth.permissions.has('workloads.manage'));
  }
}

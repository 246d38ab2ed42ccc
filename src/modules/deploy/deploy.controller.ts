import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
import { DeployService } from './deploy.service';
import { GitDeployInputDTO, GitDeployOutputDTO, GitSyncOutputDTO, GitSyncStartedDTO } from './dto/deploy.dto';

/** Git deploy of one game server: the repository branch it tracks, syncs and their history. */
@ApiTags('deploy')
@ApiBearerAuth()
@Controller('gameserver')
export class DeployController {
  constructor(private readonly deploy: DeployService) {}

  @Get(':id/git')
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: "The server's git deploy configuration (null: none) and its last sync" })
  @ApiEnvelope(GitDeployOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.deploy.get(domainId, id);
  }

  /** The URL's host must not be on the platform's own network (unless OUTBOUND_ALLOW_PRIVATE); checked again at every sync. */
  @Put(':id/git')
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Create or replace the git deploy configuration of the server' })
  @ApiEnvelope(GitDeployOutputDTO)
  put(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: GitDeployInputDTO) {
    return this.deploy.put(domainId, id, body);
  }

  @Delete(':id/git')
  @RequirePermission('deploy.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.deploy.remove(domainId, id);
    return null;
  }

  /** Starts a sync in the background (202); 409 while one of this server runs. */
  @Post(':id/git/sync')
  @HttpCode(202)
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Sync the server from its repository now' })
  @ApiEnvelope(GitSyncStartedDTO, { status: 202 })
  sync(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.deploy.sync(domainId, id);
  }

  @Get(':id/git/syncs')
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'The last 100 syncs of the server, newest first' })
  @ApiEnvelope(GitSyncOutputDTO, { isArray: true })
  history(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.deploy.history(domainId, id);
  }
}

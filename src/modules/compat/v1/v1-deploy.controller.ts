import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../../core/errors/app-error';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { DeployService } from '../../deploy/deploy.service';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1GitConfigDTO, V1GitInputDTO, V1GitStatusDTO, V1GitSyncDTO, V1GitSyncStartedDTO } from './v1-instances.dto';
import { fromGitInput, toGitConfig, toGitSync } from './v1-instances.mapping';

const ID = { name: 'id', format: 'uuid', description: 'The instance (an Outpost game server)' } as const;

/**
 * Seed 001's Git Deploy endpoints over Outpost's deploy service (/gameserver/:id/git): one
 * repository branch per instance, synced into its data directory; same permissions
 * (gameserver.read to read, deploy.manage to change or sync).
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/instances')
export class V1DeployController {
  constructor(private readonly deploy: DeployService) {}

  @Get(':id/git')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: "The instance's git deploy configuration (404 when it tracks no repository)" })
  @V1Reply(V1GitConfigDTO)
  @V1NotFound('No such instance, or no git configuration')
  async get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1GitConfigDTO> {
    const { config } = await this.deploy.get(domainId, id);
    if (!config) throw AppError.notFound('Git deploy configuration');
    return toGitConfig(config);
  }

  /** The URL's host must not be on the platform's own network (checked again at every sync). */
  @Put(':id/git')
  @ApiParam(ID)
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Creates or replaces the git deploy configuration' })
  @V1Reply(V1GitConfigDTO)
  @V1NotFound()
  async put(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1GitInputDTO): Promise<V1GitConfigDTO> {
    return toGitConfig((await this.deploy.put(domainId, id, fromGitInput(body))).config!);
  }

  @Delete(':id/git')
  @ApiParam(ID)
  @HttpCode(204)
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Removes the git deploy configuration (the deployed files stay)' })
  @V1NoContent()
  @V1NotFound('No such instance, or no git configuration')
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.deploy.remove(domainId, id);
  }

  @Post(':id/git/sync')
  @ApiParam(ID)
  @HttpCode(202)
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Syncs the instance from its repository in the background (409 while a sync runs)' })
  @V1Reply(V1GitSyncStartedDTO, { status: 202 })
  @V1NotFound()
  async sync(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1GitSyncStartedDTO> {
    return { sync_id: (await this.deploy.sync(domainId, id)).syncId, status: 'running' };
  }

  @Get(':id/git/status')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'Whether a repository is tracked, the commit deployed and the latest sync' })
  @V1Reply(V1GitStatusDTO)
  @V1NotFound()
  async status(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1GitStatusDTO> {
    const { config, lastSync } = await this.deploy.get(domainId, id);
    return { configured: config !== null, last_commit: config?.lastCommit ?? null, last_sync: lastSync ? toGitSync(lastSync) : null };
  }

  @Get(':id/git/history')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'The last 100 syncs, newest first' })
  @V1Reply(V1GitSyncDTO, { isArray: true })
  @V1NotFound()
  async history(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1GitSyncDTO[]> {
    return (await this.deploy.history(domainId, id)).map(toGitSync);
  }
}

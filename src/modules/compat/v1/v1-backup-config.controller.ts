import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { BackupConfigService } from '../../backup/config/backup-config.service';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1BackupConfigCreateInputDTO, V1BackupConfigDTO, V1BackupConfigUpdateInputDTO, V1BackupTargetDTO } from './v1-backup-config.dto';
import { toBackupConfig, toBackupConfigCreate, toBackupConfigUpdate, toBackupTarget } from './v1-backup-config.mapping';

/**
 * Seed 001's Backup configuration endpoints over BackupConfigService (backups.read /
 * backups.manage, as /backup-config): where the organization's backups are stored (node-local disk
 * or S3-compatible). S3 credentials are encrypted at rest and never returned.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/backup-config')
export class V1BackupConfigController {
  constructor(private readonly configs: BackupConfigService) {}

  @Get()
  @RequirePermission('backups.read')
  @ApiOperation({ summary: 'The target for new backups: the active configuration, or node-local disk when none is (config_id null)' })
  @V1Reply(V1BackupTargetDTO)
  async active(@CurrentDomain() domainId: DomainId): Promise<V1BackupTargetDTO> {
    return toBackupTarget(await this.configs.active(domainId));
  }

  @Post()
  @RequirePermission('backups.manage')
  @ApiOperation({ summary: 'Creates a configuration (kind s3 by default: bucket, access_key_id, secret_access_key)' })
  @V1Reply(V1BackupConfigDTO, { status: 201 })
  async create(@CurrentDomain() domainId: DomainId, @Body() body: V1BackupConfigCreateInputDTO): Promise<V1BackupConfigDTO> {
    return toBackupConfig(await this.configs.create(domainId, toBackupConfigCreate(body)));
  }

  @Get('list')
  @RequirePermission('backups.read')
  @ApiOperation({ summary: "The organization's configurations, newest first" })
  @V1Reply(V1BackupConfigDTO, { isArray: true })
  async list(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1BackupConfigDTO[]> {
    return (await this.configs.search(domainId, { page: query.page, limit: query.limit })).items.map(toBackupConfig);
  }

  @Get(':id')
  @RequirePermission('backups.read')
  @V1Reply(V1BackupConfigDTO)
  @V1NotFound()
  async get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1BackupConfigDTO> {
    return toBackupConfig(await this.configs.get(domainId, id));
  }

  @Put(':id')
  @RequirePermission('backups.manage')
  @ApiOperation({ summary: 'Omitted fields are kept, credentials included; moving endpoint/region/bucket needs both credentials again' })
  @V1Reply(V1BackupConfigDTO)
  @V1NotFound()
  async update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1BackupConfigUpdateInputDTO): Promise<V1BackupConfigDTO> {
    return toBackupConfig(await this.configs.update(domainId, id, toBackupConfigUpdate(body)));
  }

  @Delete(':id')
  @RequirePermission('backups.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a configuration (409 while backups were made with it)' })
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.configs.remove(domainId, id);
  }

  @Post(':id/activate')
  @RequirePermission('backups.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Makes it the target for new backups (the previous one is deactivated)' })
  @V1Reply(V1BackupConfigDTO)
  @V1NotFound()
  async activate(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1BackupConfigDTO> {
    return toBackupConfig(await this.configs.activate(domainId, id));
  }
}

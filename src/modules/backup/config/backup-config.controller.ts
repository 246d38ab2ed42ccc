import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { BackupConfigService } from './backup-config.service';
import { BackupConfigCreateDTO, BackupConfigOutputDTO, BackupConfigSearchInputDTO, BackupConfigTestOutputDTO, BackupConfigUpdateDTO, BackupTargetOutputDTO } from './dto/backup-config.dto';

/** Where a domain's backups are stored (node-local disk or S3-compatible) and their limits. */
@ApiTags('backup-config')
@ApiBearerAuth()
@Controller('backup-config')
export class BackupConfigController {
  constructor(private readonly configs: BackupConfigService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('backups.read')
  @ApiPagedEnvelope(BackupConfigOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: BackupConfigSearchInputDTO) {
    return this.configs.search(domainId, body);
  }

  /** The effective target for new backups: the active configuration, or node-local disk with the default policy. */
  @Get('active')
  @RequirePermission('backups.read')
  @ApiEnvelope(BackupTargetOutputDTO)
  active(@CurrentDomain() domainId: DomainId) {
    return this.configs.active(domainId);
  }

  @Get(':id')
  @RequirePermission('backups.read')
  @ApiEnvelope(BackupConfigOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.configs.get(domainId, id);
  }

  /** Credentials are encrypted at rest and never returned. */
  @Post()
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupConfigOutputDTO, { status: 201 })
  create(@CurrentDomain() domainId: DomainId, @Body() body: BackupConfigCreateDTO) {
    return this.configs.create(domainId, body);
  }

  /**
   * Omitted fields are kept, credentials included (send both to replace them). Changing endpoint,
   * region, bucket or forcePathStyle needs both credentials in the same request (400 otherwise);
   * endpoint, bucket and prefix cannot change while backups refer to the configuration (409).
   */
  @Put(':id')
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupConfigOutputDTO)
  update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: BackupConfigUpdateDTO) {
    return this.configs.update(domainId, id, body);
  }

  /** 409 while backups were made with it. */
  @Delete(':id')
  @RequirePermission('backups.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.configs.remove(domainId, id);
    return null;
  }

  /** Makes it the target for new backups; the previously active configuration is deactivated. */
  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupConfigOutputDTO)
  activate(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.configs.activate(domainId, id);
  }

  /** S3: HeadBucket, then a probe object put, read back and deleted under the prefix. A failure is ok:false with the error name, HTTP status and a fixed explanation (no text from the service). */
  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupConfigTestOutputDTO)
  test(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.configs.test(domainId, id);
  }
}

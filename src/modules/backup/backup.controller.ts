import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainId } from '@libs/tenancy/domain-id';
import { RawResponse } from '../../core/http/envelope';
import { Public } from '../../core/http/public.decorator';
import { ApiBinaryResponse, ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, CurrentPrincipal, Principal, RequirePermission } from '../auth/auth-context';
import { BackupActor, BackupService } from './backup.service';
import { BackupCreateDTO, BackupDownloadLinkDTO, BackupOutputDTO, BackupSearchInputDTO } from './dto/backup.dto';

const actorOf = (p: Principal): BackupActor => (p.kind === 'apitoken' ? { type: 'apitoken', id: p.tokenId ?? null } : { type: 'user', id: p.userId });

/**
 * Backups of game servers. Local archives stay on the node that made them, also after the server
 * is transferred to another node: they are still restored and downloaded through the API (relayed
 * node → API → node); if that node is deleted they are no longer available (409).
 */
@ApiTags('backup')
@ApiBearerAuth()
@Controller('backup')
export class BackupController {
  constructor(private readonly backups: BackupService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('backups.read')
  @ApiPagedEnvelope(BackupOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: BackupSearchInputDTO) {
    return this.backups.search(domainId, body);
  }

  /** The archive behind a one-use link (no credentials: the link is the credential). */
  @Get('download/:token')
  @Public()
  @RawResponse()
  @ApiOperation({ summary: 'Download a backup archive through a one-use link', description: 'Used, expired or unknown links answer 404.' })
  @ApiBinaryResponse('application/gzip', 'The backup archive (tar.gz), streamed as an attachment')
  async download(@Param('token') token: string, @Res() reply: FastifyReply) {
    const { archive, filename } = await this.backups.openDownload(token, reply.request.ip ?? null);
    reply.raw.once('close', () => archive.done());
    reply
      .header('content-type', 'application/gzip')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store');
    if (archive.size !== undefined) reply.header('content-length', String(archive.size));
    return reply.send(archive.stream);
  }

  @Get(':id')
  @RequirePermission('backups.read')
  @ApiEnvelope(BackupOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.backups.get(domainId, id);
  }

  /** Starts a backup; the row is `creating` and the archive is made in the background (poll the row). */
  @Post()
  @HttpCode(202)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupOutputDTO, { status: 202 })
  create(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Body() body: BackupCreateDTO) {
    return this.backups.create(domainId, body.gameserverId, { name: body.name, ignore: body.ignore }, actorOf(principal));
  }

  @Delete(':id')
  @RequirePermission('backups.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.backups.remove(domainId, id);
    return null;
  }

  @Post(':id/lock')
  @HttpCode(200)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupOutputDTO)
  lock(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.backups.setLocked(domainId, id, true);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupOutputDTO)
  unlock(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.backups.setLocked(domainId, id, false);
  }

  /**
   * Replaces the server's data with the backup (202; poll `restoreState`). The server is stopped
   * first and started again afterwards if it was running; a failed restore leaves the data as it was.
   */
  @Post(':id/restore')
  @HttpCode(202)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupOutputDTO, { status: 202 })
  restore(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.backups.restore(domainId, id, actorOf(principal));
  }

  /** A one-use download link, valid for 5 minutes. */
  @Post(':id/download')
  @HttpCode(200)
  @RequirePermission('backups.manage')
  @ApiEnvelope(BackupDownloadLinkDTO)
  downloadLink(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.backups.createDownloadLink(domainId, id, actorOf(principal));
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../../core/errors/app-error';
import { ApiBinaryResponse } from '../../../core/openapi/envelope-schema';
import { CurrentDomain, CurrentPrincipal, Principal, RequirePermission } from '../../auth/auth-context';
import { BackupActor, BackupService } from '../../backup/backup.service';
import { GameServerService } from '../../gameserver/gameserver.service';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1BackupCreateInputDTO, V1BackupDTO } from './v1-instances.dto';
import { toBackup } from './v1-instances.mapping';
import { ID } from './v1-instances.controller';

const BID = { name: 'bid', format: 'uuid', description: 'A backup of that instance' } as const;
const actorOf = (p: Principal): BackupActor => (p.kind === 'apitoken' ? { type: 'apitoken', id: p.tokenId ?? null } : { type: 'user', id: p.userId });

/**
 * Seed 001's instance backup endpoints (list, create, download, restore, delete) over the service
 * the native /backup routes call, with the same permissions. A foreign or unknown instance, or a
 * backup of another instance, answers 404.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/instances')
export class V1InstanceBackupsController {
  constructor(
    private readonly servers: GameServerService,
    private readonly backups: BackupService,
  ) {}

  // ───────────── backups ─────────────

  @Get(':id/backups')
  @ApiParam(ID)
  @RequirePermission('backups.read')
  @ApiOperation({ summary: "The instance's backups, newest first" })
  @V1Reply(V1BackupDTO, { isArray: true })
  @V1NotFound()
  async listBackups(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: V1ListQueryDTO): Promise<V1BackupDTO[]> {
    const server = await this.servers.find(domainId, id);
    return (await this.backups.search(domainId, { filters: { gameserverId: [server.id] }, page: query.page, limit: query.limit })).items.map(toBackup);
  }

  @Post(':id/backups')
  @ApiParam(ID)
  @HttpCode(202)
  @RequirePermission('backups.manage')
  @ApiOperation({ summary: 'Starts a backup: status `creating`, made in the background (poll the list)' })
  @V1Reply(V1BackupDTO, { status: 202 })
  @V1NotFound()
  async createBackup(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: V1BackupCreateInputDTO,
  ): Promise<V1BackupDTO> {
    return toBackup(await this.backups.create(domainId, id, { name: body.name, ignore: body.ignore }, actorOf(principal)));
  }

  @Get(':id/backups/:bid/download')
  @ApiParam(ID)
  @ApiParam(BID)
  @RequirePermission('backups.manage')
  @ApiOperation({ summary: 'The archive (tar.gz), streamed (needs backups.manage, like Outpost’s download links)' })
  @ApiBinaryResponse('application/gzip', 'The backup archive, streamed as an attachment')
  @V1NotFound()
  async downloadBackup(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('bid', ParseUUIDPipe) bid: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.backupOf(domainId, id, bid);
    // The same one-use link Outpost's dashboard downloads through, redeemed at once on this request.
    const link = await this.backups.createDownloadLink(domainId, bid, actorOf(principal));
    const { archive, filename } = await this.backups.openDownload(link.url.slice(link.url.lastIndexOf('/') + 1), reply.request.ip ?? null);
    reply.raw.once('close', () => archive.done());
    void reply
      .header('content-type', 'application/gzip')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store');
    if (archive.size !== undefined) void reply.header('content-length', String(archive.size));
    return reply.send(archive.stream);
  }

  @Post(':id/backups/:bid/restore')
  @ApiParam(ID)
  @ApiParam(BID)
  @HttpCode(202)
  @RequirePermission('backups.manage')
  @ApiOperation({ summary: "Replaces the instance's data with the backup in the background (restore_status `restoring`)" })
  @V1Reply(V1BackupDTO, { status: 202 })
  @V1NotFound()
  async restoreBackup(
    @CurrentDomain() domainId: DomainId,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('bid', ParseUUIDPipe) bid: string,
  ): Promise<V1BackupDTO> {
    await this.backupOf(domainId, id, bid);
    return toBackup(await this.backups.restore(domainId, bid, actorOf(principal)));
  }

  @Delete(':id/backups/:bid')
  @ApiParam(ID)
  @ApiParam(BID)
  @HttpCode(204)
  @RequirePermission('backups.manage')
  @ApiOperation({ summary: 'Deletes the backup and its archive (not while locked, being made or restored)' })
  @V1NoContent()
  @V1NotFound()
  async removeBackup(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('bid', ParseUUIDPipe) bid: string): Promise<void> {
    await this.backupOf(domainId, id, bid);
    await this.backups.remove(domainId, bid);
  }

  /** The backup, if it is one of this instance's (in the caller's domain); 404 otherwise. */
  private async backupOf(domainId: DomainId, id: string, bid: string): Promise<void> {
    const server = await this.servers.find(domainId, id);
    if ((await this.backups.get(domainId, bid)).gameserverId !== server.id) throw AppError.notFound('Backup');
  }
}

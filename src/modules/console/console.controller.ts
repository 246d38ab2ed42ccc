import { Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { RawResponse } from '../../core/http/envelope';
import { ApiEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { NotAudited } from '../auditlog/audit.decorator';
import { ConsoleService } from './console.service';
import { ConsoleLogDeleteOutputDTO, ConsoleLogDownloadQueryDTO, ConsoleLogPageDTO, ConsoleLogQueryDTO, ConsoleTokenOutputDTO } from './dto/console.dto';

/**
 * Console tokens and console history. The live console itself is a WebSocket on
 * GET /gameserver/:id/console (see ConsoleGateway), not a route of this controller.
 */
@ApiTags('gameserver')
@ApiBearerAuth()
@Controller('gameserver')
export class ConsoleController {
  constructor(private readonly console: ConsoleService) {}

  /** A 10-minute token for `GET /gameserver/:id/console?token=…` (WebSocket). */
  @Post(':id/console-token')
  @NotAudited('a short-lived read credential for the console, not a change')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(ConsoleTokenOutputDTO, { status: 201 })
  consoleToken(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.console.consoleToken(auth, domainId, id);
  }

  /** Stored console lines, newest page first (cursor `before` = previous page's `nextBefore`). */
  @Get(':id/logs')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(ConsoleLogPageDTO)
  logs(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: ConsoleLogQueryDTO) {
    return this.console.page(domainId, id, query);
  }

  /** The stored console history as a plain-text attachment, oldest first, streamed. */
  @Get(':id/logs/download')
  @RequirePermission('gameserver.read')
  @RawResponse()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text/plain attachment: one `<ISO time> [<stream>] <line>` per line', schema: { type: 'string' } })
  async download(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() query: ConsoleLogDownloadQueryDTO) {
    const { name, stream } = await this.console.download(domainId, id, query);
    const file = `${name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'server'}-console.log`;
    return new StreamableFile(stream, { type: 'text/plain; charset=utf-8', disposition: `attachment; filename="${file}"` });
  }

  @Delete(':id/logs')
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(ConsoleLogDeleteOutputDTO)
  clear(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.console.clear(domainId, id);
  }
}

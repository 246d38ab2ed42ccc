import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../../core/errors/app-error';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { GameServerService } from '../../gameserver/gameserver.service';
import { V1Controller, V1NotFound, V1WebSocket } from './v1.decorators';

const ID = { name: 'id', format: 'uuid', description: 'The instance (an Outpost game server)' } as const;
const socketOnly = (path: string) => AppError.badRequest(`${path} is a WebSocket: connect with Upgrade: websocket (token in Authorization: Bearer or ?token=)`);

/**
 * The plain-HTTP side of seed 001's two instance WebSockets. Upgrades never reach Fastify: the
 * application's one upgrade listener (OutpostWsAdapter) hands `/v1/instances/:id/console` to
 * ConsoleGateway and `/v1/instances/:id/logs` to V1LogsGateway. A request without the upgrade
 * lands here and is told so (400) — after the usual auth and tenancy checks, so a foreign
 * instance still answers 404.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/instances')
export class V1RealtimeController {
  constructor(private readonly servers: GameServerService) {}

  @Get(':id/logs')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({
    summary: 'WebSocket: live logs (read-only). Frames `{event, args}`: `auth success`, then `console output` (args: `{seq, line, time, stream}`…); any frame sent is refused with an `error` frame',
  })
  @V1WebSocket()
  @V1NotFound()
  async logs(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<never> {
    await this.servers.find(domainId, id);
    throw socketOnly(`/v1/instances/${id}/logs`);
  }

  @Get(':id/console')
  @ApiParam(ID)
  @RequirePermission('gameserver.read')
  @ApiOperation({
    summary:
      "WebSocket: interactive console — Outpost's console socket: `send command` [line] (gameserver.console), `set state` [start|stop|restart|kill] (gameserver.control), `send logs`, `send stats`, `resume` [seq], `auth` [token]; out: `auth success`, `status`, `console output`, `stats`, `install output`, `token expiring`, `token expired`, `error`",
  })
  @V1WebSocket()
  @V1NotFound()
  async console(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<never> {
    await this.servers.find(domainId, id);
    throw socketOnly(`/v1/instances/${id}/console`);
  }
}

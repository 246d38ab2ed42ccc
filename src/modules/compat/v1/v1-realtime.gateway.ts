import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import { RawData, WebSocket, WebSocketServer as WsServer } from 'ws';
import { OutpostGatewayOptions, useHandshakeGuards } from '../../../core/ws/ws-adapter';
import { CLOSE_ACCESS_ENDED, CLOSE_SERVER_DELETED, CLOSE_TOKEN_EXPIRED, CLOSE_TOO_SLOW, MAX_BUFFERED_BYTES } from '../../console/console.gateway';
import { CONSOLE_GRANT, CONSOLE_HANDSHAKE, ConsoleTokenGuard } from '../../console/console.guards';
import { ConsoleGrantWatch } from '../../console/console-grant-watch.service';
import { ConsoleHub, HubMessage } from '../../console/console-hub.service';

const frame = (event: string, args: unknown[]) => JSON.stringify({ event, args });

/** What a frame sent to the read-only socket is answered with (the console socket's `error` frame). */
export const V1_LOGS_READ_ONLY = 'This socket only streams live logs: send commands on /v1/instances/{id}/console';

/**
 * Seed 001's `GET /v1/instances/{id}/logs` (WebSocket: live logs): the read-only half of Outpost's
 * console socket. The upgrade passes the console's own ConsoleTokenGuard (`?token=` or
 * `Authorization: Bearer`: an access JWT or a console token; another organization's instance is
 * 404, no gameserver.read 403), then the socket gets `auth success` and every live
 * `console output` frame of the instance ({ event, args } as on the console socket, fed by the same
 * ConsoleHub). It takes no frames at all: each one is answered with an `error` frame
 * (ForbiddenError) and nothing is done. The interactive socket, `/v1/instances/{id}/console`, is
 * ConsoleGateway itself (a second path of that gateway).
 *
 * Sockets close with the console's codes: 4001 when the token expires (no renewal here: reconnect),
 * 4008 when the client cannot keep up, 4404 when the instance is deleted.
 */
@WebSocketGateway<OutpostGatewayOptions>({ path: '/v1/instances/:id/logs', trailingSlash: true, maxPayload: 4 * 1024, perMessageDeflate: false })
export class V1LogsGateway implements OnGatewayInit<WsServer>, OnGatewayConnection<WebSocket>, OnModuleDestroy {
  private readonly logger = new Logger('V1LogsGateway');
  @WebSocketServer() private readonly wss: WsServer;

  constructor(
    private readonly hub: ConsoleHub,
    private readonly tokenGuard: ConsoleTokenGuard,
    private readonly grantWatch: ConsoleGrantWatch,
  ) {}

  afterInit(server: WsServer): void {
    // No frame codec: this gateway reads (and refuses) its sockets' frames itself.
    useHandshakeGuards(server, [this.tokenGuard]);
  }

  onModuleDestroy(): void {
    for (const client of this.wss?.clients ?? []) client.close(1001, 'server shutting down');
  }

  handleConnection(ws: WebSocket, req: IncomingMessage): void {
    const { grant } = CONSOLE_HANDSHAKE.get(req);
    CONSOLE_GRANT.set(ws, grant);
    const timers: NodeJS.Timeout[] = [];
    let unsubscribe: (() => void) | undefined;
    let closed = false;
    const end = (code: number, reason: string) => {
      if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
      // A close frame waits behind buffered output: don't wait for a stuck client.
      timers.push(setTimeout(() => ws.readyState !== WebSocket.CLOSED && ws.terminate(), 2000).unref());
    };
    const send = (data: string) => {
      if (closed || ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return end(CLOSE_TOO_SLOW, 'client too slow: log backlog exceeded');
      ws.send(data);
    };
    // Suspended, logged out, token revoked, membership or gameserver.read gone: the stream ends.
    const unwatch = this.grantWatch.watch(ws, (refusal) => {
      send(frame('error', [{ code: refusal.code, message: refusal.message, event: null }]));
      end(CLOSE_ACCESS_ENDED, 'access ended');
    });
    ws.on('close', () => {
      closed = true;
      unwatch();
      unsubscribe?.();
      for (const t of timers) clearTimeout(t);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let event: unknown = null;
      if (!isBinary) {
        try {
          event = (JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '') as { event?: unknown } | null)?.event ?? null;
        } catch {
          event = null;
        }
      }
      send(frame('error', [{ code: 'ForbiddenError', message: V1_LOGS_READ_ONLY, event: typeof event === 'string' ? event.slice(0, 64) : null }]));
    });
    const onHub = (msg: HubMessage) => {
      if (msg.t === 'status') {
        if (msg.reason === 'deleted') end(CLOSE_SERVER_DELETED, 'instance deleted');
        return;
      }
      if (msg.lines.length) send((msg.frame ??= frame('console output', msg.lines)));
    };
    this.hub
      .subscribe(grant.serverId, onHub)
      .then((stop) => {
        if (closed) return stop();
        unsubscribe = stop;
        send(frame('auth success', []));
        if (!grant.expiresAt) return;
        const expire = () => {
          send(frame('token expired', []));
          end(CLOSE_TOKEN_EXPIRED, 'token expired');
        };
        timers.push(setTimeout(expire, Math.max(0, grant.expiresAt - Date.now())).unref());
      })
      .catch((err: unknown) => {
        this.logger.error({ err: String(err) }, 'log subscription failed');
        end(1011, 'logs unavailable');
      });
  }
}

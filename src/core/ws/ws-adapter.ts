import { ArgumentsHost, CanActivate, Catch, ExceptionFilter, INestApplicationContext } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets/gateway-metadata-explorer';
import { IncomingMessage, Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { isObservable, lastValueFrom, Observable } from 'rxjs';
import { RawData, ServerOptions, WebSocket, WebSocketServer } from 'ws';
import { AppError } from '../errors/app-error';
import { WS_HANDSHAKE } from './handshake';

/**
 * Options of an Outpost `@WebSocketGateway` (besides `ws` server options such as `maxPayload`).
 * Every gateway shares the application's HTTP server and port.
 */
export interface OutpostGatewayOptions extends Omit<ServerOptions, 'server' | 'port' | 'path' | 'noServer'> {
  /**
   * The pathname served, `:name` segments match one non-empty segment (query ignored). Several
   * paths (an alias, such as a compat dialect's URL of the same socket) share the gateway's one
   * server, handshake guards and codec; the guards see the parameters of the path that matched.
   */
  path: string | readonly string[];
  /** Also accept the path(s) with one trailing slash. */
  trailingSlash?: boolean;
}

/**
 * How a gateway's text frames map to Nest message handlers (`@SubscribeMessage`). Registered by
 * the gateway (`useFrameCodec` in `afterInit`). A gateway without one gets no Nest dispatch at
 * all: its code owns the socket's frames (the agent channel).
 */
export interface WsFrameCodec {
  /** The event and handler data of one incoming message, or throws (then `reject` with event null). null: ignore it. */
  decode(socket: WebSocket, data: RawData, isBinary: boolean): { event: string; data: unknown } | null;
  /** Tells the client a frame was refused (bad frame, unknown event, or its handler threw); `event` null when it had none. */
  reject(socket: WebSocket, event: string | null, error: unknown): void;
}

const codecs = new WeakMap<WebSocketServer, WsFrameCodec>();
const socketCodecs = new WeakMap<WebSocket, WsFrameCodec>();
const handshakeGuards = new WeakMap<WebSocketServer, readonly CanActivate[]>();

export function useFrameCodec(server: WebSocketServer, codec: WsFrameCodec): void {
  codecs.set(server, codec);
}

/**
 * The guards a gateway's upgrade requests pass, in order, before the socket exists (context type
 * WS_HANDSHAKE); the gateway injects them and registers them in `afterInit`, so the dependency is
 * in its constructor. An AppError refuses the upgrade with its status and `{ error }`; `false`
 * refuses it with 401 and no body; anything else thrown is a 503. A gateway that registered none
 * (not even `[]`) refuses every upgrade with 503: an unguarded socket is a decision, not a default.
 */
export function useHandshakeGuards(server: WebSocketServer, guards: readonly CanActivate[]): void {
  handshakeGuards.set(server, guards);
}

/**
 * Errors of frame handlers (guards, pipes, handler) go back to the client through its gateway's
 * codec, so a socket answers with the same catalogue codes as HTTP. Use on gateways with a codec.
 */
@Catch()
export class WsFrameErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const socket = ws.getClient<WebSocket>();
    socketCodecs.get(socket)?.reject(socket, ws.getPattern() ?? null, exception);
  }
}

/** Answers an upgrade request with a plain HTTP error (JSON `{ error }` when a message is given) and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, message?: string): void {
  if (socket.destroyed) return;
  if (!socket.writable) return void socket.destroy();
  const body = message === undefined ? '' : JSON.stringify({ error: message });
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, 'Connection: close'];
  if (body) head.push('Content-Type: application/json');
  head.push(`Content-Length: ${Buffer.byteLength(body)}`);
  // Destroy once the answer is flushed: destroying right after write could drop it.
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

interface Route {
  pattern: RegExp;
  names: string[];
  wss: WebSocketServer;
}

function compilePath(path: string, trailingSlash: boolean): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}${trailingSlash ? '/?' : ''}$`), names };
}

/**
 * The `ws` adapter of Nest with the application's one `upgrade` listener. Each gateway
 * (`@WebSocketGateway<OutpostGatewayOptions>`) gets a `ws` server without its own listener;
 * an upgrade goes to the first gateway whose path matches, after its handshake guards, and any
 * other path is answered 404 (the stock adapter just drops the socket). Frames reach
 * `@SubscribeMessage` handlers through the gateway's WsFrameCodec; broadcasting stays in the
 * gateways (serialize once, send to many), outside Nest's per-message pipeline.
 */
export class OutpostWsAdapter extends WsAdapter {
  private readonly routes: Route[] = [];
  private readonly server?: Server;

  constructor(app: INestApplicationContext) {
    super(app);
    this.server = this.httpServer as Server | undefined;
    this.server?.on('upgrade', this.onUpgrade);
  }

  override create(port: number, options?: Record<string, unknown>): WebSocketServer {
    const { path, trailingSlash, namespace, server, ...wsOptions } = (options ?? {}) as unknown as OutpostGatewayOptions & { namespace?: unknown; server?: unknown };
    const paths: unknown[] = typeof path === 'string' ? [path] : Array.isArray(path) ? path : [];
    if (port !== 0 || namespace !== undefined || server !== undefined || !paths.length || paths.some((p) => typeof p !== 'string'))
      throw new Error('Outpost gateways take a path (or paths) on the application port, no port, namespace or server');
    const compiled = (paths as string[]).map((p) => ({ path: p, ...compilePath(p, trailingSlash === true) }));
    for (const [i, c] of compiled.entries()) {
      const taken = [...this.routes, ...compiled.slice(0, i)].some((r) => r.pattern.source === c.pattern.source);
      if (taken) throw new Error(`WebSocket path ${c.path} is served twice`);
    }
    const wss = new WebSocketServer({ ...wsOptions, noServer: true });
    wss.on('error', (err) => this.logger.error(err));
    for (const { pattern, names } of compiled) this.routes.push({ pattern, names, wss });
    return wss;
  }

  override bindMessageHandlers(client: WebSocket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    // Routes of one gateway (several paths) share its server: any of them names the codec.
    const route = this.routes.find((r) => r.wss.clients.has(client));
    const codec = route && codecs.get(route.wss);
    if (!codec) return; // the gateway's own code reads this socket's frames
    socketCodecs.set(client, codec);
    const byEvent = new Map(handlers.map((h) => [h.message as string, h]));
    client.on('message', (raw: RawData, isBinary: boolean) => {
      let frame: { event: string; data: unknown } | null;
      try {
        frame = codec.decode(client, raw, isBinary);
      } catch (err) {
        return codec.reject(client, null, err);
      }
      if (!frame) return;
      const handler = byEvent.get(frame.event);
      if (!handler) return codec.reject(client, frame.event, AppError.badRequest(`Unknown event ${frame.event.slice(0, 64)}`));
      const event = frame.event;
      // Handler errors reach WsFrameErrorFilter; a reply (not undefined/null) is sent as JSON.
      transform(handler.callback(frame.data, event)).subscribe({
        next: (reply) => {
          if (reply !== undefined && reply !== null && client.readyState === WebSocket.OPEN) client.send(JSON.stringify(reply));
        },
        error: (err: unknown) => codec.reject(client, event, err),
      });
    });
  }

  override async dispose(): Promise<void> {
    this.server?.off('upgrade', this.onUpgrade);
    await super.dispose();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node removed its own error listener when it emitted 'upgrade': a client resetting while its
    // upgrade is authenticated must not become an uncaught exception.
    socket.on('error', () => socket.destroy());
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      return refuseUpgrade(socket, 400, 'Malformed request URL');
    }
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, match[i + 1]]));
      void this.handshake(route, req, socket, head, params);
      return;
    }
    refuseUpgrade(socket, 404, 'No WebSocket endpoint at this path');
  };

  private async handshake(route: Route, req: IncomingMessage, socket: Duplex, head: Buffer, params: Record<string, string>): Promise<void> {
    try {
      const guards = handshakeGuards.get(route.wss);
      if (!guards) {
        this.logger.error({ path: req.url?.split('?')[0] }, 'WebSocket gateway registered no handshake guards (useHandshakeGuards)');
        return refuseUpgrade(socket, 503, 'Service unavailable');
      }
      for (const guard of guards) {
        const context = new ExecutionContextHost([req, params]);
        context.setType(WS_HANDSHAKE);
        const verdict = guard.canActivate(context);
        const allowed = isObservable(verdict) ? await lastValueFrom(verdict) : await verdict;
        if (!allowed) return refuseUpgrade(socket, 401);
      }
      if (socket.destroyed) return;
      route.wss.handleUpgrade(req, socket, head, (ws) => route.wss.emit('connection', ws, req));
    } catch (err) {
      if (err instanceof AppError) return refuseUpgrade(socket, err.status, err.message);
      this.logger.error({ err, path: req.url?.split('?')[0] }, 'WebSocket upgrade failed');
      refuseUpgrade(socket, 503, 'Service unavailable');
    }
  }
}

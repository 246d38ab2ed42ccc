import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IncomingMessage, Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Takes one upgrade request: either hands the socket to a WebSocket server or refuses it (refuseUpgrade). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, match: RegExpExecArray) => void | Promise<void>;

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

/**
 * The HTTP server's one `upgrade` listener. Gateways register the path they serve (from their
 * constructor, so the wiring is in their module's imports); requests go to the first route whose
 * pattern matches the whole path (query ignored), anything else gets 404. Handler failures that
 * escape the handler are answered 503, never thrown out of the listener.
 */
@Injectable()
export class UpgradeRouter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('UpgradeRouter');
  private readonly routes: Array<{ path: RegExp; handler: UpgradeHandler }> = [];
  private attachedTo?: Server;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** `path`: an exact pathname, or a pattern anchored to the whole pathname (its groups reach the handler). */
  register(path: string | RegExp, handler: UpgradeHandler): void {
    const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    if (this.routes.some((r) => r.path.source === pattern.source)) throw new Error(`WebSocket upgrade path ${pattern.source} is registered twice`);
    this.routes.push({ path: pattern, handler });
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer?.() as Server | undefined;
    if (!server) return; // built without an HTTP server (OpenAPI generation)
    server.on('upgrade', this.listener);
    this.attachedTo = server;
  }

  onModuleDestroy(): void {
    this.attachedTo?.off('upgrade', this.listener);
    this.attachedTo = undefined;
  }

  private readonly listener: UpgradeListener = (req, socket, head) => {
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
      const match = route.path.exec(pathname);
      if (!match) continue;
      Promise.resolve()
        .then(() => route.handler(req, socket, head, match))
        .catch((err: unknown) => {
          this.logger.error({ err, path: pathname }, 'WebSocket upgrade failed');
          refuseUpgrade(socket, 503, 'Service unavailable');
        });
      return;
    }
    refuseUpgrade(socket, 404, 'No WebSocket endpoint at this path');
  };
}

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Imported by each module with a WebSocket gateway; one router (and one listener) per application. */
@Module({ providers: [UpgradeRouter], exports: [UpgradeRouter] })
export class UpgradeRouterModule {}

import { AGENT_TRANSFER_PATH } from '@libs/agent-protocol/protocol';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Server, ServerResponse } from 'node:http';
import { AppError } from '../errors/app-error';
import { resolveError, sendError } from './exception.filter';

/**
 * The HTTP half of a graceful shutdown. `drain` stops accepting connections and waits (bounded)
 * for the requests already running; meanwhile a request arriving on a kept-alive connection is
 * answered 503 in the error envelope with `Connection: close`. Nest's `app.close()` would run every
 * module's onModuleDestroy (agent sockets, pools) before closing the HTTP server, under requests
 * still running; main.ts drains first, then closes.
 *
 * Requests are counted on the raw Node server, not in Fastify hooks, so an aborted request or a
 * stream Fastify does not see the end of still settles the count.
 */
export class HttpDrain {
  private draining = false;
  private readonly running = new Set<ServerResponse>();
  private onIdle: (() => void) | null = null;

  constructor(private readonly server: Server) {
    server.on('request', (_req, res: ServerResponse) => {
      this.running.add(res);
      res.once('close', () => this.finished(res));
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** The onRequest hook: once draining, every new request gets the 503 envelope and its connection is closed after it. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply: FastifyReply) => {
      // An agent's half of a transfer belongs to a user request that is still running: let it through.
      if (!this.draining || request.url.startsWith(`${AGENT_TRANSFER_PATH}/`)) return;
      void reply.header('connection', 'close');
      sendError(reply, resolveError(AppError.unavailable('The API is shutting down; retry shortly')));
      return reply;
    });
  }

  /**
   * Stops accepting connections and waits up to `graceMs` for the running requests. Returns how many
   * were still running at the deadline; their connections are then closed (the handlers' own work,
   * e.g. a database query, may still be going: the overall shutdown deadline covers that).
   */
  async drain(graceMs: number): Promise<{ abandoned: number }> {
    this.draining = true;
    // close() stops listening and (Node ≥ 19) closes idle keep-alive connections; busy ones close as they go idle (finished()).
    if (this.server.listening) this.server.close();
    this.server.closeIdleConnections();
    if (this.running.size) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.onIdle = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      clearTimeout(timer);
      this.onIdle = null;
    }
    const abandoned = this.running.size;
    if (abandoned) this.server.closeAllConnections();
    return { abandoned };
  }

  private finished(res: ServerResponse): void {
    this.running.delete(res);
    if (!this.draining) return;
    // The connection goes idle only after this 'close' event: close it on the next turn, unless another (pipelined) request is on it.
    setImmediate(() => this.server.closeIdleConnections());
    if (!this.running.size) this.onIdle?.();
  }
}

const drains = new WeakMap<object, HttpDrain>();

/** Created by createApp before the app starts listening (Fastify takes no hooks after that). */
export function installHttpDrain(app: NestFastifyApplication): HttpDrain {
  const drain = new HttpDrain(app.getHttpServer());
  drain.install(app.getHttpAdapter().getInstance());
  drains.set(app, drain);
  return drain;
}

export function httpDrainOf(app: NestFastifyApplication): HttpDrain {
  const drain = drains.get(app);
  if (!drain) throw new Error('the app was not built by createApp (no HTTP drain installed)');
  return drain;
}

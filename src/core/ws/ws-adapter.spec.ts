import 'reflect-metadata';
import assert from 'node:assert/strict';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CanActivate, ExecutionContext, Injectable, Module, UseFilters, UsePipes } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { IsArray, IsString } from 'class-validator';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { AppError } from '../errors/app-error';
import { createValidationPipe } from '../http/validation';
import { handshakeParams, handshakeRequest, HandshakeSlot } from './handshake';
import { OutpostGatewayOptions, OutpostWsAdapter, useFrameCodec, useHandshakeGuards, WsFrameErrorFilter } from './ws-adapter';

const THING = new HandshakeSlot<string>('thing');

/** `?key=`: ok → admitted, no → false (401), app → AppError 403, boom → a bug (503). */
@Injectable()
class KeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = handshakeRequest(context)!;
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key');
    if (key === 'app') throw AppError.forbidden('Not this thing');
    if (key === 'boom') throw new Error('guard bug');
    if (key !== 'ok') return false;
    THING.set(req, decodeURIComponent(handshakeParams(context).id));
    return true;
  }
}

class SayFrame {
  @IsArray() @IsString({ each: true }) args: string[];
}

const send = (ws: WebSocket, event: string, args: unknown[]) => ws.send(JSON.stringify({ event, args }));

@UseFilters(WsFrameErrorFilter)
@UsePipes(createValidationPipe()) // gateways get no global pipes: the HTTP one, declared
@WebSocketGateway<OutpostGatewayOptions>({ path: '/things/:id/live', trailingSlash: true })
class ThingGateway implements OnGatewayInit<WebSocketServer>, OnGatewayConnection<WebSocket> {
  constructor(private readonly keyGuard: KeyGuard) {}

  afterInit(server: WebSocketServer): void {
    useHandshakeGuards(server, [this.keyGuard]);
    useFrameCodec(server, {
      decode: (_ws: WebSocket, data: RawData) => {
        const f = JSON.parse(String(data)) as { event: string; args: unknown[] };
        return { event: f.event, data: { args: f.args } };
      },
      reject: (ws: WebSocket, event: string | null, err: unknown) => send(ws, 'error', [{ event, code: err instanceof AppError ? err.code : 'InternalServerError' }]),
    });
  }

  handleConnection(ws: WebSocket, req: IncomingMessage): void {
    send(ws, 'hello', [THING.get(req)]);
  }

  @SubscribeMessage('say')
  say(@ConnectedSocket() _ws: WebSocket, @MessageBody() body: SayFrame): { event: string; args: string[] } {
    return { event: 'said', args: body.args };
  }

  @SubscribeMessage('fail')
  fail(): void {
    throw AppError.conflict('No');
  }
}

/** No codec: its sockets' frames are the gateway's own business. */
@WebSocketGateway<OutpostGatewayOptions>({ path: '/raw' })
class RawGateway implements OnGatewayInit<WebSocketServer>, OnGatewayConnection<WebSocket> {
  afterInit(server: WebSocketServer): void {
    useHandshakeGuards(server, []);
  }

  handleConnection(ws: WebSocket): void {
    ws.on('message', (d) => ws.send(`raw:${String(d)}`));
  }

  @SubscribeMessage('say')
  say(): string {
    return 'dispatched by Nest';
  }
}

/** One gateway on two paths (a native URL and an alias): one server, its guards and codec on both. */
@WebSocketGateway<OutpostGatewayOptions>({ path: ['/rooms/:id/chat', '/alias/rooms/:id/chat'] })
class MultiPathGateway implements OnGatewayInit<WebSocketServer>, OnGatewayConnection<WebSocket> {
  constructor(private readonly keyGuard: KeyGuard) {}

  afterInit(server: WebSocketServer): void {
    useHandshakeGuards(server, [this.keyGuard]);
    useFrameCodec(server, {
      decode: (_ws: WebSocket, data: RawData) => ({ event: String(data), data: {} }),
      reject: (ws: WebSocket, event: string | null) => ws.send(`refused:${event}`),
    });
  }

  handleConnection(ws: WebSocket, req: IncomingMessage): void {
    ws.send(`joined:${THING.get(req)}:${new URL(req.url ?? '/', 'http://x').pathname}`);
  }

  @SubscribeMessage('ping')
  ping(): string {
    return 'pong';
  }
}

@Module({ providers: [KeyGuard, ThingGateway, RawGateway, MultiPathGateway] })
class TestModule {}

/** Status and body a refused upgrade answered with; 101 and the socket when it opened. */
function attempt(port: number, path: string): Promise<{ status: number; body: string; ws?: WebSocket; first?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { handshakeTimeout: 5000 });
    // Frames sent on connect can arrive with the 101: queue them from the start.
    const queue: string[] = [];
    const waiting: Array<(m: string) => void> = [];
    ws.on('message', (d) => {
      const w = waiting.shift();
      if (w) w(String(d));
      else queue.push(String(d));
    });
    inbox.set(ws, { queue, waiting });
    ws.once('open', () => resolve({ status: 101, body: '', ws }));
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? -1, body }));
    });
    ws.once('error', reject);
  });
}

const inbox = new WeakMap<WebSocket, { queue: string[]; waiting: Array<(m: string) => void> }>();

/** The socket's next frame; fails after 5 s instead of hanging. */
function next(ws: WebSocket): Promise<string> {
  const box = inbox.get(ws)!;
  if (box.queue.length) return Promise.resolve(box.queue.shift()!);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no frame within 5 s')), 5000);
    box.waiting.push((m) => {
      clearTimeout(timer);
      resolve(m);
    });
  });
}

describe('OutpostWsAdapter: the one upgrade path for every gateway', () => {
  let app: NestFastifyApplication;
  let server: Server;
  let port: number;

  before(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    app.useWebSocketAdapter(new OutpostWsAdapter(app));
    await app.listen({ port: 0, host: '127.0.0.1' });
    server = app.getHttpServer();
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    await app.close();
  });

  it('owns exactly one upgrade listener for every gateway', () => {
    assert.equal(server.listenerCount('upgrade'), 1);
  });

  it('answers unknown paths with 404 and a JSON error, never reaching a guard', async () => {
    for (const path of ['/', '/nope', '/raw/extra', '/things/abc/live/more', '/things//live', '/things/abc/live//']) {
      const r = await attempt(port, `${path}?key=boom`);
      assert.equal(r.status, 404, path);
      assert.deepEqual(JSON.parse(r.body), { error: 'No WebSocket endpoint at this path' }, path);
    }
  });

  it('runs the handshake guards: false is 401 without a body, an AppError its status, a bug 503', async () => {
    assert.deepEqual(await attempt(port, '/things/a/live?key=no'), { status: 401, body: '' });
    assert.deepEqual(await attempt(port, '/things/a/live'), { status: 401, body: '' });
    assert.deepEqual(await attempt(port, '/things/a/live?key=app'), { status: 403, body: '{"error":"Not this thing"}' });
    assert.deepEqual(await attempt(port, '/things/a/live?key=boom'), { status: 503, body: '{"error":"Service unavailable"}' });
  });

  it('admits with the path parameters the guard resolved (trailing slash allowed where asked)', async () => {
    for (const [path, id] of [
      ['/things/caf%C3%A9/live?key=ok', 'café'],
      ['/things/x/live/?key=ok', 'x'],
    ]) {
      const r = await attempt(port, path);
      assert.equal(r.status, 101, path);
      assert.deepEqual(JSON.parse(await next(r.ws!)), { event: 'hello', args: [id] });
      r.ws!.close();
    }
  });

  it('dispatches frames to handlers through guards and pipes; refusals go back through the codec with catalogue codes', async () => {
    const { ws } = await attempt(port, '/things/t/live?key=ok');
    await next(ws!);
    send(ws!, 'say', ['a', 'b']);
    assert.deepEqual(JSON.parse(await next(ws!)), { event: 'said', args: ['a', 'b'] });
    send(ws!, 'say', [1]);
    assert.deepEqual(JSON.parse(await next(ws!)), { event: 'error', args: [{ event: 'say', code: 'ValidationError' }] });
    send(ws!, 'fail', []);
    assert.deepEqual(JSON.parse(await next(ws!)), { event: 'error', args: [{ event: 'fail', code: 'ConflictError' }] });
    send(ws!, 'dance', []);
    assert.deepEqual(JSON.parse(await next(ws!)), { event: 'error', args: [{ event: 'dance', code: 'BadRequestError' }] });
    ws!.send('not json');
    assert.deepEqual(JSON.parse(await next(ws!)), { event: 'error', args: [{ event: null, code: 'InternalServerError' }] });
    ws!.close();
  });

  it('a gateway without a codec gets no Nest dispatch: its own listener reads the frames', async () => {
    const { ws, status } = await attempt(port, '/raw');
    assert.equal(status, 101);
    send(ws!, 'say', []);
    assert.equal(await next(ws!), 'raw:{"event":"say","args":[]}');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(inbox.get(ws!)!.queue, [], 'Nest sent no reply of its own');
    ws!.close();
  });

  it('serves a gateway on each of its paths: the same guards (with the parameters of the path that matched), codec and handlers', async () => {
    for (const path of ['/rooms/r1/chat', '/alias/rooms/r2/chat']) {
      assert.deepEqual(await attempt(port, `${path}?key=no`), { status: 401, body: '' }, path);
      assert.deepEqual(await attempt(port, `${path}?key=app`), { status: 403, body: '{"error":"Not this thing"}' }, path);
      const { ws, status } = await attempt(port, `${path}?key=ok`);
      assert.equal(status, 101, path);
      assert.equal(await next(ws!), `joined:${path.split('/').at(-2)}:${path}`);
      ws!.send('ping');
      assert.equal(await next(ws!), '"pong"');
      ws!.send('dance');
      assert.equal(await next(ws!), 'refused:dance');
      ws!.close();
    }
    // Not a trailing-slash gateway, and only its own paths.
    assert.equal((await attempt(port, '/rooms/r1/chat/?key=ok')).status, 404);
    assert.equal((await attempt(port, '/alias/rooms/r1?key=ok')).status, 404);
  });

  it('refuses a path served twice, also between the paths of one gateway, and an empty path list', async () => {
    const adapter = new OutpostWsAdapter(app);
    try {
      adapter.create(0, { path: '/x/:id' });
      assert.throws(() => adapter.create(0, { path: ['/y', '/x/:other'] }), /WebSocket path \/x\/:other is served twice/);
      assert.throws(() => adapter.create(0, { path: ['/z', '/z'] }), /WebSocket path \/z is served twice/);
      assert.throws(() => adapter.create(0, { path: [] }), /take a path/);
    } finally {
      await adapter.dispose();
    }
  });

  it('removes its listener when the application closes', async () => {
    const other = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    other.useWebSocketAdapter(new OutpostWsAdapter(other));
    await other.init();
    const s: Server = other.getHttpServer();
    assert.equal(s.listenerCount('upgrade'), 1);
    await other.close();
    assert.equal(s.listenerCount('upgrade'), 0);
  });
});

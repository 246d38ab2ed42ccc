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

@Module({ providers: [KeyGuard, ThingGateway, RawGateway] })
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

  it('owns exactly one upgrade listener for both gateways', () => {
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

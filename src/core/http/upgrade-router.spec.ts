import assert from 'node:assert/strict';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { WebSocket, WebSocketServer } from 'ws';
import { UpgradeRouter } from './upgrade-router';

/** Status and body a refused upgrade answered with; 101 when the socket opened. */
function attempt(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // A hung socket fails the test instead of stalling it.
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { handshakeTimeout: 5000 });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? -1, body }));
    });
    ws.once('error', reject);
  });
}

describe('UpgradeRouter: the one upgrade listener', () => {
  let server: Server;
  let port: number;
  let router: UpgradeRouter;
  const wss = new WebSocketServer({ noServer: true });
  const seen: string[] = [];

  before(async () => {
    Logger.overrideLogger(false); // the 503 case logs the handler's error on purpose
    server = createServer();
    router = new UpgradeRouter({ httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost);
    router.register('/plain/ws', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.close()));
    router.register(/^\/things\/([^/]+)\/live$/, (req, socket, head, match) => {
      seen.push(match[1]);
      wss.handleUpgrade(req, socket, head, (ws) => ws.close());
    });
    router.register('/broken', async () => {
      throw new Error('handler bug');
    });
    router.onApplicationBootstrap();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    router.onModuleDestroy();
    await new Promise((r) => server.close(r));
  });

  it('owns exactly one upgrade listener, removed on shutdown', () => {
    assert.equal(server.listenerCount('upgrade'), 1);
    const other = createServer();
    const r = new UpgradeRouter({ httpAdapter: { getHttpServer: () => other } } as unknown as HttpAdapterHost);
    r.onApplicationBootstrap();
    assert.equal(other.listenerCount('upgrade'), 1);
    r.onModuleDestroy();
    assert.equal(other.listenerCount('upgrade'), 0);
  });

  it('dispatches by exact path (query ignored) and by pattern, handing the groups over', async () => {
    assert.equal((await attempt(port, '/plain/ws?x=1')).status, 101);
    assert.equal((await attempt(port, '/things/abc/live')).status, 101);
    assert.deepEqual(seen, ['abc']);
  });

  it('answers an unknown path with 404 and a JSON error, without reaching any handler', async () => {
    const before = seen.length;
    for (const path of ['/nope', '/plain/ws/extra', '/things/abc/live/more', '/things//live']) {
      const r = await attempt(port, path);
      assert.equal(r.status, 404, path);
      assert.ok(JSON.parse(r.body).error, path);
    }
    assert.equal(seen.length, before);
  });

  it('answers 503 when a handler throws, and keeps serving', async () => {
    assert.equal((await attempt(port, '/broken')).status, 503);
    assert.equal((await attempt(port, '/plain/ws')).status, 101);
  });

  it('refuses a path registered twice', () => {
    assert.throws(() => router.register('/plain/ws', () => undefined), /twice/);
  });
});

import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { AGENT_WS_PATH } from '@libs/agent-protocol/protocol';
import { createTestApp, TestApp } from '../helpers/test-app';

/** "status body" a WebSocket upgrade was answered with ("101" when it opened); a refusal's body is plain `{ error }` JSON or empty. */
function upgradeStatus(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { handshakeTimeout: 5000 });
    ws.once('open', () => {
      ws.close();
      resolve('101');
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(`${res.statusCode ?? -1} ${body}`.trimEnd()));
    });
    ws.once('error', reject);
  });
}

describe('WebSocket upgrades in the application: one router', () => {
  let t: TestApp;
  let port: number;

  before(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  after(async () => {
    await t?.close();
  });

  it('the HTTP server has exactly one upgrade listener, for the agent and console sockets both', () => {
    assert.equal(t.app.getHttpServer().listenerCount('upgrade'), 1);
  });

  it('each gateway still answers on its own path', async () => {
    assert.equal(await upgradeStatus(port, AGENT_WS_PATH), '401', 'agent socket without a token');
    assert.equal(
      await upgradeStatus(port, '/gameserver/00000000-0000-4000-8000-000000000000/console'),
      '401 {"error":"Send ?token= with a console token (POST /gameserver/:id/console-token) or an access token"}',
      'console without a token',
    );
    assert.equal(await upgradeStatus(port, '/gameserver/%E0%A4%A/console?token=x'), '404 {"error":"Game server not found"}', 'a malformed escape is an unknown server, not a crash');
  });

  it('an upgrade on any other path is refused with 404 instead of hanging', async () => {
    for (const path of ['/', '/agent/ws/x', '/gameserver/abc/console/extra', '/api/users']) assert.equal(await upgradeStatus(port, path), '404 {"error":"No WebSocket endpoint at this path"}', path);
  });
});

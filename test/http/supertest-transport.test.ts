import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';

/**
 * The supertest transport (test/helpers/http-client.ts) is real HTTP: each request arrives on the app's listening
 * server over a TCP connection from 127.0.0.1, and a client's X-Forwarded-For is not trusted (no TRUST_PROXY), so
 * request.ip is the socket's peer. Fastify inject never reaches the server's 'request' event: there is no socket.
 */
describe('the supertest transport carries a real socket', () => {
  let t: TestApp;
  let admin: Session;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('a request arrives on a TCP connection from 127.0.0.1 and its X-Forwarded-For is not trusted; inject arrives on none', async () => {
    const server = t.app.getHttpServer();
    assert.equal(server.listening, true, 'the supertest transport makes the app listen');
    const port = (server.address() as AddressInfo).port;
    const seen: { remoteAddress?: string; remotePort?: number; localPort?: number; forwardedFor?: string | string[] }[] = [];
    const onRequest = (req: IncomingMessage) =>
      seen.push({ remoteAddress: req.socket.remoteAddress, remotePort: req.socket.remotePort, localPort: req.socket.localPort, forwardedFor: req.headers['x-forwarded-for'] });
    server.on('request', onRequest);
    let created;
    try {
      created = await t.request('POST', '/role', {
        token: admin.token,
        domain: admin.domainId,
        headers: { 'x-forwarded-for': '203.0.113.7' },
        body: { name: 'over-a-socket', permissions: [] },
      });
      // The same app through inject: handled, but not through the server, so no 'request' event and no socket.
      const injected = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(injected.statusCode, 200);
    } finally {
      server.off('request', onRequest);
    }
    assert.equal(created.status, 201, created.text);
    assert.equal(seen.length, 1, 'exactly the supertest request reached the listening server');
    assert.equal(seen[0].remoteAddress, '127.0.0.1');
    assert.equal(seen[0].localPort, port);
    assert.ok(seen[0].remotePort && seen[0].remotePort !== port, `an ephemeral client port, got ${seen[0].remotePort}`);
    assert.equal(seen[0].forwardedFor, '203.0.113.7', 'the header really went over the wire');

    // The audit row records request.ip: the socket's peer, not the header an untrusted client sent.
    const audit = await t.request('POST', '/auditlog/search', { token: admin.token, domain: admin.domainId, body: { filters: { targetId: created.body.data.id } } });
    assert.equal(audit.status, 200, audit.text);
    assert.deepEqual(
      audit.body.data.map((r: { action: string; ip: string }) => [r.action, r.ip]),
      [['role.create', '127.0.0.1']],
    );
  });
});

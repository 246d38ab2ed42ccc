import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { internalUrl, ReplicaRelay } from './replica-relay';

describe('ReplicaRelay', () => {
  const relay = new ReplicaRelay('a-jwt-secret-of-enough-length-0123456789');

  it('signs per direction and ticket; verify accepts only its own signature', () => {
    const sig = relay.sign('pull', 'ticket-1');
    assert.equal(relay.verify(sig, 'pull', 'ticket-1'), true);
    assert.equal(relay.verify(sig, 'push', 'ticket-1'), false);
    assert.equal(relay.verify(sig, 'pull', 'ticket-2'), false);
    assert.equal(new ReplicaRelay('another-installation-secret-0123456789').verify(sig, 'pull', 'ticket-1'), false);
    assert.equal(relay.verify('x'.repeat(129), 'pull', 'ticket-1'), false);
  });

  it('opens only http(s) owner URLs without credentials, whatever a ticket in Redis says', async () => {
    for (const owner of ['file:///etc', 'gopher://127.0.0.1:70', 'http://user:pass@127.0.0.1:1', 'not a url']) {
      await assert.rejects(relay.open(owner, 'pull', 'ticket-1'), /not an http\(s\) base URL/, owner);
    }
  });

  it('reaches an http owner with the signed header on the relay route', async () => {
    const seen: Array<{ url?: string; header?: string | string[] }> = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url, header: req.headers['x-outpost-relay'] });
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await relay.open(internalUrl(undefined, { address: '127.0.0.1', port }), 'pull', 'ticket-1');
      res.resume();
      assert.equal(res.statusCode, 200);
      assert.deepEqual(seen, [{ url: '/agent/transfer/ticket-1/relay', header: relay.sign('pull', 'ticket-1') }]);
    } finally {
      server.close();
    }
  });
});

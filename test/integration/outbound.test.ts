import assert from 'node:assert/strict';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/core/errors/app-error';
import { addressRefusal, checkOutboundHost, checkOutboundUrl, OutboundError, outboundPolicy, outboundRequest } from '../../src/core/net/outbound';

// The outbound guard against real sockets and the machine's real resolver: the default policy
// refuses every private form, and a redirect is judged again on every hop.

const DENY = outboundPolicy({ OUTBOUND_ALLOW_PRIVATE: false });
const ALLOW = outboundPolicy({ OUTBOUND_ALLOW_PRIVATE: true });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.status, 400);
    return err.message;
  }
  assert.fail('expected a refusal');
}

interface Recorder {
  server: Server;
  port: number;
  hits: { method: string; url: string; body: string }[];
}

async function listen(host: string, handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<Recorder> {
  const hits: Recorder['hits'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      hits.push({ method: req.method ?? '', url: req.url ?? '', body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

describe('outbound guard: checks', () => {
  for (const target of [
    'http://127.0.0.1/',
    'http://127.1.2.3:8080/x',
    'http://[::1]/',
    'http://10.0.0.5/',
    'http://192.168.1.1/',
    'http://172.16.0.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://localhost:3000/',
    'http://2130706433/', // 127.0.0.1 as one decimal number: URL normalises it
    'http://[2002:7f00:1::1]/', // 6to4 wrapping 127.0.0.1
    'http://[::127.0.0.1]/', // IPv4-compatible IPv6 (URL writes it ::7f00:1)
    'http://[::10.0.0.5]/',
  ]) {
    it(`refuses ${target} by default`, async () => {
      const message = await refusal(checkOutboundUrl(target, DENY));
      assert.match(message, /not allowed/);
    });
  }

  for (const target of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1:70/', 'javascript:alert(1)']) {
    it(`refuses the scheme of ${target}`, async () => {
      assert.match(await refusal(checkOutboundUrl(target, ALLOW)), /scheme .* is not allowed/);
    });
  }

  it('names the mapped address as what it is', () => {
    assert.match(addressRefusal('::ffff:169.254.169.254', DENY) ?? '', /169\.254\.169\.254 is a link-local/);
    assert.match(addressRefusal('fd00:ec2::254', DENY) ?? '', /unique-local/);
  });

  it('passes public unicast addresses and, with allowPrivate, loopback', async () => {
    assert.equal(addressRefusal('93.184.216.34', DENY), null);
    assert.equal(addressRefusal('2606:2800:220:1:248:1893:25c8:1946', DENY), null);
    const { url, addresses } = await checkOutboundUrl('http://127.0.0.1:9/hook', ALLOW);
    assert.equal(url.port, '9');
    assert.deepEqual(addresses, ['127.0.0.1']);
    assert.ok((await checkOutboundHost('localhost', ALLOW)).length > 0);
  });

  it('refuses a host name that does not resolve', async () => {
    assert.match(await refusal(checkOutboundHost('no-such-host.invalid', ALLOW)), /could not be resolved/);
  });

  it('refuses localhost as a bare host (SMTP) by default', async () => {
    assert.match(await refusal(checkOutboundHost('localhost', DENY)), /loopback/);
  });
});

describe('outbound guard: requests', () => {
  let target: Recorder; // 127.0.0.2: loopback, never in the allowlist below
  let redirector: Recorder; // 127.0.0.1: the one allowed address
  let slow: Recorder;

  before(async () => {
    target = await listen('127.0.0.2', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('reached'));
    redirector = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/to-private') res.writeHead(307, { location: `http://127.0.0.2:${target.port}/hook` }).end();
      else if (req.url === '/to-self') res.writeHead(302, { location: '/final' }).end();
      else if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/big') res.writeHead(200).end('x'.repeat(200_000));
      else res.writeHead(201, { 'x-seen': req.method ?? '' }).end('final');
    });
    slow = await listen('127.0.0.1', () => undefined); // never answers
  });

  after(async () => {
    for (const r of [target, redirector, slow]) {
      r.server.closeAllConnections();
      await new Promise((resolve) => r.server.close(resolve));
    }
  });

  it('refuses 127.0.0.1 under the default policy without sending anything', async () => {
    const before = redirector.hits.length;
    await assert.rejects(outboundRequest(`http://127.0.0.1:${redirector.port}/x`, { method: 'POST', body: '{}', timeoutMs: 2000 }, DENY), (err) => {
      assert.ok(err instanceof OutboundError);
      assert.match(err.message, /127\.0\.0\.1 is a loopback address/);
      return true;
    });
    assert.equal(redirector.hits.length, before);
  });

  it('re-checks every redirect: an allowed server cannot bounce the request to a private address', async () => {
    // Only 127.0.0.1 is allowed: the first hop passes, the redirect to 127.0.0.2 must not.
    const policy = { allowPrivate: false, allowedAddresses: ['127.0.0.1'] };
    await assert.rejects(outboundRequest(`http://127.0.0.1:${redirector.port}/to-private`, { method: 'POST', body: '{"a":1}', timeoutMs: 2000 }, policy), (err) => {
      assert.ok(err instanceof OutboundError);
      assert.match(err.message, /^Redirect refused: .*127\.0\.0\.2 is a loopback address/);
      return true;
    });
    assert.equal(target.hits.length, 0, 'the private target was reached through a redirect');
    assert.equal(redirector.hits.at(-1)?.url, '/to-private');

    // The same redirect is followed when the policy allows it (307 keeps method and body).
    const followed = await outboundRequest(`http://127.0.0.1:${redirector.port}/to-private`, { method: 'POST', body: '{"a":1}', timeoutMs: 2000 }, ALLOW);
    assert.equal(followed.status, 200);
    assert.equal(followed.body, 'reached');
    assert.equal(followed.url, `http://127.0.0.2:${target.port}/hook`);
    assert.deepEqual(target.hits.at(-1), { method: 'POST', url: '/hook', body: '{"a":1}' });
  });

  it('follows an allowed redirect (302 after POST continues as GET) and refuses a redirect to file://', async () => {
    const policy = { allowPrivate: false, allowedAddresses: ['127.0.0.1'] };
    const res = await outboundRequest(`http://127.0.0.1:${redirector.port}/to-self`, { method: 'POST', body: 'x', timeoutMs: 2000 }, policy);
    assert.equal(res.status, 201);
    assert.equal(res.headers['x-seen'], 'GET');
    await assert.rejects(outboundRequest(`http://127.0.0.1:${redirector.port}/to-file`, { method: 'GET', timeoutMs: 2000 }, policy), /Redirect refused: The scheme file: is not allowed/);
    await assert.rejects(outboundRequest(`http://127.0.0.1:${redirector.port}/loop`, { method: 'GET', timeoutMs: 2000 }, policy), /Too many redirects/);
  });

  it('connects a host name to the address it checked (localhost → 127.0.0.1)', async () => {
    const res = await outboundRequest(`http://localhost:${redirector.port}/plain`, { method: 'POST', body: '{}', timeoutMs: 2000 }, ALLOW);
    assert.equal(res.status, 201);
    assert.equal(res.body, 'final');
    assert.deepEqual(redirector.hits.at(-1), { method: 'POST', url: '/plain', body: '{}' });
  });

  it('truncates a large response body', async () => {
    const res = await outboundRequest(`http://127.0.0.1:${redirector.port}/big`, { method: 'GET', timeoutMs: 5000, maxResponseBytes: 1024 }, ALLOW);
    assert.equal(res.status, 200);
    assert.equal(res.body, 'x'.repeat(1024) + '…');
  });

  it('times out on a silent server and reports a closed port', async () => {
    await assert.rejects(outboundRequest(`http://127.0.0.1:${slow.port}/`, { method: 'GET', timeoutMs: 300 }, ALLOW), /Timed out after 300 ms/);
    const closed = await listen('127.0.0.1', () => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    await assert.rejects(outboundRequest(`http://127.0.0.1:${closed.port}/`, { method: 'GET', timeoutMs: 2000 }, ALLOW), /Connection refused by http:\/\/127\.0\.0\.1:/);
  });
});

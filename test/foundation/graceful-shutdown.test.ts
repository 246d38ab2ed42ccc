import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiExit, ApiProcess, freePort, spawnApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { PASSWORD } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * One HTTP/1.1 connection driven by hand, so a test can hold a request open (headers sent, body
 * not yet) across a SIGTERM and pipeline a second request behind it on the same connection.
 */
class RawConnection {
  private data = Buffer.alloc(0);
  closed = false;
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = new Socket();
    this.socket.on('data', (chunk: Buffer) => (this.data = Buffer.concat([this.data, chunk])));
    this.socket.on('close', () => (this.closed = true));
    this.socket.on('error', () => undefined);
    this.socket.connect(port, '127.0.0.1');
  }

  write(text: string): void {
    this.socket.write(text);
  }

  /** Every complete response so far, interim ones (100 Continue) included. */
  responses(): RawResponse[] {
    const out: RawResponse[] = [];
    let rest = this.data;
    for (;;) {
      const end = rest.indexOf('\r\n\r\n');
      if (end < 0) return out;
      const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      const status = Number(statusLine.split(' ')[1]);
      const length = status < 200 ? 0 : Number(headers['content-length'] ?? NaN);
      if (Number.isNaN(length)) throw new Error(`response without content-length: ${statusLine}`);
      if (rest.length < end + 4 + length) return out;
      const text = rest.subarray(end + 4, end + 4 + length).toString('utf8');
      out.push({ status, headers, body: text ? JSON.parse(text) : null });
      rest = rest.subarray(end + 4 + length);
    }
  }

  finalResponses(): RawResponse[] {
    return this.responses().filter((r) => r.status >= 200);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function postHead(path: string, token: string, domainId: string, bodyLength: number): string {
  return [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Authorization: Bearer ${token}`,
    `X-Takaro-Domain: ${domainId}`,
    'Content-Type: application/json',
    `Content-Length: ${bodyLength}`,
    // The server answers 100 Continue once it has taken the request: proof it is running before the SIGTERM.
    'Expect: 100-continue',
    '',
    '',
  ].join('\r\n');
}

/** The error code of a new TCP connection to `port`, or 'connected'. */
function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: Error & { code?: string }) => resolve(err.code ?? err.message));
    socket.connect(port, '127.0.0.1');
  });
}

async function exitWithin(p: ApiProcess, ms: number): Promise<ApiExit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`API process still running ${ms} ms after SIGTERM:\n${p.output().slice(-4000)}`)), ms)));
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The API and the agent as real processes: SIGTERM, restart on the same port and database, and a shutdown that hangs. */
describe('graceful shutdown of the API process', { timeout: 180_000 }, () => {
  const GRACE_MS = 3000;
  let db: ThrowawayDatabase;
  let port: number;
  let api: ApiProcess;
  let agent: AgentProcess;
  let agentDir: string;
  let session: { token: string; domainId: string };
  let nodeId: string;
  const spawned: ApiProcess[] = [];

  const start = async () => {
    const p = await spawnApi({ databaseUrl: db.url, port, env: { SHUTDOWN_GRACE_MS: String(GRACE_MS) } });
    spawned.push(p);
    return p;
  };
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${session.token}`, 'x-takaro-domain': session.domainId, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text };
  };
  const nodeState = async (base: string) => (await call(base, 'GET', `/node/${nodeId}`)).body?.data?.state as string | undefined;

  before(async () => {
    db = await createThrowawayDatabase();
    port = await freePort();
    api = await start();
    const boot = await fetch(`${api.url}/auth/bootstrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Alpha' }),
    });
    const booted = (await boot.json()) as { data: { token: string; domainId: string } };
    assert.equal(boot.status, 201, JSON.stringify(booted));
    session = { token: booted.data.token, domainId: booted.data.domainId };
    const created = await call(api.url, 'POST', '/node', { name: 'restart-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(created.status, 201, created.text);
    nodeId = created.body.data.id;
    const reg = await call(api.url, 'POST', `/node/${nodeId}/register-token`);
    assert.equal(reg.status, 200, reg.text);
    agentDir = mkdtempSync(join(tmpdir(), 'outpost-agent-'));
    agent = spawnAgent({ url: api.url, dataDir: agentDir, token: reg.body.data.token });
    await waitFor('node online', async () => (await nodeState(api.url)) === 'online', 30_000);
  });

  after(async () => {
    await agent?.kill('SIGKILL');
    for (const p of spawned) await p.kill('SIGKILL');
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('on SIGTERM, running requests finish (agent commands included), new ones get 503, agents get 4012, and it exits 0', async () => {
    const searchBody = JSON.stringify({ filters: { id: [nodeId] } });
    const search = new RawConnection(api.port);
    search.write(postHead('/node/search', session.token, session.domainId, searchBody.length));
    const command = new RawConnection(api.port);
    command.write(postHead(`/node/${nodeId}/containers/outpost-gone/stop`, session.token, session.domainId, 2));
    await waitFor('both requests taken (100 Continue)', () => search.responses()[0]?.status === 100 && command.responses()[0]?.status === 100);

    api.child.kill('SIGTERM');
    const announced = await waitFor('the shutdown log line', () => /SIGTERM received: refusing new requests, waiting up to \d+ ms for (\d+) running request/.exec(api.output()));
    assert.equal(announced[1], '2', 'both requests were running at the SIGTERM');

    // A new connection is not accepted any more (a raw socket: fetch might reuse a kept-alive one).
    assert.equal(await connectError(api.port), 'ECONNREFUSED');

    // A request already taken that needs the agent still reaches it during the drain (agents are let go only afterwards): the node's own answer, not 503 or 409.
    command.write('{}');
    const [answered] = await waitFor('the command answer', () => command.finalResponses().length === 1 && command.finalResponses());
    assert.equal(answered.status, 404, JSON.stringify(answered.body));
    assert.equal(answered.body.meta.error.code, 'NotFoundError');
    assert.equal(answered.body.meta.error.details.agentCode, 'not_found');

    // The running search completes normally; a request pipelined behind it on the same connection gets the 503 envelope.
    search.write(searchBody + [`GET /node/${nodeId} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${session.token}`, `X-Takaro-Domain: ${session.domainId}`, '', ''].join('\r\n'));
    const [done, late] = await waitFor('both answers on the kept-alive connection', () => search.finalResponses().length === 2 && search.finalResponses());
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(
      done.body.data.map((n: { id: string }) => n.id),
      [nodeId],
    );
    assert.equal(late.status, 503, JSON.stringify(late.body));
    assert.equal(late.body.meta.error.code, 'ServiceUnavailableError');
    assert.match(late.body.meta.error.message, /shutting down/);
    assert.equal(late.body.data, null);
    assert.equal(late.headers.connection, 'close');
    assert.equal(late.headers['x-content-type-options'], 'nosniff', 'the usual security headers');
    await waitFor('the connection closed after the 503', () => search.closed);
    command.destroy();

    // Agents are told to reconnect at once, after the requests finished.
    await waitFor('the agent seeing close code 4012', () => /"code":4012/.test(agent.output()));
    const exit = await exitWithin(api, GRACE_MS + 10_000);
    assert.deepEqual(exit, { code: 0, signal: null }, api.output().slice(-4000));
    assert.match(api.output(), /shutdown complete/);
  });

  it('the agent reconnects to the next process on the same port and the node is online again', async () => {
    const connectsBefore = agent.output().split('connected to the control plane').length;
    api = await start();
    // Well under the 12 s it used to take: the agent was told to reconnect now, not to back off.
    await waitFor('node online on the new process', async () => (await nodeState(api.url)) === 'online', 6_000).catch((err: Error) => {
      throw new Error(`${err.message}\nagent log:\n${agent.output().slice(-3000)}`);
    });
    assert.ok(agent.output().split('connected to the control plane').length > connectsBefore, 'the agent opened a new connection');
  });

  it('a shutdown that cannot finish (a request stuck on a database lock) still exits at the hard deadline, saying why', async () => {
    const locker = new Client({ connectionString: db.url });
    const watcher = new Client({ connectionString: db.url });
    await Promise.all([locker.connect(), watcher.connect()]);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE node IN ACCESS EXCLUSIVE MODE');
      const stuck = call(api.url, 'GET', `/node/${nodeId}`).then(
        (r) => ({ status: r.status }),
        (err: Error) => ({ error: err.message }),
      );
      await waitFor(
        'the request waiting on the lock',
        async () =>
          (
            await watcher.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM "node" "n" WHERE (n."domainId" = $1 OR n."domainId" IS NULL) AND "n"."id" = $2%'`,
            )
          ).rows.length > 0,
      );

      api.child.kill('SIGTERM');
      // Grace (3 s) + margin (5 s): a generous bound, the point is that it exits at all.
      const exit = await exitWithin(api, GRACE_MS + 25_000);
      assert.deepEqual(exit, { code: 1, signal: null }, api.output().slice(-4000));
      assert.match(api.output(), new RegExp(`1 request\\(s\\) still running after ${GRACE_MS} ms`));
      assert.match(api.output(), new RegExp(`shutdown did not finish within ${GRACE_MS + 5000} ms`));
      assert.doesNotMatch(api.output(), /shutdown complete/);
      // The stuck request's connection was closed: the client sees that, never a 500.
      assert.ok('error' in (await stuck), JSON.stringify(await stuck));
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await Promise.all([locker.end(), watcher.end()]);
    }
  });
});

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { AgentHub } from './agent-hub';
import { AGENT_CLOSE_RECONNECT_NOW, AgentError, parseAgentFrame, parseServerFrame } from './protocol';

/** A hand-driven fake agent: raw frames in and out. */
class FakeAgent {
  readonly frames: any[] = [];
  readonly ws: WebSocket;
  closed: { code: number; reason: string } | null = null;

  constructor(url: string, nodeId: string, opts: { autoPong?: boolean } = {}) {
    this.ws = new WebSocket(url, { headers: { 'x-node-id': nodeId }, autoPong: opts.autoPong ?? true });
    this.ws.on('message', (d) => this.frames.push(JSON.parse(d.toString())));
    this.ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    this.ws.on('error', () => undefined);
  }
  opened(): Promise<void> {
    return new Promise((res, rej) => {
      if (this.ws.readyState === WebSocket.OPEN) return res();
      this.ws.once('open', () => res());
      this.ws.once('error', rej);
    });
  }
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  hello(nodeId?: string): void {
    this.send({ type: 'hello', agentVersion: '0.0.0-test', hostname: 'fake', nodeId });
  }
  async nextCommand(): Promise<any> {
    return until(() => this.frames.find((f) => f.type === 'command' && !f._seen && (f._seen = true)));
  }
}

async function until<T>(probe: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('AgentHub', () => {
  let wss: WebSocketServer;
  let hub: AgentHub;
  let url: string;
  const protocolErrors: string[] = [];

  before(async () => {
    hub = new AgentHub({ pingIntervalMs: 100, maxMissedPongs: 2, defaultTimeoutMs: 2000 });
    hub.on('protocol_error', (_n: string, m: string) => protocolErrors.push(m));
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws, req) => hub.attach(String(req.headers['x-node-id']), ws, { remoteAddress: req.socket.remoteAddress }));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/agent/ws`;
  });
  after(async () => {
    hub.close();
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
  });

  it('counts a node as connected only after hello, and round-trips a command', async () => {
    const connected: any[] = [];
    hub.on('connected', (nodeId: string, hello: unknown) => connected.push({ nodeId, hello }));
    const a = new FakeAgent(url, 'n-basic');
    await a.opened();
    await until(() => hub.connection('n-basic'));
    assert.equal(hub.isConnected('n-basic'), false);
    await assert.rejects(hub.send('n-basic', 'inventory.get', {}), (e: AgentError) => e.code === 'offline');

    a.hello('n-basic');
    await until(() => hub.isConnected('n-basic'));
    assert.equal(connected.at(-1).nodeId, 'n-basic');
    assert.equal(connected.at(-1).hello.hostname, 'fake');
    assert.ok(hub.connectedNodeIds().includes('n-basic'));

    const p = hub.send('n-basic', 'server.inspect', { serverId: 's1' }, { timeoutMs: 1000 });
    const cmd = await a.nextCommand();
    assert.equal(cmd.command, 'server.inspect');
    assert.deepEqual(cmd.payload, { serverId: 's1' });
    assert.equal(cmd.timeoutMs, 1000);
    a.send({ type: 'response', id: cmd.id, ok: true, result: null });
    assert.equal(await p, null);

    const events: any[] = [];
    const onEvent = (n: string, e: string, d: unknown): number => events.push({ n, e, d });
    hub.on('event', onEvent);
    a.send({ type: 'event', event: 'heartbeat', data: { time: new Date().toISOString(), uptimeSeconds: 1 } });
    await until(() => events.length);
    assert.equal(events[0].e, 'heartbeat');
    hub.off('event', onEvent);
    a.ws.close();
  });

  it('rejects offline for unknown nodes and passes agent error codes through', async () => {
    await assert.rejects(hub.send('nobody', 'images.list', {}), (e: unknown) => e instanceof AgentError && e.code === 'offline');
    const a = new FakeAgent(url, 'n-err');
    await a.opened();
    a.hello();
    await until(() => hub.isConnected('n-err'));
    const p = hub.send('n-err', 'files.list', { serverId: 's', path: '../etc' });
    const cmd = await a.nextCommand();
    a.send({ type: 'response', id: cmd.id, ok: false, error: { code: 'path_unsafe', message: 'nope' } });
    await assert.rejects(p, (e: AgentError) => e.code === 'path_unsafe' && e.message === 'nope');
    a.ws.close();
  });

  it('times out with code timeout and ignores the late answer', async () => {
    const a = new FakeAgent(url, 'n-timeout');
    await a.opened();
    a.hello();
    await until(() => hub.isConnected('n-timeout'));
    let settled = false;
    const sent = hub.send('n-timeout', 'images.list', {}, { timeoutMs: 150 });
    void sent.then(
      () => (settled = true),
      () => (settled = true),
    );
    // The command went out and the hub is still waiting for its answer: the timeout, not the send, ends it.
    const cmd = await a.nextCommand();
    assert.equal(settled, false, 'still pending once the agent has the command');
    await assert.rejects(sent, (e: AgentError) => e.code === 'timeout');
    a.send({ type: 'response', id: cmd.id, ok: true, result: [] }); // late: must be dropped quietly
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(hub.isConnected('n-timeout'), true);
    a.ws.close();
  });

  it('rejects pending requests with disconnected when the socket closes, and emits disconnected', async () => {
    const a = new FakeAgent(url, 'n-close');
    await a.opened();
    a.hello();
    await until(() => hub.isConnected('n-close'));
    const gone: string[] = [];
    hub.on('disconnected', (n: string) => gone.push(n));
    const p = hub.send('n-close', 'images.list', {}, { timeoutMs: 5000 });
    await a.nextCommand();
    a.ws.terminate();
    await assert.rejects(p, (e: AgentError) => e.code === 'disconnected');
    await until(() => gone.includes('n-close'));
    assert.equal(hub.isConnected('n-close'), false);
  });

  it('replaces an older socket of the same node', async () => {
    const a = new FakeAgent(url, 'n-dup');
    await a.opened();
    a.hello();
    await until(() => hub.isConnected('n-dup'));
    const pending = hub.send('n-dup', 'images.list', {}, { timeoutMs: 5000 });
    await a.nextCommand();
    const rejected = assert.rejects(pending, (e: AgentError) => e.code === 'disconnected');
    const b = new FakeAgent(url, 'n-dup');
    await b.opened();
    await rejected;
    await until(() => a.closed);
    assert.equal(a.closed!.code, 4000);
    b.hello();
    await until(() => hub.isConnected('n-dup'));
    const p = hub.send('n-dup', 'images.list', {});
    const cmd = await b.nextCommand();
    b.send({ type: 'response', id: cmd.id, ok: true, result: [{ id: 'x', tags: [], sizeBytes: 1 }] });
    assert.equal((await p).length, 1);
    b.ws.close();
  });

  it('survives malformed frames: answers with an error frame, keeps the socket', async () => {
    const a = new FakeAgent(url, 'n-bad');
    await a.opened();
    a.hello();
    await until(() => hub.isConnected('n-bad'));
    const before = protocolErrors.length;
    a.send('not json{');
    a.send('[1,2]');
    a.send({ type: 'nonsense' });
    a.send({ type: 'event', event: 'no.such.event', data: {} });
    a.send({ type: 'event', event: 'heartbeat', data: 'x' });
    a.send({ type: 'response', ok: true });
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await until(() => protocolErrors.length - before >= 7);
    await until(() => a.frames.filter((f) => f.type === 'error').length >= 7);
    assert.ok(a.frames.every((f) => f.type !== 'error' || f.code === 'invalid_frame'));

    // A malformed answer to a real request settles it at once instead of waiting for the timeout.
    const p = hub.send('n-bad', 'images.list', {}, { timeoutMs: 5000 });
    const cmd = await a.nextCommand();
    a.send({ type: 'response', id: cmd.id, ok: false, error: 'not an object' });
    await assert.rejects(p, (e: AgentError) => e.code === 'invalid_frame');
    assert.equal(hub.isConnected('n-bad'), true);
    a.ws.close();
  });

  it('closes a socket whose hello claims another node', async () => {
    const a = new FakeAgent(url, 'n-mine');
    await a.opened();
    a.hello('n-someone-else');
    await until(() => a.closed);
    assert.equal(a.closed!.code, 4003);
    assert.equal(hub.isConnected('n-mine'), false);
  });

  it('pings, and terminates a socket that misses two pongs', async () => {
    const alive = new FakeAgent(url, 'n-alive');
    const deaf = new FakeAgent(url, 'n-deaf', { autoPong: false });
    let deafPings = 0;
    let alivePings = 0;
    deaf.ws.on('ping', () => deafPings++);
    alive.ws.on('ping', () => alivePings++);
    await Promise.all([alive.opened(), deaf.opened()]);
    alive.hello();
    deaf.hello();
    await until(() => hub.isConnected('n-alive') && hub.isConnected('n-deaf'));
    await until(() => deaf.closed, 3000);
    // Terminated only after it left (at least) two pings unanswered, not at the first.
    assert.ok(deafPings >= 2, `${deafPings} pings before the end`);
    assert.equal(deaf.closed!.code, 1006);
    // The answering socket outlives more pings than the deaf one got.
    await until(() => alivePings > deafPings + 2, 3000);
    assert.equal(hub.isConnected('n-alive'), true);
    alive.ws.close();
  });
});

describe('AgentHub.close', () => {
  async function hubWithServer(): Promise<{ hub: AgentHub; url: string; stop: () => Promise<void> }> {
    const hub = new AgentHub({ defaultTimeoutMs: 5000 });
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws, req) => hub.attach(String(req.headers['x-node-id']), ws));
    const stop = async () => {
      hub.close();
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    };
    return { hub, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, stop };
  }

  it('closes every socket with the given code and reason, failing pending commands as disconnected', async () => {
    const { hub, url, stop } = await hubWithServer();
    try {
      const a = new FakeAgent(url, 'n-restart-a');
      const b = new FakeAgent(url, 'n-restart-b');
      await Promise.all([a.opened(), b.opened()]);
      a.hello();
      b.hello();
      await until(() => hub.isConnected('n-restart-a') && hub.isConnected('n-restart-b'));
      const gone: string[] = [];
      hub.on('disconnected', (n: string) => gone.push(n));
      const pending = hub.send('n-restart-a', 'images.list', {});
      await a.nextCommand();

      hub.close(AGENT_CLOSE_RECONNECT_NOW, 'control plane restarting; reconnect now');
      await assert.rejects(pending, (e: AgentError) => e.code === 'disconnected');
      await until(() => a.closed && b.closed);
      assert.deepEqual(a.closed, { code: 4012, reason: 'control plane restarting; reconnect now' });
      assert.deepEqual(b.closed, { code: 4012, reason: 'control plane restarting; reconnect now' });
      assert.deepEqual(gone.sort(), ['n-restart-a', 'n-restart-b']);
      assert.deepEqual(hub.connectedNodeIds(), []);
      await assert.rejects(hub.send('n-restart-b', 'images.list', {}), (e: AgentError) => e.code === 'offline');
    } finally {
      await stop();
    }
  });

  it('defaults to 1001 (going away)', async () => {
    const { hub, url, stop } = await hubWithServer();
    try {
      const a = new FakeAgent(url, 'n-going');
      await a.opened();
      a.hello();
      await until(() => hub.isConnected('n-going'));
      hub.close();
      await until(() => a.closed);
      assert.deepEqual(a.closed, { code: 1001, reason: 'control plane shutting down' });
    } finally {
      await stop();
    }
  });
});

describe('AgentHub at scale', () => {
  it('handles 1,000 agents heartbeating and a command to each', { timeout: 60_000 }, async () => {
    const hub = new AgentHub();
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws, req) => hub.attach(String(req.headers['x-node-id']), ws));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const N = 1000;
    const agents: WebSocket[] = [];
    try {
      for (let i = 0; i < N; i++) {
        const ws = new WebSocket(url, { headers: { 'x-node-id': `node-${i}` } });
        ws.on('error', () => undefined);
        // Answers commands like an agent would.
        ws.on('message', (d) => {
          const f = JSON.parse(d.toString());
          if (f.type === 'command') ws.send(JSON.stringify({ type: 'response', id: f.id, ok: true, result: { echo: f.payload.serverId } }));
        });
        ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', agentVersion: 't', hostname: `h${i}` })));
        agents.push(ws);
      }
      await until(() => hub.connectedNodeIds().length === N, 30_000);

      let beats = 0;
      hub.on('event', () => beats++);
      const ROUNDS = 5;
      const frame = JSON.stringify({ type: 'event', event: 'heartbeat', data: { time: new Date().toISOString(), uptimeSeconds: 1 } });
      // Every heartbeat arrives (their throughput is measured by bench/agents.bench.ts, not asserted here).
      for (let r = 0; r < ROUNDS; r++) for (const ws of agents) ws.send(frame);
      await until(() => beats === N * ROUNDS, 30_000);

      const results = await Promise.all(agents.map((_, i) => hub.send(`node-${i}`, 'server.inspect', { serverId: `s${i}` }, { timeoutMs: 20_000 })));
      results.forEach((r, i) => assert.deepEqual(r, { echo: `s${i}` }));
    } finally {
      hub.close();
      for (const ws of agents) ws.terminate();
      await new Promise((r) => wss.close(r));
    }
  });
});

describe('protocol validators', () => {
  it('accepts well-formed frames and rejects malformed ones without throwing', () => {
    assert.equal(parseServerFrame(JSON.stringify({ type: 'command', id: 'a', command: 'images.list', payload: {}, timeoutMs: 5 })).ok, true);
    const noPayload = parseServerFrame(JSON.stringify({ type: 'command', id: 'a', command: 'images.list', timeoutMs: 5 }));
    assert.ok(noPayload.ok && noPayload.frame.type === 'command' && typeof noPayload.frame.payload === 'object');
    for (const bad of [
      '',
      'null',
      '"x"',
      '{}',
      '{"type":"command"}',
      '{"type":"command","id":"a","command":"x","timeoutMs":-1}',
      '{"type":"command","id":"a","command":"x","timeoutMs":5,"payload":[]}',
      Buffer.from('{'),
    ]) {
      const r = parseServerFrame(bad);
      assert.equal(r.ok, false, String(bad));
    }
    const withId = parseServerFrame('{"type":"command","id":"abc","timeoutMs":5}');
    assert.ok(!withId.ok && withId.id === 'abc');
    assert.equal(parseAgentFrame({}).ok, false);
    assert.equal(parseAgentFrame('{"type":"hello","agentVersion":"1","hostname":"h"}').ok, true);
    assert.equal(parseAgentFrame('{"type":"hello","agentVersion":1,"hostname":"h"}').ok, false);
    assert.equal(parseAgentFrame('{"type":"response","id":"x","ok":true}').ok, true);
  });
});

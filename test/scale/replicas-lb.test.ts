import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { ApiProcess, callApi, spawnApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { removeDomainContainers } from '../helpers/containers';
import { PASSWORD } from '../helpers/fixtures';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { Haproxy, HAPROXY_BACKEND_HEADER, haproxyVersion, startHaproxy } from './haproxy';

// Two real API processes (dist/src/main.js) on one throwaway database and the shared Redis, behind
// Debian's haproxy on 127.0.0.1 (round robin, no stickiness, /readyz health check). Everything goes
// through haproxy: the agent's socket and file transfers, the user's requests, a console viewer's
// WebSocket. Then one replica gets SIGTERM: the viewer reconnects through haproxy and resumes by seq
// without a lost or repeated line, and the agent reconnects and commands still reach the server.

const ENV = { REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PER_MINUTE: '1000000', TRUST_PROXY: '127.0.0.1', SHUTDOWN_GRACE_MS: '3000' };
const TUS = { 'tus-resumable': '1.0.0' };
// A ticking game server that also echoes what is written to its console: every line is numbered, so a
// gap anywhere (agent reconnecting, viewer reconnecting) shows.
const TICKER = `trap 'exit 0' TERM INT; (i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done) & while read -r l; do echo "echo: $l"; done`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** n of a `tick n` line, else 0. */
const tickOf = (l: { line: string }) => Number(/^tick (\d+)$/.exec(l.line)?.[1] ?? 0);
/** The local port of a ws client's TCP connection (to find it in haproxy's `show sess`). */
const localPort = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket.localPort ?? -1;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Line {
  seq: number | null;
  line: string;
}

interface Viewer {
  ws: WebSocket;
  lines(): Line[];
  lastSeq(): number;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** A console viewer through haproxy; resolves after `auth success`. */
function openViewer(lb: Haproxy, serverId: string, token: string, since: number): Promise<Viewer> {
  const ws = new WebSocket(`ws://127.0.0.1:${lb.port}/gameserver/${serverId}/console?token=${encodeURIComponent(token)}&since=${since}`);
  const messages: Array<{ event: string; args: any[] }> = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  const closed = new Promise<{ code: number; reason: string }>((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
  const lines = () => messages.filter((m) => m.event === 'console output').flatMap((m) => m.args as Line[]);
  const viewer: Viewer = {
    ws,
    lines,
    lastSeq: () => Math.max(since, ...lines().map((l) => l.seq ?? 0)),
    closed,
    async close() {
      ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`console upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () => void waitFor('auth success', () => messages.some((m) => m.event === 'auth success'), 10_000, 20).then(() => resolve(viewer), reject));
  });
}

function multipart(name: string, data: Buffer): { body: Buffer; type: string } {
  const boundary = '----outpost' + randomBytes(8).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe('two API replicas behind haproxy: agent, console viewer and uploads through the load balancer', { timeout: 150_000 }, () => {
  let database: ThrowawayDatabase;
  const replicas: Record<string, ApiProcess> = {};
  let lb: Haproxy;
  let agent: AgentProcess;
  let agentDir: string;
  let token: string;
  let domainId: string;
  let nodeId: string;
  let serverId: string;
  let viewer: Viewer;
  const auth = () => ({ authorization: `Bearer ${token}`, 'x-takaro-domain': domainId });
  const viaLb = (method: string, path: string, body?: unknown) => callApi(lb, method, path, { token, domainId, body });
  const files = () => `${lb.url}/gameserver/${serverId}/files`;
  const consoleToken = async () => {
    const r = await viaLb('POST', `/gameserver/${serverId}/console-token`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.data.token as string;
  };
  const command = async (line: string) => {
    const r = await viaLb('POST', `/gameserver/${serverId}/command`, { command: line });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  /** The replica the agent's socket is on: the one whose log says so last. */
  const agentReplica = () => {
    const last = (name: string) => Math.max(replicas[name].output().lastIndexOf('"msg":"agent connected"'), -1);
    const on = Object.keys(replicas).filter((n) => last(n) >= 0 && last(n) > replicas[n].output().lastIndexOf('"msg":"agent disconnected"'));
    return on.length === 1 ? on[0] : undefined;
  };

  before(async () => {
    // Fails (never skips) with how to install it when haproxy is missing.
    haproxyVersion();
    await ensureTestImages();
    database = await createThrowawayDatabase();
    // a runs the migrations; b starts on the migrated database.
    replicas.a = await spawnApi({ databaseUrl: database.url, env: ENV });
    replicas.b = await spawnApi({ databaseUrl: database.url, env: ENV });
    lb = await startHaproxy([
      { name: 'a', port: replicas.a.port },
      { name: 'b', port: replicas.b.port },
    ]);
    const boot = await callApi(lb, 'POST', '/auth/bootstrap', { body: { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Alpha' } });
    assert.equal(boot.status, 201, JSON.stringify(boot.body));
    ({ token, domainId } = boot.body.data);
  });

  after(async () => {
    viewer?.ws.terminate();
    if (domainId) await removeDomainContainers(domainId);
    await agent?.kill('SIGKILL');
    await Promise.all(Object.values(replicas).map((r) => r.kill('SIGKILL')));
    await lb?.stop();
    await database?.drop();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  it('an agent registered through haproxy runs a game server; a console viewer sees its output and a command’s echo', async () => {
    const node = await viaLb('POST', '/node', { name: 'lb-node', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 20480, cpuPercent: 400 });
    assert.equal(node.status, 201, JSON.stringify(node.body));
    nodeId = node.body.data.id;
    const reg = await viaLb('POST', `/node/${nodeId}/register-token`);
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    agentDir = mkdtempSync(join(tmpdir(), 'outpost-agent-'));
    // The agent knows only haproxy's address: its socket and its transfers go wherever haproxy sends them.
    agent = spawnAgent({ url: lb.url, dataDir: agentDir, token: reg.body.data.token });
    await waitFor('node online', async () => (await viaLb('GET', `/node/${nodeId}`)).body.data?.state === 'online', 30_000, 200);

    const wl = await viaLb('POST', '/workload/from-template', { template: 'busybox-shell' });
    assert.equal(wl.status, 201, JSON.stringify(wl.body));
    const s = await viaLb('POST', '/gameserver', { name: 'behind-lb', workloadId: wl.body.data.id, nodeId, memoryMiB: 64, cpuPercent: 50, pids: 64, diskMiB: 256, variables: { COMMAND: TICKER } });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    serverId = s.body.data.id;
    const started = await viaLb('POST', `/gameserver/${serverId}/start`);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    await waitFor('server running', async () => (await viaLb('GET', `/gameserver/${serverId}`)).body.data?.state === 'running', 40_000, 200);

    viewer = await openViewer(lb, serverId, await consoleToken(), 0);
    await waitFor('ticks on the console', () => viewer.lines().some((l) => l.line === 'tick 3'), 15_000, 50);
    await command('hello through haproxy');
    await waitFor('the command’s echo', () => viewer.lines().some((l) => l.line === 'echo: hello through haproxy'), 15_000, 50);
  });

  it('multipart and TUS uploads through haproxy land on both replicas and download byte-identical', async (t) => {
    const before = await lb.stats();
    const up = randomBytes(1024 * 1024 + 17);
    const mp = multipart('multi.bin', up);
    const r = await send(`${files()}/upload?path=lb`, 'POST', { ...auth(), 'content-type': mp.type, 'content-length': String(mp.body.length) }, mp.body);
    assert.equal(r.status, 201, r.body.toString());
    const down = await send(`${files()}/download?path=lb/multi.bin`, 'GET', auth());
    assert.equal(down.status, 200, down.body.subarray(0, 300).toString());
    assert.equal(sha(down.body), sha(up));

    // TUS in chunks: each PATCH is its own request, so consecutive chunks go to different replicas.
    const data = randomBytes(6 * 256 * 1024 + 5);
    const created = await send(`${files()}/tus`, 'POST', { ...auth(), ...TUS, 'upload-length': String(data.length), 'upload-metadata': `filename ${b64('resumable.bin')},path ${b64('lb')}` });
    assert.equal(created.status, 201, created.body.toString());
    const location = `${lb.url}${String(created.headers.location)}`;
    const patchedBy: string[] = [];
    for (let offset = 0; offset < data.length;) {
      const chunk = data.subarray(offset, offset + 256 * 1024);
      const p = await send(location, 'PATCH', { ...auth(), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }, chunk);
      assert.equal(p.status, 204, p.body.toString());
      offset += chunk.length;
      assert.equal(p.headers['upload-offset'], String(offset));
      patchedBy.push(String(p.headers[HAPROXY_BACKEND_HEADER]));
      // Each PATCH makes the agent fetch the chunk through haproxy too, which can keep round robin in
      // step (every PATCH on one replica, every agent fetch on the other): a HEAD, as a resuming
      // client sends, shifts it by one.
      if (patchedBy.length >= 2 && new Set(patchedBy).size === 1) {
        const head = await send(location, 'HEAD', { ...auth(), ...TUS });
        assert.equal(head.status, 200);
        assert.equal(head.headers['upload-offset'], String(offset));
      }
    }
    assert.deepEqual([...new Set(patchedBy)].sort(), ['a', 'b'], `PATCHes answered by ${patchedBy.join(',')}`);
    const tusDown = await send(`${files()}/download?path=lb/resumable.bin`, 'GET', auth());
    assert.equal(tusDown.status, 200, tusDown.body.subarray(0, 300).toString());
    assert.equal(sha(tusDown.body), sha(data));

    // haproxy's own counters: both replicas answered requests of this phase.
    const after = await lb.stats();
    t.diagnostic(`TUS PATCHes answered by ${patchedBy.join(',')}; requests a ${before.a.requests}→${after.a.requests}, b ${before.b.requests}→${after.b.requests}`);
    for (const name of ['a', 'b']) assert.ok(after[name].requests > before[name].requests, `replica ${name} served none of the upload phase: ${JSON.stringify({ before, after })}`);
  });

  it('SIGTERM one replica: the viewer reconnects through haproxy and resumes by seq without a lost line; the agent reconnects and commands still work', async (t) => {
    const victim = await waitFor('the replica holding the agent', agentReplica, 5_000);
    const survivor = victim === 'a' ? 'b' : 'a';
    // The viewer must be on the victim too: reconnect (resuming by seq) until haproxy puts it there.
    const earlier: Line[] = [];
    for (let i = 0; i < 10 && (await lb.serverOfClient(localPort(viewer.ws))) !== victim; i++) {
      await viewer.close();
      earlier.push(...viewer.lines());
      viewer = await openViewer(lb, serverId, await consoleToken(), viewer.lastSeq());
    }
    assert.equal(await lb.serverOfClient(localPort(viewer.ws)), victim, 'the viewer’s socket is on the replica being stopped');
    await command('before the SIGTERM');
    await waitFor('echo before the SIGTERM', () => viewer.lines().some((l) => l.line === 'echo: before the SIGTERM'), 15_000, 50);

    const exit = replicas[victim].kill('SIGTERM');
    const closed = await viewer.closed;
    assert.deepEqual(closed, { code: 1001, reason: 'server shutting down' });
    const seen = [...earlier, ...viewer.lines()];
    const lastTickSeen = Math.max(...seen.map(tickOf).filter((n) => n > 0));
    assert.deepEqual(await exit, { code: 0, signal: null }, replicas[victim].output().slice(-3000));

    // The agent was told to reconnect now; through haproxy it lands on the survivor.
    await waitFor('the agent on the surviving replica', () => agentReplica() === survivor, 20_000, 100);
    await waitFor('node online', async () => (await viaLb('GET', `/node/${nodeId}`)).body.data?.state === 'online', 20_000, 200);
    // Lines go on while the viewer is away; it reconnects through haproxy with the last seq it has.
    await command('while the viewer is away');
    // Stored before the viewer is back: it can only reach the viewer through the resume.
    await waitFor(
      'the line in the history',
      async () => (await viaLb('GET', `/gameserver/${serverId}/logs?limit=500`)).body.data?.lines?.some((l: Line) => l.line === 'echo: while the viewer is away'),
      15_000,
      100,
    );
    const away = await openViewer(lb, serverId, await consoleToken(), viewer.lastSeq());
    assert.equal(await lb.serverOfClient(localPort(away.ws)), survivor);
    viewer = away;
    await command('after the reconnect');
    await waitFor('echo after the reconnect', () => away.lines().some((l) => l.line === 'echo: after the reconnect'), 15_000, 50);
    await waitFor('ticks well past the reconnect', () => away.lines().some((l) => tickOf(l) >= lastTickSeen + 10), 15_000, 50);

    // Everything the two sockets saw: each seq once, consecutive from 1, ticks consecutive from 1, every echo.
    const all = [...seen, ...away.lines()].filter((l) => l.seq !== null);
    const seqs = all.map((l) => l.seq as number);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
      'seqs 1, 2, 3… across the reconnect: none lost, none repeated',
    );
    t.diagnostic(`stopped ${victim}; ${seen.length} lines before, ${away.lines().length} after (resumed from seq ${seen.at(-1)?.seq})`);
    const ticks = all.map(tickOf).filter((n) => n > 0);
    assert.deepEqual(
      ticks,
      ticks.map((_, i) => i + 1),
      'tick 1, 2, 3… across the reconnect',
    );
    const echoes = all.filter((l) => l.line.startsWith('echo: ')).map((l) => l.line);
    assert.deepEqual(echoes, ['echo: hello through haproxy', 'echo: before the SIGTERM', 'echo: while the viewer is away', 'echo: after the reconnect']);
    assert.ok(
      away.lines().some((l) => l.line === 'echo: while the viewer is away'),
      'the line written while away came with the resume',
    );

    // haproxy took the stopped replica out; requests keep working through the survivor.
    await waitFor(`replica ${victim} DOWN in haproxy`, async () => (await lb.stats())[victim].status === 'DOWN', 10_000, 100);
    const r = await send(`${files()}/download?path=lb/multi.bin`, 'GET', auth());
    assert.equal(r.status, 200, r.body.subarray(0, 300).toString());
    assert.equal(r.headers[HAPROXY_BACKEND_HEADER], survivor);
  });
});

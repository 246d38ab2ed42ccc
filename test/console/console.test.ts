import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { EventBus } from '../../src/core/events/event-bus';
import { ConsoleHub, ConsoleLine } from '../../src/modules/console/console-hub.service';
import { ConsoleAuthService } from '../../src/modules/console/console-auth.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

interface Msg {
  event: string;
  args: any[];
}

interface Client {
  ws: WebSocket;
  messages: Msg[];
  lines(): ConsoleLine[];
  send(event: string, args?: unknown[]): void;
  waitFor<T>(what: string, check: (c: Client) => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

function baseUrl(app: NestFastifyApplication): string {
  return `ws://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

function connect(app: NestFastifyApplication, serverId: string, token: string, query = ''): Promise<Client> {
  const ws = new WebSocket(`${baseUrl(app)}/gameserver/${serverId}/console?token=${encodeURIComponent(token)}${query}`);
  const messages: Msg[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  const closed = new Promise<{ code: number; reason: string }>((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
  const client: Client = {
    ws,
    messages,
    closed,
    lines: () => messages.filter((m) => m.event === 'console output').flatMap((m) => m.args as ConsoleLine[]),
    send: (event, args = []) => ws.send(JSON.stringify({ event, args })),
    waitFor: (what, check, timeoutMs = 10_000) => waitFor(what, () => check(client), timeoutMs, 20),
    async close() {
      ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      // A refused upgrade is answered in plain HTTP with `{ error }` (no envelope): keep it for the assertion.
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode, error: text ? (JSON.parse(text) as { error: string }).error : '' })));
    });
    ws.once('error', reject);
    ws.once('open', () => resolve(client));
  });
}

/** "status: error" of a refused upgrade ("101" when it opened). */
async function refusal(app: NestFastifyApplication, serverId: string, token: string | null): Promise<string> {
  try {
    const c = await connect(app, serverId, token ?? '');
    await c.close();
    return '101';
  } catch (err) {
    const { status, error } = err as { status?: number; error?: string };
    return `${status ?? -1}: ${error}`;
  }
}

describe('console: live WebSocket, resume, permissions, fan-out, throttling, history', () => {
  let t: TestApp;
  let appB: NestFastifyApplication;
  let admin: Session;
  let viewer: Session;
  let node: RunningNode;
  let serverId: string;
  let otherServerId: string;
  const req = (method: string, path: string, body?: unknown, s: Session = admin) => t.request(method, path, { token: s.token, domain: s.domainId, body });
  const consoleToken = async (s: Session = admin, id = serverId) => {
    const r = await req('POST', `/gameserver/${id}/console-token`, undefined, s);
    assert.equal(r.status, 201, r.text);
    return r.body.data.token as string;
  };
  const hub = () => t.app.get(ConsoleHub);

  before(async () => {
    // Open sockets' grants are checked again every 300 ms here (15 s by default).
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', CONSOLE_RECHECK_MS: '300' });
    admin = await bootstrapAdmin(t);
    viewer = await createMember(t, admin, admin.domainId, 'watcher', 'Viewer');
    node = await startNodeWithAgent(t, admin);
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    assert.equal(workload.status, 201, workload.text);
    const created = await req('POST', '/gameserver', { name: 'Console Echo', workloadId: workload.body.data.id, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    serverId = created.body.data.id;
    const other = await req('POST', '/gameserver', { name: 'Other', workloadId: workload.body.data.id, memoryMiB: 64, cpuPercent: 50 });
    otherServerId = other.body.data.id;
    assert.equal((await req('POST', `/gameserver/${serverId}/start`)).status, 200);
    await waitFor('running', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running', 20_000);
    // A second API process on the same database and Redis, without any agent.
    appB = await createApp(t.config, { quiet: true });
    await appB.listen({ port: 0, host: '127.0.0.1' });
  });

  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await appB?.close();
    await t.close();
  });

  let lastSeq = 0;

  it('a client sends a command over the console and sees the echo with a sequence number', async () => {
    const c = await connect(t.app, serverId, await consoleToken());
    await c.waitFor('status', (x) => x.messages.find((m) => m.event === 'status'));
    assert.equal(c.messages.find((m) => m.event === 'status')!.args[0], 'running');
    c.send('send command', ['hello']);
    const echo = await c.waitFor('echo: hello', (x) => x.lines().find((l) => l.line === 'echo: hello'));
    assert.ok(Number.isInteger(echo.seq) && echo.seq > 0);
    assert.equal(echo.stream, 'stdout');
    // send logs replays the buffer, which holds the startup line too.
    c.send('send logs');
    await c.waitFor('replayed ready line', (x) => x.lines().some((l) => l.line === 'Done! Server ready'));
    lastSeq = Math.max(...c.lines().map((l) => l.seq));
    await c.close();
  });

  it('after a disconnect, resume [lastSeq] delivers exactly the missed lines, in order and without gaps', async () => {
    for (const word of ['one', 'two', 'three']) assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: word })).status, 200);
    await waitFor('lines buffered', async () => (await hub().buffer(serverId)).some((l) => l.line === 'echo: three'));
    const expected = (await hub().buffer(serverId)).filter((l) => l.seq > lastSeq);
    const c = await connect(t.app, serverId, admin.token); // a plain access token works too
    await c.waitFor('auth success', (x) => x.messages.some((m) => m.event === 'auth success'));
    c.send('resume', [lastSeq]);
    await c.waitFor('missed lines', (x) => x.lines().length >= expected.length);
    await new Promise((r) => setTimeout(r, 200));
    const got = c.lines();
    assert.deepEqual(
      got.map((l) => l.seq),
      expected.map((l) => l.seq),
    );
    assert.deepEqual(
      got.map((l) => l.seq),
      got.map((_, i) => lastSeq + 1 + i),
      'seq continuity',
    );
    assert.deepEqual(
      got.map((l) => l.line).filter((l) => l.startsWith('echo:')),
      ['echo: one', 'echo: two', 'echo: three'],
    );
    // A resume from before the buffer's start says lines were dropped; resuming at connect works too.
    const d = await connect(t.app, serverId, admin.token, `&since=${lastSeq}`);
    await d.waitFor('resumed at connect', (x) => x.lines().length >= expected.length);
    assert.deepEqual(
      d.lines().map((l) => l.seq),
      expected.map((l) => l.seq),
    );
    await Promise.all([c.close(), d.close()]);
  });

  it('a viewer without gameserver.console can watch but not send; nothing reaches the container', async () => {
    const watcher = await connect(t.app, serverId, await consoleToken(viewer));
    const adminSocket = await connect(t.app, serverId, await consoleToken());
    await watcher.waitFor('auth success', (x) => x.messages.some((m) => m.event === 'auth success'));
    watcher.send('send command', ['viewer-was-here']);
    const err = await watcher.waitFor('error', (x) => x.messages.find((m) => m.event === 'error'));
    assert.equal(err.args[0].code, 'ForbiddenError');
    assert.equal(err.args[0].event, 'send command');
    watcher.send('set state', ['stop']);
    await watcher.waitFor('second error', (x) => x.messages.filter((m) => m.event === 'error').length >= 2);
    adminSocket.send('send command', ['admin-was-here']);
    await watcher.waitFor('viewer sees admin echo', (x) => x.lines().some((l) => l.line === 'echo: admin-was-here'));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!watcher.lines().some((l) => l.line.includes('viewer-was-here')));
    assert.ok(!(await hub().buffer(serverId)).some((l) => l.line.includes('viewer-was-here')), 'the command never reached the container');
    assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.state, 'running');
    await Promise.all([watcher.close(), adminSocket.close()]);
  });

  it('invalid frames are answered with error frames from the error catalogue; the socket stays usable', async () => {
    const c = await connect(t.app, serverId, await consoleToken());
    await c.waitFor('auth success', (x) => x.messages.some((m) => m.event === 'auth success'));
    const errors = () => c.messages.filter((m) => m.event === 'error').map((m) => m.args[0] as { code: string; message: string; event: string | null; details?: unknown });
    const sendRaw = (data: string) => c.ws.send(data);
    sendRaw('not json');
    c.send('dance', []);
    c.send('send command', ['']);
    c.send('send command', ['refused\nframe-line']);
    c.send('set state', ['explode']);
    c.send('resume', ['x']);
    c.send('auth', ['not-a-token']);
    sendRaw(JSON.stringify({ event: 'send logs', args: 'nope' }));
    await c.waitFor('eight errors', (x) => x.messages.filter((m) => m.event === 'error').length >= 8);
    const got = errors().map((e) => `${e.event} ${e.code}`);
    assert.deepEqual(got.slice().sort(), [
      'auth UnauthorizedError',
      'dance BadRequestError',
      'null BadRequestError',
      'null BadRequestError',
      'resume ValidationError',
      'send command ValidationError',
      'send command ValidationError',
      'set state ValidationError',
    ]);
    assert.deepEqual(
      errors()
        .filter((e) => e.event === 'send command')
        .map((e) => e.message)
        .sort(),
      ['Validation failed: the line must be 1–4096 characters', 'Validation failed: the line must not contain line breaks'],
    );
    assert.equal(errors().find((e) => e.event === 'dance')!.message, 'Unknown event dance');
    assert.equal(errors().find((e) => e.event === 'set state')!.message, 'Validation failed: set state takes one of start, stop, restart, kill');
    // The socket still works: a valid command after the refused ones is echoed.
    c.send('send command', ['after-bad-frames']);
    await c.waitFor('echo after bad frames', (x) => x.lines().some((l) => l.line === 'echo: after-bad-frames'));
    assert.ok(!(await hub().buffer(serverId)).some((l) => l.line.includes('frame-line')), 'no refused command reached the container');
    await c.close();
  });

  it('bad, expired, wrong-server and other-domain tokens are refused on upgrade', async () => {
    // Console tokens name the session they were issued under (the `sid` of the access token).
    const sessionOf = (accessToken: string) => JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid as string;
    assert.equal(await refusal(t.app, serverId, null), '401: Send ?token= with a console token (POST /gameserver/:id/console-token) or an access token');
    assert.equal(await refusal(t.app, serverId, 'not-a-token'), '401: Invalid or expired token');
    const auth = t.app.get(ConsoleAuthService);
    const expired = auth.issue(
      { principal: { kind: 'user', userId: admin.userId, username: 'admin', isInstanceAdmin: false, sessionId: sessionOf(admin.token) }, permissions: new Set(['gameserver.read']) },
      trustedDomainId(admin.domainId),
      serverId,
      -10,
    );
    assert.equal(await refusal(t.app, serverId, expired.token), '401: Invalid or expired token');
    assert.equal(await refusal(t.app, otherServerId, await consoleToken()), '403: This console token is for another game server', 'a console token is bound to its server');
    assert.equal(await refusal(t.app, '00000000-0000-4000-8000-000000000000', admin.token), '404: Game server not found');
    // Someone from another tenant: neither their access token nor a console token of theirs opens it.
    const mallory = await createMember(t, admin, admin.domainId, 'mallory');
    const otherDomain = await createDomain(t, mallory.token, 'Elsewhere');
    await req('DELETE', `/membership/${(await req('POST', '/membership/search', { filters: { userId: mallory.userId } })).body.data[0].id}`);
    const malloryToken = await t.request('POST', `/gameserver/${serverId}/console-token`, { token: mallory.token, domain: otherDomain });
    assert.equal(malloryToken.status, 404, malloryToken.text);
    assert.equal(malloryToken.body.meta.error.code, 'NotFoundError');
    assert.equal(await refusal(t.app, serverId, mallory.token), '404: Game server not found');
    // Tokens near expiry are warned about, then the socket is closed.
    const short = auth.issue(
      { principal: { kind: 'user', userId: admin.userId, username: 'admin', isInstanceAdmin: false, sessionId: sessionOf(admin.token) }, permissions: new Set(['gameserver.read']) },
      trustedDomainId(admin.domainId),
      serverId,
      2,
    );
    const c = await connect(t.app, serverId, short.token);
    await c.waitFor('token expiring', (x) => x.messages.some((m) => m.event === 'token expiring'));
    const closed = await c.closed;
    assert.equal(closed.code, 4001);
    assert.ok(c.messages.some((m) => m.event === 'token expired'));
  });

  it('fan-out: a viewer on a second API process sees lines that arrived through the agent on the first', async () => {
    const onB = await connect(appB, serverId, await consoleToken());
    const onA = await connect(t.app, serverId, await consoleToken());
    await onB.waitFor('auth success', (x) => x.messages.some((m) => m.event === 'auth success'));
    assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: 'across' })).status, 200);
    const b = await onB.waitFor('echo on B', (x) => x.lines().find((l) => l.line === 'echo: across'));
    const a = await onA.waitFor('echo on A', (x) => x.lines().find((l) => l.line === 'echo: across'));
    assert.equal(b.seq, a.seq, 'both processes agree on the sequence number');
    // Resume on B reads the shared buffer.
    const r = await connect(appB, serverId, admin.token, `&since=${b.seq - 3}`);
    await r.waitFor('resume on B', (x) => x.lines().some((l) => l.seq === b.seq));
    assert.deepEqual(
      r.lines().map((l) => l.seq),
      [b.seq - 2, b.seq - 1, b.seq],
    );
    await Promise.all([onA.close(), onB.close(), r.close()]);
  });

  it('a flooding server is throttled with a visible notice that counts what was suppressed', async () => {
    const c = await connect(t.app, serverId, await consoleToken());
    await c.waitFor('auth success', (x) => x.messages.some((m) => m.event === 'auth success'));
    const bus = t.app.get(EventBus);
    // Emitting is slowed by the lifecycle's own per-line work, so the limit is lowered to make
    // every one-second window overflow regardless of how long the loop takes.
    const limit = hub().options.linesPerSecond;
    hub().options.linesPerSecond = 100;
    const total = 3000;
    try {
      const time = new Date().toISOString();
      for (let i = 0; i < total; i++) bus.emit('agent.event', { nodeId: node.nodeId, event: 'console.output', data: { serverId, stream: 'stdout', line: `flood ${i}`, time } });
      const counted = () => c.lines().filter((l) => /^\[Outpost\] output throttled: \d+ lines suppressed$/.test(l.line));
      const tally = () => counted().reduce((n, l) => n + Number(/(\d+) lines/.exec(l.line)![1]), 0) + c.lines().filter((l) => l.line.startsWith('flood ')).length;
      await c
        .waitFor('every line delivered or counted', () => tally() === total, 10_000)
        .catch((e) => {
          throw new Error(`${e}: tally ${tally()} of ${total}`);
        });
    } finally {
      hub().options.linesPerSecond = limit;
    }
    const delivered = c.lines().filter((l) => l.line.startsWith('flood '));
    // The window allows 100 lines; the "throttling starts" notice takes one of them.
    assert.ok(delivered.length < total && delivered.length >= 99, `${delivered.length} delivered`);
    const indexes = delivered.map((l) => Number(l.line.split(' ')[1]));
    assert.deepEqual(
      indexes,
      [...indexes].sort((x, y) => x - y),
      'delivered lines keep their order',
    );
    const seqs = c.lines().map((l) => l.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => seqs[0] + i),
      'notices are part of the sequence: no gaps',
    );
    assert.ok(
      c.lines().some((l) => l.stream === 'outpost' && /throttled: more than/.test(l.line)),
      'a notice when throttling starts',
    );
    await c.close();
  });

  it('history: paged by seq cursor, time-filtered, downloadable as text, and deletable with gameserver.manage', async () => {
    await hub().flushPersist();
    const first = await req('GET', `/gameserver/${serverId}/logs?limit=5`);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.data.lines.length, 5);
    const seqs = first.body.data.lines.map((l: { seq: number }) => l.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
      'oldest first within a page',
    );
    assert.equal(first.body.data.nextBefore, seqs[0]);
    const older = await req('GET', `/gameserver/${serverId}/logs?limit=5&before=${first.body.data.nextBefore}`);
    assert.equal(older.body.data.lines[4].seq, seqs[0] - 1);
    const all = await req('GET', `/gameserver/${serverId}/logs?limit=5000`);
    for (const line of ['echo: hello', 'echo: one', 'echo: across'])
      assert.ok(
        all.body.data.lines.some((l: { line: string }) => l.line === line),
        line,
      );
    assert.equal(all.body.data.nextBefore, null);
    const future = await req('GET', `/gameserver/${serverId}/logs?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    assert.deepEqual(future.body.data.lines, []);
    const badLimit = await req('GET', `/gameserver/${serverId}/logs?limit=0`);
    assert.equal(badLimit.status, 400, badLimit.text);
    assert.equal(badLimit.body.meta.error.code, 'ValidationError');
    assert.equal((await req('GET', `/gameserver/${serverId}/logs`, undefined, viewer)).status, 200);

    const dl = await req('GET', `/gameserver/${serverId}/logs/download`);
    assert.equal(dl.status, 200);
    assert.match(String(dl.headers['content-type']), /^text\/plain/);
    assert.match(String(dl.headers['content-disposition']), /^attachment; filename="Console_Echo-console\.log"/);
    assert.match(dl.text, /\[stdout\] echo: hello\n/);
    assert.ok(!dl.text.startsWith('{'), 'not wrapped in the envelope');

    const viewerDelete = await req('DELETE', `/gameserver/${serverId}/logs`, undefined, viewer);
    assert.equal(viewerDelete.status, 403, viewerDelete.text);
    assert.equal(viewerDelete.body.meta.error.code, 'ForbiddenError');
    const del = await req('DELETE', `/gameserver/${serverId}/logs`);
    assert.equal(del.status, 200, del.text);
    assert.ok(del.body.data.deleted > 10);
    assert.deepEqual((await req('GET', `/gameserver/${serverId}/logs`)).body.data.lines, []);
    assert.deepEqual(await hub().buffer(serverId), []);
  });

  it('a command is judged by the rights held when it is sent: gameserver.console taken from an open socket refuses the next command (403), and watching goes on', async () => {
    const operator = await createMember(t, admin, admin.domainId, 'operator', 'Member');
    const c = await connect(t.app, serverId, await consoleToken(operator));
    c.send('send command', ['before-narrowing']);
    await c.waitFor('its own echo', (x) => x.lines().find((l) => l.line === 'echo: before-narrowing'));
    const membershipId = (await req('POST', '/membership/search', { filters: { userId: operator.userId } })).body.data[0].id as string;
    const narrowed = await req('PUT', `/membership/${membershipId}/permissions`, { grant: [], revoke: ['gameserver.console'] });
    assert.equal(narrowed.status, 200, narrowed.text);
    // At once, not at the next periodic check: the command frame itself re-reads the rights.
    c.send('send command', ['after-narrowing']);
    const refused = await c.waitFor('the refusal', (x) => x.messages.find((m) => m.event === 'error' && m.args[0]?.event === 'send command'));
    assert.equal(refused.args[0].code, 'ForbiddenError');
    assert.equal(refused.args[0].message, 'Missing permission gameserver.console');
    // The refused line never reached the server: a later command's echo arrives without it.
    assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: 'marker-after-narrowing' })).status, 200);
    await c.waitFor('the marker', (x) => x.lines().find((l) => l.line === 'echo: marker-after-narrowing'));
    assert.equal(c.lines().filter((l) => l.line === 'echo: after-narrowing').length, 0);
    assert.equal(c.ws.readyState, WebSocket.OPEN, 'gameserver.read is still held: the socket stays');
    await c.close();
  });

  it('an open console ends (4003 after an error frame) when its account is suspended, its session logs out or its membership is removed', { timeout: 30_000 }, async () => {
    const suspended = await createMember(t, admin, admin.domainId, 'to-suspend', 'Member');
    const loggedOut = await createMember(t, admin, admin.domainId, 'to-logout', 'Member');
    const removed = await createMember(t, admin, admin.domainId, 'to-remove', 'Member');
    const bystander = await createMember(t, admin, admin.domainId, 'bystander', 'Member');
    const sockets = {
      suspended: await connect(t.app, serverId, await consoleToken(suspended)),
      loggedOut: await connect(t.app, serverId, loggedOut.token), // an access token straight on the socket
      removed: await connect(t.app, serverId, await consoleToken(removed)),
      bystander: await connect(t.app, serverId, await consoleToken(bystander)),
    };
    const suspend = await t.request('POST', `/user/${suspended.userId}/suspend`, { token: admin.token, body: { reason: 'console test' } });
    assert.equal(suspend.status, 200, suspend.text);
    const logout = await t.request('POST', '/logout', { token: loggedOut.token, body: { refreshToken: loggedOut.refreshToken } });
    assert.equal(logout.status, 200, logout.text);
    const membershipId = (await req('POST', '/membership/search', { filters: { userId: removed.userId } })).body.data[0].id as string;
    assert.equal((await req('DELETE', `/membership/${membershipId}`)).status, 200);
    for (const [who, code, message] of [
      ['suspended', 'UnauthorizedError', 'This account is suspended or no longer exists'],
      ['loggedOut', 'UnauthorizedError', 'The session or API token of this console has ended'],
      ['removed', 'ForbiddenError', 'You are no longer a member of this domain'],
    ] as const) {
      const closed = await sockets[who].closed;
      assert.deepEqual(closed, { code: 4003, reason: 'access ended' }, who);
      const error = sockets[who].messages.find((m) => m.event === 'error');
      assert.deepEqual(error?.args[0], { code, message, event: null }, who);
    }
    // Nobody else's socket went with them: the bystander still sees new output.
    assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: 'still-here' })).status, 200);
    await sockets.bystander.waitFor('output after the others ended', (x) => x.lines().find((l) => l.line === 'echo: still-here'));
    assert.equal(sockets.bystander.ws.readyState, WebSocket.OPEN);
    await sockets.bystander.close();
  });

  it('a line an agent sends again after a cut connection (resent) is kept once; a resent line the API never had is kept', async () => {
    const bus = t.app.get(EventBus);
    const time = new Date().toISOString();
    const emit = (line: string, resent?: true) =>
      bus.emit('agent.event', { nodeId: node.nodeId, event: 'console.output', data: { serverId, stream: 'stdout', line, time, ...(resent ? { resent } : {}) } });
    const ours = async () => (await hub().buffer(serverId)).filter((l) => l.line.startsWith('resend-check')).map((l) => l.line);
    emit('resend-check stored');
    await waitFor('the first line buffered', async () => (await ours()).includes('resend-check stored'));
    emit('resend-check stored', true); // a copy of a buffered line
    emit('resend-check queued');
    emit('resend-check queued', true); // a copy of a line still waiting for its seq
    emit('resend-check never seen', true);
    emit('resend-check after');
    await waitFor('the last line buffered', async () => (await ours()).includes('resend-check after'));
    assert.deepEqual(await ours(), ['resend-check stored', 'resend-check queued', 'resend-check never seen', 'resend-check after']);
    assert.equal(hub().stats.linesResentDropped, 2);
  });
});

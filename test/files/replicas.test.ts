import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { TRANSFER_CONTENT_TYPE } from '@libs/agent-protocol/protocol';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/core/config/app-config';
import { TransferService } from '../../src/modules/files/transfer.service';
import { API_PROCESS_JWT_SECRET, ApiProcess, callApi, spawnApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { reservePortBlock } from '../helpers/port-blocks';
import { removeDomainContainers } from '../helpers/containers';
import { PASSWORD } from '../helpers/fixtures';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';

// Two real API processes (dist/src/main.js) on one database and Redis, a real agent connected to A
// only, and user requests sent to B: every file transfer B hands out is claimed by A (where the
// agent's HTTP requests land) and streamed through to B. A third replica C runs in this process so
// the test can hold a real ticket's token (forged, reused, unsigned relay).

const REDIS_URL = 'redis://127.0.0.1:6379';
const ENV = { REDIS_URL, RATE_LIMIT_PER_MINUTE: '1000000', UPLOAD_ABANDON_SECONDS: '3600', UPLOAD_SWEEP_MS: '300' };
const MiB = 1024 * 1024;
const TUS = { 'tus-resumable': '1.0.0' };
const OCTETS = { ...TUS, 'content-type': 'application/offset+octet-stream' };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One real HTTP request; `body` is sent as given (a Buffer, or a stream for large or slow bodies). */
function send(url: string, method: string, headers: Record<string, string>, body?: Buffer | Readable): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

function errorOf(r: Raw): { code: string; message: string; details?: any } {
  return JSON.parse(r.body.toString()).meta.error;
}
const refusal = (r: Raw) => `${r.status} ${errorOf(r).code}`;

function multipart(name: string, data: Buffer): { body: Buffer; type: string } {
  const boundary = '----outpost' + randomBytes(8).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe('file transfers and TUS across API replicas (no sticky routing)', () => {
  let database: ThrowawayDatabase;
  let db: Client;
  let a: ApiProcess;
  let b: ApiProcess;
  let c: NestFastifyApplication;
  let cUrl: string;
  let agent: AgentProcess;
  let agentDir: string;
  let agentToken: string;
  let token: string;
  let domainId: string;
  let nodeId: string;
  let serverId: string;
  let root: string;
  const auth = () => ({ authorization: `Bearer ${token}`, 'x-takaro-domain': domainId });
  const filesOn = (api: { url: string }) => `${api.url}/gameserver/${serverId}/files`;

  /** A TUS upload created through `api`; returns its absolute URL path. */
  async function createUpload(api: { url: string }, name: string, length: number): Promise<{ location: string; id: string }> {
    const r = await send(`${filesOn(api)}/tus`, 'POST', { ...auth(), ...TUS, 'upload-length': String(length), 'upload-metadata': `filename ${b64(name)},path ${b64('tus')}` });
    assert.equal(r.status, 201, r.body.toString());
    const location = String(r.headers.location);
    return { location, id: location.split('/').pop()! };
  }

  before(async () => {
    await ensureTestImages();
    database = await createThrowawayDatabase();
    db = new Client({ connectionString: database.url });
    // A runs the migrations; B starts on the migrated database.
    a = await spawnApi({ databaseUrl: database.url, env: ENV });
    b = await spawnApi({ databaseUrl: database.url, env: ENV });
    await db.connect();
    const boot = await callApi(a, 'POST', '/auth/bootstrap', { body: { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Alpha' } });
    assert.equal(boot.status, 201, JSON.stringify(boot.body));
    ({ token, domainId } = boot.body.data);
    const base = await reservePortBlock();
    const node = await callApi(a, 'POST', '/node', {
      token,
      domainId,
      body: { name: 'replica-node', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 20480, cpuPercent: 400, portRangeStart: base, portRangeEnd: base + 99 },
    });
    assert.equal(node.status, 201, JSON.stringify(node.body));
    nodeId = node.body.data.id;
    const reg = await callApi(a, 'POST', `/node/${nodeId}/register-token`, { token, domainId });
    agentDir = mkdtempSync(join(tmpdir(), 'outpost-agent-'));
    // The agent knows only A: its socket and every transfer request it makes go to A.
    agent = spawnAgent({ url: a.url, dataDir: agentDir, token: reg.body.data.token });
    await waitFor('node online', async () => (await callApi(b, 'GET', `/node/${nodeId}`, { token, domainId })).body.data?.state === 'online', 30_000, 200);
    agentToken = JSON.parse(readFileSync(join(agentDir, 'agent.json'), 'utf8')).agentToken;
    const wl = await callApi(b, 'POST', '/workload/from-template', { token, domainId, body: { template: 'echo-server' } });
    assert.equal(wl.status, 201, JSON.stringify(wl.body));
    const s = await callApi(b, 'POST', '/gameserver', { token, domainId, body: { name: 'replicas', workloadId: wl.body.data.id, memoryMiB: 64, cpuPercent: 50, pids: 64, diskMiB: 256 } });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    serverId = s.body.data.id;
    root = join(agentDir, 'servers', serverId);
    await waitFor('data dir', () => existsSync(root), 30_000);
    // Replica C, in this process, on the same database, Redis and JWT_SECRET.
    c = await createApp(loadConfig({ DATABASE_URL: database.url, REDIS_URL, JWT_SECRET: API_PROCESS_JWT_SECRET, LOG_LEVEL: 'silent', NODE_ENV: 'test' }), { quiet: true });
    await c.listen({ port: 0, host: '127.0.0.1' });
    cUrl = `http://127.0.0.1:${(c.getHttpServer().address() as AddressInfo).port}`;
  });

  after(async () => {
    if (domainId) await removeDomainContainers(domainId);
    await agent?.kill('SIGKILL');
    await c?.close();
    await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
    await db?.end().catch(() => undefined);
    await database?.drop();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  it('(a) download and multipart upload through B, agent on A: byte-identical', async () => {
    const data = randomBytes(3 * MiB + 123);
    writeFileSync(join(root, 'down.bin'), data);
    const down = await send(`${filesOn(b)}/download?path=down.bin`, 'GET', auth());
    assert.equal(down.status, 200, down.body.subarray(0, 300).toString());
    assert.equal(down.headers['content-length'], String(data.length));
    assert.equal(sha(down.body), sha(data));

    const up = randomBytes(2 * MiB + 7);
    const mp = multipart('up.bin', up);
    const r = await send(`${filesOn(b)}/upload?path=uploaded`, 'POST', { ...auth(), 'content-type': mp.type, 'content-length': String(mp.body.length) }, mp.body);
    assert.equal(r.status, 201, r.body.toString());
    assert.equal(sha(readFileSync(join(root, 'uploaded/up.bin'))), sha(up));
  });

  it('(b) a TUS upload started on A resumes on B: byte-identical', async () => {
    const data = randomBytes(3 * MiB);
    const { location } = await createUpload(a, 'resumed.bin', data.length);
    const first = await send(`${a.url}${location}`, 'PATCH', { ...auth(), ...OCTETS, 'upload-offset': '0' }, data.subarray(0, MiB));
    assert.equal(first.status, 204, first.body.toString());
    const head = await send(`${b.url}${location}`, 'HEAD', { ...auth(), ...TUS });
    assert.equal(head.status, 200);
    assert.equal(head.headers['upload-offset'], String(MiB));
    const rest = await send(`${b.url}${location}`, 'PATCH', { ...auth(), ...OCTETS, 'upload-offset': String(MiB) }, data.subarray(MiB));
    assert.equal(rest.status, 204, rest.body.toString());
    assert.equal(rest.headers['upload-offset'], String(data.length));
    assert.equal(sha(readFileSync(join(root, 'tus/resumed.bin'))), sha(data));
  });

  it('(c) two PATCHes at the same offset on A and B at once: one 204, one 409, the winner’s bytes on disk', async () => {
    const winner = randomBytes(MiB);
    const loser = randomBytes(MiB);
    const tail = randomBytes(MiB);
    const { location, id } = await createUpload(a, 'raced.bin', 2 * MiB);
    // pg_locks shows the two int4 keys of the upload's lock as classid/objid (unsigned).
    const waitingForLock = () =>
      db
        .query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND NOT granted AND objid::bigint = (hashtext($1)::bigint & 4294967295)`, [id])
        .then((r) => r.rows[0].n === 1);

    // A's PATCH starts and takes the upload while its body is still coming…
    let answeredA: Raw | undefined;
    const reqA = http.request(`${a.url}${location}`, { method: 'PATCH', headers: { ...auth(), ...OCTETS, 'upload-offset': '0', 'content-length': String(MiB) } });
    const doneA = new Promise<Raw>((resolve, reject) => {
      reqA.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (x: Buffer) => chunks.push(x));
        res.on('end', () => resolve((answeredA = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })));
      });
      reqA.on('error', reject);
    });
    reqA.write(winner.subarray(0, 64 * 1024));
    const temp = join(root, `.outpost-tmp-upload-${id}`);
    await waitFor("A's first bytes written on the node", () => existsSync(temp) && statSync(temp).size >= 64 * 1024, 15_000, 50);
    // …B's PATCH at the same offset, with other bytes, arrives meanwhile and waits…
    let answeredB: Raw | undefined;
    const doneB = send(`${b.url}${location}`, 'PATCH', { ...auth(), ...OCTETS, 'upload-offset': '0', 'content-length': String(MiB) }, loser).then((r) => (answeredB = r));
    await waitFor("B's PATCH waiting (or answered)", async () => answeredB ?? ((await waitingForLock()) || undefined), 15_000, 50);
    assert.equal(answeredA, undefined, 'A has not finished yet');
    // …then A's body completes.
    reqA.end(winner.subarray(64 * 1024));
    const [ra, rb] = await Promise.all([doneA, doneB]);
    assert.equal(ra.status, 204, ra.body.toString());
    assert.equal(ra.headers['upload-offset'], String(MiB));
    assert.equal(refusal(rb), '409 ConflictError');
    assert.equal(errorOf(rb).details.offset, MiB);
    const rest = await send(`${b.url}${location}`, 'PATCH', { ...auth(), ...OCTETS, 'upload-offset': String(MiB) }, tail);
    assert.equal(rest.status, 204, rest.body.toString());
    assert.equal(sha(readFileSync(join(root, 'tus/raced.bin'))), sha(Buffer.concat([winner, tail])));
  });

  it('(d) the sweeper removes an upload untouched for longer than UPLOAD_ABANDON_SECONDS (row and temp file) and keeps a fresh one', async () => {
    const old = await createUpload(a, 'old.bin', 2 * MiB);
    const fresh = await createUpload(b, 'fresh.bin', 2 * MiB);
    for (const u of [old, fresh]) {
      const r = await send(`${a.url}${u.location}`, 'PATCH', { ...auth(), ...OCTETS, 'upload-offset': '0' }, randomBytes(1000));
      assert.equal(r.status, 204, r.body.toString());
    }
    const temp = (id: string) => join(root, `.outpost-tmp-upload-${id}`);
    assert.ok(existsSync(temp(old.id)) && existsSync(temp(fresh.id)), 'both partial files on the node');
    // Untouched for two hours (the limit is one).
    await db.query(`UPDATE file_upload SET "updatedAt" = now() - interval '2 hours' WHERE id = $1`, [old.id]);
    await waitFor('the abandoned upload swept', async () => (await db.query('SELECT 1 FROM file_upload WHERE id = $1', [old.id])).rowCount === 0, 15_000, 100);
    await waitFor('its partial file removed', () => !existsSync(temp(old.id)), 5_000, 50);
    assert.equal((await db.query('SELECT 1 FROM file_upload WHERE id = $1', [fresh.id])).rowCount, 1, 'the fresh upload is kept');
    assert.ok(existsSync(temp(fresh.id)), 'with its partial file');
    assert.equal((await send(`${b.url}${old.location}`, 'HEAD', { ...auth(), ...TUS })).status, 404);
    assert.equal(refusal(await send(`${b.url}${old.location}`, 'DELETE', { ...auth(), ...TUS })), '404 NotFoundError');
    const head = await send(`${b.url}${fresh.location}`, 'HEAD', { ...auth(), ...TUS });
    assert.equal(head.headers['upload-offset'], '1000');
  });

  it('(e) a forged or reused ticket, and a relay without the replicas’ signature, are refused', async () => {
    const transfers = c.get(TransferService);
    const agentH = { 'x-agent-token': agentToken };
    const pull = (base: string, id: string, headers: Record<string, string>) => send(`${base}/agent/transfer/${id}`, 'GET', headers);

    // Forged: an id and token no replica issued.
    assert.equal(refusal(await pull(a.url, randomBytes(18).toString('base64url'), { ...agentH, 'x-transfer-token': randomBytes(32).toString('base64url') })), '404 NotFoundError');

    // A real ticket issued by C; the agent's token with a wrong transfer token does not use it up.
    const ticket = transfers.createPull(nodeId, serverId, Readable.from([Buffer.from('bytes held by C')]), 15);
    const wrong = (ticket.transferToken[0] === 'x' ? 'y' : 'x') + ticket.transferToken.slice(1);
    assert.equal(refusal(await pull(a.url, ticket.id, { ...agentH, 'x-transfer-token': wrong })), '404 NotFoundError', 'wrong token');
    // The relay route wants the replicas' signature: none, a wrong one, or agent credentials are 401, and take nothing.
    const relay = (headers: Record<string, string>) => send(`${cUrl}/agent/transfer/${ticket.id}/relay`, 'GET', headers);
    assert.equal(refusal(await relay({})), '401 UnauthorizedError', 'unsigned relay');
    const forgedSig = createHmac('sha256', 'not-the-installation-secret').update(`pull\n${ticket.id}`).digest('base64url');
    assert.equal(refusal(await relay({ 'x-outpost-relay': forgedSig })), '401 UnauthorizedError', 'relay signed with another key');
    assert.equal(refusal(await relay({ ...agentH, 'x-transfer-token': ticket.transferToken })), '401 UnauthorizedError', 'agent credentials on the relay route');
    const pushSig = createHmac('sha256', createHmac('sha256', API_PROCESS_JWT_SECRET).update('outpost replica transfer relay v1').digest()).update(`push\n${ticket.id}`).digest('base64url');
    const wrongWay = await send(`${cUrl}/agent/transfer/${ticket.id}/relay`, 'GET', { 'x-outpost-relay': pushSig });
    assert.equal(refusal(wrongWay), '401 UnauthorizedError', 'a push signature does not open a pull');

    // The valid claim, on B (neither the agent's replica nor the issuer): streamed through from C, once.
    const ok = await pull(b.url, ticket.id, { ...agentH, 'x-transfer-token': ticket.transferToken });
    assert.equal(ok.status, 200, ok.body.toString());
    assert.equal(ok.body.toString(), 'bytes held by C');
    // Reused, on every replica: 404.
    for (const base of [a.url, b.url, cUrl]) {
      assert.equal(refusal(await pull(base, ticket.id, { ...agentH, 'x-transfer-token': ticket.transferToken })), '404 NotFoundError', `reused on ${base}`);
    }

    // Push the other way round: C waits for a download, the agent's bytes arrive at A.
    const push = transfers.createPush(nodeId, serverId);
    const received = push.arrival.then(async (arr) => {
      const chunks: Buffer[] = [];
      for await (const x of arr.stream) chunks.push(x as Buffer);
      arr.done();
      return Buffer.concat(chunks);
    });
    const payload = randomBytes(MiB + 5);
    const pushed = await send(`${a.url}/agent/transfer/${push.id}`, 'POST', { ...agentH, 'x-transfer-token': push.transferToken, 'content-type': TRANSFER_CONTENT_TYPE }, payload);
    assert.equal(pushed.status, 200, pushed.body.toString());
    assert.deepEqual(JSON.parse(pushed.body.toString()), { ok: true });
    assert.equal(sha(await received), sha(payload));
    const again = await send(`${a.url}/agent/transfer/${push.id}`, 'POST', { ...agentH, 'x-transfer-token': push.transferToken, 'content-type': TRANSFER_CONTENT_TYPE }, Buffer.from('x'));
    assert.equal(refusal(again), '404 NotFoundError', 'a used push ticket');
  });
});

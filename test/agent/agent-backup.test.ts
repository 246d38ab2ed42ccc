/**
 * The agent's `backup.*` commands end to end: a real in-process agent on a real data dir, driven
 * through the test control plane's socket (plus its `/agent/transfer/<id>` endpoint, served here),
 * and real Docker for the "refused while running" rule.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AGENT_TOKEN_HEADER, type AgentError, type CommandName, type Payload, TRANSFER_TOKEN_HEADER } from '@libs/agent-protocol/protocol';
import { BUSYBOX_IMAGE, ensureTestImages } from '@libs/container-driver/test-images';
import { Agent } from '../../src/agent/agent';
import { waitFor } from '../helpers/wait';
import { TestControlPlane } from './test-control-plane';

const suffix = randomBytes(4).toString('hex');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** path → type:mode:size:sha256 (content) for every entry under dir. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string, rel: string) {
    for (const name of (await fsp.readdir(d)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = await fsp.lstat(join(d, name));
      let sig = `${st.isDirectory() ? 'd' : st.isFile() ? 'f' : 'l'}:${(st.mode & 0o777).toString(8)}`;
      if (st.isFile()) sig += `:${st.size}:${sha(await fsp.readFile(join(d, name)))}`;
      if (st.isSymbolicLink()) sig += `:->${await fsp.readlink(join(d, name))}`;
      out.set(r, sig);
      if (st.isDirectory()) await walk(join(d, name), r);
    }
  }
  await walk(dir, '');
  return out;
}

interface Transfer {
  /** GET: the bytes served. */
  serve?: Buffer;
  /** POST: the bytes received, once the request ended. */
  received?: Buffer;
  token: string;
}

describe('agent backups (create, restore, push, delete)', { timeout: 240_000 }, () => {
  const nodeId = `node-backup-${suffix}`;
  let cp: TestControlPlane;
  let agent: Agent;
  let dataDir: string;
  const transfers = new Map<string, Transfer>();
  const containers: string[] = [];

  const send = <C extends CommandName>(command: C, payload: Payload<C>, timeoutMs = 60_000) => cp.hub.send(nodeId, command, payload, { timeoutMs });
  const code = (c: string) => (e: AgentError) => {
    assert.equal(e.code, c, e.message);
    return true;
  };
  const dataOf = (serverId: string) => join(dataDir, 'servers', serverId);
  const archiveOf = (serverId: string, id: string) => join(dataDir, 'backups', serverId, `${id}.tar.gz`);

  function transfer(t: Omit<Transfer, 'token'>): { transferPath: string; transferToken: string; t: Transfer } {
    const id = randomBytes(12).toString('hex');
    const full = { ...t, token: randomBytes(16).toString('hex') };
    transfers.set(id, full);
    return { transferPath: `/agent/transfer/${id}`, transferToken: full.token, t: full };
  }

  /** The control plane's transfer endpoint, as the API serves it: agent token + one-use transfer token. */
  async function onTransfer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = (req.url ?? '').slice('/agent/transfer/'.length);
    const t = transfers.get(id);
    const agentToken = req.headers[AGENT_TOKEN_HEADER];
    if (!t || req.headers[TRANSFER_TOKEN_HEADER] !== t.token || typeof agentToken !== 'string' || cp.agentTokens.get(agentToken) !== nodeId) {
      // Answer at once but read the body to its end, so the refusal reaches the agent
      // (closing with unread bytes resets the socket and the 404 can be lost in the reset).
      req.resume();
      res.writeHead(404).end();
      return;
    }
    transfers.delete(id);
    if (req.method === 'GET' && t.serve) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': t.serve.length }).end(t.serve);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    t.received = Buffer.concat(chunks);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  async function startAgent(token?: string): Promise<Agent> {
    const a = new Agent({ url: cp.url, token, dataDir, heartbeatIntervalMs: 500, reconnect: { baseMs: 100, maxMs: 500 } });
    await a.start();
    await waitFor('agent connected', () => cp.hub.isConnected(nodeId) && a.currentState === 'connected');
    return a;
  }

  async function seed(serverId: string): Promise<string> {
    const root = dataOf(serverId);
    await fsp.mkdir(join(root, 'world/region'), { recursive: true });
    await fsp.mkdir(join(root, 'empty'), { recursive: true });
    await fsp.writeFile(join(root, 'server.properties'), 'motd=backup test\n');
    await fsp.writeFile(join(root, 'world/level.dat'), randomBytes(50_000));
    await fsp.writeFile(join(root, 'world/region/r.0.0.mca'), randomBytes(2 * 1024 * 1024 + 7));
    await fsp.writeFile(join(root, 'zero'), '');
    await fsp.chmod(join(root, 'server.properties'), 0o640);
    await fsp.writeFile(join(root, 'debug.tmp'), 'ignored');
    return root;
  }

  async function mutate(root: string): Promise<void> {
    await fsp.writeFile(join(root, 'server.properties'), 'motd=changed\n');
    await fsp.rm(join(root, 'world/region'), { recursive: true });
    await fsp.writeFile(join(root, 'griefed.txt'), 'new file after the backup');
  }

  before(async () => {
    dataDir = await fsp.mkdtemp(join(os.tmpdir(), 'outpost-agent-backup-'));
    cp = await new TestControlPlane({ pingIntervalMs: 1000 }).listen();
    const original = cp.http.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    cp.http.removeAllListeners('request');
    cp.http.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if ((req.url ?? '').startsWith('/agent/transfer/')) void onTransfer(req, res);
      else for (const l of original) l(req, res);
    });
    agent = await startAgent(cp.addNode(nodeId).registerToken);
  });

  after(async () => {
    for (const serverId of containers) await send('server.remove', { serverId, deleteData: false }).catch(() => undefined);
    await agent?.stop();
    await cp?.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  });

  it('local: create → the archive has the reported size and sha256 → change data → restore → identical; delete removes it', async () => {
    const serverId = `bk-local-${suffix}`;
    const root = await seed(serverId);
    const backupId = randomUUID();
    const created = await send('backup.create', { serverId, backupId, ignore: ['*.tmp'], destination: { kind: 'local' } });
    const archive = await fsp.readFile(archiveOf(serverId, backupId));
    assert.deepEqual(created, { sizeBytes: archive.length, sha256: sha(archive), files: 4 });
    assert.deepEqual(await fsp.readdir(join(dataDir, 'backups', serverId)), [`${backupId}.tar.gz`]);
    await fsp.rm(join(root, 'debug.tmp'));
    const atBackup = await snapshot(root);

    await mutate(root);
    const restored = await send('backup.restore', { serverId, backupId, sha256: created.sha256, sizeBytes: created.sizeBytes, source: { kind: 'local' } });
    assert.equal(restored.files, 4);
    assert.equal(restored.bytes, 17 + 50_000 + 2 * 1024 * 1024 + 7);
    assert.deepEqual(await snapshot(root), atBackup);
    assert.deepEqual(
      (await fsp.readdir(join(dataDir, 'servers'))).filter((n) => n.startsWith('.')),
      [],
    ); // no staging or old tree left

    await send('backup.delete', { serverId, backupId });
    assert.equal(fs.existsSync(archiveOf(serverId, backupId)), false);
    await send('backup.delete', { serverId, backupId }); // idempotent
    await assert.rejects(send('backup.restore', { serverId, backupId, sha256: created.sha256, sizeBytes: created.sizeBytes, source: { kind: 'local' } }), code('not_found'));
  });

  it('a corrupted or truncated archive is refused with checksum_mismatch and the data untouched', async () => {
    const serverId = `bk-corrupt-${suffix}`;
    const root = await seed(serverId);
    const backupId = randomUUID();
    const created = await send('backup.create', { serverId, backupId, ignore: [], destination: { kind: 'local' } });
    await mutate(root);
    const current = await snapshot(root);
    const file = archiveOf(serverId, backupId);
    const bytes = await fsp.readFile(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length >> 1] ^= 0x01;
    await fsp.writeFile(file, flipped);
    const restore = { serverId, backupId, sha256: created.sha256, sizeBytes: created.sizeBytes, source: { kind: 'local' as const } };
    await assert.rejects(send('backup.restore', restore), code('checksum_mismatch'));
    assert.deepEqual(await snapshot(root), current);
    await fsp.writeFile(file, bytes.subarray(0, bytes.length - 4096));
    await assert.rejects(send('backup.restore', restore), code('checksum_mismatch'));
    assert.deepEqual(await snapshot(root), current);
    // The intact archive restores fine: the refusal came from the checksum, not from the request.
    await fsp.writeFile(file, bytes);
    await send('backup.restore', restore);
    assert.notDeepEqual(await snapshot(root), current);
  });

  it('transfer: create POSTs the archive, push re-sends a local one, restore GETs it back (verified first)', async () => {
    const serverId = `bk-transfer-${suffix}`;
    const root = await seed(serverId);
    const atBackup = await snapshot(root);
    const backupId = randomUUID();
    const up = transfer({});
    const created = await send('backup.create', { serverId, backupId, ignore: [], destination: { kind: 'transfer', transferPath: up.transferPath, transferToken: up.transferToken } });
    assert.ok(up.t.received, 'the control plane received the archive');
    assert.deepEqual(created, { sizeBytes: up.t.received.length, sha256: sha(up.t.received), files: 5 });
    assert.equal(fs.existsSync(archiveOf(serverId, backupId)), false); // nothing stored locally

    await mutate(root);
    const current = await snapshot(root);
    const damaged = Buffer.from(up.t.received);
    damaged[100] ^= 0x01;
    const bad = transfer({ serve: damaged });
    const restoreBody = (p: { transferPath: string; transferToken: string }) => ({
      serverId,
      backupId,
      sha256: created.sha256,
      sizeBytes: created.sizeBytes,
      source: { kind: 'transfer' as const, transferPath: p.transferPath, transferToken: p.transferToken },
    });
    await assert.rejects(send('backup.restore', restoreBody(bad)), code('checksum_mismatch'));
    assert.deepEqual(await snapshot(root), current);
    assert.deepEqual(await fsp.readdir(join(dataDir, 'backups', serverId)), []); // the download was removed

    const good = transfer({ serve: up.t.received });
    const restored = await send('backup.restore', restoreBody(good));
    assert.equal(restored.files, 5);
    assert.deepEqual(await snapshot(root), atBackup);

    // push: a local archive streamed to the control plane byte for byte.
    const localId = randomUUID();
    const local = await send('backup.create', { serverId, backupId: localId, ignore: [], destination: { kind: 'local' } });
    const pushed = transfer({});
    assert.deepEqual(await send('backup.push', { serverId, backupId: localId, transferPath: pushed.transferPath, transferToken: pushed.transferToken }), { bytes: local.sizeBytes });
    assert.equal(sha(pushed.t.received!), local.sha256);
    const missing = transfer({});
    await assert.rejects(send('backup.push', { serverId, backupId: randomUUID(), transferPath: missing.transferPath, transferToken: missing.transferToken }), code('not_found'));
    const refused = transfer({});
    await assert.rejects(send('backup.push', { serverId, backupId: localId, transferPath: refused.transferPath, transferToken: 'wrong-token' }), code('transfer_refused'));
  });

  it('bad ids never become paths: invalid_payload', async () => {
    const backupId = randomUUID();
    await assert.rejects(send('backup.create', { serverId: '../etc', backupId, ignore: [], destination: { kind: 'local' } }), code('invalid_payload'));
    await assert.rejects(send('backup.create', { serverId: `bk-local-${suffix}`, backupId: '../../x', ignore: [], destination: { kind: 'local' } }), code('invalid_payload'));
    await assert.rejects(send('backup.delete', { serverId: `bk-local-${suffix}`, backupId: `${backupId}/../x` }), code('invalid_payload'));
    await assert.rejects(send('backup.restore', { serverId: `bk-local-${suffix}`, backupId, sha256: 'nothex', sizeBytes: 1, source: { kind: 'local' } }), code('invalid_payload'));
  });

  it('restore is refused (conflict) while the server’s container runs, and works once it is stopped', async () => {
    await ensureTestImages();
    const serverId = `bk-running-${suffix}`;
    const root = await seed(serverId);
    const atBackup = await snapshot(root);
    const backupId = randomUUID();
    const created = await send('backup.create', { serverId, backupId, ignore: [], destination: { kind: 'local' } });
    containers.push(serverId);
    await send('container.create', {
      spec: {
        serverId,
        name: `outpost-bk-${serverId}`,
        image: BUSYBOX_IMAGE,
        startup: 'sleep 600',
        env: {},
        limits: { memoryMiB: 32, swapMiB: 0, cpuPercent: 50, pids: 16, diskMiB: 0 },
        ports: [],
        mountPath: '/data',
        openStdin: false,
      },
    });
    await send('server.start', { serverId });
    await mutate(root);
    const current = await snapshot(root);
    const restore = { serverId, backupId, sha256: created.sha256, sizeBytes: created.sizeBytes, source: { kind: 'local' as const } };
    await assert.rejects(send('backup.restore', restore), code('conflict'));
    assert.deepEqual(await snapshot(root), current);
    await send('server.kill', { serverId });
    await waitFor('container stopped', async () => (await send('server.inspect', { serverId }))?.running === false);
    await send('backup.restore', restore);
    assert.deepEqual(await snapshot(root), atBackup);
  });

  it('closing the control socket during a large backup.create leaves no .part and no archive', async () => {
    const serverId = `bk-abort-${suffix}`;
    const root = dataOf(serverId);
    await fsp.mkdir(root, { recursive: true });
    // Random bytes do not compress: gzip needs seconds for these, plenty of time to cut the socket.
    for (let i = 0; i < 6; i++) await fsp.writeFile(join(root, `chunk-${i}.bin`), randomBytes(16 * 1024 * 1024));
    const backupId = randomUUID();
    const part = `${archiveOf(serverId, backupId)}.part`;
    const pending = send('backup.create', { serverId, backupId, ignore: [], destination: { kind: 'local' } });
    pending.catch(() => undefined);
    await waitFor('archive being written', () => fs.existsSync(part) && fs.statSync(part).size > 0, 30_000);
    cp.sockets.get(nodeId)!.terminate();
    await assert.rejects(pending);
    await waitFor('partial archive removed', () => !fs.existsSync(part), 30_000);
    assert.deepEqual(await fsp.readdir(join(dataDir, 'backups', serverId)), []);
    await waitFor('agent reconnected', () => cp.hub.isConnected(nodeId) && agent.currentState === 'connected', 30_000);
  });

  it('an agent restart removes .part files (and restore staging) a killed agent left behind, and keeps complete archives', async () => {
    const serverId = `bk-restart-${suffix}`;
    await seed(serverId);
    const kept = randomUUID();
    await send('backup.create', { serverId, backupId: kept, ignore: [], destination: { kind: 'local' } });
    await agent.stop();
    const dir = join(dataDir, 'backups', serverId);
    const stale = randomUUID();
    await fsp.writeFile(join(dir, `${stale}.tar.gz.part`), randomBytes(1000));
    await fsp.writeFile(join(dir, `.restore-${stale}.part`), randomBytes(1000));
    await fsp.mkdir(join(dataDir, 'servers', `.restore-${serverId}-0123456789abcdef`, 'half'), { recursive: true });
    agent = await startAgent(); // credentials from agent.json
    assert.deepEqual(await fsp.readdir(dir), [`${kept}.tar.gz`]);
    assert.deepEqual(
      (await fsp.readdir(join(dataDir, 'servers'))).filter((n) => n.startsWith('.')),
      [],
    );
  });
});

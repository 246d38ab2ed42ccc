import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { S3TestServer, startS3Server } from '../helpers/s3-server';
import { waitFor } from '../helpers/wait';
import { backupSteps, Requester } from '../helpers/backup-steps';
import { removeDomainContainers } from '../helpers/containers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Files (recursively, relative paths) under `dir`; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** The flow against S3: a real agent on real Docker, the real SDK against s3rver. */
describe('backups to S3 (s3rver): create, restore, corrupted object, download link, delete', () => {
  let t: TestApp;
  let s3: S3TestServer;
  let sdk: S3Client;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  const prefix = 'e2e/backups/';
  const req: Requester = (method, path, body) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const steps = backupSteps((m, p, b) => req(m, p, b));
  const dataFile = (name: string) => join(node.dataDir, 'servers', serverId, name);
  const write = async (path: string, content: string) => assert.equal((await req('PUT', `/gameserver/${serverId}/files/content`, { path, content })).status, 200);
  const keyOf = (b: { id: string }) => `${prefix}${admin.domainId}/${serverId}/${b.id}.tar.gz`;
  /** The object's bytes, read back through the S3 SDK; null when the bucket has no such key. */
  const objectBytes = async (key: string): Promise<Buffer | null> => {
    try {
      const got = await sdk.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      return Buffer.from(await got.Body!.transformToByteArray());
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  };
  const running = () => waitFor('running again', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running', 30_000);

  before(async () => {
    t = await createTestApp();
    s3 = await startS3Server('outpost-e2e');
    sdk = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    admin = await bootstrapAdmin(t);
    const config = await req('POST', '/backup-config', s3.configBody({ prefix, activate: true }));
    assert.equal(config.status, 201, config.text);
    const active = await req('GET', '/backup-config/active');
    assert.equal(active.body.data.configId, config.body.data.id, active.text);
    assert.equal(active.body.data.kind, 's3');
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'S3 world');
  });
  after(async () => {
    if (admin) await removeDomainContainers(admin.domainId);
    await node?.stop();
    sdk?.destroy();
    await s3?.stop();
    await t?.close();
  });

  let first: { id: string; sha256: string; sizeBytes: number };

  it('files of a running server → backup: completed on s3, the object in the bucket has the row’s size and sha256, nothing on the node’s disk', async () => {
    await write('world/level.dat', 'level one\n');
    await write('world/region/r.0.0.mca', 'region bytes '.repeat(5000));
    await write('notes.txt', 'keep me\n');
    first = await steps.make(serverId, { name: 'first' });
    assert.equal((first as any).storage, 's3');
    const object = await objectBytes(keyOf(first));
    assert.ok(object, `object ${keyOf(first)} in the bucket`);
    assert.equal(object.length, first.sizeBytes);
    assert.equal(sha(object), first.sha256);
    // s3rver's own store holds the same bytes under the same key (nothing in between rewrote them).
    assert.equal(sha(readFileSync(join(s3.directory, s3.bucket, `${keyOf(first)}._S3rver_object`))), first.sha256);
    assert.deepEqual(filesUnder(join(node.dataDir, 'backups')), [], 'no archive (or part file) on the node');
    assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.state, 'running');
  });

  it('change and delete files → restore from the bucket: files byte-identical, the new file gone, running again, no staging file left', async () => {
    await write('world/level.dat', 'level two\n');
    assert.equal((await req('DELETE', `/gameserver/${serverId}/files`, { paths: ['notes.txt', 'world/region'] })).status, 200);
    await write('extra.txt', 'new\n');
    const done = await steps.restore(first.id);
    assert.equal(done.restoreState, 'restored', JSON.stringify(done));
    assert.equal(readFileSync(dataFile('world/level.dat'), 'utf8'), 'level one\n');
    assert.equal(readFileSync(dataFile('world/region/r.0.0.mca'), 'utf8'), 'region bytes '.repeat(5000));
    assert.equal(readFileSync(dataFile('notes.txt'), 'utf8'), 'keep me\n');
    assert.equal(existsSync(dataFile('extra.txt')), false);
    await running();
    assert.deepEqual(filesUnder(join(node.dataDir, 'backups')), [], 'the pulled archive is not kept on the node');
  });

  it('a corrupted object (same length, different bytes) is refused: restoreState failed naming the checksum, current data untouched', async () => {
    const b = await steps.make(serverId, { name: 'to corrupt' });
    await write('world/level.dat', 'current\n');
    const bytes = (await objectBytes(keyOf(b)))!;
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await sdk.send(new PutObjectCommand({ Bucket: s3.bucket, Key: keyOf(b), Body: bytes }));
    const stored = (await objectBytes(keyOf(b)))!;
    assert.equal(stored.length, b.sizeBytes);
    assert.notEqual(sha(stored), b.sha256);

    const done = await steps.restore(b.id);
    assert.equal(done.restoreState, 'failed', JSON.stringify(done));
    assert.match(done.restoreError, /checksum|sha256/i);
    assert.equal(readFileSync(dataFile('world/level.dat'), 'utf8'), 'current\n');
    assert.equal(readFileSync(dataFile('notes.txt'), 'utf8'), 'keep me\n');
    await running();
    assert.equal((await req('DELETE', `/backup/${b.id}`)).status, 200);
    assert.equal(await objectBytes(keyOf(b)), null);
  });

  it('a download link streams exactly the object’s bytes; the second use is 404', async () => {
    const link = await req('POST', `/backup/${first.id}/download`);
    assert.equal(link.status, 200, link.text);
    const path = new URL(link.body.data.url, 'http://x').pathname;
    const res = await t.app.inject({ method: 'GET', url: path });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="S3_world-first\.tar\.gz"/);
    assert.equal(res.headers['content-length'], String(first.sizeBytes));
    assert.ok(res.rawPayload.equals((await objectBytes(keyOf(first)))!), 'the download is the object, byte for byte');
    const again = await t.request('GET', path);
    assert.equal(again.status, 404, again.text);
    assert.equal(again.body.meta.error.code, ErrorCode.NotFoundError);
  });

  it('deleting the backup removes the object from the bucket and the row', async () => {
    assert.ok(await objectBytes(keyOf(first)));
    const deleted = await req('DELETE', `/backup/${first.id}`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(await objectBytes(keyOf(first)), null);
    assert.equal(existsSync(join(s3.directory, s3.bucket, `${keyOf(first)}._S3rver_object`)), false);
    const gone = await req('GET', `/backup/${first.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.meta.error.code, ErrorCode.NotFoundError);
  });
});

/** A local backup made on one node, restored after the server moved to another: the archive is relayed node → API → node. */
describe('relayed restore: a local backup on node 1 restored onto the server now on node 2', () => {
  let t: TestApp;
  let admin: Session;
  let first: RunningNode;
  let second: RunningNode;
  let serverId: string;
  const req: Requester = (method, path, body) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const steps = backupSteps((m, p, b) => req(m, p, b));
  const write = async (path: string, content: string) => assert.equal((await req('PUT', `/gameserver/${serverId}/files/content`, { path, content })).status, 200);
  const state = async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    first = await startNodeWithAgent(t, admin, { name: 'first' });
    second = await startNodeWithAgent(t, admin, { name: 'second' });
    serverId = await startEchoServer(req, first.nodeId, 'Traveller');
  });
  after(async () => {
    if (admin) await removeDomainContainers(admin.domainId);
    await first?.stop();
    await second?.stop();
    await t?.close();
  });

  it('backup on node 1, transfer to node 2, change files, restore: node 2 has the backup’s files, the archive stays on node 1', async () => {
    await write('world/level.dat', 'made on node one\n');
    await write('config/server.properties', 'motd=hello\n');
    const b = await steps.make(serverId, { name: 'before the move' });
    assert.equal(b.storage, 'local');
    assert.equal(b.nodeId, first.nodeId);
    const archive = join(first.dataDir, 'backups', serverId, `${b.id}.tar.gz`);
    assert.equal(sha(readFileSync(archive)), b.sha256);

    assert.equal((await req('POST', `/gameserver/${serverId}/stop`)).status, 200);
    await waitFor('stopped', async () => (await state()) === 'offline', 30_000);
    const moved = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.data.nodeId, second.nodeId);
    assert.equal((await req('POST', `/gameserver/${serverId}/start`)).status, 200);
    await waitFor('running on node 2', async () => (await state()) === 'running', 30_000);

    const onSecond = (name: string) => join(second.dataDir, 'servers', serverId, name);
    await write('world/level.dat', 'changed on node two\n');
    assert.equal((await req('DELETE', `/gameserver/${serverId}/files`, { paths: ['config'] })).status, 200);
    await write('extra.txt', 'new on node two\n');
    assert.equal(readFileSync(onSecond('world/level.dat'), 'utf8'), 'changed on node two\n', 'the files API writes on node 2 now');

    const done = await steps.restore(b.id);
    assert.equal(done.restoreState, 'restored', JSON.stringify(done));
    assert.equal(readFileSync(onSecond('world/level.dat'), 'utf8'), 'made on node one\n');
    assert.equal(readFileSync(onSecond('config/server.properties'), 'utf8'), 'motd=hello\n');
    assert.equal(existsSync(onSecond('extra.txt')), false);
    await waitFor('running again on node 2', async () => (await state()) === 'running', 30_000);

    assert.equal(sha(readFileSync(archive)), b.sha256, 'the archive is still on node 1, unchanged');
    assert.deepEqual(filesUnder(join(second.dataDir, 'backups')), [], 'node 2 keeps no copy of the relayed archive');
    const row = await steps.backup(b.id);
    assert.equal(row.nodeId, first.nodeId);

    // Downloads are relayed from node 1 as well.
    const link = await req('POST', `/backup/${b.id}/download`);
    assert.equal(link.status, 200, link.text);
    const res = await t.app.inject({ method: 'GET', url: new URL(link.body.data.url, 'http://x').pathname });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.rawPayload.equals(readFileSync(archive)), 'the download is node 1’s archive, byte for byte');
  });
});

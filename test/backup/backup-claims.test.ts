import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { S3TestServer, startS3Server } from '../helpers/s3-server';
import { waitFor } from '../helpers/wait';

/** Credentials that appear nowhere else, so finding them (or their encodings) anywhere is a leak. */
const KEY_ID = 'AKIACLAIMSTESTKEY7Q2W';
const SECRET = 'claims-test-secret-Zq8-never-echoed';

interface FakeS3 {
  endpoint: string;
  /** Every request: method, url and its Authorization header. */
  seen: Array<{ method: string; url: string; authorization: string }>;
  /** DELETE requests held until release() (the answer is then 204). */
  held: ServerResponse[];
  release(): void;
  stop(): Promise<void>;
}

/**
 * A hostile or slow "S3" on 127.0.0.1: HEAD answers 200, DELETE waits for release(), anything else
 * answers 400 with an XML error whose code and message are the request's Authorization header,
 * base64-encoded (and, in the message, also in the clear).
 */
async function startFakeS3(): Promise<FakeS3> {
  const seen: FakeS3['seen'] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const authorization = String(req.headers.authorization ?? '');
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization });
    req.resume();
    if (req.method === 'HEAD') return void res.writeHead(200).end();
    if (req.method === 'DELETE') return void held.push(res);
    const echoed = Buffer.from(authorization).toString('base64');
    res.writeHead(400, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${echoed}</Code><Message>${echoed} ${authorization}</Message><RequestId>1</RequestId></Error>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    held,
    release: () => {
      for (const res of held.splice(0)) res.writeHead(204).end();
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Refusals, claims and audit of backups and their storage configuration; rows written directly, no node or Docker needed. */
describe('backup claims: credentials stay with their endpoint, one claim per delete/restore, downloads audited', () => {
  let t: TestApp;
  let s3: S3TestServer;
  let fake: FakeS3;
  let admin: Session;
  let db: Client;
  let serverId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const configRow = async (id: string) => (await db.query(`SELECT endpoint, region, bucket, prefix, "forcePathStyle" FROM backup_config WHERE id = $1`, [id])).rows[0];
  const createConfig = async (body: Record<string, unknown>) => {
    const r = await req('POST', '/backup-config', body);
    assert.equal(r.status, 201, r.text);
    return r.body.data.id as string;
  };
  /** A backup row of the test server (what the rules act on; an archive only where a test puts one). */
  const insertBackup = async (values: { configId?: string | null; state?: string; locked?: boolean; restoreState?: string | null; objectKey?: string; sha256?: string; sizeBytes?: number }) => {
    const state = values.state ?? 'completed';
    const done = state === 'completed';
    const [row] = (
      await db.query(
        `INSERT INTO backup ("domainId", "gameserverId", "configId", storage, "objectKey", name, state, "sizeBytes", sha256, files, locked, "restoreState", "createdByType", "completedAt")
         VALUES ($1, $2, $3, 's3', $4, 'row', $5, $6, $7, 1, $8, $9, 'system', now()) RETURNING id`,
        [
          admin.domainId,
          serverId,
          values.configId ?? null,
          values.objectKey ?? 'some/key.tar.gz',
          state,
          done ? (values.sizeBytes ?? 10) : null,
          done ? (values.sha256 ?? '0'.repeat(64)) : null,
          values.locked ?? false,
          values.restoreState ?? null,
        ],
      )
    ).rows;
    return row.id as string;
  };
  const backupRow = async (id: string) => (await db.query(`SELECT state, error, locked, "restoreState", "leaseUntil" FROM backup WHERE id = $1`, [id])).rows[0];
  const conflict = async (method: string, path: string, message: string | RegExp) => {
    const r = await req(method, path);
    assert.equal(r.status, 409, `${method} ${path}: ${r.text}`);
    assert.equal(r.body.meta.error.code, ErrorCode.ConflictError);
    if (typeof message === 'string') assert.equal(r.body.meta.error.message, message);
    else assert.match(r.body.meta.error.message, message);
  };

  before(async () => {
    t = await createTestApp({ BACKUP_LEASE_MS: '60000' });
    s3 = await startS3Server('outpost-claims-test');
    fake = await startFakeS3();
    admin = await bootstrapAdmin(t);
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    const node = await req('POST', '/node', { name: 'claims-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, node.text);
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server', name: 'claims-workload' });
    assert.equal(workload.status, 201, workload.text);
    // Placement needs an online node; these rules only need the row (offline: a restore may start).
    const [server] = (
      await db.query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'Claims', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [admin.domainId, workload.body.data.id, node.body.data.id],
      )
    ).rows;
    serverId = server.id;
  });
  after(async () => {
    fake?.release();
    await db?.end();
    await fake?.stop();
    await s3?.stop();
    await t?.close();
  });

  it('changing endpoint, region, bucket or forcePathStyle needs both credentials (400 naming them); the stored key never reaches a new endpoint', async () => {
    const id = await createConfig(s3.configBody({ name: 'routing', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }));
    const before = await configRow(id);
    for (const change of [{ endpoint: fake.endpoint }, { endpoint: null }, { region: 'eu-west-1' }, { bucket: 'elsewhere-bucket' }, { forcePathStyle: false }]) {
      const r = await req('PUT', `/backup-config/${id}`, change);
      assert.equal(r.status, 400, `${JSON.stringify(change)} → ${r.text}`);
      assert.equal(r.body.meta.error.code, ErrorCode.ValidationError);
      assert.deepEqual(
        r.body.meta.error.details.map((d: { path: string }) => d.path),
        ['accessKeyId', 'secretAccessKey'],
      );
      assert.deepEqual(await configRow(id), before, 'nothing changed');
    }
    // The stored credentials still go only to the configured endpoint.
    const probe = await req('POST', `/backup-config/${id}/test`);
    assert.equal(probe.body.data.ok, true, probe.text);
    assert.deepEqual(fake.seen, []);

    // Same values again (a form sent back whole) are not a change; with both credentials, the change is made.
    const same = await req('PUT', `/backup-config/${id}`, { endpoint: s3.endpoint, bucket: s3.bucket, forcePathStyle: true, name: 'routing 2' });
    assert.equal(same.status, 200, same.text);
    const moved = await req('PUT', `/backup-config/${id}`, { region: 'eu-west-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
    assert.equal(moved.status, 200, moved.text);
    assert.equal((await configRow(id)).region, 'eu-west-1');
  });

  it('test connection against a server echoing the Authorization header: only a known error name, the status and a fixed explanation', async () => {
    const id = await createConfig({ name: 'echoing', kind: 's3', endpoint: fake.endpoint, bucket: 'echo-bucket', forcePathStyle: true, accessKeyId: KEY_ID, secretAccessKey: SECRET });
    const r = await req('POST', `/backup-config/${id}/test`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.ok, false);
    assert.equal(r.body.data.message, 'PutObject failed: UnknownError (HTTP 400): the storage service refused the request (check the region, endpoint and path-style setting)');
    // The server did get the signed request (so it had something to echo).
    const put = fake.seen.find((s) => s.method === 'PUT');
    assert.ok(put && put.authorization.includes(KEY_ID), JSON.stringify(fake.seen));
    const echoed = Buffer.from(put.authorization).toString('base64');
    assert.equal(r.text.includes(echoed.slice(0, 16)) || r.text.includes(KEY_ID), false, r.text);
  });

  it('endpoint, bucket and prefix cannot change while backups refer to the configuration (409); name, limits and region still can', async () => {
    const id = await createConfig(s3.configBody({ name: 'in use', prefix: 'keep/' }));
    const backupId = await insertBackup({ configId: id });
    const before = await configRow(id);
    const creds = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
    for (const change of [{ prefix: 'other/' }, { bucket: 'other-bucket', ...creds }, { endpoint: fake.endpoint, ...creds }]) {
      const r = await req('PUT', `/backup-config/${id}`, change);
      assert.equal(r.status, 409, `${JSON.stringify(change)} → ${r.text}`);
      assert.equal(r.body.meta.error.code, ErrorCode.ConflictError);
      assert.match(r.body.meta.error.message, /^Backups are stored with this configuration: its (prefix|bucket|endpoint) cannot change/);
      assert.deepEqual(await configRow(id), before);
    }
    const ok = await req('PUT', `/backup-config/${id}`, { name: 'still in use', keepLast: 3, region: 'eu-west-1', ...creds });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual([ok.body.data.name, ok.body.data.keepLast, ok.body.data.region, ok.body.data.prefix], ['still in use', 3, 'eu-west-1', 'keep/']);

    await db.query(`DELETE FROM backup WHERE id = $1`, [backupId]);
    const free = await req('PUT', `/backup-config/${id}`, { prefix: 'other/' });
    assert.equal(free.status, 200, free.text);
    assert.equal(free.body.data.prefix, 'other/');
  });

  it('delete is one claim: while its archive is being removed, restore, lock and a second delete are 409; then row and claim are gone', async () => {
    const id = await createConfig({ name: 'slow delete', kind: 's3', endpoint: fake.endpoint, bucket: 'slow-bucket', forcePathStyle: true, accessKeyId: KEY_ID, secretAccessKey: SECRET });
    const backupId = await insertBackup({ configId: id });
    const deleting = req('DELETE', `/backup/${backupId}`);
    await waitFor('the archive delete reached the storage', () => fake.held.length === 1);
    const claimed = await backupRow(backupId);
    assert.deepEqual([claimed.state, claimed.error, claimed.restoreState], ['failed', 'being deleted', null]);
    await conflict('POST', `/backup/${backupId}/restore`, 'Only a completed backup can be restored (this one is being deleted)');
    await conflict('POST', `/backup/${backupId}/lock`, 'Only a completed backup can be locked (this one is being deleted)');
    await conflict('DELETE', `/backup/${backupId}`, 'The backup is already being deleted');
    assert.equal((await backupRow(backupId)).restoreState, null, 'no restore was started');
    fake.release();
    const done = await deleting;
    assert.equal(done.status, 200, done.text);
    assert.equal(await backupRow(backupId), undefined);
  });

  it('lock and unlock only completed backups; delete names why it is refused (locked, creating, restoring)', async () => {
    const failed = await insertBackup({ state: 'failed' });
    await conflict('POST', `/backup/${failed}/lock`, 'Only a completed backup can be locked (this one is failed)');
    await conflict('POST', `/backup/${failed}/unlock`, 'Only a completed backup can be unlocked (this one is failed)');
    assert.equal((await backupRow(failed)).locked, false);

    const locked = await insertBackup({ locked: true });
    await conflict('DELETE', `/backup/${locked}`, 'The backup is locked; unlock it first');
    const creating = await insertBackup({ state: 'creating' });
    await conflict('DELETE', `/backup/${creating}`, 'The backup is still being created');
    const restoring = await insertBackup({ restoreState: 'restoring' });
    await conflict('DELETE', `/backup/${restoring}`, 'The backup is being restored');
    for (const id of [locked, creating, restoring]) assert.notEqual(await backupRow(id), undefined);
    // Nothing was claimed: the rows are as they were.
    assert.deepEqual([(await backupRow(locked)).state, (await backupRow(creating)).state, (await backupRow(restoring)).restoreState], ['completed', 'creating', 'restoring']);
    const unlocked = await req('POST', `/backup/${locked}/unlock`);
    assert.equal(unlocked.status, 200, unlocked.text);
    assert.equal(unlocked.body.data.locked, false);
    await db.query(`DELETE FROM backup WHERE "gameserverId" = $1`, [serverId]);
  });

  it('one restore per server at a time: the database refuses a second restoring row, and the API answers 409', async () => {
    const a = await insertBackup({});
    const b = await insertBackup({});
    // As another API process would have claimed it a moment ago.
    await db.query(`UPDATE backup SET "restoreState" = 'restoring' WHERE id = $1`, [a]);
    await conflict('POST', `/backup/${b}/restore`, 'A restore is already running for this server; wait for it to finish');
    assert.equal((await backupRow(b)).restoreState, null);
    await assert.rejects(db.query(`UPDATE backup SET "restoreState" = 'restoring' WHERE id = $1`, [b]), /backup_one_restoring/);
    await db.query(`DELETE FROM backup WHERE "gameserverId" = $1`, [serverId]);
  });

  it("redeeming a download link is audited as backup.downloaded, by the link's creator, with the backup id", async () => {
    const id = await createConfig(s3.configBody({ name: 'downloads', prefix: 'dl/' }));
    const content = Buffer.from('not really a tar.gz, but bytes to stream');
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'dl/archive.tar.gz', Body: content }));
    client.destroy();
    const sha = createHash('sha256').update(content).digest('hex');
    const backupId = await insertBackup({ configId: id, objectKey: 'archive.tar.gz', sha256: sha, sizeBytes: content.length });

    const link = await req('POST', `/backup/${backupId}/download`);
    assert.equal(link.status, 200, link.text);
    const before = await req('POST', '/auditlog/search', { filters: { action: ['backup.downloaded'] } });
    assert.deepEqual(before.body.data, [], 'making the link is not the download');
    const path = new URL(link.body.data.url, 'http://x').pathname;
    const res = await t.app.inject({ method: 'GET', url: path });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(createHash('sha256').update(res.rawPayload).digest('hex'), sha);

    const audit = await req('POST', '/auditlog/search', { filters: { action: ['backup.downloaded'] } });
    assert.equal(audit.status, 200, audit.text);
    assert.equal(audit.body.data.length, 1, audit.text);
    const entry = audit.body.data[0];
    assert.deepEqual([entry.actorType, entry.actorId, entry.targetType, entry.targetId], ['user', admin.userId, 'backup', backupId]);
    assert.equal(entry.details.gameserverId, serverId);
    // A used link is 404 and not audited again.
    assert.equal((await t.request('GET', path)).status, 404);
    assert.equal((await req('POST', '/auditlog/search', { filters: { action: ['backup.downloaded'] } })).body.data.length, 1);
  });
});

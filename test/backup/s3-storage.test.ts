import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { trustedDomainId } from '../../libs/tenancy/domain-id';
import { BackupStorage } from '../../src/modules/backup/backup-storage';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { S3TestServer, startS3Server } from '../helpers/s3-server';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The bytes s3rver holds for `key` (its filesystem store keeps each object as `<key>._S3rver_object`). */
async function storedBytes(s3: S3TestServer, key: string): Promise<Buffer> {
  return readFile(join(s3.directory, s3.bucket, `${key}._S3rver_object`));
}

/** `bytes` as a stream of `chunk`-sized pieces, produced lazily. */
function chunked(bytes: Buffer, chunk = 256 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= bytes.length) return this.push(null);
      this.push(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

describe('S3 backup storage (real SDK against s3rver)', () => {
  let t: TestApp;
  let s3: S3TestServer;
  let admin: Session;
  let storage: BackupStorage;
  let configId: string;
  const data = randomBytes(20 * MiB + 12345);

  before(async () => {
    t = await createTestApp();
    s3 = await startS3Server('outpost-storage-test');
    admin = await bootstrapAdmin(t);
    const r = await t.request('POST', '/backup-config', { token: admin.token, domain: admin.domainId, body: s3.configBody({ prefix: 'outpost/backups/', activate: true, keepLast: 4 }) });
    assert.equal(r.status, 201, r.text);
    configId = r.body.data.id;
    storage = t.app.get(BackupStorage);
  });
  after(async () => {
    await s3?.stop();
    await t?.close();
  });

  it('active and target report the configuration’s policy', async () => {
    const domain = trustedDomainId(admin.domainId);
    assert.deepEqual(await storage.active(domain), { configId, kind: 's3', maxBackupsPerServer: 10, keepLast: 4, maxAgeDays: null });
    assert.deepEqual(await storage.target(domain, configId), { configId, kind: 's3', maxBackupsPerServer: 10, keepLast: 4, maxAgeDays: null });
  });

  it('put streams a multi-part object (> 8 MiB parts) under the prefix, byte-exact, with size and sha256', async () => {
    const domain = trustedDomainId(admin.domainId);
    const before = s3.requests.length;
    const stored = await storage.put(domain, configId, 'server-1/backup-a.tar.gz', chunked(data));
    // 20 MiB in 8 MiB parts: a multipart upload of three parts, completed.
    const sent = s3.requests.slice(before);
    assert.equal(sent.filter((r) => /^POST \/outpost-storage-test\/outpost\/backups\/server-1\/backup-a\.tar\.gz\?uploads/.test(r)).length, 1, sent.join('\n'));
    assert.equal(sent.filter((r) => /^PUT .*backup-a\.tar\.gz\?.*partNumber=/.test(r)).length, 3, sent.join('\n'));
    assert.equal(sent.filter((r) => /^POST .*backup-a\.tar\.gz\?uploadId=/.test(r)).length, 1, sent.join('\n'));
    assert.deepEqual(stored, { sizeBytes: data.length, sha256: sha(data) });
    const onDisk = await storedBytes(s3, 'outpost/backups/server-1/backup-a.tar.gz');
    assert.equal(onDisk.length, data.length);
    assert.equal(sha(onDisk), sha(data));

    const got = await storage.get(domain, configId, 'server-1/backup-a.tar.gz');
    assert.equal(got.sizeBytes, data.length);
    const back = await collect(got.stream);
    assert.equal(sha(back), sha(data));
  });

  it('a small object goes in one request; remove deletes it and is idempotent; get of a missing key is 404', async () => {
    const domain = trustedDomainId(admin.domainId);
    const small = Buffer.from('tiny archive');
    const before = s3.requests.length;
    assert.deepEqual(await storage.put(domain, configId, 'server-1/small', Readable.from([small])), { sizeBytes: small.length, sha256: sha(small) });
    // One plain PutObject: no multipart upload started, no parts.
    const sent = s3.requests.slice(before).filter((r) => /\/outpost\/backups\/server-1\/small(\?|$)/.test(r));
    assert.deepEqual(sent, ['PUT /outpost-storage-test/outpost/backups/server-1/small?x-id=PutObject'], s3.requests.slice(before).join('\n'));
    assert.deepEqual(await storedBytes(s3, 'outpost/backups/server-1/small'), small);
    await storage.remove(domain, configId, 'server-1/small');
    await storage.remove(domain, configId, 'server-1/small');
    await assert.rejects(storedBytes(s3, 'outpost/backups/server-1/small'), { code: 'ENOENT' });
    await assert.rejects(storage.get(domain, configId, 'server-1/small'), (e: any) => e.status === 404);
  });

  it('a source stream that fails mid-way rejects put and leaves no object', async () => {
    const domain = trustedDomainId(admin.domainId);
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 10 * MiB) return this.destroy(new Error('archiver died'));
        sent += MiB;
        this.push(randomBytes(MiB));
      },
    });
    await assert.rejects(storage.put(domain, configId, 'server-1/broken', failing), /archiver died/);
    await assert.rejects(storedBytes(s3, 'outpost/backups/server-1/broken'), { code: 'ENOENT' });
    // The multipart upload is aborted (s3rver answers the abort with 405, so its part files stay
    // on its disk; real S3 removes them).
    assert.ok(
      s3.requests.some((r) => /^DELETE .*broken\?uploadId=/.test(r)),
      s3.requests.join('\n'),
    );
  });

  it('another domain cannot use the configuration', async () => {
    const other = await t.request('POST', '/domain', { token: admin.token, body: { name: 'Other' } });
    assert.equal(other.status, 201, other.text);
    const domain = trustedDomainId(other.body.data.id);
    await assert.rejects(storage.put(domain, configId, 'x', Readable.from([Buffer.from('x')])), (e: any) => e.status === 404);
    await assert.rejects(storage.target(domain, configId), (e: any) => e.status === 404);
  });
});

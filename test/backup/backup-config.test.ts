import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { S3TestServer, startS3Server } from '../helpers/s3-server';

/** Credentials that appear nowhere else, so finding them in a reply or a row can only be a leak. */
const KEY_ID = 'AKIAOUTPOSTTESTKEY9Q7Z';
const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYzz-Outpost-Secret';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe('backup storage configuration', () => {
  let t: TestApp;
  let s3: S3TestServer;
  let admin: Session;
  let viewer: Session;
  let otherDomain: string;
  let db: Client;
  const replies: Reply[] = [];
  const req = async (method: string, path: string, body?: unknown, s: { token: string; domainId: string } = admin) => {
    const r = await t.request(method, path, { token: s.token, domain: s.domainId, body });
    replies.push(r);
    return r;
  };
  const create = async (body: Record<string, unknown>) => {
    const r = await req('POST', '/backup-config', body);
    assert.equal(r.status, 201, r.text);
    return r.body.data;
  };
  const refused = async (body: Record<string, unknown>, path: string, method = 'POST', url = '/backup-config') => {
    const r = await req(method, url, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.text}`);
    assert.equal(r.body.meta.error.code, 'ValidationError', r.text);
    assert.ok(JSON.stringify(r.body.meta.error).includes(path), `the error names ${path}: ${r.text}`);
  };

  before(async () => {
    t = await createTestApp();
    s3 = await startS3Server('outpost-config-test');
    admin = await bootstrapAdmin(t);
    viewer = await createMember(t, admin, admin.domainId, 'viewer', 'Viewer');
    otherDomain = await createDomain(t, admin.token, 'Beta');
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await s3?.stop();
    await t?.close();
  });

  it('answers the node-local default target while nothing is configured', async () => {
    const r = await req('GET', '/backup-config/active', undefined, viewer);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.data, { configId: null, kind: 'local', maxBackupsPerServer: 10, keepLast: null, maxAgeDays: null, config: null });
  });

  it('stores S3 credentials sealed and never returns them (replies, rows, audit)', async () => {
    const c = await create(s3.configBody({ name: 'leak check', accessKeyId: KEY_ID, secretAccessKey: SECRET, prefix: 'outpost/' }));
    assert.equal(c.hasCredentials, true);
    assert.equal(c.accessKeyIdLast4, KEY_ID.slice(-4));
    assert.equal(c.kind, 's3');
    assert.equal(c.active, false);
    assert.equal(c.prefix, 'outpost/');
    assert.equal('accessKeyId' in c || 'secretAccessKey' in c || 'accessKeyIdSealed' in c || 'secretAccessKeySealed' in c, false);

    await req('GET', `/backup-config/${c.id}`);
    await req('POST', '/backup-config/search', {});
    await req('PUT', `/backup-config/${c.id}`, { name: 'leak check 2', accessKeyId: KEY_ID, secretAccessKey: SECRET });
    await req('POST', `/backup-config/${c.id}/activate`);
    await req('GET', '/backup-config/active');
    // The probe fails (s3rver does not know this key) and its message must not echo it.
    const probe = await req('POST', `/backup-config/${c.id}/test`);
    assert.equal(probe.status, 200, probe.text);
    assert.equal(probe.body.data.ok, false, probe.text);
    for (const r of replies) {
      assert.equal(r.text.includes(SECRET), false, `secret in a reply: ${r.text}`);
      assert.equal(r.text.includes(KEY_ID), false, `key id in a reply: ${r.text}`);
    }

    const row = (await db.query(`SELECT * FROM backup_config WHERE id = $1`, [c.id])).rows[0];
    assert.match(row.secretAccessKeySealed, /^v1\./);
    assert.match(row.accessKeyIdSealed, /^v1\./);
    const rowText = JSON.stringify(row);
    assert.equal(rowText.includes(SECRET) || rowText.includes(KEY_ID), false, rowText);

    const audit = (await db.query(`SELECT action, details FROM audit_log WHERE "domainId" = $1 AND action LIKE '%backup-config%'`, [admin.domainId])).rows;
    assert.ok(audit.length >= 3, `config changes are audited: ${JSON.stringify(audit)}`);
    const auditText = JSON.stringify(audit);
    assert.equal(auditText.includes(SECRET) || auditText.includes(KEY_ID), false, auditText);

    await req('DELETE', `/backup-config/${c.id}`);
  });

  it('activate is a switch: one active configuration per domain, which GET /active reports', async () => {
    const a = await create(s3.configBody({ name: 'A', activate: true, maxBackupsPerServer: 5, keepLast: 3 }));
    assert.equal(a.active, true);
    let active = await req('GET', '/backup-config/active');
    assert.equal(active.body.data.configId, a.id);
    assert.deepEqual([active.body.data.kind, active.body.data.maxBackupsPerServer, active.body.data.keepLast, active.body.data.maxAgeDays], ['s3', 5, 3, null]);
    assert.equal(active.body.data.config.id, a.id);

    const b = await create({ name: 'B', kind: 'local', maxAgeDays: 30 });
    assert.equal(b.active, false);
    const switched = await req('POST', `/backup-config/${b.id}/activate`);
    assert.equal(switched.status, 200, switched.text);
    assert.equal(switched.body.data.active, true);
    assert.equal((await req('GET', `/backup-config/${a.id}`)).body.data.active, false);
    active = await req('GET', '/backup-config/active');
    assert.deepEqual([active.body.data.configId, active.body.data.kind, active.body.data.maxBackupsPerServer, active.body.data.maxAgeDays], [b.id, 'local', 10, 30]);

    const onlyActive = await req('POST', '/backup-config/search', { filters: { active: true } });
    assert.equal(onlyActive.status, 200, onlyActive.text);
    assert.deepEqual(
      onlyActive.body.data.map((c: any) => c.id),
      [b.id],
    );
    // Activating the active one again changes nothing.
    assert.equal((await req('POST', `/backup-config/${b.id}/activate`)).body.data.active, true);
    const rows = (await db.query(`SELECT id FROM backup_config WHERE "domainId" = $1 AND active`, [admin.domainId])).rows;
    assert.deepEqual(
      rows.map((r) => r.id),
      [b.id],
    );

    // Deleting the active configuration falls back to the node-local default.
    assert.equal((await req('DELETE', `/backup-config/${b.id}`)).status, 200);
    assert.equal((await req('GET', `/backup-config/${b.id}`)).status, 404);
    assert.equal((await req('GET', '/backup-config/active')).body.data.configId, null);
    await req('DELETE', `/backup-config/${a.id}`);
  });

  it('delete is refused with 409 while a backup refers to the configuration', async () => {
    const c = await create(s3.configBody({ name: 'in use' }));
    // A backup row made with it (referential checks of the insert skipped: no server is needed for this rule).
    await db.query(`SET session_replication_role = replica`);
    await db.query(
      `INSERT INTO backup ("domainId", "gameserverId", "configId", storage, "objectKey", name, state, "createdByType") VALUES ($1, gen_random_uuid(), $2, 's3', 'k', 'b', 'failed', 'system')`,
      [admin.domainId, c.id],
    );
    await db.query(`SET session_replication_role = DEFAULT`);
    const r = await req('DELETE', `/backup-config/${c.id}`);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.meta.error.code, 'ConflictError');
    assert.equal(r.body.meta.error.message, 'Backups are still stored with this configuration; delete them first');
    assert.equal((await req('GET', `/backup-config/${c.id}`)).status, 200);
    await db.query(`DELETE FROM backup WHERE "configId" = $1`, [c.id]);
    assert.equal((await req('DELETE', `/backup-config/${c.id}`)).status, 200);
  });

  it('the database allows one active configuration per domain', async () => {
    const a = await create({ name: 'one', kind: 'local', activate: true });
    const b = await create({ name: 'two', kind: 'local' });
    await assert.rejects(db.query(`UPDATE backup_config SET active = true WHERE id = $1`, [b.id]), /backup_config_one_active/);
    await req('DELETE', `/backup-config/${a.id}`);
    await req('DELETE', `/backup-config/${b.id}`);
  });

  it('update keeps omitted fields and credentials; credentials change only as a pair; null clears a limit', async () => {
    const c = await create(s3.configBody({ name: 'upd', keepLast: 7, maxAgeDays: 90 }));
    const r = await req('PUT', `/backup-config/${c.id}`, { name: 'renamed', keepLast: null, prefix: 'p/' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      [r.body.data.name, r.body.data.keepLast, r.body.data.maxAgeDays, r.body.data.prefix, r.body.data.hasCredentials, r.body.data.bucket],
      ['renamed', null, 90, 'p/', true, s3.bucket],
    );
    // The kept credentials still work.
    const probe = await req('POST', `/backup-config/${c.id}/test`);
    assert.equal(probe.body.data.ok, true, probe.text);
    await refused({ accessKeyId: 'NEWKEY' }, 'secretAccessKey', 'PUT', `/backup-config/${c.id}`);
    await refused({ bucket: null }, 'bucket', 'PUT', `/backup-config/${c.id}`);
    await refused({ kind: 'local' }, 'kind', 'PUT', `/backup-config/${c.id}`);
    await req('DELETE', `/backup-config/${c.id}`);
  });

  it('refuses out-of-bounds and malformed fields with 400 ValidationError', async () => {
    const base = s3.configBody();
    await refused({ ...base, bucket: 'Bad_Bucket' }, 'bucket');
    await refused({ ...base, bucket: 'ab' }, 'bucket');
    await refused({ ...base, bucket: '192.168.1.10' }, 'bucket');
    await refused({ ...base, bucket: 'a..b' }, 'bucket');
    await refused({ ...base, prefix: 'a/../b/' }, 'prefix');
    await refused({ ...base, prefix: '/abs/' }, 'prefix');
    await refused({ ...base, prefix: 'x'.repeat(257) }, 'prefix');
    await refused({ ...base, endpoint: 'ftp://127.0.0.1:21' }, 'endpoint');
    await refused({ ...base, maxBackupsPerServer: 0 }, 'maxBackupsPerServer');
    await refused({ ...base, maxBackupsPerServer: 1001 }, 'maxBackupsPerServer');
    await refused({ ...base, keepLast: 0 }, 'keepLast');
    await refused({ ...base, maxAgeDays: 3651 }, 'maxAgeDays');
    await refused({ ...base, name: '' }, 'name');
    await refused({ ...base, kind: 'ftp' }, 'kind');
    await refused({ ...base, secretAccessKey: undefined }, 'secretAccessKey');
    await refused({ name: 'local with bucket', kind: 'local', bucket: 'some-bucket' }, 'bucket');
    assert.equal((await db.query(`SELECT count(*)::int AS n FROM backup_config WHERE name IN ('local s3rver', 'local with bucket')`)).rows[0].n, 0);
  });

  it('viewers read but may not change; another domain’s configuration is not found', async () => {
    const denied = await req('POST', '/backup-config', s3.configBody({ name: 'by viewer' }), viewer);
    assert.equal(denied.status, 403, denied.text);
    assert.equal(denied.body.meta.error.code, 'ForbiddenError');
    assert.equal((await req('POST', '/backup-config/search', {}, viewer)).status, 200);

    const foreign = await req('POST', '/backup-config', s3.configBody({ name: 'beta' }), { token: admin.token, domainId: otherDomain });
    assert.equal(foreign.status, 201, foreign.text);
    const id = foreign.body.data.id;
    for (const [method, path, body] of [
      ['GET', `/backup-config/${id}`, undefined],
      ['PUT', `/backup-config/${id}`, { name: 'stolen' }],
      ['POST', `/backup-config/${id}/activate`, undefined],
      ['POST', `/backup-config/${id}/test`, undefined],
      ['DELETE', `/backup-config/${id}`, undefined],
    ] as const) {
      const r = await req(method, path, body);
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'NotFoundError');
    }
    const search = await req('POST', '/backup-config/search', { filters: { id } });
    assert.deepEqual(search.body.data, []);
    const row = (await db.query(`SELECT name, active FROM backup_config WHERE id = $1`, [id])).rows[0];
    assert.deepEqual(row, { name: 'beta', active: false });
  });

  it('test connection: ok against the S3 server; ok:false (never 5xx) for unknown credentials, a missing bucket, a closed port', async () => {
    const good = await create(s3.configBody({ name: 'good', prefix: 'probe/' }));
    const ok = await req('POST', `/backup-config/${good.id}/test`);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.ok, true, ok.text);

    // s3rver checks the access key id but does not verify SigV4 signatures, so a wrong secret
    // alone passes there: the refused-credentials case is an unknown key id (with its secret).
    const wrongKey = await create(s3.configBody({ name: 'wrong key', accessKeyId: 'UNKNOWNKEYID0001', secretAccessKey: 'not-the-S3RVER-secret-value' }));
    const bad = await req('POST', `/backup-config/${wrongKey.id}/test`);
    assert.equal(bad.status, 200, bad.text);
    assert.equal(bad.body.data.ok, false);
    assert.match(bad.body.data.message, /^HeadBucket failed: .*403/);
    assert.equal(bad.text.includes('not-the-S3RVER-secret-value') || bad.text.includes('UNKNOWNKEYID0001'), false, bad.text);

    const noBucket = await create(s3.configBody({ name: 'missing bucket', bucket: 'no-such-bucket' }));
    const missing = await req('POST', `/backup-config/${noBucket.id}/test`);
    assert.equal(missing.status, 200, missing.text);
    assert.equal(missing.body.data.ok, false);
    assert.match(missing.body.data.message, /^HeadBucket failed: .*404/);

    const closed = await create(s3.configBody({ name: 'closed port', endpoint: `http://127.0.0.1:${await closedPort()}` }));
    const refusedConn = await req('POST', `/backup-config/${closed.id}/test`);
    assert.equal(refusedConn.status, 200, refusedConn.text);
    assert.equal(refusedConn.body.data.ok, false);
    assert.match(refusedConn.body.data.message, /^HeadBucket failed: .*ECONNREFUSED/);

    const local = await create({ name: 'local', kind: 'local' });
    assert.equal((await req('POST', `/backup-config/${local.id}/test`)).body.data.ok, true);
  });
});

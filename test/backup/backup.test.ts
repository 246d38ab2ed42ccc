import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { ConsoleHub } from '../../src/modules/console/console-hub.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { backupSteps } from '../helpers/backup-steps';
import { removeDomainContainers } from '../helpers/containers';

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Backups on a real agent and real Docker: archives on the node's disk, restores, links, limits, retention. */
describe('backups: create, restore, corrupted archives, lock, limits, retention, downloads, permissions', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let node: RunningNode;
  let serverId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const backup = async (id: string) => (await req('GET', `/backup/${id}`)).body.data;
  const archiveOf = (id: string) => join(node.dataDir, 'backups', serverId, `${id}.tar.gz`);
  const dataFile = (name: string) => join(node.dataDir, 'servers', serverId, name);
  const write = async (path: string, content: string) => assert.equal((await req('PUT', `/gameserver/${serverId}/files/content`, { path, content })).status, 200);
  const consoleLines = async () => {
    await t.app.get(ConsoleHub).flushPersist();
    return ((await req('GET', `/gameserver/${serverId}/logs?limit=5000`)).body.data.lines as Array<{ line: string }>).map((l) => l.line);
  };
  // Backup waits keep waitFor's default 15 s here (small data sets); restores wait up to 60 s.
  const steps = backupSteps(req, 15_000);
  const makeBackup = (body: Record<string, unknown> = {}) => steps.make(serverId, body);
  const restoreAndWait = (id: string) => steps.restore(id);

  before(async () => {
    t = await createTestApp({ BACKUP_LEASE_MS: '2000', BACKUP_SWEEP_MS: '500' });
    admin = await bootstrapAdmin(t);
    viewer = await createMember(t, admin, admin.domainId, 'viewer', 'Viewer');
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'Backed up');
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  let first: { id: string; sha256: string; sizeBytes: number };

  it('files of a running server → backup: completed, size and sha256 equal the archive on the node; before/after commands on the console', async () => {
    await write('world/level.dat', 'level one\n');
    await write('notes.txt', 'keep me\n');
    await write('logs/latest.log', 'ignored\n');
    first = await makeBackup({ name: 'first', ignore: ['logs/'] });
    assert.equal(first.sha256, sha256File(archiveOf(first.id)));
    assert.equal(first.sizeBytes, readFileSync(archiveOf(first.id)).length);
    assert.deepEqual((first as any).ignore, ['logs/']);
    assert.equal((first as any).nodeId, node.nodeId);
    await waitFor('backup commands on the console', async () => {
      const lines = await consoleLines();
      const start = lines.indexOf('echo: backup-start');
      return start >= 0 && lines.indexOf('echo: backup-end') > start;
    });
    const audit = await req('POST', '/auditlog/search', { filters: { action: ['backup.completed'] } });
    assert.equal(audit.body.data.length, 1);
    assert.equal(audit.body.data[0].targetId, first.id);
  });

  it('change and delete files → restore: files byte-identical, the new file gone, ignored ones not restored, the server running again', async () => {
    await write('world/level.dat', 'level two\n');
    assert.equal((await req('DELETE', `/gameserver/${serverId}/files`, { paths: ['notes.txt'] })).status, 200);
    await write('extra.txt', 'new\n');
    const done = await restoreAndWait(first.id);
    assert.equal(done.restoreState, 'restored', JSON.stringify(done));
    assert.equal(readFileSync(dataFile('world/level.dat'), 'utf8'), 'level one\n');
    assert.equal(readFileSync(dataFile('notes.txt'), 'utf8'), 'keep me\n');
    assert.equal(existsSync(dataFile('extra.txt')), false);
    assert.equal(existsSync(dataFile('logs/latest.log')), false, 'ignored at backup time, so not in the archive');
    await waitFor('running again', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
  });

  it('a corrupted archive is refused: restoreState failed naming the checksum, current data untouched, running again', async () => {
    const b = await makeBackup({ name: 'to corrupt' });
    await write('world/level.dat', 'current\n');
    const bytes = readFileSync(archiveOf(b.id));
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(archiveOf(b.id), bytes);
    const done = await restoreAndWait(b.id);
    assert.equal(done.restoreState, 'failed');
    assert.match(done.restoreError, /checksum|sha256/i);
    assert.equal(readFileSync(dataFile('world/level.dat'), 'utf8'), 'current\n');
    await waitFor('running again', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
    assert.equal((await req('DELETE', `/backup/${b.id}`)).status, 200);
  });

  it('lock: delete answers 409 and the archive stays; unlock: delete removes the row and the file', async () => {
    const b = await makeBackup({ name: 'locked one' });
    const locked = await req('POST', `/backup/${b.id}/lock`);
    assert.equal(locked.status, 200, locked.text);
    assert.equal(locked.body.data.locked, true);
    const refused = await req('DELETE', `/backup/${b.id}`);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.meta.error.code, ErrorCode.ConflictError);
    assert.equal(existsSync(archiveOf(b.id)), true);
    assert.equal((await req('POST', `/backup/${b.id}/unlock`)).body.data.locked, false);
    const deleted = await req('DELETE', `/backup/${b.id}`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(existsSync(archiveOf(b.id)), false);
    assert.equal((await req('GET', `/backup/${b.id}`)).status, 404);
  });

  it('a download link streams the archive once; the second use is 404', async () => {
    const link = await req('POST', `/backup/${first.id}/download`);
    assert.equal(link.status, 200, link.text);
    const path = new URL(link.body.data.url, 'http://x').pathname;
    const res = await t.app.inject({ method: 'GET', url: path });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="Backed_up-first\.tar\.gz"/);
    assert.equal(createHash('sha256').update(res.rawPayload).digest('hex'), first.sha256);
    assert.equal(res.headers['content-length'], String(first.sizeBytes));
    const again = await t.request('GET', path);
    assert.equal(again.status, 404, again.text);
    assert.equal(again.body.meta.error.code, ErrorCode.NotFoundError);
    const unknown = await t.request('GET', `/backup/download/${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
  });

  it('limits: with maxBackupsPerServer reached a new backup is 409; retention keepLast deletes the oldest unlocked ones only', async () => {
    // Start clean: only `first` (locked now, so retention must keep it).
    for (const b of (await req('POST', '/backup/search', { filters: { gameserverId: [serverId] } })).body.data) if (b.id !== first.id) await req('DELETE', `/backup/${b.id}`);
    assert.equal((await req('POST', `/backup/${first.id}/lock`)).status, 200);
    const config = await req('POST', '/backup-config', { name: 'tight', kind: 'local', maxBackupsPerServer: 4, keepLast: 2, activate: true });
    assert.equal(config.status, 201, config.text);

    const a = await makeBackup({ name: 'a' });
    const b = await makeBackup({ name: 'b' });
    const c = await makeBackup({ name: 'c' });
    // keepLast 2 among the unlocked: a went when c was made; first is locked and stays. Retention
    // runs right after c is marked completed, so the list is read once it has settled.
    const names = async () => (await req('POST', '/backup/search', { filters: { gameserverId: [serverId] }, sortBy: 'createdAt', sortDirection: 'asc' })).body.data.map((x: any) => x.name);
    await waitFor('retention applied', async () => (await names()).length === 3);
    assert.deepEqual(await names(), ['first', 'b', 'c']);
    assert.equal(existsSync(archiveOf(a.id)), false, 'the archive went with the row');
    assert.equal(existsSync(archiveOf(b.id)), true);
    const audit = await req('POST', '/auditlog/search', { filters: { action: ['backup.retention_deleted'] } });
    assert.deepEqual(
      audit.body.data.map((x: any) => x.targetId),
      [a.id],
    );

    const update = await req('PUT', `/backup-config/${config.body.data.id}`, { keepLast: null, maxBackupsPerServer: 3 });
    assert.equal(update.status, 200, update.text);
    const refused = await req('POST', '/backup', { gameserverId: serverId });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.meta.error.code, ErrorCode.ConflictError);
    assert.match(refused.body.meta.error.message, /most allowed \(3\)/);
    assert.equal(existsSync(archiveOf(c.id)), true);
  });

  it('a viewer (backups.read) reads but gets 403 on create, restore, download and delete with valid requests', async () => {
    const as = (method: string, path: string, body?: unknown) => t.request(method, path, { token: viewer.token, domain: admin.domainId, body });
    assert.equal((await as('GET', `/backup/${first.id}`)).status, 200);
    assert.equal((await as('POST', '/backup/search', {})).status, 200);
    for (const [method, path, body] of [
      ['POST', '/backup', { gameserverId: serverId }],
      ['POST', `/backup/${first.id}/restore`, undefined],
      ['POST', `/backup/${first.id}/download`, undefined],
      ['DELETE', `/backup/${first.id}`, undefined],
      ['POST', `/backup/${first.id}/unlock`, undefined],
    ] as const) {
      const r = await as(method, path, body);
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, ErrorCode.ForbiddenError);
    }
  });

  it("another domain's owner gets 404 for this domain's backups, even on its own domain", async () => {
    const outsider = await createMember(t, admin, admin.domainId, 'outsider', 'Viewer');
    const otherDomain = await createDomain(t, outsider.token, 'Other');
    const as = (method: string, path: string, body?: unknown) => t.request(method, path, { token: outsider.token, domain: otherDomain, body });
    for (const [method, path, body] of [
      ['GET', `/backup/${first.id}`, undefined],
      ['POST', `/backup/${first.id}/restore`, undefined],
      ['POST', `/backup/${first.id}/download`, undefined],
      ['POST', `/backup/${first.id}/unlock`, undefined],
      ['DELETE', `/backup/${first.id}`, undefined],
      ['POST', '/backup', { gameserverId: serverId }],
    ] as const) {
      const r = await as(method, path, body);
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, ErrorCode.NotFoundError);
    }
    const search = await as('POST', '/backup/search', {});
    assert.equal(search.status, 200);
    assert.deepEqual(search.body.data, []);
    assert.equal((await backup(first.id)).locked, true, 'nothing changed');
  });

  it('bad input is a 400 in the envelope', async () => {
    for (const [body, path] of [
      [{ gameserverId: serverId, ignore: Array.from({ length: 101 }, () => 'x') }, 'ignore'],
      [{ gameserverId: serverId, ignore: ['x'.repeat(257)] }, 'ignore'],
      [{ gameserverId: serverId, name: '' }, 'name'],
      [{ gameserverId: serverId, extra: 1 }, 'extra'],
    ] as const) {
      const r = await req('POST', '/backup', body);
      assert.equal(r.status, 400, r.text);
      // The envelope: no data, the error under meta with its code and the offending field.
      assert.equal(r.body.data, null, r.text);
      assert.equal(r.body.meta.error.code, ErrorCode.ValidationError, r.text);
      assert.ok(
        r.body.meta.error.details.some((d: { path: string }) => d.path === path),
        `${path}: ${r.text}`,
      );
    }
  });

  it("deleting the server removes its backups' rows and archives (queued by the cascade, purged by the sweeper)", async () => {
    const left = readdirSync(join(node.dataDir, 'backups', serverId)).filter((f) => f.endsWith('.tar.gz'));
    assert.ok(left.length >= 2, `archives before: ${left.join(', ')}`);
    const r = await req('DELETE', `/gameserver/${serverId}`);
    assert.equal(r.status, 200, r.text);
    assert.equal((await req('GET', `/backup/${first.id}`)).status, 404);
    await waitFor('archives purged', async () => {
      const files = existsSync(join(node.dataDir, 'backups', serverId)) ? readdirSync(join(node.dataDir, 'backups', serverId)) : [];
      const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM backup_purge`);
      return files.length === 0 && n === 0;
    });
  });
});

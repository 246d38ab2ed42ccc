import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

interface Row {
  id: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  tokenName: string | null;
  action: string;
  actionGroup: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown> | null;
}

/**
 * A readable audit log on a real node: names of who and what, `files.*` actions with their paths,
 * no row for console tokens, crashes and automatic restarts as system events, and a per-server view.
 */
describe('audit log: readable rows, file actions, system events, per-server search', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let alpha: string;
  let db: DataSource;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const search = async (body: unknown): Promise<Row[]> => {
    const r = await req('POST', '/auditlog/search', body);
    assert.equal(r.status, 200, r.text);
    return r.body.data;
  };
  const newest = async (filters: Record<string, unknown>): Promise<Row> => (await search({ filters, limit: 1 }))[0];
  const count = async () => Number((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE "domainId" = $1`, [admin.domainId]))[0].n);

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    db = t.app.get(DataSource);
    node = await startNodeWithAgent(t, admin);
    alpha = await startEchoServer(req, node.nodeId, 'Alpha server');
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('a file delete is files.delete with its path, by username, on the named server; a write records the path, never the content', async () => {
    const files = `/gameserver/${alpha}/files`;
    assert.equal((await req('PUT', `${files}/content`, { path: 'notes/hello.txt', content: 'top secret content' })).status, 200);
    const write = await newest({ targetId: alpha, action: 'files.write' });
    assert.equal(write?.details?.path, 'notes/hello.txt');
    assert.equal(JSON.stringify(write).includes('top secret'), false, 'file contents never reach the audit log');

    const del = await req('DELETE', files, { paths: ['notes/hello.txt'] });
    assert.equal(del.status, 200, del.text);
    const row = await newest({ targetId: alpha });
    assert.equal(row.action, 'files.delete');
    assert.equal(row.actionGroup, 'files');
    assert.deepEqual(row.details?.paths, ['notes/hello.txt']);
    assert.equal(row.actorType, 'user');
    assert.equal(row.actorName, 'admin');
    assert.equal(row.targetType, 'gameserver');
    assert.equal(row.targetName, 'Alpha server');
    // The server delete is still gameserver.remove; no file action is.
    assert.deepEqual(await search({ filters: { action: 'gameserver.remove', targetId: alpha } }), []);
  });

  it('issuing a console token writes no row', async () => {
    const before = await count();
    const r = await req('POST', `/gameserver/${alpha}/console-token`);
    assert.equal(r.status, 201, r.text);
    assert.equal(await count(), before);
  });

  it('a real crash is a system event on the server, and so is the automatic restart that follows', async () => {
    const cmd = await req('POST', `/gameserver/${alpha}/command`, { command: 'crash' });
    assert.equal(cmd.status, 200, cmd.text);
    const crashed = await waitFor('crash audited', () => newest({ targetId: alpha, action: 'gameserver.crashed' }), 20_000);
    assert.equal(crashed.actorType, 'system');
    assert.equal(crashed.actorId, null);
    assert.equal(crashed.actorName, null);
    assert.equal(crashed.targetName, 'Alpha server');
    assert.equal(crashed.details?.exitCode, 3);
    assert.match(String(crashed.details?.reason), /exited unexpectedly with code 3/);
    const restarted = await waitFor('automatic restart audited', () => newest({ targetId: alpha, action: 'gameserver.auto_restarted' }), 30_000);
    assert.equal(restarted.actorType, 'system');
    assert.equal(restarted.details?.crashes, 1);
  });

  it('an API token is named with its owner; a deleted server keeps its (renamed) name in the row', async () => {
    const beta = (
      await req('POST', '/gameserver', {
        name: 'Beta server',
        workloadId: (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id,
        nodeId: node.nodeId,
        memoryMiB: 64,
        cpuPercent: 50,
      })
    ).body.data.id as string;
    const tok = await req('POST', '/apitoken', { name: 'ci-bot' });
    assert.equal(tok.status, 201, tok.text);
    const renamed = await t.request('PUT', `/gameserver/${beta}`, { headers: { 'x-api-key': tok.body.data.token }, body: { name: 'Beta renamed' } });
    assert.equal(renamed.status, 200, renamed.text);
    const byToken = await newest({ targetId: beta });
    assert.deepEqual([byToken.actorType, byToken.actorName, byToken.tokenName, byToken.action, byToken.targetName], ['apitoken', 'admin', 'ci-bot', 'gameserver.update', 'Beta renamed']);

    assert.equal((await req('DELETE', `/gameserver/${beta}`)).status, 200);
    const removed = await newest({ targetId: beta });
    assert.deepEqual([removed.action, removed.targetName], ['gameserver.remove', 'Beta renamed']);
  });

  it("search by target id returns that server's rows only, never another domain's; actionGroup filters by prefix", async () => {
    // A row of another domain naming the same id: the domain scope must keep it out.
    const other = await createDomain(t, admin.token, 'Other');
    await db.query(`INSERT INTO audit_log ("domainId", "actorType", action, "targetType", "targetId", "targetName") VALUES ($1, 'system', 'gameserver.crashed', 'gameserver', $2, 'foreign')`, [
      other,
      alpha,
    ]);
    const rows = await search({ filters: { targetId: alpha }, limit: 100 });
    assert.ok(rows.length >= 5, JSON.stringify(rows.map((r) => r.action)));
    assert.deepEqual([...new Set(rows.map((r) => r.targetId))], [alpha]);
    assert.equal(
      rows.some((r) => r.targetName === 'foreign'),
      false,
      "another domain's row leaked",
    );
    const actions = rows.map((r) => r.action);
    for (const a of ['gameserver.create', 'gameserver.start', 'files.write', 'files.delete', 'gameserver.crashed', 'gameserver.auto_restarted']) assert.ok(actions.includes(a), `${a} in ${actions}`);

    const fileRows = await search({ filters: { targetId: alpha, actionGroup: 'files' } });
    assert.deepEqual(fileRows.map((r) => r.action).sort(), ['files.delete', 'files.write']);
  });
});

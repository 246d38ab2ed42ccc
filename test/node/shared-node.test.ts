import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';

/** A node of the instance (no domain): every domain may place servers on it; only instance admins manage it. */
describe('shared nodes', () => {
  let t: TestApp;
  let admin: Session;
  let betaId: string;
  let beta: Session;
  let shared: RunningNode;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    betaId = await createDomain(t, admin.token, 'Beta');
    beta = await createMember(t, admin, betaId, 'beta-owner', 'Admin');
    shared = await startNodeWithAgent(t, admin, { name: 'shared-box', shared: true });
  });
  after(async () => {
    await shared?.stop();
    await t.close();
  });

  const as = (s: Session, domain: string) => (method: string, path: string, body?: unknown) => t.request(method, path, { token: s.token, domain, body });

  it('only instance admins create them; every domain sees them; only instance admins manage them', async () => {
    const b = as(beta, betaId);
    const refused = await b('POST', '/node', { name: 'mine', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100, shared: true });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.meta.error.code, 'ForbiddenError');
    const seen = await b('POST', '/node/search', { filters: { id: shared.nodeId } });
    assert.equal(seen.body.meta.total, 1);
    assert.equal(seen.body.data[0].shared, true);
    assert.equal(seen.body.data[0].domainId, null);
    assert.equal((await b('GET', `/node/${shared.nodeId}`)).status, 200);
    for (const [method, path, body] of [
      ['PUT', `/node/${shared.nodeId}`, { name: 'taken over' }],
      ['POST', `/node/${shared.nodeId}/cordon`, undefined],
      ['POST', `/node/${shared.nodeId}/register-token`, undefined],
      ['GET', `/node/${shared.nodeId}/containers`, undefined],
      ['DELETE', `/node/${shared.nodeId}`, undefined],
    ] as const) {
      const r = await b(method, path, body);
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'ForbiddenError', `${method} ${path}`);
    }
    assert.equal((await as(admin, admin.domainId)('POST', `/node/${shared.nodeId}/cordon`)).body.data.state, 'cordoned');
    assert.equal((await as(admin, admin.domainId)('POST', `/node/${shared.nodeId}/uncordon`)).body.data.state, 'online');
  });

  it('servers of two domains run on it; each domain sees and drives only its own', async () => {
    const a = as(admin, admin.domainId);
    const b = as(beta, betaId);
    // The ready line reaches the right domain's server through the shared node's agent.
    const alphaServer = await startEchoServer(a, shared.nodeId, 'Alpha on shared');
    const betaServer = await startEchoServer(b, shared.nodeId, 'Beta on shared');
    for (const r of [await b('GET', `/gameserver/${alphaServer}`), await a('GET', `/gameserver/${betaServer}`), await b('POST', `/gameserver/${alphaServer}/stop`)]) {
      assert.equal(r.status, 404, r.text);
      assert.equal(r.body.meta.error.code, 'NotFoundError');
    }
    const betaList = await b('POST', '/gameserver/search', {});
    assert.deepEqual(
      betaList.body.data.map((g: { name: string }) => g.name),
      ['Beta on shared'],
    );
    // One capacity pool: both servers count against the node.
    const fit = await b('POST', '/planner/suggest-fit', { memoryMiB: 64 });
    const candidate = fit.body.data.candidates.find((c: { nodeId: string }) => c.nodeId === shared.nodeId);
    assert.equal(candidate.freeMemoryMiB, 4096 - 64 - 64 - 64);
    const refusedDelete = await as(admin, admin.domainId)('DELETE', `/node/${shared.nodeId}`);
    assert.equal(refusedDelete.status, 409, 'still hosts servers');
    assert.equal(refusedDelete.body.meta.error.code, 'ConflictError');
    assert.equal(refusedDelete.body.meta.error.message, 'Node "shared-box" still has game servers; transfer or delete them first');
    for (const [req, id] of [
      [a, alphaServer],
      [b, betaServer],
    ] as const)
      assert.equal((await req('DELETE', `/gameserver/${id}`)).status, 200);
  });
});

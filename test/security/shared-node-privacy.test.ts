import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent } from '../../src/agent/agent';
import { networkCounters } from '../../src/agent/system-info';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';

interface Container {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/**
 * A shared node (no domain) runs two tenants' servers. Each tenant's view of the node shows its
 * own containers only and nothing of the host's network; the instance admin sees the machine.
 * The inventory is the real one the agent reports (real Docker containers).
 */
describe('shared node privacy', () => {
  let t: TestApp;
  let admin: Session; // instance admin, member of Alpha
  let alphaOwner: Session; // Alpha's Admin role, not an instance admin
  let betaId: string;
  let betaOwner: Session;
  let shared: RunningNode;
  let agent: Agent | undefined;
  const servers = { alpha: '', beta: '' };
  let full: { containers: Container[]; network: Array<{ name: string; addresses: Array<{ address: string }> }>; system: { hostname: string } };

  const as = (s: Session, domain: string) => (method: string, path: string, body?: unknown) => t.request(method, path, { token: s.token, domain, body });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    alphaOwner = await createMember(t, admin, admin.domainId, 'alpha-owner', 'Admin');
    betaId = await createDomain(t, admin.token, 'Beta');
    betaOwner = await createMember(t, admin, betaId, 'beta-owner', 'Admin');
    shared = await startNodeWithAgent(t, admin, { name: 'shared-box', shared: true });

    servers.alpha = await startEchoServer(as(alphaOwner, admin.domainId), shared.nodeId, 'Alpha on shared');
    servers.beta = await startEchoServer(as(betaOwner, betaId), shared.nodeId, 'Beta on shared');

    // The agent reports its inventory when it connects: reconnect it so the stored one lists both containers.
    await shared.agent.stop();
    agent = new Agent({ url: shared.url, dataDir: shared.dataDir, heartbeatIntervalMs: 500, metricsIntervalMs: 5000, serverStatsIntervalMs: 1000 });
    await agent.start();
    const adminReq = as(admin, admin.domainId);
    await waitFor('fresh inventory with both servers', async () => {
      const r = await adminReq('GET', `/node/${shared.nodeId}/inventory`);
      if (r.status !== 200) return false;
      const ids = new Set((r.body.data.containers as Container[]).map((c) => c.labels['outpost.server-id']));
      full = r.body.data;
      return ids.has(servers.alpha) && ids.has(servers.beta);
    });
  });
  after(async () => {
    if (t) {
      for (const [req, id] of [
        [as(alphaOwner, admin.domainId), servers.alpha],
        [as(betaOwner, betaId), servers.beta],
      ] as const) {
        if (id) await req('DELETE', `/gameserver/${id}`).catch(() => undefined);
      }
    }
    await agent?.stop();
    await shared?.stop();
    await t?.close();
  });

  const containerOf = (serverId: string) => full.containers.find((c) => c.labels['outpost.server-id'] === serverId)!;

  /** Strings that would reveal the host's network: its non-loopback addresses and hostname. */
  const hostSecrets = () => [
    ...full.network.flatMap((n) => n.addresses.map((a) => a.address)).filter((a) => a !== '127.0.0.1' && a !== '::1'),
    ...(full.system.hostname.length >= 4 ? [full.system.hostname] : []),
  ];

  it('the instance admin sees the whole machine', () => {
    assert.ok(containerOf(servers.alpha) && containerOf(servers.beta));
    assert.ok(full.network.length > 0, 'network interfaces');
    assert.equal(typeof full.system.hostname, 'string');
  });

  for (const side of ['alpha', 'beta'] as const) {
    it(`${side}'s owner sees only ${side}'s containers and no host network details`, async () => {
      const [own, other] = side === 'alpha' ? [servers.alpha, servers.beta] : [servers.beta, servers.alpha];
      const otherDomain = side === 'alpha' ? betaId : admin.domainId;
      const req = side === 'alpha' ? as(alphaOwner, admin.domainId) : as(betaOwner, betaId);
      const r = await req('GET', `/node/${shared.nodeId}/inventory`);
      assert.equal(r.status, 200, r.text);
      const inv = r.body.data;
      assert.deepEqual(
        (inv.containers as Container[]).map((c) => c.labels['outpost.server-id']),
        [own],
      );
      assert.equal(inv.containers[0].id, containerOf(own).id);
      assert.deepEqual(inv.network, []);
      assert.equal(inv.system.hostname, undefined);
      assert.equal(typeof inv.system.cpuCount, 'number', 'capacity facts stay');
      const theirs = containerOf(other);
      for (const secret of [other, theirs.id, theirs.name, otherDomain, ...hostSecrets()]) {
        assert.ok(!r.text.includes(secret), `${side}'s view must not contain ${secret}`);
      }
    });
  }

  it("node metrics of a shared node hide the host's network counters from tenants", async () => {
    await waitFor('a metrics sample', async () => (await as(admin, admin.domainId)('GET', `/node/${shared.nodeId}/metrics`)).body.data.length > 0);
    const tenant = await as(betaOwner, betaId)('GET', `/node/${shared.nodeId}/metrics`);
    assert.equal(tenant.status, 200, tenant.text);
    assert.ok(tenant.body.data.length > 0);
    for (const m of tenant.body.data) {
      assert.equal(m.networkRxBytes, 0);
      assert.equal(m.networkTxBytes, 0);
      assert.equal(typeof m.memoryUsedBytes, 'number', 'capacity metrics stay');
    }
    const host = await networkCounters();
    if (host.rx + host.tx > 0) {
      const adminView = await as(admin, admin.domainId)('GET', `/node/${shared.nodeId}/metrics`);
      assert.ok(
        adminView.body.data.some((m: { networkRxBytes: number; networkTxBytes: number }) => m.networkRxBytes + m.networkTxBytes > 0),
        'the instance admin sees the counters',
      );
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InventoryEvent } from '@libs/agent-protocol/protocol';
import { inventoryPart, inventoryScope, inventoryView } from './inventory-view';

const ALPHA = '00000000-0000-4000-8000-00000000000a';
const BETA = '00000000-0000-4000-8000-00000000000b';

const container = (name: string, labels: Record<string, string>) => ({ id: `id-${name}`, name, image: 'img', state: 'running', status: 'Up', labels, createdAt: '2026-01-01T00:00:00Z' });

const inventory: InventoryEvent = {
  system: { hostname: 'secret-host', os: 'Debian', platform: 'linux', kernel: '6.1', arch: 'x64', cpuCount: 8, cpuModel: 'Xeon', memoryBytes: 1 << 30 },
  disks: [{ mount: '/', totalBytes: 100, freeBytes: 50 }],
  network: [{ name: 'eth0', addresses: [{ address: '203.0.113.7', family: 'IPv4', internal: false }] }],
  docker: { version: '27.0', apiVersion: '1.46' },
  containers: [
    container('alpha-server', { 'outpost.domain-id': ALPHA, 'outpost.server-id': 's-a' }),
    container('beta-server', { 'outpost.domain-id': BETA, 'outpost.server-id': 's-b' }),
    container('alpha-install', { 'outpost.domain-id': ALPHA }),
    container('admin-tool', {}),
  ],
  processes: [{ pid: 1, user: 'root', uid: 0, command: '/sbin/init', cpuPercent: 0.1, memoryBytes: 1024 }],
  systemUsers: [{ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' }],
};

describe('node inventory view', () => {
  it('own nodes and instance admins see the whole machine; tenants of a shared node see their slice', () => {
    assert.equal(inventoryScope({ domainId: ALPHA }, { isInstanceAdmin: false }), 'node');
    assert.equal(inventoryScope({ domainId: null }, { isInstanceAdmin: true }), 'node');
    assert.equal(inventoryScope({ domainId: null }, { isInstanceAdmin: false }), 'domain');
  });

  it('scope node keeps everything, processes and system users included', () => {
    const v = inventoryView(inventory, 'node', ALPHA, true);
    assert.equal(v.system.hostname, 'secret-host');
    assert.equal(v.containers.length, 4);
    assert.deepEqual(v.processes, inventory.processes);
    assert.deepEqual(v.systemUsers, inventory.systemUsers);
    assert.deepEqual(v.network, inventory.network);
  });

  it('without nodes.manage, even on the own node: no processes (command lines hold secrets) and no system users', () => {
    const v = inventoryView(inventory, 'node', ALPHA, false);
    assert.deepEqual(v.processes, []);
    assert.deepEqual(v.systemUsers, []);
    assert.equal(v.containers.length, 4);
    assert.equal(v.system.hostname, 'secret-host');
  });

  it('scope domain: own game-server containers only, no host processes, users, network or hostname', () => {
    const v = inventoryView(inventory, 'domain', ALPHA, true);
    assert.deepEqual(
      v.containers.map((c) => c.name),
      ['alpha-server'],
    );
    assert.deepEqual(v.processes, []);
    assert.deepEqual(v.systemUsers, []);
    assert.deepEqual(v.network, []);
    assert.equal('hostname' in v.system, false);
    assert.equal(v.system.cpuCount, 8, 'capacity facts stay');
    assert.deepEqual(v.disks, inventory.disks);
    const text = JSON.stringify(v);
    for (const secret of ['secret-host', '203.0.113.7', BETA, 'beta-server', '/sbin/init', '/root', 'admin-tool']) assert.ok(!text.includes(secret), secret);
  });

  it('an older agent without processes or users gives empty lists; parts pick one list', () => {
    const { processes: _p, systemUsers: _u, ...old } = inventory;
    const v = inventoryView(old, 'node', ALPHA, true);
    assert.deepEqual(v.processes, []);
    assert.deepEqual(v.systemUsers, []);
    const full = inventoryView(inventory, 'node', ALPHA, true);
    assert.equal(inventoryPart(full, 'users'), full.systemUsers);
    assert.equal(inventoryPart(full, 'processes'), full.processes);
    assert.equal(inventoryPart(full, 'system'), full.system);
    assert.equal(inventoryPart(full, 'containers'), full.containers);
  });
});

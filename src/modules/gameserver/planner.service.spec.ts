import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Node, NodeScheduling, NodeStatus } from '../node/entities/node.entity';
import { NodeUsage } from './gameserver.repository';
import { chooseNode, evaluateFit } from './planner.service';

let seq = 0;
function node(overrides: Partial<Node> = {}): Node {
  seq++;
  return {
    id: `node-${seq}`,
    domainId: 'd',
    name: `n${seq}`,
    address: '127.0.0.1',
    tags: [],
    location: '',
    memoryMiB: 4096,
    diskMiB: 10_000,
    cpuPercent: 400,
    overallocationPercent: 0,
    portRangeStart: 25500,
    portRangeEnd: 25999,
    status: NodeStatus.ONLINE,
    scheduling: NodeScheduling.ACTIVE,
    lastHeartbeatAt: null,
    agentVersion: null,
    inventory: null,
    ...overrides,
  } as Node;
}
const usage = (nodeId: string, memoryMiB: number, diskMiB = 0, cpuPercent = 0): NodeUsage => ({ nodeId, memoryMiB, diskMiB, cpuPercent, servers: 1 });
const req = { memoryMiB: 1024, diskMiB: 1000, cpuPercent: 100 };

describe('placement', () => {
  it('an empty, online, active node fits and reports what is left', () => {
    const fit = evaluateFit(node(), undefined, req);
    assert.equal(fit.fits, true);
    assert.deepEqual(fit.reasons, []);
    assert.deepEqual([fit.freeMemoryMiB, fit.freeDiskMiB, fit.freeCpuPercent], [3072, 9000, 300]);
  });

  it('counts what other servers already hold, to the exact MiB', () => {
    const n = node();
    assert.equal(evaluateFit(n, usage(n.id, 3072), req).fits, true, 'exactly full still fits');
    const over = evaluateFit(n, usage(n.id, 3073), req);
    assert.equal(over.fits, false);
    assert.deepEqual(over.reasons, ['not enough memory (1 MiB short)']);
  });

  it('disk and CPU are held to the exact unit too: exactly full fits, one more is refused', () => {
    const n = node();
    const full = evaluateFit(n, usage(n.id, 0, 9000, 300), req);
    assert.deepEqual([full.fits, full.freeDiskMiB, full.freeCpuPercent], [true, 0, 0]);
    assert.deepEqual(evaluateFit(n, usage(n.id, 0, 9001, 0), req).reasons, ['not enough disk (1 MiB short)']);
    assert.deepEqual(evaluateFit(n, usage(n.id, 0, 0, 301), req).reasons, ['not enough CPU (1% short)']);
  });

  it('overallocation raises every capacity by its percentage', () => {
    const n = node({ overallocationPercent: 50 });
    const fit = evaluateFit(n, usage(n.id, 4096, 10_000, 400), req);
    assert.equal(fit.fits, true);
    assert.deepEqual([fit.freeMemoryMiB, fit.freeDiskMiB, fit.freeCpuPercent], [2048 - 1024, 5000 - 1000, 200 - 100]);
  });

  it('explains every reason a node is refused', () => {
    const n = node({ status: NodeStatus.OFFLINE, scheduling: NodeScheduling.CORDONED, tags: ['eu'], memoryMiB: 512, diskMiB: 500, cpuPercent: 50 });
    const fit = evaluateFit(n, undefined, { ...req, tags: ['eu', 'ssd', 'gpu'] });
    assert.equal(fit.fits, false);
    assert.deepEqual(fit.reasons, [
      'node is offline',
      'node is cordoned',
      'missing tags: ssd, gpu',
      'not enough memory (512 MiB short)',
      'not enough disk (500 MiB short)',
      'not enough CPU (50% short)',
    ]);
  });

  it('chooses the fitting node with the most free memory, and lists the others after it', () => {
    const busy = node({ name: 'busy' });
    const idle = node({ name: 'idle' });
    const draining = node({ name: 'draining', scheduling: NodeScheduling.DRAINING, memoryMiB: 65536 });
    const out = chooseNode([busy, draining, idle], new Map([[busy.id, usage(busy.id, 2048)]]), req);
    assert.equal(out.chosen, idle.id);
    assert.deepEqual(
      out.candidates.map((c) => c.name),
      ['idle', 'busy', 'draining'],
    );
    assert.match(out.explanation, /^idle fits with the most free memory \(3072 MiB left after placement\)$/);
  });

  it('when nothing fits: no choice, and every node says why', () => {
    const a = node({ name: 'a', memoryMiB: 512 });
    const b = node({ name: 'b', status: NodeStatus.PENDING });
    const out = chooseNode([a, b], new Map(), req);
    assert.equal(out.chosen, null);
    assert.match(out.explanation, /^No node fits: /);
    assert.match(out.explanation, /a: not enough memory \(512 MiB short\)/);
    assert.match(out.explanation, /b: node is pending/);
  });

  it('the "nothing fits" explanation lists each node with its reasons, in candidate order', () => {
    const a = node({ name: 'a', memoryMiB: 512, diskMiB: 500 });
    const b = node({ name: 'b', status: NodeStatus.PENDING });
    assert.equal(chooseNode([a, b], new Map(), req).explanation, 'No node fits: b: node is pending | a: not enough memory (512 MiB short); not enough disk (500 MiB short)');
  });

  it('a domain without nodes is told to add one', () => {
    assert.deepEqual(chooseNode([], new Map(), req), { chosen: null, explanation: 'This domain has no nodes; add one first', candidates: [] });
  });
});

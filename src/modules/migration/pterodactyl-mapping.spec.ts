import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ALLOCATIONS_PER_SERVER } from '../gameserver/dto/allocation.dto';
import { PanelAllocation, planPorts } from './pterodactyl-mapping';

const node = { name: 'n1', portRangeStart: 25000, portRangeEnd: 25999 };
const empty = () => ({ tcp: new Set<number>(), udp: new Set<number>() });
const allocations = (count: number): PanelAllocation[] => Array.from({ length: count }, (_, i) => ({ id: i + 1, ip: '0.0.0.0', alias: null, port: 25000 + i }));

describe('planPorts', () => {
  it('keeps at most MAX_ALLOCATIONS_PER_SERVER allocations (TCP + UDP per port), the primary first; the rest are dropped and said', () => {
    const plan = planPorts(allocations(30), 30, node, empty());
    assert.equal(plan.ports.length, MAX_ALLOCATIONS_PER_SERVER);
    assert.equal(plan.kept.length, MAX_ALLOCATIONS_PER_SERVER / 2);
    assert.deepEqual(plan.kept[0], { port: 25029, primary: true, sourcePort: 25029 });
    assert.equal(plan.dropped.length, 30 - MAX_ALLOCATIONS_PER_SERVER / 2);
    assert.ok(plan.dropped.every((d) => d.reason.includes(`at most ${MAX_ALLOCATIONS_PER_SERVER} allocations`)));
  });

  it('keeps every port that fits when there are few', () => {
    const taken = empty();
    taken.tcp.add(25001);
    const plan = planPorts(allocations(3), 1, node, taken);
    assert.deepEqual(
      plan.kept.map((k) => k.port),
      [25000, 25002],
    );
    assert.deepEqual(plan.dropped, [{ port: 25001, reason: 'already in use on node n1' }]);
  });
});

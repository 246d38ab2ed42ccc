import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { EventBus } from './event-bus';
import type { ServerStateChanged } from './outpost-events';

const change = (serverId: string): ServerStateChanged => ({ domainId: trustedDomainId('6f1c1d2e-0000-4000-8000-000000000001'), serverId, state: 'running', reason: null });

/** Captures what the bus logs instead of printing it. */
function quietBus(): { bus: EventBus; errors: unknown[] } {
  const bus = new EventBus();
  const errors: unknown[] = [];
  (bus as unknown as { logger: Pick<Logger, 'error'> }).logger = { error: (message: unknown) => void errors.push(message) };
  return { bus, errors };
}

describe('EventBus', () => {
  it('delivers the payload to every handler of that event only, in subscription order, synchronously', () => {
    const { bus } = quietBus();
    const seen: string[] = [];
    bus.on('gameserver.state', (s) => void seen.push(`a:${s.serverId}`));
    bus.on('gameserver.state', (s) => void seen.push(`b:${s.serverId}`));
    bus.on('gameserver.console', () => void seen.push('console'));
    bus.emit('gameserver.state', change('s1'));
    assert.deepEqual(seen, ['a:s1', 'b:s1']);
  });

  it('a throwing handler is logged and neither the emitter nor the next handler notice', () => {
    const { bus, errors } = quietBus();
    const seen: string[] = [];
    bus.on('gameserver.state', () => {
      throw new Error('boom');
    });
    bus.on('gameserver.state', (s) => void seen.push(s.serverId));
    assert.doesNotThrow(() => bus.emit('gameserver.state', change('s2')));
    assert.deepEqual(seen, ['s2']);
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as { err: Error }).err), /boom/);
  });

  it('a rejected async handler is logged, not left unhandled', async () => {
    const { bus, errors } = quietBus();
    bus.on('gameserver.state', async () => {
      throw new Error('later');
    });
    bus.emit('gameserver.state', change('s3'));
    await new Promise((r) => setImmediate(r));
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as { err: Error }).err), /later/);
  });

  it('unsubscribing stops delivery; emitting with no handlers is a no-op', () => {
    const { bus } = quietBus();
    let calls = 0;
    const off = bus.on('gameserver.state', () => void calls++);
    bus.emit('gameserver.state', change('s4'));
    off();
    bus.emit('gameserver.state', change('s5'));
    bus.emit('agent.event', { nodeId: 'n', event: 'heartbeat', data: {} as never });
    assert.equal(calls, 1);
  });
});

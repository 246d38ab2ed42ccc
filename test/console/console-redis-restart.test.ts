import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import WebSocket from 'ws';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { createApp } from '../../src/app.factory';
import { EventBus } from '../../src/core/events/event-bus';
import { redisKeyPrefix } from '../../src/core/redis/redis.service';
import { ConsoleHub, ConsoleLine } from '../../src/modules/console/console-hub.service';
import { ConsoleLogRepository } from '../../src/modules/console/console-log.repository';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';
import { freePort } from '../helpers/api-process';
import { PrivateRedis } from '../helpers/redis-process';

/**
 * The console's sequence numbers through a Redis outage: with viewers on two API processes and
 * lines flowing, Redis is SIGKILLed and started again empty. Every viewer must get every line once
 * with strictly consecutive seqs (the counter is re-seeded from what was stored and assigned, not
 * restarted at 1), resuming by seq must not miss lines, and the stored history must have each seq
 * once. Runs its own redis-server (never the shared one on 6379).
 */

interface Viewer {
  lines(): ConsoleLine[];
  waitForLines(n: number, what: string): Promise<void>;
  close(): Promise<void>;
}

function openViewer(app: NestFastifyApplication, serverId: string, token: string, since?: number): Promise<Viewer> {
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/gameserver/${serverId}/console?token=${encodeURIComponent(token)}${since === undefined ? '' : `&since=${since}`}`);
  const messages: Array<{ event: string; args: any[] }> = [];
  let authed = false;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.event === 'auth success') authed = true;
    messages.push(m);
  });
  const closed = new Promise<void>((res) => ws.on('close', () => res()));
  const viewer: Viewer = {
    lines: () => messages.filter((m) => m.event === 'console output').flatMap((m) => m.args as ConsoleLine[]),
    waitForLines: async (n, what) => {
      await waitFor(what, () => viewer.lines().length >= n, 20_000, 20).catch((e) => {
        throw new Error(`${e}: got ${viewer.lines().length} of ${n}`);
      });
    },
    async close() {
      ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () => void waitFor('auth success', () => authed, 10_000, 20).then(() => resolve(viewer), reject));
  });
}

/** Every line exactly once, in emission order, with seqs first, first+1, … */
function assertConsecutive(lines: ConsoleLine[], expected: string[], who: string) {
  assert.deepEqual(
    lines.map((l) => l.line),
    expected,
    `${who}: every line once, in order`,
  );
  const seqs = lines.map((l) => l.seq);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => seqs[0] + i),
    `${who}: consecutive seqs (no duplicate, no gap)`,
  );
}

describe('console: sequence numbers and delivery survive a Redis kill and an empty restart', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let appB: NestFastifyApplication;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  let probe: Redis;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const redisStatus = async (app: NestFastifyApplication) => JSON.parse((await app.inject({ method: 'GET', url: '/readyz' })).body).data?.redis?.status;
  const expected: string[] = [];

  /** Lines as the game-server side hands them to the console after checking the node (what an agent's output becomes). */
  const emit = (label: string, n: number) => {
    const bus = t.app.get(EventBus);
    for (let i = 0; i < n; i++) {
      const line = `${label} ${i}`;
      expected.push(line);
      bus.emit('gameserver.console', { domainId: trustedDomainId(admin.domainId), nodeId: node.nodeId, serverId, output: { serverId, stream: 'stdout', line, time: new Date().toISOString() } });
    }
  };
  const consoleToken = async () => {
    const r = await req('POST', `/gameserver/${serverId}/console-token`);
    assert.equal(r.status, 201, r.text);
    return r.body.data.token as string;
  };
  const history = async () => {
    await t.app.get(ConsoleHub).flushPersist();
    const r = await req('GET', `/gameserver/${serverId}/logs?limit=5000`);
    assert.equal(r.status, 200, r.text);
    return r.body.data.lines as Array<{ seq: number; line: string }>;
  };

  before(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await createTestApp({ REDIS_URL: redis.url });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    assert.equal(workload.status, 201, workload.text);
    // Created, not started: the only console lines are the ones this test emits.
    const created = await req('POST', '/gameserver', { name: 'Restart Console', workloadId: workload.body.data.id, nodeId: node.nodeId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    serverId = created.body.data.id;
    appB = await createApp(t.config, { quiet: true });
    await appB.listen({ port: 0, host: '127.0.0.1' });
    probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  });

  after(async () => {
    probe?.disconnect();
    if (admin?.domainId) await removeDomainContainers(admin.domainId);
    await node?.stop();
    await appB?.close();
    await t?.close();
    await redis?.kill();
  });

  it('viewers on both processes get every line once with consecutive seqs; resume and history agree', async () => {
    const token = await consoleToken();
    const onA = await openViewer(t.app, serverId, token); // A ingests (it holds the agent)
    const onB = await openViewer(appB, serverId, token); // B gets lines through Redis

    emit('before', 40);
    await onA.waitForLines(40, 'lines before the kill on A');
    await onB.waitForLines(40, 'lines before the kill on B');
    const lastBefore = onA.lines()[39].seq;

    await redis.kill();
    emit('killed', 20); // possibly before A has noticed: the commands fail under it
    await waitFor('A sees Redis down', async () => (await redisStatus(t.app)) === 'down');
    emit('down', 20);
    await onA.waitForLines(80, 'lines during the outage on A');
    // Stored while Redis is down.
    await waitFor('outage lines stored', async () => (await history()).length === 80);

    await redis.start();
    await waitFor('A sees Redis up', async () => (await redisStatus(t.app)) === 'up', 20_000);
    await waitFor('B sees Redis up', async () => (await redisStatus(appB)) === 'up', 20_000);
    // Both processes' console subscriptions are back (deterministic order for the assertion on B;
    // a late one would be filled from the list at B's next line).
    await probe.connect();
    await waitFor('both console subscriptions restored', async () => {
      const [, n] = (await probe.pubsub('NUMSUB', `${redisKeyPrefix(t.config)}:console:ch:${serverId}`)) as [string, number];
      return Number(n) === 2;
    });
    emit('after', 40);
    await onA.waitForLines(120, 'all lines on A');
    await onB.waitForLines(120, 'all lines on B');
    await new Promise((r) => setTimeout(r, 300)); // nothing more (no duplicates) arrives late
    assertConsecutive(onA.lines(), expected, 'viewer on A');
    assertConsecutive(onB.lines(), expected, 'viewer on B');
    assert.equal(onA.lines()[0].seq, 1);

    // The counter Redis lost was seeded again above everything handed out.
    const last = onA.lines()[119].seq;
    assert.equal(await probe.get(`${redisKeyPrefix(t.config)}:console:seq:${serverId}`), String(last));
    // The (emptied) ring list got the lines of the outage back, in order.
    const listed = (await probe.lrange(`${redisKeyPrefix(t.config)}:console:buf:${serverId}`, 0, -1)).map((s) => (JSON.parse(s) as ConsoleLine).seq);
    assert.deepEqual(
      listed,
      expected.map((_, i) => i + 1),
    );

    // Resuming after the last line seen before the kill misses nothing, on either process.
    for (const [name, app] of [
      ['A', t.app],
      ['B', appB],
    ] as const) {
      const resumed = await openViewer(app, serverId, token, lastBefore);
      await resumed.waitForLines(80, `resume on ${name}`);
      await new Promise((r) => setTimeout(r, 200));
      assertConsecutive(resumed.lines(), expected.slice(40), `resume on ${name}`);
      await resumed.close();
    }

    const stored = await history();
    assert.deepEqual(
      stored.map((l) => l.seq),
      expected.map((_, i) => i + 1),
      'history: each seq once',
    );
    assert.deepEqual(
      stored.map((l) => l.line),
      expected,
    );
    await Promise.all([onA.close(), onB.close()]);
  });

  it('a failed history write is retried in order, not dropped, and stores no line twice', async () => {
    const logs = t.app.get(ConsoleLogRepository);
    const insertBatch = logs.insertBatch.bind(logs);
    let failures = 0;
    // A commit whose answer was lost: the rows are stored, yet the write reports an error.
    logs.insertBatch = async (domainId, rows) => {
      if (failures < 2) {
        failures++;
        if (failures === 1) await insertBatch(domainId, rows);
        throw new Error('Connection terminated unexpectedly');
      }
      return insertBatch(domainId, rows);
    };
    try {
      const hub = t.app.get(ConsoleHub);
      const before = hub.stats.persistDropped;
      emit('retried', 30);
      // The first failure left the rows stored, the second (on the replace) did not: wait for the write after both.
      await waitFor('both failures, then the retried lines stored', async () => failures === 2 && (await history()).length === expected.length);
      assert.equal(hub.stats.persistDropped, before);
    } finally {
      logs.insertBatch = insertBatch;
    }
    const stored = await history();
    assert.deepEqual(
      stored.map((l) => l.seq),
      expected.map((_, i) => i + 1),
    );
    assert.deepEqual(
      stored.map((l) => l.line),
      expected,
    );
  });
});

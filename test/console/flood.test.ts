import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import Docker from 'dockerode';
import { ConsoleHub, ConsoleLine } from '../../src/modules/console/console-hub.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

const LINES = 10_000;
/** Lowered from the default through the hub's runtime knob: the agent → API path carries only a few thousand lines a second here. */
const LIMIT = 200;
const SUPPRESSED = /^\[Outpost\] output throttled: (\d+) lines suppressed$/;

/** A real BusyBox container printing lines in a tight loop, through the real agent, against the console's flood limit. */
describe('console flood from a real container: throttle notices live and in the history; the API stays responsive', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    t.app.get(ConsoleHub).options.linesPerSecond = LIMIT;
    const workloadId = (await req('POST', '/workload/from-template', { template: 'busybox-shell' })).body.data.id;
    // A bounded flood, an end marker, then idle (exits on TERM).
    const command = `i=0; while [ $i -lt ${LINES} ]; do echo "flood $i"; i=$((i+1)); done; echo flood-done; trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done`;
    const created = await req('POST', '/gameserver', { name: 'Flood', workloadId, nodeId: node.nodeId, memoryMiB: 32, cpuPercent: 100, variables: { COMMAND: command } });
    assert.equal(created.status, 201, created.text);
    serverId = created.body.data.id;
    await waitFor('container provisioned', async () => (await docker.listContainers({ all: true, filters: { label: [`outpost.server-id=${serverId}`] } })).length === 1);
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it(`more than ${LIMIT} lines per second: the live console and the stored history carry the throttle notices, and every line is either delivered or counted as suppressed`, async () => {
    const token = (await req('POST', `/gameserver/${serverId}/console-token`)).body.data.token;
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/gameserver/${serverId}/console?token=${encodeURIComponent(token)}`);
    const live: ConsoleLine[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.event === 'console output') live.push(...(m.args as ConsoleLine[]));
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });

    try {
      const start = await req('POST', `/gameserver/${serverId}/start`);
      assert.equal(start.status, 200, start.text);
      // While the flood goes on, ordinary requests keep being answered. Done: every printed line
      // (the flood and its end marker) was delivered or counted in a closed suppression window.
      const answers: number[] = [];
      const tally = () => {
        const counted = live.reduce((n, l) => n + Number(SUPPRESSED.exec(l.line)?.[1] ?? 0), 0);
        const delivered = live.filter((l) => /^flood \d+$/.test(l.line) || l.line === 'flood-done').length;
        return { counted, delivered };
      };
      await waitFor(
        'every line delivered or counted',
        async () => {
          answers.push((await req('GET', `/gameserver/${serverId}`)).status);
          const { counted, delivered } = tally();
          return counted + delivered === LINES + 1;
        },
        90_000,
        50,
      ).catch((err: Error) => {
        throw new Error(`${err.message} (${JSON.stringify(tally())})`);
      });
      assert.ok(answers.length > 0);
      assert.deepEqual([...new Set(answers)], [200]);

      const notice = `[Outpost] output throttled: more than ${LIMIT} lines per second; suppressing until the next second`;
      const liveNotices = live.filter((l) => l.stream === 'outpost');
      assert.ok(
        liveNotices.some((l) => l.line === notice),
        `live notice: ${liveNotices.map((l) => l.line).join(' | ')}`,
      );
      // Every suppression window opened with the notice was closed with its count.
      const { counted } = tally();
      assert.ok(counted > 0);
      assert.equal(live.filter((l) => l.line === notice).length, live.filter((l) => SUPPRESSED.test(l.line)).length);
      // Seqs stay gap-free and ordered through the flood.
      const seqs = live.map((l) => l.seq);
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => seqs[0] + i),
      );

      // The stored history has the same notices and lines, in the same order.
      const stored = await waitFor(
        'history persisted',
        async () => {
          const r = await req('GET', `/gameserver/${serverId}/logs/download`);
          const lines = r.text.trimEnd().split('\n');
          return lines.length >= live.length && lines;
        },
        20_000,
      );
      const storedText = stored.map((l) => l.replace(/^\S+ \[(\w+)\] /, '$1 '));
      assert.deepEqual(
        storedText,
        live.map((l) => `${l.stream} ${l.line}`),
      );
      assert.ok(storedText.includes(`outpost ${notice}`));
      assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.state, 'running');
    } finally {
      ws.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { ApiProcess, freePort, spawnApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { removeDomainContainers } from '../helpers/containers';
import { PrivateRedis } from '../helpers/redis-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { assertEnvelope, bootstrap, call, createEchoServer, createNode, FAULT_API_ENV, randomAddress, requireProgram, Session } from './kit';

/** A console viewer's WebSocket; `lines()` is every console line received so far. */
interface Viewer {
  lines(): string[];
  close(): void;
}

function openViewer(api: ApiProcess, serverId: string, token: string): Promise<Viewer> {
  const ws = new WebSocket(`${api.url.replace('http:', 'ws:')}/gameserver/${serverId}/console?token=${encodeURIComponent(token)}`);
  const received: string[] = [];
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`console refused: ${res.statusCode}`)));
    ws.once('error', reject);
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { event: string; args: Array<{ line: string }> };
      if (m.event === 'auth success') resolve({ lines: () => received, close: () => ws.close() });
      if (m.event === 'console output') for (const l of m.args) received.push(l.line);
    });
  });
}

/**
 * Fault suite: a PRIVATE redis-server (never the shared one on 6379) SIGKILLed and started again,
 * empty, under two real API processes (A holds the agent, B serves the viewer and the commands).
 * End state: a console viewer opened on B before the restart sees lines of a command sent through
 * B after it (B → Redis → A → agent → container → A → Redis → B), the rate limit is shared across
 * A and B again, and neither API process nor the agent exited. (What the API does while Redis is
 * down — in-process fallbacks, the relay's clear error — is test/foundation/redis-outage.test.ts;
 * console sequence numbers across the restart are test/console/console-redis-restart.test.ts.)
 */
describe('fault: Redis restarted under two API processes', { timeout: 120_000 }, () => {
  const LIMIT = 20;
  let redis: PrivateRedis;
  let database: ThrowawayDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  let agent: AgentProcess;
  let agentDir: string;
  let session: Session;
  let serverId: string;

  before(async () => {
    requireProgram('redis-server', 'the Redis fault case runs its own redis-server (Debian package redis-server)');
    await ensureTestImages();
    redis = new PrivateRedis(await freePort());
    await redis.start();
    database = await createThrowawayDatabase('outpost_fault', { migrated: true });
    const env = { ...FAULT_API_ENV, REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: String(LIMIT) };
    a = await spawnApi({ databaseUrl: database.url, env });
    b = await spawnApi({ databaseUrl: database.url, env });
    session = await bootstrap(a);
    const { nodeId, registerToken } = await createNode(a, session, 'redis-fault-node');
    agentDir = mkdtempSync(join(tmpdir(), 'outpost-fault-agent-'));
    agent = spawnAgent({ url: a.url, dataDir: agentDir, token: registerToken, env: { OUTPOST_RECONNECT_MAX_MS: '1000' } });
    await waitFor('node online', async () => (await call(b, 'GET', `/node/${nodeId}`, { session })).body.data?.state === 'online', 30_000, 200);
    serverId = await createEchoServer(b, session, nodeId, 'redis-fault');
    const started = await call(b, 'POST', `/gameserver/${serverId}/start`, { session });
    assert.equal(started.status, 200, started.text);
    await waitFor('server running', async () => (await call(b, 'GET', `/gameserver/${serverId}`, { session })).body.data?.state === 'running', 30_000, 200);
  });

  after(async () => {
    if (session) await removeDomainContainers(session.domainId);
    await agent?.kill('SIGKILL');
    await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
    await redis?.kill();
    await database?.drop();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  /** LIMIT requests from one new client address alternate between A and B and pass; the next one, on either, is 429. */
  async function assertSharedLimit(when: string): Promise<void> {
    const from = randomAddress();
    for (let i = 0; i < LIMIT; i++) {
      const r = await call(i % 2 ? a : b, 'GET', '/health', { from });
      assert.equal(r.status, 200, `${when}: request ${i + 1} of ${LIMIT} passes: ${r.text}`);
    }
    // Counted per process, each would have seen LIMIT/2 and let this one through.
    assertEnvelope(await call(a, 'GET', '/health', { from }), 429, 'TooManyRequestsError', `${when}: request ${LIMIT + 1} from the same address on A`);
    assertEnvelope(await call(b, 'GET', '/health', { from }), 429, 'TooManyRequestsError', `${when}: request ${LIMIT + 2} from the same address on B`);
  }

  const redisOn = async (api: ApiProcess) => (await call(api, 'GET', '/readyz')).body.data?.redis?.status;

  it('console fan-out and the shared rate limit work again after Redis restarts; no process exits', async () => {
    const token = await call(b, 'POST', `/gameserver/${serverId}/console-token`, { session });
    assert.equal(token.status, 201, token.text);
    const viewer = await openViewer(b, serverId, token.body.data.token);
    try {
      const command = async (line: string) => {
        const r = await call(b, 'POST', `/gameserver/${serverId}/command`, { session, body: { command: line } });
        assert.equal(r.status, 200, r.text);
      };
      await command('before-restart');
      await waitFor('the viewer on B sees the echo before the restart', () => viewer.lines().includes('echo: before-restart'), 20_000, 50);
      await assertSharedLimit('before the restart');

      await redis.kill();
      await waitFor('A and B see Redis down', async () => (await redisOn(a)) === 'down' && (await redisOn(b)) === 'down', 20_000, 100);
      await redis.start();
      await waitFor('A and B use Redis again', async () => (await redisOn(a)) === 'up' && (await redisOn(b)) === 'up', 30_000, 100);

      // The same viewer, opened before the restart: new lines reach it through the restarted Redis.
      const before = viewer.lines().length;
      await command('after-restart');
      await waitFor('the viewer on B sees the echo after the restart', () => viewer.lines().includes('echo: after-restart'), 20_000, 50).catch((err: Error) => {
        throw new Error(`${err.message}; lines since the restart: ${JSON.stringify(viewer.lines().slice(before))}`);
      });
      await assertSharedLimit('after the restart');
    } finally {
      viewer.close();
    }

    for (const [name, child] of [
      ['API process A', a.child],
      ['API process B', b.child],
      ['the agent', agent.child],
    ] as const) {
      assert.equal(child.exitCode, null, `${name} did not exit`);
      assert.equal(child.signalCode, null, `${name} did not exit`);
    }
  });
});

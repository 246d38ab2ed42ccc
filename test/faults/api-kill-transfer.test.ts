import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { Client } from 'pg';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { NODE_ID_LABEL } from '@libs/container-driver/container-driver';
import type { ApiProcess } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { removeDomainContainers } from '../helpers/containers';
import type { ThrowawayDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { call, createEchoServer, createNode, FAULT_API_ENV, ReplicaPair, Session, startReplicaPair } from './kit';

const MiB = 1024 * 1024;
const portsOf = (server: { allocations: Array<{ port: number }> }) => server.allocations.map((p) => p.port).sort((x, y) => x - y);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Short leases so the surviving replica takes the transfer over within seconds. */
const ENV = { ...FAULT_API_ENV, TRANSFER_LEASE_MS: '2000', TRANSFER_SWEEP_MS: '300' };

/**
 * Fault suite: an API replica SIGKILLed in the middle of moving a game server between nodes. Two
 * real API processes on one database and a private Redis; both agents know only B. The transfer is
 * asked of A, and A dies while the archive is landing on the target. End state, read from the
 * database, the disks and Docker: B took the transfer over and either rolled it back (server,
 * ports and container on the source, data byte-identical there, nothing left on the target) or
 * finished it (all of that on the target, the source copy gone); the server then starts. Never a
 * server naming a node that lacks its data.
 */
describe('fault: an API replica killed with SIGKILL mid transfer between nodes', { timeout: 150_000 }, () => {
  const docker = new Docker();
  let replicas: ReplicaPair | undefined;
  let database: ThrowawayDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  const agents: AgentProcess[] = [];
  const agentDirs: string[] = [];
  let session: Session;
  let source: { nodeId: string; dir: string };
  let target: { nodeId: string; dir: string };
  let serverId: string;

  const containersOf = () => docker.listContainers({ all: true, filters: { label: [`outpost.server-id=${serverId}`] } });

  /** One query on the test database, on a client of its own (the API processes may be down meanwhile). */
  async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const c = new Client({ connectionString: database.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  async function transferRow(): Promise<{ phase: string; error: string | null; attempts: number; owner: string }> {
    const rows = await query<{ phase: string; error: string | null; attempts: number; owner: string }>(`SELECT phase, error, attempts, owner FROM server_transfer WHERE "gameserverId" = $1`, [
      serverId,
    ]);
    assert.equal(rows.length, 1, 'one transfer row for the server');
    return rows[0];
  }

  async function containerIdInRow(): Promise<string | null> {
    return (await query<{ containerId: string | null }>(`SELECT "containerId" FROM gameserver WHERE id = $1`, [serverId]))[0].containerId;
  }

  before(async () => {
    await ensureTestImages();
    replicas = await startReplicaPair('transfer', ENV);
    ({ a, b, database, session } = replicas);
    const nodes: Array<{ nodeId: string; dir: string }> = [];
    for (const name of ['transfer-source', 'transfer-target']) {
      const { nodeId, registerToken } = await createNode(b, session, name);
      const dir = mkdtempSync(join(tmpdir(), 'outpost-fault-agent-'));
      agentDirs.push(dir);
      // The agents know only B, the replica that survives.
      agents.push(spawnAgent({ url: b.url, dataDir: dir, token: registerToken }));
      await waitFor(`${name} online`, async () => (await call(b, 'GET', `/node/${nodeId}`, { session })).body.data?.state === 'online', 30_000, 200);
      nodes.push({ nodeId, dir });
    }
    [source, target] = nodes;
    serverId = await createEchoServer(b, session, source.nodeId, 'transfer-fault', { diskMiB: 512 });
    await waitFor("the server's container on the source", async () => (await containersOf()).length === 1, 30_000, 200);
    assert.equal((await call(b, 'GET', `/gameserver/${serverId}`, { session })).body.data.state, 'offline');
  });

  after(async () => {
    if (session) await removeDomainContainers(session.domainId);
    await Promise.all(agents.map((agent) => agent.kill('SIGKILL')));
    await replicas?.close();
    for (const dir of agentDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('the surviving replica rolls the transfer back or finishes it; the server has its data where its row says, and starts', async () => {
    const sourceRoot = join(source.dir, 'servers', serverId);
    const targetRoot = join(target.dir, 'servers', serverId);
    // Incompressible, so the archive is as large as the data and takes a while to land.
    const world = randomBytes(64 * MiB);
    mkdirSync(join(sourceRoot, 'world'), { recursive: true });
    writeFileSync(join(sourceRoot, 'world', 'region.bin'), world);
    writeFileSync(join(sourceRoot, 'server.properties'), 'motd=survive\n');

    const portsBefore = portsOf((await call(b, 'GET', `/gameserver/${serverId}`, { session })).body.data);
    assert.ok(portsBefore.length > 0, 'the server has ports on the source');
    const asked = call(a, 'POST', `/gameserver/${serverId}/transfer`, { session, body: { nodeId: target.nodeId }, timeoutMs: 120_000 }).then(
      (r) => `answered ${r.status}: ${r.text.slice(0, 200)}`,
      (err: Error) => `failed: ${err.message}`,
    );
    const archive = join(targetRoot, '.outpost-transfer.zip');
    await waitFor('part of the archive on the target', () => existsSync(archive) && statSync(archive).size >= 4 * MiB, 60_000, 10);
    // One transfer per server across replicas: B refuses a second one while A's runs.
    const twice = await call(b, 'POST', `/gameserver/${serverId}/transfer`, { session, body: { nodeId: target.nodeId } });
    assert.equal(twice.status, 409, twice.text);
    assert.match(twice.body.meta.error.message, /already being transferred/);
    await a.kill('SIGKILL');
    assert.match(await asked, /^failed: /, 'A died before answering the transfer');
    assert.equal((await transferRow()).phase, 'moved', 'A was killed while the data was on its way');

    const ended = await waitFor(
      'B takes the transfer over',
      async () => {
        const row = await transferRow();
        return row.phase === 'rolled_back' || row.phase === 'completed' ? row : undefined;
      },
      60_000,
      200,
    );
    // The kill came before the data had landed, so the only correct end is back on the source.
    assert.equal(ended.phase, 'rolled_back', JSON.stringify(ended));
    assert.match(ended.error ?? '', /^interrupted: /);
    assert.ok(ended.attempts >= 1, 'taken over by a sweep');

    const server = (await call(b, 'GET', `/gameserver/${serverId}`, { session })).body.data;
    assert.equal(server.nodeId, source.nodeId, 'the server names the source again');
    assert.deepEqual(portsOf(server), portsBefore, 'with the ports it had on the source');
    assert.equal(sha(readFileSync(join(sourceRoot, 'world', 'region.bin'))), sha(world), 'the data on the source is byte-identical');
    assert.equal(readFileSync(join(sourceRoot, 'server.properties'), 'utf8'), 'motd=survive\n');
    await waitFor('the partial copy on the target removed', () => !existsSync(targetRoot), 20_000, 100);

    const containers = await containersOf();
    assert.equal(
      containers.length,
      1,
      `one container for the server: ${JSON.stringify(containers.map((c) => c.Labels))}\n${agents
        .map(
          (ag, i) =>
            `agent ${i}:\n` +
            ag
              .output()
              .split('\n')
              .filter((l) => /command|container|remove|create/.test(l) && !/heartbeat|stats|metrics/.test(l))
              .slice(-25)
              .join('\n'),
        )
        .join('\n')}`,
    );
    assert.equal(containers[0].Labels[NODE_ID_LABEL], source.nodeId, 'on the source node');
    assert.equal(containers[0].Id, await containerIdInRow(), 'the container the row names');
    const binds = (await docker.getContainer(containers[0].Id).inspect()).HostConfig.Binds ?? [];
    assert.ok(
      binds.some((bind) => bind.startsWith(`${sourceRoot}:`)),
      `bound to the source data: ${binds}`,
    );

    const started = await call(b, 'POST', `/gameserver/${serverId}/start`, { session });
    assert.equal(started.status, 200, started.text);
    await waitFor('running on the source', async () => (await call(b, 'GET', `/gameserver/${serverId}`, { session })).body.data?.state === 'running', 30_000, 200);

    // The interrupted transfer holds nothing: a new one (stopped first) is accepted.
    assert.equal((await call(b, 'POST', `/gameserver/${serverId}/stop`, { session })).status, 200);
    await waitFor('offline', async () => (await call(b, 'GET', `/gameserver/${serverId}`, { session })).body.data?.state === 'offline', 30_000, 200);
    const again = await call(b, 'POST', `/gameserver/${serverId}/transfer`, { session, body: { nodeId: target.nodeId }, timeoutMs: 120_000 });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.data.nodeId, target.nodeId);
    assert.equal(sha(readFileSync(join(targetRoot, 'world', 'region.bin'))), sha(world), 'byte-identical on the target after the second transfer');
    assert.equal(existsSync(join(sourceRoot, 'world', 'region.bin')), false, 'the source copy removed');
    assert.equal(b.child.exitCode, null, 'B still runs');
  });
});

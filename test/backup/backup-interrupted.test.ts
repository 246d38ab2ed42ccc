import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { ApiProcess, spawnApi, callApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { PASSWORD } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

const ENV = { BACKUP_LEASE_MS: '1500', BACKUP_SWEEP_MS: '300' };
const AGENT_ENV = { OUTPOST_HEARTBEAT_INTERVAL_MS: '500', OUTPOST_INVENTORY_INTERVAL_MS: '1000', OUTPOST_RECONNECT_MAX_MS: '1000' };

/**
 * Interrupted work never looks good: the API process (SIGKILL; the lease sweeper of the next
 * process fails the row) or the agent (SIGKILL; the command fails at once) dies mid-backup, and
 * the backup ends `failed` with no archive, partial or whole, left in the node's backups dir.
 */
describe('backups interrupted by a killed API or agent: failed, and no files left behind', () => {
  let db: ThrowawayDatabase;
  let api: ApiProcess;
  let agent: AgentProcess;
  let dataDir: string;
  let token: string;
  let domainId: string;
  let nodeId: string;
  let serverId: string;

  const call = (method: string, path: string, body?: unknown) => callApi(api, method, path, { token, domainId, body });
  const backupsDir = () => join(dataDir, 'backups', serverId);
  const filesInBackupsDir = () => (existsSync(backupsDir()) ? readdirSync(backupsDir()) : []);
  /** The agent holds a socket to the current API process (a stored `online` may be from before a restart). */
  const online = () => waitFor('agent connected', async () => (await call('GET', `/gameserver/${serverId}/files?path=`)).status === 200, 30_000, 200);

  /** Starts a backup and resolves once the agent is writing its archive (a `.part` file exists). */
  async function backupUnderWay(): Promise<string> {
    const r = await call('POST', '/backup', { gameserverId: serverId });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await waitFor(
      'archive being written',
      async () => {
        if (filesInBackupsDir().some((f) => f.endsWith('.part'))) return true;
        const b = (await call('GET', `/backup/${r.body.data.id}`)).body.data;
        assert.equal(b.state, 'creating', `the backup ended before it could be interrupted: ${JSON.stringify(b)}`);
        return false;
      },
      15_000,
      20,
    );
    return r.body.data.id;
  }

  before(async () => {
    await ensureTestImages();
    db = await createThrowawayDatabase();
    api = await spawnApi({ databaseUrl: db.url, env: ENV });
    const boot = await call('POST', '/auth/bootstrap', { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Interrupted' });
    assert.equal(boot.status, 201, JSON.stringify(boot.body));
    token = boot.body.data.token;
    domainId = boot.body.data.domainId;
    const node = await call('POST', '/node', { name: 'backup-node', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 20480, cpuPercent: 400, portRangeStart: 47100, portRangeEnd: 47199 });
    assert.equal(node.status, 201, JSON.stringify(node.body));
    nodeId = node.body.data.id;
    const registerToken = (await call('POST', `/node/${nodeId}/register-token`)).body.data.token;
    dataDir = mkdtempSync(join(tmpdir(), 'outpost-backup-kill-'));
    agent = spawnAgent({ url: api.url, dataDir, token: registerToken, env: AGENT_ENV });
    await waitFor('node online', async () => (await call('GET', `/node/${nodeId}`)).body.data.state === 'online', 30_000);
    const workloadId = (await call('POST', '/workload/from-template', { template: 'busybox-shell' })).body.data.id;
    const created = await call('POST', '/gameserver', { name: 'Big', workloadId, nodeId, memoryMiB: 32, cpuPercent: 20 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    serverId = created.body.data.id;
    // Incompressible data, big enough that the archive takes a few seconds to write.
    const dir = join(dataDir, 'servers', serverId, 'world');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `region-${i}.bin`), randomBytes(32 * 1024 * 1024));
    await online();
  });

  after(async () => {
    await removeDomainContainers(domainId);
    await agent?.kill('SIGTERM');
    await api?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('API SIGKILLed mid-backup: after a new API process starts, the lease sweeper fails the backup ("interrupted") and no archive is left', async () => {
    const id = await backupUnderWay();
    await api.kill('SIGKILL');
    api = await spawnApi({ databaseUrl: db.url, port: api.port, env: ENV });
    const failed = await waitFor(
      'backup failed',
      async () => {
        const b = (await call('GET', `/backup/${id}`)).body.data;
        return b.state === 'failed' && b;
      },
      30_000,
    );
    assert.match(failed.error, /interrupted/);
    assert.equal(failed.sha256, null);
    await online();
    await waitFor('no archive left on the node', () => filesInBackupsDir().length === 0, 15_000);
    const audit = await call('POST', '/auditlog/search', { filters: { action: ['backup.failed'], targetId: [id] } });
    assert.equal(audit.body.data.length, 1);
  });

  it('agent SIGKILLed mid-backup: the backup fails at once; when the agent is back no archive is left', async () => {
    const id = await backupUnderWay();
    await agent.kill('SIGKILL');
    const failed = await waitFor(
      'backup failed',
      async () => {
        const b = (await call('GET', `/backup/${id}`)).body.data;
        return b.state === 'failed' && b;
      },
      30_000,
    );
    assert.match(failed.error, /disconnected|offline/);
    agent = spawnAgent({ url: api.url, dataDir, env: AGENT_ENV });
    await online();
    await waitFor('no archive left on the node', () => filesInBackupsDir().length === 0, 15_000);
    // A new backup still works after all this.
    const r = await call('POST', '/backup', { gameserverId: serverId });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await waitFor(
      'backup finished',
      async () => {
        const b = (await call('GET', `/backup/${r.body.data.id}`)).body.data;
        return b.state !== 'creating' && b;
      },
      60_000,
    );
    assert.equal(done.state, 'completed', JSON.stringify(done));
    assert.deepEqual(filesInBackupsDir(), [`${done.id}.tar.gz`]);
  });
});

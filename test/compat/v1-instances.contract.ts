import assert from 'node:assert/strict';
import { after } from 'node:test';
import { removeDomainContainers } from '../helpers/containers';
import { Reply, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';
import { agentNodeFixture } from './v1-nodes.contract';

/**
 * The contract cases of the instances group (CRUD, power, stats, files, logs, backups, git deploy);
 * test/compat/v1-contract.test.ts spreads them into its CASES. Instances are real echo servers on
 * a real agent (agentNodeFixture, a node of its own). The rows run in the table's order, so each
 * case first brings the instance into the state its route needs (offline to start, running to
 * stop, a completed backup to restore, …) and then makes the call the contract checks.
 */

interface Call {
  path: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  token?: string;
  after?: (r: Reply) => void;
}
type V1 = (method: string, url: string, options?: { token?: string; body?: unknown }) => Promise<Reply>;

const BOUNDARY = 'v1-contract-boundary';
const MULTIPART = [`--${BOUNDARY}`, 'Content-Disposition: form-data; name="file"; filename="uploaded.txt"', 'Content-Type: text/plain', '', 'uploaded through /v1', `--${BOUNDARY}--`, ''].join('\r\n');

function must(r: Reply, status: number): Reply {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
}

export function v1InstanceCases(getApp: () => TestApp, v1: V1, token: () => string): Record<string, () => Promise<Call>> {
  const box = agentNodeFixture(getApp, v1, token, 'v1-instance-box');
  const ids: Record<string, string> = {};
  let orgId = '';
  after(async () => {
    if (orgId) await removeDomainContainers(orgId);
  });
  let n = 0;
  const status = async (id: string) => must(await v1('GET', `/v1/instances/${id}`, { token: token() }), 200).body.status as string;
  const until = (id: string, wanted: string) => waitFor(`instance ${wanted}`, async () => (await status(id)) === wanted, 60_000);
  /** A new echo-server instance on the box, installed (offline). */
  const installed = async (): Promise<string> => {
    const { nodeId } = await box();
    const w = must(await v1('POST', '/v1/workloads/from-template', { token: token(), body: { template: 'echo-server', name: `instance-workload-${++n}` } }), 201);
    const c = must(await v1('POST', '/v1/instances', { token: token(), body: { name: `Echo ${n}`, workload_id: w.body.id, node_id: nodeId, memory_mib: 64, cpu_percent: 50 } }), 201);
    orgId = c.body.organization_id;
    await until(c.body.id, 'offline');
    return c.body.id as string;
  };
  let main: Promise<string> | undefined;
  const instance = () => (main ??= installed());
  const on = async (extra: Partial<Call> = {}): Promise<Call> => ({ path: { id: await instance() }, token: token(), ...extra });
  const write = async (path: string, content: string) => must(await v1('PUT', `/v1/instances/${await instance()}/files/content`, { token: token(), body: { path, content } }), 204);
  const backups = async () => must(await v1('GET', `/v1/instances/${await instance()}/backups`, { token: token() }), 200).body as Array<{ id: string; status: string; restore_status: string | null }>;
  const backupDone = (bid: string) =>
    waitFor(
      'backup completed',
      async () => {
        const b = (await backups()).find((x) => x.id === bid);
        assert.notEqual(b?.status, 'failed', JSON.stringify(b));
        return b?.status === 'completed';
      },
      60_000,
    );
  const restoreDone = () => waitFor('restore finished', async () => (await backups()).every((b) => b.restore_status !== 'restoring'), 60_000);
  const git = async () => must(await v1('PUT', `/v1/instances/${await instance()}/git`, { token: token(), body: { repo_url: 'https://93.184.216.34/acme/config.git', branch: 'main' } }), 200);

  return {
    'GET /v1/instances': async () => (await instance(), { path: {}, token: token() }),
    'POST /v1/instances': async () => {
      const { nodeId } = await box();
      const w = must(await v1('POST', '/v1/workloads/from-template', { token: token(), body: { template: 'echo-server', name: 'instance-created' } }), 201);
      return { path: {}, token: token(), body: { name: 'Created', workload_id: w.body.id, node_id: nodeId, memory_mib: 64, cpu_percent: 50, variables: { MOTD: 'Hello' } } };
    },
    'GET /v1/instances/{id}': () => on(),
    'PUT /v1/instances/{id}': () => on({ body: { name: 'Renamed', auto_restart: false } }),
    'DELETE /v1/instances/{id}': async () => ({ path: { id: await installed() }, token: token() }),
    // Power: the main instance is offline after its install.
    'POST /v1/instances/{id}/start': () => on(),
    'POST /v1/instances/{id}/stop': async () => (await until(await instance(), 'running'), on()),
    'POST /v1/instances/{id}/restart': async () => (await until(await instance(), 'offline'), on()),
    'POST /v1/instances/{id}/kill': () => on(),
    // Running again from here on (stats, metric samples, console lines, backups of a live server).
    'GET /v1/instances/{id}/stats': async () => {
      const id = await instance();
      await until(id, 'offline');
      must(await v1('POST', `/v1/instances/${id}/start`, { token: token() }), 200);
      await until(id, 'running');
      return on();
    },
    'GET /v1/instances/{id}/metrics/history': async () => {
      const id = await instance();
      await waitFor('a metrics sample', async () => must(await v1('GET', `/v1/instances/${id}/metrics/history`, { token: token() }), 200).body.length > 0, 30_000);
      return on();
    },
    'GET /v1/instances/{id}/files': async () => (await write('motd.txt', 'hello\n'), on()),
    'GET /v1/instances/{id}/files/content': () => on({ query: { path: 'motd.txt' } }),
    'PUT /v1/instances/{id}/files/content': () => on({ body: { path: 'written.txt', content: 'written through /v1\n' } }),
    'DELETE /v1/instances/{id}/files': async () => (await write('doomed.txt', 'bye\n'), on({ query: { path: 'doomed.txt' } })),
    'GET /v1/instances/{id}/files/download': () => on({ query: { path: 'motd.txt' } }),
    'POST /v1/instances/{id}/files/upload': () => on({ headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body: MULTIPART }),
    'POST /v1/instances/{id}/files/mkdir': () => on({ body: { path: 'conf' } }),
    'POST /v1/instances/{id}/files/move': async () => (await write('old.cfg', 'x=1\n'), on({ body: { from: 'old.cfg', to: 'conf/new.cfg' } })),
    'GET /v1/instances/{id}/files/download-zip': () => on(),
    'GET /v1/instances/{id}/install-logs': () => on(),
    'GET /v1/instances/{id}/logs/history': () => on(),
    'GET /v1/instances/{id}/logs/download': () => on(),
    'DELETE /v1/instances/{id}/logs/clear': () => on(),
    'GET /v1/instances/{id}/backups': async () => {
      const b = must(await v1('POST', `/v1/instances/${await instance()}/backups`, { token: token(), body: { name: 'first' } }), 202);
      ids.backup = b.body.id;
      await backupDone(ids.backup);
      return on();
    },
    'POST /v1/instances/{id}/backups': () => on({ body: { name: 'second' }, after: (r) => (ids.second = r.body.id) }),
    'GET /v1/instances/{id}/backups/{bid}/download': async () => ({ path: { id: await instance(), bid: ids.backup }, token: token() }),
    'POST /v1/instances/{id}/backups/{bid}/restore': async () => {
      await backupDone(ids.second);
      return { path: { id: await instance(), bid: ids.backup }, token: token() };
    },
    'DELETE /v1/instances/{id}/backups/{bid}': async () => {
      await restoreDone();
      return { path: { id: await instance(), bid: ids.second }, token: token() };
    },
    'GET /v1/instances/{id}/git': async () => (await git(), on()),
    'PUT /v1/instances/{id}/git': () => on({ body: { repo_url: 'https://93.184.216.34/acme/other.git', branch: 'release', target_directory: 'deploy' } }),
    'DELETE /v1/instances/{id}/git': () => on(),
    'POST /v1/instances/{id}/git/sync': async () => (await git(), on()),
    'GET /v1/instances/{id}/git/status': () => on(),
    'GET /v1/instances/{id}/git/history': () => on(),
  };
}

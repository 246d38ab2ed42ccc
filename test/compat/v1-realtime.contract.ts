import type { Reply, TestApp } from '../helpers/test-app';

/**
 * Contract cases of the wave-3 rows (test/compat/v1-contract.test.ts spreads them into its CASES):
 * nodes/{id}/migrate, files/tus, the two instance WebSockets (a plain GET: 400), and the one-click
 * deploy group. They run after the instance rows' fixtures exist where they need a live agent:
 * instances are found through GET /v1/instances (the instance cases' echo servers on their box).
 * The sockets themselves, a real migration and the deploy flow are in v1-realtime.test.ts.
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

function must(r: Reply, status: number): Reply {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function v1RealtimeCases(_getApp: () => TestApp, v1: V1, token: () => string): Record<string, () => Promise<Call>> {
  let n = 0;
  const ids: Record<string, string> = {};
  const pendingNode = async () =>
    must(await v1('POST', '/v1/nodes/register-token', { token: token(), body: { name: `v1-migrate-${++n}`, address: '10.0.0.9', memory_mib: 1024, disk_mib: 4096, cpu_percent: 100 } }), 201).body
      .node_id as string;
  /** An instance on a node whose agent is online (the instance cases' box). */
  const liveInstance = async () => {
    const list = must(await v1('GET', '/v1/instances', { token: token() }), 200).body as Array<{ id: string; node_id: string }>;
    for (const i of list) if (must(await v1('GET', `/v1/nodes/${i.node_id}`, { token: token() }), 200).body.state === 'online') return i;
    throw new Error('no instance on an online node yet');
  };
  const deploy = async (name: string) => ({ template: 'echo-server', name, node_id: (await liveInstance()).node_id });
  return {
    // Nothing of the organization on a new node: the reply is the empty report (the real move is in v1-realtime.test.ts).
    'POST /v1/nodes/{id}/migrate': async () => ({ path: { id: await pendingNode() }, token: token(), body: { target_node_id: await pendingNode() } }),
    'POST /v1/instances/{id}/files/tus': async () => ({
      path: { id: (await liveInstance()).id },
      token: token(),
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': `filename ${b64('tus.txt')},path ${b64('uploads')}` },
    }),
    'GET /v1/instances/{id}/logs': async () => ({ path: { id: (await liveInstance()).id }, token: token() }),
    'GET /v1/instances/{id}/console': async () => ({ path: { id: (await liveInstance()).id }, token: token() }),
    'GET /v1/deploy': async () => {
      ids.deployment = must(await v1('POST', '/v1/deploy', { token: token(), body: await deploy('One click') }), 201).body.id;
      return { path: {}, token: token() };
    },
    'GET /v1/deploy/{id}': async () => ({ path: { id: ids.deployment }, token: token() }),
    'POST /v1/deploy': async () => ({ path: {}, token: token(), body: await deploy('One click two') }),
    'GET /v1/templates': async () => ({ path: {}, token: token() }),
    'GET /v1/templates/{category}': async () => ({ path: { category: 'game' }, token: token() }),
  };
}

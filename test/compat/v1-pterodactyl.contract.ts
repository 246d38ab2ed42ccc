import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after } from 'node:test';
import { Reply } from '../helpers/test-app';

/**
 * The contract cases of the pterodactyl group; test/compat/v1-contract.test.ts spreads them into
 * its CASES. The panel is the fake application API of test/migration/pterodactyl-import.test.ts
 * over the same fixtures (test/fixtures/pterodactyl), on 127.0.0.1 — so the contract app runs with
 * OUTBOUND_ALLOW_PRIVATE=true. The import is a dry run onto a registered node of the organization.
 */

interface Call {
  path: Record<string, string>;
  body?: unknown;
  token?: string;
  after?: (r: Reply) => void;
}
type V1 = (method: string, url: string, options?: { token?: string; body?: unknown }) => Promise<Reply>;

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pterodactyl');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
export const PANEL_KEY = 'ptla_Xy7Qm2Lr8Vb4Nc6Td1Hs9Kf3Gw5Pz0Ja2Eu8Ro4Mi6';
/** The fixtures' ports start at 25500; the panel serves them shifted by `offset()` (onto a node's block). */
export const FIXTURE_BASE = 25500;

/** A tiny Pterodactyl application API: checks the Bearer key and serves the fixtures, paged. */
export function fakePanel(offset: () => number = () => 0): Promise<{ server: Server; url: string }> {
  const pages = [fixture('servers-page-1.json'), fixture('servers-page-2.json')];
  const shift = (item: any) => {
    const copy = structuredClone(item);
    for (const a of copy.attributes.relationships.allocations.data) a.attributes.port += offset();
    copy.attributes.container.environment.SERVER_PORT += offset();
    return copy;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://panel');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${PANEL_KEY}`) return send(401, fixture('error-401.json'));
    const path = url.pathname;
    if (path === '/api/application/servers') {
      const n = Number(url.searchParams.get('page') ?? '1');
      const page = pages[n - 1] ?? { ...pages[0], data: [], meta: { pagination: { ...pages[0].meta.pagination, count: 0, current_page: n } } };
      return send(200, { ...page, data: page.data.map(shift) });
    }
    const one = /^\/api\/application\/servers\/(\d+)$/.exec(path);
    if (one) {
      const found = pages.flatMap((p) => p.data).find((s: any) => s.attributes.id === Number(one[1]));
      return found ? send(200, shift(found)) : send(404, fixture('error-404.json'));
    }
    if (path === '/api/application/nests/5/eggs/15') return send(200, fixture('egg-15.json'));
    if (path === '/api/application/nests') return send(200, fixture('nests.json'));
    return send(404, fixture('error-404.json'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

export function v1PterodactylCases(v1: V1, token: () => string): Record<string, () => Promise<Call>> {
  let base = FIXTURE_BASE;
  let panel: Promise<{ server: Server; url: string }> | undefined;
  after(async () => (await panel)?.server.close());
  const access = async () => ({ url: (await (panel ??= fakePanel(() => base - FIXTURE_BASE))).url, api_key: PANEL_KEY });
  /** A registered node of the organization (no agent: a dry run only reads it), its port block under the panel's ports. */
  const node = async () => {
    const r = await v1('POST', '/v1/nodes/register-token', {
      token: token(),
      body: { name: 'v1-pterodactyl-target', address: '10.0.0.9', memory_mib: 8192, disk_mib: 40960, cpu_percent: 400, port_range_start: 30000, port_range_end: 30099 },
    });
    if (r.status !== 201) throw new Error(`register-token: ${r.status} ${r.text}`);
    base = 30000;
    return r.body.node_id as string;
  };
  return {
    'POST /v1/pterodactyl/validate': async () => ({ path: {}, token: token(), body: await access() }),
    'POST /v1/pterodactyl/servers': async () => ({ path: {}, token: token(), body: await access() }),
    'POST /v1/pterodactyl/import': async () => ({ path: {}, token: token(), body: { ...(await access()), server_ids: [11, 12], node_id: await node(), dry_run: true } }),
  };
}

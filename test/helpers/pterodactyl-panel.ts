import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pterodactyl');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** The application API key the fake panel accepts. */
export const PANEL_KEY = 'ptla_Xy7Qm2Lr8Vb4Nc6Td1Hs9Kf3Gw5Pz0Ja2Eu8Ro4Mi6';
/** The fixtures' ports start at 25500; the panel serves them shifted by `offset()` (onto a node's block). */
export const FIXTURE_BASE = 25500;

export interface FakePanel {
  server: Server;
  url: string;
  /** Every request the panel received, in order. */
  seen: IncomingMessage[];
}

/**
 * A tiny Pterodactyl application API on 127.0.0.1 over test/fixtures/pterodactyl: checks the Bearer
 * key and serves the servers (paged), one server, the nests and egg 15. Used by the native import
 * tests and the /v1 ones.
 */
export function fakePanel(offset: () => number = () => 0): Promise<FakePanel> {
  const pages = [fixture('servers-page-1.json'), fixture('servers-page-2.json')];
  const shift = (item: any) => {
    const copy = structuredClone(item);
    for (const a of copy.attributes.relationships.allocations.data) a.attributes.port += offset();
    copy.attributes.container.environment.SERVER_PORT += offset();
    return copy;
  };
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
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
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })));
}

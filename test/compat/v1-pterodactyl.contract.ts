import { after } from 'node:test';
import { FakePanel, FIXTURE_BASE, fakePanel, PANEL_KEY } from '../helpers/pterodactyl-panel';
import { Reply } from '../helpers/test-app';

/**
 * The contract cases of the pterodactyl group; test/compat/v1-contract.test.ts spreads them into
 * its CASES. The panel is test/helpers/pterodactyl-panel.ts (the fake application API the native import
 * tests use, over test/fixtures/pterodactyl), on 127.0.0.1 — so the contract app runs with
 * OUTBOUND_ALLOW_PRIVATE=true. The import is a dry run onto a registered node of the organization.
 */

interface Call {
  path: Record<string, string>;
  body?: unknown;
  token?: string;
  after?: (r: Reply) => void;
}
type V1 = (method: string, url: string, options?: { token?: string; body?: unknown }) => Promise<Reply>;

export function v1PterodactylCases(v1: V1, token: () => string): Record<string, () => Promise<Call>> {
  let base = FIXTURE_BASE;
  let panel: Promise<FakePanel> | undefined;
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

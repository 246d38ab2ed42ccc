import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { startNodeWithAgent, RunningNode } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { FIXTURE_BASE, fakePanel, PANEL_KEY } from '../helpers/pterodactyl-panel';
import { createTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';

const KEY = PANEL_KEY;

describe('Pterodactyl import: validate, list, dry run, import onto a real node, idempotence, permissions, tenancy', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let beta: Session;
  let node: RunningNode;
  let base: number;
  let panel: Awaited<ReturnType<typeof fakePanel>>;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const db = () => t.app.get(DataSource);
  const access = () => ({ url: panel.url, apiKey: KEY });
  const counts = async () => {
    const [row] = await db().query(
      `SELECT (SELECT count(*) FROM gameserver)::int AS servers, (SELECT count(*) FROM workload)::int AS workloads, (SELECT count(*) FROM allocation)::int AS allocations, (SELECT count(*) FROM pterodactyl_import)::int AS imports`,
    );
    return row;
  };

  before(async () => {
    panel = await fakePanel(() => base - FIXTURE_BASE);
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' });
    admin = await bootstrapAdmin(t);
    viewer = await createMember(t, admin, admin.domainId, 'viewer', 'Viewer');
    beta = { ...admin, domainId: await createDomain(t, admin.token, 'Beta') };
    node = await startNodeWithAgent(t, admin);
    base = (await req('GET', `/node/${node.nodeId}`)).body.data.portRangeStart;
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t?.close();
    panel?.server.close();
  });

  it('validate: the panel answers and takes the key (Bearer + the v1 Accept header); the facts come back', async () => {
    const r = await req('POST', '/import/pterodactyl/validate', { url: `${panel.url}/`, apiKey: KEY });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.data, { panelUrl: panel.url, serverCount: 3, nestCount: 1 });
    const last = panel.seen[panel.seen.length - 1];
    assert.equal(last.headers.authorization, `Bearer ${KEY}`);
    assert.equal(last.headers.accept, 'Application/vnd.pterodactyl.v1+json');
  });

  it('validate: a key the panel refuses (401) is a 400 saying so, without echoing the key', async () => {
    const r = await req('POST', '/import/pterodactyl/validate', { url: panel.url, apiKey: 'ptla_wrongwrongwrong' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.meta.error.code, ErrorCode.BadRequestError);
    assert.equal(r.body.meta.error.details.reason, 'keyRefused');
    assert.match(r.body.meta.error.message, /API key was refused/);
    assert.ok(!r.text.includes('ptla_wrongwrongwrong'));
  });

  it('validate: a dead port is a 400 (unreachable), never a 5xx; a URL with credentials is refused before any call', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    const r = await req('POST', '/import/pterodactyl/validate', { url: `http://127.0.0.1:${port}`, apiKey: KEY });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.meta.error.details.reason, 'unreachable');
    assert.match(r.body.meta.error.message, /Connection refused/);
    const creds = await req('POST', '/import/pterodactyl/validate', { url: `http://user:pw@127.0.0.1:${port}`, apiKey: KEY });
    assert.equal(creds.status, 400, creds.text);
    assert.equal(creds.body.meta.error.details.reason, 'invalidUrl');
  });

  it('servers: without a page both pages are read; with page 2 only that one', async () => {
    const all = await req('POST', '/import/pterodactyl/servers', access());
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.data.servers.map((s: any) => s.id),
      [11, 12, 13],
    );
    assert.deepEqual(all.body.data.pages, [1, 2]);
    assert.equal(all.body.data.total, 3);
    assert.equal(all.body.data.truncated, false);
    const first = all.body.data.servers[0];
    assert.equal(first.eggName, 'Echo Server');
    assert.deepEqual(first.limits, { memory: 512, swap: 0, disk: 2048, io: 500, cpu: 150 });
    assert.deepEqual(
      first.allocations.map((a: any) => [a.port, a.primary]),
      [
        [base + 65, true],
        [base + 75, false],
      ],
    );
    assert.equal(first.importedAs, null);
    const two = await req('POST', '/import/pterodactyl/servers', { ...access(), page: 2 });
    assert.deepEqual(
      two.body.data.servers.map((s: any) => s.id),
      [13],
    );
    assert.deepEqual(two.body.data.pages, [2]);
  });

  it('a dry run reports template, limits, variables and ports, says the data is not carried, and creates nothing', async () => {
    const before = await counts();
    const r = await req('POST', '/import/pterodactyl/import', { ...access(), serverIds: [11, 12, 13, 99], nodeId: node.nodeId, dryRun: true });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await counts(), before);
    const report = r.body.data;
    assert.equal(report.dryRun, true);
    assert.match(report.notCarried[0], /not copied/);
    assert.match(report.notCarried[0], /backup/);
    const [s11, s12, s13, s99] = report.servers;
    assert.deepEqual(
      report.servers.map((s: any) => s.status),
      ['ready', 'ready', 'ready', 'notFound'],
    );
    assert.equal(s99.sourceId, 99);
    assert.deepEqual([s11.template.action, s12.template.action, s13.template.action], ['import', 'reuse', 'reuse']);
    assert.deepEqual(s11.limits, { memoryMiB: 512, cpuPercent: 150, diskMiB: 2048 });
    assert.deepEqual(s11.variables, { MOTD: 'Hello from Pterodactyl', MAX_PLAYERS: '20' });
    assert.deepEqual(s11.ports, [
      { port: base + 65, primary: true, sourcePort: base + 65 },
      { port: base + 75, primary: false, sourcePort: base + 75 },
    ]);
    // Unlimited memory and CPU take the template's defaults, said in the notes.
    assert.deepEqual(s12.limits, { memoryMiB: 1024, cpuPercent: 100, diskMiB: 1024 });
    assert.ok(s12.notes.some((n: string) => /Memory is unlimited/.test(n)));
    assert.deepEqual(s12.variables, { MOTD: 'Welcome', MAX_PLAYERS: '5' });
    // Server 12's second allocation is the port server 11 takes on this node.
    assert.deepEqual(
      s12.ports.map((p: any) => p.port),
      [base + 66],
    );
    assert.equal(s12.droppedPorts[0].port, base + 75);
    assert.match(s12.droppedPorts[0].reason, /already in use/);
    assert.deepEqual(
      s13.droppedPorts.map((p: any) => p.port),
      [19132 + base - FIXTURE_BASE],
    );
    assert.match(s13.droppedPorts[0].reason, /outside node/);
  });

  let imported11: string;
  let workloadId: string;

  it('the import creates the template once and the servers with mapped limits, variables and the ports that fit; one starts for real', async () => {
    const before = await counts();
    const r = await req('POST', '/import/pterodactyl/import', { ...access(), serverIds: [11, 12], nodeId: node.nodeId, dryRun: false });
    assert.equal(r.status, 200, r.text);
    const [s11, s12] = r.body.data.servers;
    assert.equal(s11.status, 'imported', JSON.stringify(s11));
    assert.equal(s12.status, 'imported', JSON.stringify(s12));
    assert.equal(s11.template.action, 'import');
    assert.equal(s12.template.action, 'reuse');
    assert.equal(s11.template.workloadId, s12.template.workloadId);
    workloadId = s11.template.workloadId;
    const after = await counts();
    assert.equal(after.workloads, before.workloads + 1);
    assert.equal(after.servers, before.servers + 2);
    // Two kept ports on server 11 and one on server 12, each bound TCP and UDP.
    assert.equal(after.allocations, before.allocations + 6);

    const template = (await req('GET', `/workload/${workloadId}`)).body.data;
    assert.equal(template.name, 'Echo Server');
    assert.equal(template.definition.source.uuid, '5f3d2a8e-0c1b-4b8e-9d8a-2f6a1c9e7b41');
    assert.deepEqual(
      template.definition.variables.map((v: any) => v.envVariable),
      ['MOTD', 'MAX_PLAYERS'],
    );

    imported11 = s11.gameserverId;
    const g11 = (await req('GET', `/gameserver/${imported11}`)).body.data;
    assert.equal(g11.name, 'Survival (main)');
    assert.equal(g11.workloadId, workloadId);
    assert.equal(g11.nodeId, node.nodeId);
    assert.deepEqual([g11.memoryMiB, g11.cpuPercent, g11.diskMiB], [512, 150, 2048]);
    assert.deepEqual(g11.variables, { MOTD: 'Hello from Pterodactyl', MAX_PLAYERS: '20' });
    assert.deepEqual(
      g11.allocations.map((a: any) => [a.port, a.protocol, a.primary]).sort(),
      [
        [base + 65, 'tcp', true],
        [base + 65, 'udp', false],
        [base + 75, 'tcp', false],
        [base + 75, 'udp', false],
      ].sort(),
    );
    const g12 = (await req('GET', `/gameserver/${s12.gameserverId}`)).body.data;
    assert.deepEqual([g12.memoryMiB, g12.cpuPercent, g12.diskMiB], [1024, 100, 1024]);
    assert.deepEqual(
      g12.allocations.map((a: any) => a.port),
      [base + 66, base + 66],
    );

    assert.equal((await req('POST', `/gameserver/${imported11}/start`)).status, 200);
    await waitFor('the imported server running', async () => (await req('GET', `/gameserver/${imported11}`)).body.data.state === 'running', 30_000);
  });

  it('importing the same server again is reported, not repeated; a new server of the same egg reuses the template', async () => {
    const before = await counts();
    const r = await req('POST', '/import/pterodactyl/import', { ...access(), serverIds: [11, 13], nodeId: node.nodeId, dryRun: false });
    assert.equal(r.status, 200, r.text);
    const [s11, s13] = r.body.data.servers;
    assert.equal(s11.status, 'alreadyImported');
    assert.equal(s11.gameserverId, imported11);
    assert.equal(s13.status, 'imported', JSON.stringify(s13));
    assert.equal(s13.template.action, 'reuse');
    assert.equal(s13.template.workloadId, workloadId);
    const after = await counts();
    assert.equal(after.workloads, before.workloads);
    assert.equal(after.servers, before.servers + 1);
    const list = await req('POST', '/import/pterodactyl/servers', access());
    assert.equal(list.body.data.servers[0].importedAs, imported11);
    const dry = await req('POST', '/import/pterodactyl/import', { ...access(), serverIds: [11], nodeId: node.nodeId, dryRun: true });
    assert.equal(dry.body.data.servers[0].status, 'alreadyImported');
    assert.equal(dry.body.data.servers[0].gameserverId, imported11);
  });

  it('a Viewer gets 403 on every route with valid bodies', async () => {
    const asViewer = (path: string, body: unknown) => t.request('POST', path, { token: viewer.token, domain: viewer.domainId, body });
    const seen = panel.seen.length;
    for (const [path, body] of [
      ['/import/pterodactyl/validate', access()],
      ['/import/pterodactyl/servers', access()],
      ['/import/pterodactyl/import', { ...access(), serverIds: [12], nodeId: node.nodeId, dryRun: true }],
    ] as const) {
      const r = await asViewer(path, body);
      assert.equal(r.status, 403, `${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, ErrorCode.ForbiddenError);
    }
    assert.equal(panel.seen.length, seen, 'the panel was not called');
  });

  it('another tenant sees none of it: no servers or templates, nothing imported there, and not the node', async () => {
    const asBeta = (method: string, path: string, body?: unknown) => t.request(method, path, { token: beta.token, domain: beta.domainId, body });
    assert.equal((await asBeta('POST', '/gameserver/search', {})).body.data.length, 0);
    assert.ok(!(await asBeta('POST', '/workload/search', {})).body.data.some((w: any) => w.id === workloadId));
    assert.equal((await asBeta('GET', `/gameserver/${imported11}`)).status, 404);
    const list = await asBeta('POST', '/import/pterodactyl/servers', access());
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.data.servers.map((s: any) => s.importedAs),
      [null, null, null],
    );
    const dry = await asBeta('POST', '/import/pterodactyl/import', { ...access(), serverIds: [11], nodeId: node.nodeId, dryRun: true });
    assert.equal(dry.status, 404, dry.text);
  });
});

describe('Pterodactyl import: the outbound guard', () => {
  it('without OUTBOUND_ALLOW_PRIVATE a panel on 127.0.0.1 is refused (400 notAllowed) and never called', async () => {
    const panel = await fakePanel(() => 0);
    const t = await createTestApp();
    try {
      const admin = await bootstrapAdmin(t);
      const r = await t.request('POST', '/import/pterodactyl/validate', { token: admin.token, domain: admin.domainId, body: { url: panel.url, apiKey: KEY } });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.meta.error.details.reason, 'notAllowed');
      assert.match(r.body.meta.error.message, /not allowed/);
      assert.equal(panel.seen.length, 0);
    } finally {
      await t.close();
      panel.server.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Agent } from '../../src/agent/agent';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { removeDomainContainers } from '../helpers/containers';
import { reservePortBlock } from '../helpers/port-blocks';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, DESKTOP, launchDashboardBrowser } from '../helpers/browser';

/**
 * The nodes pages in Chromium against the real API: create a node with a port range, the register
 * command options, a real agent connecting, the node detail page (inventory, servers), cordon,
 * uncordon, drain, and a delete refused while a server remains. Screenshots go to <repo>/screenshots/.
 */
const NODE_NAME = 'alpha-1';

describe('dashboard: nodes in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  let nodeId = '';
  let agent: Agent | undefined;
  let portBase = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-agent-browser-'));

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const apiNode = async () => (await req('GET', `/node/${nodeId}`)).body.data;
  const { shot, see, confirmDialog, signIn, go, phoneCheck } = dashboardPage(() => ({ page, url }));
  const badges = async () => (await page.locator('.page-header .badge').allInnerTexts()).map((b) => b.trim().toLowerCase());
  /** Opens a page at 390 px, checks nothing scrolls sideways, and keeps a screenshot. */
  const phoneShot = (path: string, testId: string, name: string, prepare?: (p: Page) => Promise<void>) => phoneCheck(ctx, path, testId, name, admin, prepare);

  before(async () => {
    assertBrowserPrerequisites();
    await ensureTestImages();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Node Guild');
    portBase = await reservePortBlock();
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    page = await ctx.newPage();
    page.on('dialog', (d) => void d.dismiss());
    await signIn(page, admin);
  });
  after(async () => {
    await agent?.stop().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (admin) await removeDomainContainers(admin.domainId).catch(() => undefined);
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a node with a port range and shows a copyable register command per way to run the agent', async () => {
    await go('/nodes');
    await page.getByRole('button', { name: 'Add node' }).click();
    await page.locator('input[name=node-name]').fill(NODE_NAME);
    await page.locator('input[name=node-address]').fill('127.0.0.1');
    await page.locator('input[name=node-port-start]').fill(String(portBase));
    await page.locator('input[name=node-port-end]').fill(String(portBase + 49));
    await page.locator('input[name=node-overallocation]').fill('10');
    await shot('nodes-create');
    await page.getByRole('button', { name: 'Create node' }).click();
    const box = page.getByTestId('register-commands');
    await box.waitFor();
    const created = (await req('POST', '/node/search', { filters: { name: [NODE_NAME] } })).body.data[0];
    nodeId = created.id;
    assert.deepEqual([created.portRangeStart, created.portRangeEnd, created.overallocationPercent], [portBase, portBase + 49, 10]);

    const texts: Record<string, string> = {};
    for (const [tab, kind] of [
      ['Install script', 'script'],
      ['Docker', 'docker'],
      ['Node.js', 'node'],
      ['systemd unit', 'systemd'],
    ] as const) {
      await box.getByRole('tab', { name: tab }).click();
      const option = page.getByTestId(`register-option-${kind}`);
      texts[kind] = await option.locator('pre').innerText();
      // The API URL (this page's origin, no PUBLIC_URL set), the token and the data directory in every option.
      assert.ok(texts[kind].includes(url), `${kind}: API URL in ${texts[kind]}`);
      assert.match(texts[kind], /outpost_reg_[A-Za-z0-9_-]{20,}/, `${kind}: token`);
      assert.match(texts[kind], /--data-dir \/var\/lib\/outpost-agent/, `${kind}: data dir`);
      await option.getByRole('button', { name: /^Copy/ }).click();
      assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), texts[kind], `${kind}: copied as shown`);
    }
    assert.match(texts.script, new RegExp(`^curl -fsSL ${url}/agent/install\\.sh \\| OUTPOST_TOKEN=outpost_reg_\\S+ sh -s -- --url ${url} --data-dir /var/lib/outpost-agent$`));
    // The token is never an argument (visible to every user of the machine in ps).
    for (const kind of Object.keys(texts)) assert.doesNotMatch(texts[kind], /--token/, `${kind}: no --token argument`);
    assert.match(
      texts.docker,
      /^docker run -d .*-e OUTPOST_TOKEN=outpost_reg_\S+ -v \/var\/run\/docker\.sock:\/var\/run\/docker\.sock -v \/var\/lib\/outpost-agent:\/var\/lib\/outpost-agent outpost-agent --url /,
    );
    assert.match(texts.node, /node outpost-agent\.cjs --url /);
    assert.match(texts.systemd, /^ExecStart=\/usr\/bin\/node \/var\/lib\/outpost-agent\/outpost-agent\.cjs --url \S+ --data-dir \/var\/lib\/outpost-agent$/m);
    await box.getByRole('tab', { name: 'Install script' }).click();
    await shot('nodes-register-commands');

    // The token in the commands is the node's live register token: a real agent connects with it.
    const token = /outpost_reg_[A-Za-z0-9_-]+/.exec(texts.script)![0];
    agent = new Agent({ url, token, dataDir, heartbeatIntervalMs: 500, metricsIntervalMs: 1000, serverStatsIntervalMs: 1000 });
    await agent.start();
    await waitFor('node online', async () => (await apiNode()).state === 'online', 20_000);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('the node detail page shows the inventory, metrics and the servers on the node', async () => {
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const server = await req('POST', '/gameserver', { name: 'Echo on alpha', workloadId, nodeId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(server.status, 201, server.text);

    await go('/nodes');
    await page.getByRole('link', { name: NODE_NAME }).click();
    await page.waitForURL(`${url}/nodes/${nodeId}`);
    const inventory = page.getByTestId('node-inventory');
    await inventory.getByText('Docker', { exact: true }).waitFor();
    const inv = (await req('GET', `/node/${nodeId}/inventory`)).body.data;
    await inventory.getByText(inv.docker.version, { exact: false }).first().waitFor();
    await inventory.getByText(inv.system.hostname, { exact: true }).waitFor();
    assert.ok((await badges()).includes('online'), `badges ${await badges()}`);
    await page.getByTestId('node-servers').getByRole('link', { name: 'Echo on alpha' }).waitFor();
    await page
      .getByTestId('node-overview')
      .getByText(`${portBase}–${portBase + 49}`)
      .waitFor();
    await page.getByTestId('node-containers').waitFor();
    await waitFor('metric samples', async () => (await page.getByTestId('node-metrics').locator('svg').count()) > 0, 20_000);
    await shot('node-detail');
    await phoneShot(`/nodes/${nodeId}`, 'node-inventory', 'node-detail-phone');
    await phoneShot('/nodes', 'node-card', 'nodes-phone');
  });

  it('cordon shows the badge, uncordon clears it, drain asks first', async () => {
    await page.getByRole('button', { name: 'Cordon' }).click();
    await waitFor('cordoned badge', async () => (await badges()).includes('cordoned'));
    assert.equal((await apiNode()).scheduling, 'cordoned');
    await shot('node-cordoned');
    await page.getByRole('button', { name: 'Uncordon' }).click();
    await waitFor('online again', async () => (await badges()).includes('online') && !(await badges()).includes('cordoned'));
    assert.equal((await apiNode()).scheduling, 'active');
    await page.getByRole('button', { name: 'Drain' }).click();
    await confirmDialog('Drain');
    await waitFor('draining badge', async () => (await badges()).includes('draining'));
    assert.equal((await apiNode()).scheduling, 'draining');
    await shot('node-draining');
    await phoneShot(`/nodes/${nodeId}`, 'node-actions', 'node-draining-phone');
    await page.getByRole('button', { name: 'Stop draining' }).click();
    await waitFor('active again', async () => (await apiNode()).scheduling === 'active');
  });

  it('edits the node: the overallocation is saved', async () => {
    const edit = page.getByTestId('node-edit');
    await edit.locator('input[name=node-overallocation]').fill('25');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText('Saved.').waitFor();
    assert.equal((await apiNode()).overallocationPercent, 25);
  });

  it('delete is refused while a server remains, with the reason naming the node', async () => {
    await page.getByRole('button', { name: 'Delete node' }).click();
    await confirmDialog('Delete node');
    await see(`Node "${NODE_NAME}" still has game servers; transfer or delete them first`);
    assert.equal((await req('GET', `/node/${nodeId}`)).status, 200, 'the node is still there');
    assert.match(page.url(), new RegExp(`/nodes/${nodeId}$`));
    await shot('node-delete-refused');
    await phoneShot(`/nodes/${nodeId}`, 'node-actions', 'node-register-phone', async (p) => {
      await p.getByRole('button', { name: 'New register command' }).click();
      await p.getByTestId('register-commands').waitFor();
    });
  });
});

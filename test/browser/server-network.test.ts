import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import Docker from 'dockerode';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, DESKTOP, launchDashboardBrowser, PHONE, recordNativeDialogs } from '../helpers/browser';

/**
 * The server's Network tab (ports: add automatic or chosen, notes in place, primary, remove with an
 * in-page confirmation) and Startup tab (command with reset to the template, the resolved preview,
 * image, variables under the template's rules), in Chromium against the real API, agent and Docker,
 * at 1280 and 390 px. Screenshots go to <repo>/screenshots/.
 */
interface Allocation {
  id: string;
  port: number;
  protocol: string;
  primary: boolean;
  notes: string;
}

describe('dashboard: Network and Startup tabs in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  const nativeDialogs: string[] = [];
  const docker = new Docker();

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const allocations = async () => (await req('GET', `/gameserver/${serverId}/allocations`)).body.data as { allocations: Allocation[]; portRangeStart: number; portRangeEnd: number };
  const { shot, see, signIn, go, confirmDialog } = dashboardPage(() => ({ page, url }));
  const row = (port: number, protocol: string, p: Page = page) => p.locator(`[data-testid=allocation-row][data-port="${port}"][data-protocol="${protocol}"]`);
  /** The page scrolls sideways when its content is wider than the viewport. */
  const overflowX = (p: Page = page) => p.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Network Guild');
    node = await startNodeWithAgent(t, admin, { name: 'net-node-1' });
    serverId = await startEchoServer(req, node.nodeId, 'Net Echo');
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP });
    page = await ctx.newPage();
    recordNativeDialogs(page, nativeDialogs);
    await signIn(page, admin);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    if (admin) await removeDomainContainers(admin.domainId).catch(() => undefined);
    await node?.stop().catch(() => undefined);
    await t?.close();
  });

  it('Network: lists the primary port, adds automatic and chosen ports, edits notes in place, makes one primary, removes one after an in-page confirmation', async () => {
    const { allocations: initial, portRangeStart: start, portRangeEnd: end } = await allocations();
    const game = initial[0];
    await go(`/servers/${serverId}/network`);
    await page.getByRole('link', { name: 'Network', exact: true }).waitFor();
    await row(game.port, 'tcp').waitFor();
    assert.equal(await row(game.port, 'tcp').getByTestId('primary-badge').count(), 1);
    assert.match(await row(game.port, 'tcp').innerText(), new RegExp(`127\\.0\\.0\\.1:${game.port}`));
    assert.match(await page.getByTestId('network-note').innerText(), /take effect at the next start/);
    await shot('server-network-desktop');

    // The first free udp port: the range's first.
    await page.locator('select[name=protocol]').selectOption('udp');
    await page.locator('input[name=notes]').fill('query port');
    await page.getByRole('button', { name: 'Add port' }).click();
    await row(start, 'udp').waitFor();
    await see('Restart needed.');
    assert.equal((await allocations()).allocations.find((a) => a.protocol === 'udp')?.notes, 'query port');

    // A chosen port: outside the range is refused on the page; inside it is added.
    await page.getByLabel('Choose a port').check();
    await page.locator('input[name=port]').fill(String(end + 1));
    await see(`Choose a port between ${start} and ${end}`);
    assert.equal(await page.getByRole('button', { name: 'Add port' }).isDisabled(), true);
    const chosen = start + 7;
    await page.locator('input[name=port]').fill(String(chosen));
    await page.locator('select[name=protocol]').selectOption('tcp');
    await page.getByRole('button', { name: 'Add port' }).click();
    await row(chosen, 'tcp').waitFor();
    // The same port again: the API's refusal is shown.
    await page.locator('input[name=port]').fill(String(chosen));
    await page.getByRole('button', { name: 'Add port' }).click();
    await see(/already in use on node net-node-1/);
    await shot('server-network-added-desktop');

    // Notes, edited in place and saved with Enter.
    const notes = row(chosen, 'tcp').getByLabel(`Notes for port ${chosen}/tcp`);
    await notes.fill('RCON');
    await notes.press('Enter');
    await waitFor('notes saved', async () => (await allocations()).allocations.find((a) => a.port === chosen && a.protocol === 'tcp')?.notes === 'RCON');

    // Make the udp port primary: exactly one badge, on it.
    await row(start, 'udp').getByRole('button', { name: 'Make primary' }).click();
    await row(start, 'udp').getByTestId('primary-badge').waitFor();
    assert.equal(await page.getByTestId('primary-badge').count(), 1);
    assert.equal(
      (await allocations()).allocations
        .filter((a) => a.primary)
        .map((a) => `${a.port}/${a.protocol}`)
        .join(),
      `${start}/udp`,
    );
    // The primary row has no Remove button.
    assert.equal(await row(start, 'udp').getByRole('button', { name: 'Remove' }).count(), 0);

    // Remove the chosen port: asked in the page, not by the browser. While the server runs its container holds
    // the port, so the API refuses and the page says why; once stopped, it goes.
    await row(chosen, 'tcp').getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`Remove port ${chosen}/tcp from Net Echo\\?`));
    await shot('server-network-remove-dialog-desktop');
    await confirmDialog('Remove port');
    await see(/Stop the server before removing a port \(it is running\)/);
    assert.ok((await allocations()).allocations.some((a) => a.port === chosen));
    assert.equal((await req('POST', `/gameserver/${serverId}/stop`)).status, 200);
    await waitFor('stopped', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'offline', 30_000);
    await row(chosen, 'tcp').getByRole('button', { name: 'Remove' }).click();
    await confirmDialog('Remove port');
    await row(chosen, 'tcp').waitFor({ state: 'detached' });
    assert.ok(!(await allocations()).allocations.some((a) => a.port === chosen));
    assert.deepEqual(nativeDialogs, []);
  });

  it('the new port set is published at the next start from the page, and the note clears', async () => {
    const expected = (await allocations()).allocations.map((a) => `${a.port}/${a.protocol}`).sort();
    await go(`/servers/${serverId}/network`);
    await see('Restart needed.');
    await page.getByTestId('power').getByRole('button', { name: 'Start', exact: true }).click();
    await waitFor('container made again', async () => !((await req('GET', `/gameserver/${serverId}/allocations`)).body.data as { restartRequired: boolean }).restartRequired, 30_000);
    await waitFor('running again', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running', 30_000);
    const info = await docker.getContainer(`outpost-${serverId}`).inspect();
    const published = Object.entries(info.HostConfig.PortBindings ?? {})
      .flatMap(([key, binds]) => (binds as Array<{ HostPort: string }>).map((b) => `${b.HostPort}/${key.split('/')[1]}`))
      .sort();
    assert.deepEqual(published, expected);
    await go(`/servers/${serverId}/network`);
    await page.getByTestId('network-note').waitFor();
    assert.doesNotMatch(await page.getByTestId('network-note').innerText(), /Restart needed/);
  });

  it('Startup: edits the command with the resolved preview, resets to the template, keeps the variable rules, offers only the template images', async () => {
    await go(`/servers/${serverId}/startup`);
    const command = page.locator('textarea[name=startup]');
    await command.waitFor();
    assert.equal(await command.inputValue(), '/srv/echo-server.sh');
    assert.equal(await page.getByTestId('startup-template').count(), 1);
    assert.match(await page.getByTestId('startup-preview').innerText(), /\/srv\/echo-server\.sh/);
    const options = await page.locator('select[name=image] option').allInnerTexts();
    assert.deepEqual(options, ['Echo server (local) — outpost/echo-server:local']);
    // The template's descriptions and rules are shown with each variable.
    await see('Player limit (1-100).');
    await shot('server-startup-desktop');

    await command.fill('/srv/echo-server.sh --motd "{{MOTD}}" --port {{SERVER_PORT}}');
    await page.getByRole('button', { name: 'Save startup settings' }).click();
    await page.getByTestId('startup-custom').waitFor();
    const port = (await allocations()).allocations.find((a) => a.primary)!.port;
    await waitFor('preview resolved', async () => (await page.getByTestId('startup-preview').innerText()).includes(`/srv/echo-server.sh --motd "Welcome" --port ${port}`));
    await see('Restart needed.');
    await shot('server-startup-custom-desktop');

    // An unknown placeholder: the API's message, under the field.
    await command.fill('/srv/echo-server.sh {{NOPE}}');
    await page.getByRole('button', { name: 'Save startup settings' }).click();
    await see(/placeholders the template does not have: \{\{NOPE\}\}/);

    // A variable against its rule: refused on the page before any request.
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.locator('input[name=var-MAX_PLAYERS]').fill('500');
    await page.getByRole('button', { name: 'Save startup settings' }).click();
    await see('Must be between 1 and 100');
    await page.locator('input[name=var-MAX_PLAYERS]').fill('20');
    await page.getByRole('button', { name: 'Save startup settings' }).click();
    await see('Saved ✓ — applies at the next start');
    assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.variables.MAX_PLAYERS, '20');

    // Reset to the template, confirmed in the page.
    await page.getByRole('button', { name: 'Reset to template' }).click();
    await confirmDialog('Reset to template');
    await page.getByTestId('startup-template').waitFor();
    assert.equal(await command.inputValue(), '/srv/echo-server.sh');
    assert.equal((await req('GET', `/gameserver/${serverId}/startup`)).body.data.custom, false);
    assert.deepEqual(nativeDialogs, []);
  });

  it('at 390 px both tabs fit the screen (the ports table stacks)', async () => {
    const phone = await browser.newPage({ viewport: PHONE });
    await signIn(phone, admin);
    await go(`/servers/${serverId}/network`, phone);
    await phone.getByTestId('allocation-table').waitFor();
    assert.ok((await overflowX(phone)) <= 1, 'no sideways scrolling on the Network tab');
    await phone.getByTestId('allocation-table').scrollIntoViewIfNeeded();
    await shot('server-network-phone', phone);
    await phone.getByTestId('add-allocation').scrollIntoViewIfNeeded();
    await shot('server-network-add-phone', phone);
    await go(`/servers/${serverId}/startup`, phone);
    await phone.locator('textarea[name=startup]').waitFor();
    assert.ok((await overflowX(phone)) <= 1, 'no sideways scrolling on the Startup tab');
    await shot('server-startup-phone', phone);
    await phone.getByTestId('startup-preview').scrollIntoViewIfNeeded();
    await shot('server-startup-variables-phone', phone);
    await phone.close();
  });

  it('a member without gameserver.manage sees neither tab, and their URLs are not found', async () => {
    const member = await createMember(t, admin, admin.domainId, 'net-member');
    const p = await ctx.browser()!.newPage({ viewport: DESKTOP });
    await signIn(p, member);
    await go(`/servers/${serverId}/console`, p);
    await p.getByRole('link', { name: 'Console', exact: true }).waitFor();
    assert.equal(await p.getByRole('link', { name: 'Network', exact: true }).count(), 0);
    assert.equal(await p.getByRole('link', { name: 'Startup', exact: true }).count(), 0);
    await go(`/servers/${serverId}/network`, p);
    await p.getByTestId('tab-not-found').waitFor();
    assert.equal(await p.getByTestId('server-network').count(), 0);
    await p.close();
  });
});

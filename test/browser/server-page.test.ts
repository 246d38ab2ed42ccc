import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, DESKTOP, launchDashboardBrowser, PHONE } from '../helpers/browser';

/**
 * The server page's rough edges, in Chromium against the real API, a real agent and real Docker:
 * the console frame fits its box, power buttons stay next to the input, the console log downloads;
 * a crash (the echo-server's `crash` command exits 3) shows as a console system line and as a banner
 * that survives a reload until dismissed; unknown tabs are not found; the file manager's compress,
 * extract, copy, permissions and delete; the editor's unsaved-changes guard.
 * Screenshots go to <repo>/screenshots/.
 */
const NODE_NAME = 'page-node-1';

type Box = { x: number; y: number; width: number; height: number };

describe('dashboard: the server page (console, crash notices, files) in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const server = async () => (await req('GET', `/gameserver/${serverId}`)).body.data;
  const { shot, see, signIn, go } = dashboardPage(() => ({ page, url }));
  const write = async (path: string, content: string) => {
    const r = await req('PUT', `/gameserver/${serverId}/files/content`, { path, content });
    assert.equal(r.status, 200, r.text);
  };
  const read = async (path: string) => {
    const r = await req('GET', `/gameserver/${serverId}/files/content?path=${encodeURIComponent(path)}`);
    assert.equal(r.status, 200, r.text);
    return r.body.data.content as string;
  };
  const list = async (path = '') => (await req('GET', `/gameserver/${serverId}/files?path=${encodeURIComponent(path)}`)).body.data as Array<{ name: string; mode: string; type: string }>;
  const fileRow = (name: string, p: Page = page) => p.locator(`[data-testid=file-row][data-name="${name}"]`);
  const rowAction = async (name: string, action: string, p: Page = page) => {
    await fileRow(name, p)
      .getByRole('button', { name: `More actions for ${name}` })
      .click();
    await p.getByRole('menuitem', { name: action, exact: true }).click();
  };
  const answerPrompt = async (value: string, p: Page = page) => {
    const d = p.getByTestId('prompt-dialog');
    await d.waitFor();
    await d.locator('input').fill(value);
    await d.locator('button[type=submit]').click();
    await d.waitFor({ state: 'detached' });
  };
  /** The terminal host, xterm's root and its rendered screen, as the page lays them out. */
  const consoleBoxes = async (p: Page) => {
    const host = (await p.getByTestId('terminal').boundingBox()) as Box;
    const xterm = (await p.getByTestId('terminal').locator('.xterm').boundingBox()) as Box;
    const screen = (await p.getByTestId('terminal').locator('.xterm-screen').boundingBox()) as Box;
    const card = (await p.locator('.console-card').boundingBox()) as Box;
    return { host, xterm, screen, card };
  };
  const inside = (inner: Box, outer: Box, what: string) => {
    assert.ok(inner.x >= outer.x - 0.5, `${what}: left edge ${inner.x} inside ${outer.x}`);
    assert.ok(inner.x + inner.width <= outer.x + outer.width + 0.5, `${what}: right edge ${inner.x + inner.width} inside ${outer.x + outer.width}`);
    assert.ok(inner.y >= outer.y - 0.5, `${what}: top edge inside`);
    assert.ok(inner.y + inner.height <= outer.y + outer.height + 0.5, `${what}: bottom edge ${inner.y + inner.height} inside ${outer.y + outer.height}`);
  };

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Page Guild');
    node = await startNodeWithAgent(t, admin, { name: NODE_NAME });
    serverId = await startEchoServer(req, node.nodeId, 'Page Echo');
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    page = await ctx.newPage();
    await signIn(page, admin);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    if (admin) await removeDomainContainers(admin.domainId).catch(() => undefined);
    await node?.stop().catch(() => undefined);
    await t?.close();
  });

  it('console: xterm fits its box at 1280 and 390 px, power buttons stay beside the input, the header links the node, the log downloads', async () => {
    await go(`/servers/${serverId}/console`);
    const terminal = page.getByTestId('terminal');
    await waitFor('ready line in the console', async () => (await terminal.innerText()).includes('Done! Server ready'), 30_000, 250);

    // The header names the node and links to it.
    const nodeLink = page.getByTestId('server-node').getByRole('link');
    assert.equal((await nodeLink.innerText()).trim(), NODE_NAME);
    assert.equal(await nodeLink.getAttribute('href'), `/nodes/${node.nodeId}`);

    const desktop = await consoleBoxes(page);
    inside(desktop.xterm, desktop.host, 'xterm in its box at 1280 px');
    inside(desktop.screen, desktop.host, 'xterm screen in its box at 1280 px');
    inside(desktop.host, desktop.card, 'box in the console card at 1280 px');
    assert.ok(desktop.screen.width > desktop.host.width * 0.85, `the screen uses the box's width (${desktop.screen.width} of ${desktop.host.width})`);

    // Typing: the input and the power buttons are on screen together.
    await page.getByLabel('Console command').click();
    const power = page.getByTestId('console-power');
    assert.equal(await power.getByRole('button', { name: 'Stop', exact: true }).isEnabled(), true);
    const visible = await page.evaluate<boolean>(`(() => {
      const r = document.querySelector('[data-testid=console-power]').getBoundingClientRect();
      const i = document.querySelector('input[name=command]').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && i.top >= 0 && i.bottom <= window.innerHeight;
    })()`);
    assert.equal(visible, true, 'power buttons and input both in the viewport');
    await shot('server-console-desktop');

    // The stored console log downloads with the access token (fetched, not a bare link).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('console-download').click()]);
    assert.match(download.suggestedFilename(), /console\.log$/);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.includes('Done! Server ready'), 'the downloaded log holds the server output');

    const phone = await ctx.newPage();
    try {
      await phone.setViewportSize(PHONE);
      await go(`/servers/${serverId}/console`, phone);
      await waitFor('phone console output', async () => (await phone.getByTestId('terminal').innerText()).includes('Done! Server ready'), 20_000, 250);
      const small = await consoleBoxes(phone);
      inside(small.xterm, small.host, 'xterm in its box at 390 px');
      inside(small.screen, small.host, 'xterm screen in its box at 390 px');
      inside(small.card, { x: 0, y: small.card.y, width: PHONE.width, height: small.card.height }, 'console card within the phone screen');
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert.ok(overflow <= 1, `no sideways scroll at 390 px (${overflow}px)`);
      await phone.getByLabel('Console command').click();
      await shot('server-console-phone', phone);
    } finally {
      await phone.close();
    }
  });

  it('crash: a console system line and a banner that survives a reload until dismissed; a new crash shows again', async () => {
    await go(`/servers/${serverId}/console`);
    const terminal = page.getByTestId('terminal');
    await waitFor('console connected', async () => (await page.getByTestId('console-conn').innerText()) === 'connected', 15_000, 100);
    assert.equal(await page.getByTestId('crash-banner').count(), 0, 'no banner before any crash');

    await page.getByLabel('Console command').fill('crash');
    await page.getByLabel('Console command').press('Enter');
    await waitFor('crash line in the console', async () => /\[Outpost\] Server crashed at \d\d:\d\d \(exit code 3\) — restart(ing|ed) 1\/3/.test(await terminal.innerText()), 20_000, 100);
    const banner = page.getByTestId('crash-banner');
    await banner.waitFor({ timeout: 15_000 });
    assert.match(await banner.innerText(), /Crashed \(exit code 3\) at \d\d:\d\d, restart(ing|ed) 1\/3/);
    // The automatic restart: running again, the banner says so.
    await waitFor('restarted', async () => (await server()).state === 'running', 30_000);
    await waitFor('banner says restarted', async () => /restarted 1\/3/.test(await banner.innerText()), 15_000, 100);
    await waitFor('state line in the console', async () => (await terminal.innerText()).includes('[Outpost] Server marked as running'), 15_000, 100);
    await shot('server-crash-banner-desktop');

    // Stays across a reload (and at phone width) until dismissed.
    await page.reload();
    await banner.waitFor();
    assert.match(await banner.innerText(), /Crashed \(exit code 3\) at \d\d:\d\d, restarted 1\/3/);
    const phone = await ctx.newPage();
    try {
      await phone.setViewportSize(PHONE);
      await go(`/servers/${serverId}/console`, phone);
      await phone.getByTestId('crash-banner').waitFor();
      await shot('server-crash-banner-phone', phone);
    } finally {
      await phone.close();
    }
    await banner.getByRole('button', { name: 'Dismiss the crash notice' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('stats').waitFor();
    await page.getByTestId('console-conn').waitFor();
    assert.equal(await page.getByTestId('crash-banner').count(), 0, 'a dismissed crash stays dismissed after a reload');

    // A second crash is a new notice.
    const firstCrash = (await server()).recentCrashes[0];
    await waitFor('console connected', async () => (await page.getByTestId('console-conn').innerText()) === 'connected', 15_000, 100);
    await page.getByLabel('Console command').fill('crash');
    await page.getByLabel('Console command').press('Enter');
    await banner.waitFor({ timeout: 20_000 });
    await waitFor('second crash counted', async () => /restart(ing|ed) 2\/3/.test(await banner.innerText()), 20_000, 100);
    assert.notEqual((await server()).recentCrashes.at(-1), firstCrash);
    await waitFor('running again', async () => (await server()).state === 'running', 30_000);
  });

  it('unknown tab URLs show a not-found state with a way back', async () => {
    await go(`/servers/${serverId}/no-such-tab`);
    const nf = page.getByTestId('tab-not-found');
    await nf.waitFor();
    assert.match(await nf.innerText(), /This server has no “no-such-tab” page/);
    assert.equal(await page.getByTestId('terminal').count(), 0, 'no tab body under the not-found state');
    await shot('server-tab-not-found-desktop');
    const phone = await ctx.newPage();
    try {
      await phone.setViewportSize(PHONE);
      await go(`/servers/${serverId}/no-such-tab`, phone);
      await phone.getByTestId('tab-not-found').waitFor();
      await phone.getByTestId('tab-not-found').scrollIntoViewIfNeeded();
      await shot('server-tab-not-found-phone', phone);
    } finally {
      await phone.close();
    }
    await nf.getByRole('link', { name: 'Back to the console' }).click();
    await page.getByTestId('terminal').waitFor();
    assert.match(page.url(), /\/console$/);
  });

  it('files: compress, extract, copy, permissions and a delete that names the files and warns about a non-empty folder', async () => {
    await write('world/level.dat', 'level one\n');
    await write('server.properties', 'motd=hello\n');
    await go(`/servers/${serverId}/files`);
    await fileRow('world').waitFor();
    await fileRow('server.properties').waitFor();

    // Compress both into a .tar.gz, then extract it elsewhere: the same bytes come back.
    await page.getByLabel('Select world').check();
    await page.getByLabel('Select server.properties').check();
    await page.getByRole('button', { name: 'Compress (2)' }).click();
    await answerPrompt('bundle.tar.gz');
    await fileRow('bundle.tar.gz').waitFor();
    assert.ok((await list()).some((e) => e.name === 'bundle.tar.gz' && e.type === 'file'));
    await rowAction('bundle.tar.gz', 'Extract');
    await answerPrompt('/restored');
    await fileRow('restored').waitFor();
    assert.equal(await read('restored/world/level.dat'), 'level one\n');
    assert.equal(await read('restored/server.properties'), 'motd=hello\n');

    // Copy next to the original.
    await rowAction('server.properties', 'Copy');
    await answerPrompt('server copy.properties');
    await fileRow('server copy.properties').waitFor();
    assert.equal(await read('server copy.properties'), 'motd=hello\n');

    // Permissions: a bad mode is refused in the dialog, a good one reaches the file.
    await rowAction('server.properties', 'Permissions');
    const d = page.getByTestId('prompt-dialog');
    await d.locator('input').fill('999');
    await d.locator('button[type=submit]').click();
    await see('Use three octal digits');
    await answerPrompt('600');
    await waitFor('mode changed', async () => (await list()).find((e) => e.name === 'server.properties')?.mode === '0600');
    await waitFor('mode shown', async () => (await fileRow('server.properties').innerText()).includes('0600'));
    await shot('server-files-desktop');

    // Delete names what goes and warns that world/ has files in it; cancelling deletes nothing.
    await page.getByLabel('Select world').check();
    await page.getByLabel('Select server.properties').check();
    await page.getByRole('button', { name: 'Delete (2)' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    assert.equal((await confirm.locator('h2').innerText()).trim(), 'Delete world/ and server.properties?');
    assert.match(await confirm.getByTestId('delete-body').innerText(), /world\/ is a folder that is not empty/);
    await shot('server-files-delete-desktop');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.ok(
      (await list()).some((e) => e.name === 'world'),
      'cancel keeps the files',
    );
    // An empty folder gets no warning; confirming deletes it.
    assert.equal((await req('POST', `/gameserver/${serverId}/files/mkdir`, { path: 'empty' })).status, 200);
    await page.reload();
    await rowAction('empty', 'Delete');
    await confirm.waitFor();
    assert.equal((await confirm.locator('h2').innerText()).trim(), 'Delete empty/?');
    assert.doesNotMatch(await confirm.getByTestId('delete-body').innerText(), /not empty/);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await fileRow('empty').waitFor({ state: 'detached' });
    assert.equal(
      (await list()).some((e) => e.name === 'empty'),
      false,
    );

    const phone = await ctx.newPage();
    try {
      await phone.setViewportSize(PHONE);
      await go(`/servers/${serverId}/files`, phone);
      await fileRow('server.properties', phone).waitFor();
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert.ok(overflow <= 1, `no sideways scroll at 390 px (${overflow}px)`);
      await fileRow('server.properties', phone).getByRole('button', { name: 'More actions for server.properties' }).click();
      await phone.getByRole('menu').waitFor();
      await shot('server-files-phone', phone);
    } finally {
      await phone.close();
    }
  });

  it('editor: unsaved changes are guarded when closing, following a link, and leaving the page', async () => {
    await go(`/servers/${serverId}/files`);
    await fileRow('server.properties').getByRole('button', { name: 'server.properties', exact: true }).click();
    const editor = page.locator('textarea[name=fileContent]');
    await waitFor('content loaded', async () => (await editor.inputValue()) === 'motd=hello\n');
    await editor.fill('motd=changed\n');
    await page.getByTestId('unsaved').waitFor();
    await shot('server-editor-unsaved-desktop');

    // Close asks; cancelling keeps the editor and the text.
    await page.getByRole('button', { name: 'Close' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    assert.equal((await confirm.locator('h2').innerText()).trim(), 'Discard unsaved changes?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await editor.inputValue(), 'motd=changed\n');

    // An in-app link asks too; cancelling stays, discarding follows the link.
    await page.locator('nav.tabs').getByRole('link', { name: 'Console' }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.match(page.url(), /\/files$/);
    assert.equal(await editor.inputValue(), 'motd=changed\n');

    // Leaving the page (close / reload) gets the browser's beforeunload question.
    const dialogs: string[] = [];
    page.once('dialog', (dlg) => {
      dialogs.push(dlg.type());
      void dlg.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await waitFor('beforeunload asked', async () => dialogs.length > 0, 5000, 50);
    assert.deepEqual(dialogs, ['beforeunload']);
    assert.equal(page.isClosed(), false, 'dismissing the question keeps the page');

    await page.locator('nav.tabs').getByRole('link', { name: 'Console' }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL(/\/console$/);
    assert.equal(await read('server.properties'), 'motd=hello\n', 'nothing was saved');

    // Saved changes are not guarded.
    await go(`/servers/${serverId}/files`);
    await fileRow('server.properties').getByRole('button', { name: 'server.properties', exact: true }).click();
    await waitFor('content loaded', async () => (await editor.inputValue()) === 'motd=hello\n');
    await editor.fill('motd=saved\n');
    await page.getByRole('button', { name: 'Save' }).click();
    await see('Saved ✓');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('file-table').waitFor();
    assert.equal(await read('server.properties'), 'motd=saved\n');
  });

  it('memory graph follows a resize saved in settings, without a restart or reload', async () => {
    await go(`/servers/${serverId}/console`);
    const spark = page.getByTestId('sparklines');
    await waitFor('memory history drawn', async () => (await spark.count()) > 0 && (await spark.innerText()).includes('/ 64.0 MiB'), 30_000, 250);
    assert.equal((await req('POST', `/gameserver/${serverId}/stop`)).status, 200);
    await waitFor('offline', async () => (await server()).state === 'offline', 30_000);
    await page.locator('nav.tabs').getByRole('link', { name: 'Settings' }).click();
    const settings = page.getByTestId('server-settings');
    await waitFor(
      'settings editable',
      async () => (await settings.locator('input[name=memoryMiB]').isEditable()) && (await page.getByTestId('state-badge').first().innerText()).toLowerCase() === 'offline',
      15_000,
      100,
    );
    await settings.locator('input[name=memoryMiB]').fill('96');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.getByText('Saved ✓').waitFor({ timeout: 30_000 });
    assert.equal((await server()).memoryMiB, 96);
    // Same page, no reload: the graph's scale and label are the new limit, not the hour's largest.
    await waitFor('graph follows the resize', async () => (await spark.innerText()).includes('/ 96.0 MiB'), 10_000, 100);
    assert.match(await page.getByTestId('stats').innerText(), /limits 96 MiB/);
  });
});

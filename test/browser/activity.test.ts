import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, DESKTOP, launchDashboardBrowser, PHONE } from '../helpers/browser';

/**
 * The audit log as people read it, in Chromium against the real API, a real agent and real Docker:
 * usernames, actions in words, target names that link to their page, expandable details (a file
 * delete's path), system events of a real crash; and a server's Activity tab listing only that server.
 * Screenshots go to <repo>/screenshots/.
 */

describe('dashboard: audit log and server activity in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  let node: RunningNode;
  let one: string;
  let two: string;

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const { shot, go, signIn } = dashboardPage(() => ({ page, url }));
  const entries = (testId: string) => page.getByTestId(testId).getByTestId('audit-entry');
  const actionsShown = async (testId: string) => entries(testId).evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Audit Guild');
    node = await startNodeWithAgent(t, admin, { name: 'audit-node' });
    one = await startEchoServer(req, node.nodeId, 'Activity One');
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server', name: 'Second echo' })).body.data.id;
    const created = await req('POST', '/gameserver', { name: 'Activity Two', workloadId, nodeId: node.nodeId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    two = created.body.data.id;

    // Server one: a file written and deleted, then a real crash (the echo-server's `crash` exits 3).
    assert.equal((await req('PUT', `/gameserver/${one}/files/content`, { path: 'logs/old.txt', content: 'x' })).status, 200);
    assert.equal((await req('DELETE', `/gameserver/${one}/files`, { paths: ['logs/old.txt'] })).status, 200);
    assert.equal((await req('POST', `/gameserver/${one}/command`, { command: 'crash' })).status, 200);
    await waitFor(
      'crash and restart audited',
      async () => (await req('POST', '/auditlog/search', { filters: { targetId: one, action: ['gameserver.crashed', 'gameserver.auto_restarted'] } })).body.data.length === 2,
      30_000,
    );
    // Server two: renamed through an API token.
    const tok = await req('POST', '/apitoken', { name: 'deploy-bot' });
    assert.equal((await t.request('PUT', `/gameserver/${two}`, { headers: { 'x-api-key': tok.body.data.token }, body: { name: 'Activity Two (renamed)' } })).status, 200);

    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP });
    page = await ctx.newPage();
    await signIn(page, admin);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    if (admin) await removeDomainContainers(admin.domainId).catch(() => undefined);
    await node?.stop().catch(() => undefined);
    await t?.close();
  });

  it('the audit page shows usernames, actions in words, the token used and system events; details expand; the target link opens the server', async () => {
    await page.setViewportSize(DESKTOP);
    await go('/audit');
    await page.getByTestId('audit-table').waitFor();
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const s of ['Deleted files', 'Server crashed', 'Restarted automatically after a crash', 'via API token “deploy-bot”', 'System', 'admin']) {
      assert.ok(text.includes(s), `audit page shows "${s}"`);
    }
    const del = entries('audit-table').and(page.locator('[data-action="files.delete"]'));
    assert.equal(await del.count(), 1);
    assert.match(await del.innerText(), /Deleted files\s+Activity One/);
    assert.match(await del.innerText(), /admin/);
    await del.getByText('Details').click();
    await del.getByText('logs/old.txt').waitFor();
    await shot('audit-log');

    // Only file actions when "Files" is chosen.
    await page.getByTestId('audit-group').selectOption('files');
    await waitFor('files only', async () => {
      const shown = await actionsShown('audit-table');
      return shown.length > 0 && shown.every((a) => a.startsWith('files.')) && shown;
    });
    await page.getByTestId('audit-group').selectOption('');

    await page.setViewportSize(PHONE);
    await page.getByTestId('audit-table').waitFor();
    await shot('audit-log-phone');
    await page.setViewportSize(DESKTOP);

    // The target's name is a link to its page.
    const link = entries('audit-table').and(page.locator('[data-action="files.delete"]')).getByTestId('audit-target');
    await link.click();
    await page.waitForURL(`${url}/servers/${one}`);
    await page.getByRole('heading', { name: 'Activity One' }).waitFor();
  });

  it("the server's Activity tab lists that server's events only", async () => {
    await page.setViewportSize(DESKTOP);
    await go(`/servers/${one}/activity`);
    await entries('activity-list').first().waitFor();
    const api = (await req('POST', '/auditlog/search', { filters: { targetId: one }, limit: 100 })).body.data as Array<{ action: string; targetId: string }>;
    const shown = await actionsShown('activity-list');
    assert.deepEqual(
      shown,
      api.map((r) => r.action),
      'the tab shows exactly the rows of this server',
    );
    for (const a of ['files.delete', 'files.write', 'gameserver.crashed', 'gameserver.start', 'gameserver.create']) assert.ok(shown.includes(a), `${a} shown`);
    assert.equal(shown.includes('gameserver.update'), false, "the other server's rename is not listed");
    const text = await page.getByTestId('server-activity').innerText();
    assert.equal(text.includes('deploy-bot'), false);
    await shot('server-activity');
    await page.setViewportSize(PHONE);
    await shot('server-activity-phone');
    await page.setViewportSize(DESKTOP);

    // Server two's tab: its own rows (created, renamed by the token), none of server one's.
    await go(`/servers/${two}/activity`);
    await entries('activity-list').first().waitFor();
    assert.deepEqual((await actionsShown('activity-list')).sort(), ['gameserver.create', 'gameserver.update']);
    assert.match(await page.getByTestId('server-activity').innerText(), /admin via API token “deploy-bot”/);
  });
});

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { trustedDomainId } from '../../libs/tenancy/domain-id';
import { EventBus } from '../../src/core/events/event-bus';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, DESKTOP, launchDashboardBrowser, recordNativeDialogs } from '../helpers/browser';
import { Received, Receiver, startReceiver } from '../integration/receiver';

/**
 * Alerts (bell, list, rules), integrations (create, secret once, test send, delivery log, retry), webhook
 * tokens, the server's Deploy tab and the audit export: the real built dashboard (web/dist) in Chromium
 * against the real API in this process, a real local HTTP receiver and the app's own EventBus.
 */
describe('dashboard: alerts, integrations, webhook tokens, git deploy and audit export in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  let viewer: Session;
  let serverId: string;
  let receiver: Receiver;
  const nativeDialogs: string[] = [];

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const { shot, see, confirmDialog, signIn, go, phoneCheck: phoneCheckAs } = dashboardPage(() => ({ page, url }));
  const phoneCheck = (path: string, testId: string, name: string, who: Session = admin) => phoneCheckAs(ctx, path, testId, name, who);
  const unread = async () => (await req('GET', '/alert/unread')).body.data.count as number;
  /** The signature docs/webhooks.md tells receivers to check. */
  const signatureOk = (r: Received, secret: string) => {
    const ts = String(r.headers['x-outpost-timestamp'] ?? '');
    const expected = `v1=${createHmac('sha256', secret).update(`${ts}.${r.raw}`).digest('hex')}`;
    return ts.length > 0 && r.headers['x-outpost-signature'] === expected;
  };

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'https://outpost.example.com' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Alert Guild');
    viewer = await createMember(t, admin, admin.domainId, 'alert-viewer', 'Viewer');
    const node = await req('POST', '/node', { name: 'Rack 1', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 8192, cpuPercent: 400 });
    assert.equal(node.status, 201, node.text);
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    assert.equal(workload.status, 201, workload.text);
    // Placement needs an online node; alerts and the Deploy tab only need the server's row.
    const [server] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'Crashy', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [admin.domainId, workload.body.data.id, node.body.data.id],
      );
    serverId = server.id;
    receiver = await startReceiver();
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    page = await ctx.newPage();
    recordNativeDialogs(page, nativeDialogs);
    await signIn(page, admin);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    await receiver?.close().catch(() => undefined);
    await t?.close();
  });

  it('alerts: recommended rules, a crash shows in the bell, acknowledge drops the count, resolve; rules can be edited and deleted', async () => {
    await go('/alerts');
    const rules = page.getByTestId('alert-rules');
    await see('No alert rules yet');
    await rules.getByRole('button', { name: 'Add recommended rules' }).click();
    await rules.getByTestId('rule-row').first().waitFor();
    const made = (await req('POST', '/alertrule/search', {})).body.data as Array<{ kind: string; name: string; id: string }>;
    assert.ok(
      made.some((r) => r.kind === 'server.crashed'),
      JSON.stringify(made.map((r) => r.kind)),
    );
    assert.equal(await rules.getByTestId('rule-row').count(), made.length, 'every rule the API made is listed');
    assert.equal(await rules.getByRole('button', { name: 'Add recommended rules' }).count(), 0, 'the button only shows without rules');
    const bell = page.getByTestId('alert-bell');
    assert.equal(await bell.getAttribute('aria-label'), 'Alerts, 0 unread');
    assert.equal(await page.getByTestId('alert-count').count(), 0);

    // The game-server module's crash event, on the app's bus: the crashed rule fires an alert.
    t.app.get(EventBus).emit('gameserver.system', {
      domainId: trustedDomainId(admin.domainId),
      serverId,
      serverName: 'Crashy',
      action: 'crashed',
      details: { reason: 'exited with code 1', exitCode: 1, oom: false, restartInMs: 5000 },
    });
    await waitFor('alert in the API', async () => (await unread()) === 1);
    // The bell reads again when the window gets focus back (its 30 s poll would too, later).
    await page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    await waitFor('bell shows 1', async () => (await bell.getAttribute('aria-label')) === 'Alerts, 1 unread', 10_000, 100);
    assert.equal((await page.getByTestId('alert-count').innerText()).trim(), '1');
    const row = page.locator('[data-testid=alert-row][data-kind="server.crashed"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'firing');
    assert.equal(await row.getByRole('link', { name: 'Crashy' }).getAttribute('href'), `/servers/${serverId}`);
    await shot('alerts');

    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByTestId('alert-acknowledged').waitFor();
    await waitFor('bell shows 0', async () => (await bell.getAttribute('aria-label')) === 'Alerts, 0 unread', 10_000, 100);
    assert.equal(await page.getByTestId('alert-count').count(), 0, 'the badge is gone');
    assert.equal(await unread(), 0);

    await row.getByRole('button', { name: 'Resolve' }).click();
    await waitFor('resolved', async () => (await row.getAttribute('data-state')) === 'resolved', 10_000, 100);
    const [alert] = (await req('POST', '/alert/search', { filters: { kind: ['server.crashed'] } })).body.data;
    assert.equal(alert.state, 'resolved');
    await page.getByRole('radio', { name: 'Firing' }).check();
    await see('No firing alerts.');
    await page.getByRole('radio', { name: 'All' }).check();

    // A metric rule: its form asks for threshold and duration; the API keeps them.
    await rules.getByRole('button', { name: 'New rule' }).click();
    const editor = page.getByTestId('rule-editor');
    await editor.getByLabel('Rule name').fill('Hot server');
    await editor.getByLabel('When').selectOption('server.cpu');
    await editor.getByLabel('Above (%)').fill('85');
    await editor.getByLabel('For (minutes)').fill('10');
    await editor.locator('select[name=ruleScope]').selectOption({ label: 'Crashy' });
    await editor.getByRole('button', { name: 'Create rule' }).click();
    const hot = rules.locator('[data-testid=rule-row][data-kind="server.cpu"]');
    await hot.waitFor();
    assert.match(await hot.innerText(), /above 85% for 10 min/);
    const stored = (await req('POST', '/alertrule/search', { filters: { kind: ['server.cpu'] } })).body.data[0];
    assert.deepEqual([stored.thresholdPercent, stored.forMinutes, stored.serverId], [85, 10, serverId]);
    await hot.getByRole('button', { name: 'Delete' }).click();
    await confirmDialog('Delete');
    await hot.waitFor({ state: 'detached' });
    assert.equal((await req('GET', `/alertrule/${stored.id}`)).status, 404);

    await phoneCheck('/alerts', 'alert-table', 'phone-alerts');
  });

  it('integrations: webhook to a local receiver, secret shown once and it signs; send test ok and failed; delivery log with retry', async () => {
    await go('/integrations');
    const card = page.getByTestId('integrations');
    await see('No integrations yet.');
    await card.getByRole('button', { name: 'New integration' }).click();
    const editor = page.getByTestId('integration-editor');
    await editor.getByRole('radio', { name: 'Webhook' }).check();
    await editor.getByLabel('Name').fill('Ops hook');
    await editor.getByLabel('URL').fill(receiver.url('/hook'));
    await editor.getByRole('checkbox', { name: /Server crashed/ }).check();
    await editor.getByRole('button', { name: 'Create integration' }).click();
    const secretBox = page.getByTestId('secret');
    await secretBox.waitFor();
    assert.match(await secretBox.innerText(), /X-Outpost-Signature/);
    const secret = (await secretBox.locator('.secret-value').innerText()).trim();
    assert.ok(secret.length >= 16, secret);
    await shot('integrations-secret');
    const [created] = (await req('POST', '/integration/search', {})).body.data;
    assert.deepEqual([...created.events].sort(), ['alert.fired', 'alert.resolved', 'server.crashed']);
    assert.ok(!JSON.stringify(created).includes(secret), 'the API never returns the secret again');
    await secretBox.getByRole('button', { name: 'Done' }).click();
    await secretBox.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=integration-row][data-name="Ops hook"]');
    await row.waitFor();
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is gone from the page');

    // Send test: the receiver gets it, signed with the secret shown; the row says so.
    await row.getByRole('button', { name: 'Send test' }).click();
    await waitFor(
      'test result',
      async () =>
        /Test delivered \(HTTP 200\)/.test(
          await row
            .getByTestId('test-result')
            .innerText()
            .catch(() => ''),
        ),
      15_000,
      100,
    );
    assert.equal(receiver.at('/hook').length, 1);
    assert.ok(signatureOk(receiver.at('/hook')[0], secret), 'signed with the secret the page showed');

    // The receiver fails: the test says why, the log shows a failed row; fixed, Retry delivers it.
    receiver.answer('/hook', 500, 'boom');
    await row.getByRole('button', { name: 'Send test' }).click();
    await waitFor(
      'failed test result',
      async () =>
        /Test failed/.test(
          await row
            .getByTestId('test-result')
            .innerText()
            .catch(() => ''),
        ),
      15_000,
      100,
    );
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByTestId('delivery-log');
    await log.waitFor();
    await waitFor('two deliveries', async () => (await log.getByTestId('delivery-row').count()) === 2, 10_000, 100);
    const failed = log.locator('[data-testid=delivery-row][data-status=failed]');
    assert.equal(await failed.count(), 1);
    assert.match(await failed.innerText(), /HTTP 500/);
    assert.equal(await log.locator('[data-testid=delivery-row][data-status=succeeded]').count(), 1);
    await shot('integrations-deliveries');
    receiver.answer('/hook', 200, 'ok');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await waitFor('retried delivery succeeded', async () => (await log.locator('[data-testid=delivery-row][data-status=succeeded]').count()) === 2, 30_000, 200);
    assert.equal(receiver.at('/hook').length, 3);
    assert.ok(signatureOk(receiver.at('/hook')[2], secret));

    // Edit: events and enabled are saved.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByTestId('integration-editor');
    await edit.getByRole('checkbox', { name: /Backup failed/ }).check();
    await edit.getByRole('checkbox', { name: 'Enabled' }).uncheck();
    await edit.getByRole('button', { name: 'Save integration' }).click();
    await edit.waitFor({ state: 'detached' });
    const changed = (await req('GET', `/integration/${created.id}`)).body.data;
    assert.equal(changed.enabled, false);
    assert.ok(changed.events.includes('backup.failed'));

    await phoneCheck('/integrations', 'integration-table', 'phone-integrations');

    await row.getByRole('button', { name: 'Delete' }).click();
    await confirmDialog('Delete');
    await row.waitFor({ state: 'detached' });
    assert.equal((await req('GET', `/integration/${created.id}`)).status, 404);
  });

  it('webhook tokens: the secret and both receiver URLs shown once; listed; revoked after a confirmation', async () => {
    await go('/integrations');
    const card = page.getByTestId('webhook-tokens');
    await card.getByLabel('Token name').fill('GitHub main');
    await card.getByRole('button', { name: 'Create webhook token' }).click();
    await card.getByTestId('webhook-token-secret').waitFor();
    const [token] = (await req('POST', '/webhooktoken/search', {})).body.data;
    assert.equal((await card.getByTestId('github-url').innerText()).trim(), token.githubUrl);
    assert.equal((await card.getByTestId('gitlab-url').innerText()).trim(), token.gitlabUrl);
    assert.equal(token.githubUrl, `https://outpost.example.com/webhooks/github/${token.id}`);
    const secret = (await card.getByTestId('webhook-secret').innerText()).trim();
    assert.ok(secret.length >= 16 && !JSON.stringify(token).includes(secret));
    await shot('webhook-token-created');
    await card.getByRole('button', { name: 'Done' }).click();
    const row = card.locator('[data-testid=webhook-token-row][data-name="GitHub main"]');
    await row.waitFor();
    assert.equal(await page.getByText(secret).count(), 0);
    await row.getByRole('button', { name: 'Events' }).click();
    await card.getByTestId('webhook-events').getByText('Nothing received yet.').waitFor();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await confirmDialog('Revoke');
    await row.waitFor({ state: 'detached' });
    assert.equal((await req('GET', `/webhooktoken/${token.id}`)).status, 404);
  });

  it('deploy tab: saves a git config (token write-only), a sync of an unreachable repository fails visibly; read-only for a viewer', async () => {
    await go(`/servers/${serverId}/deploy`);
    const tab = page.getByTestId('server-deploy');
    await tab.waitFor();
    await tab.getByLabel('Repository URL').fill('git://127.0.0.1:9/x.git');
    await tab.getByLabel('Branch').fill('main');
    await tab.getByLabel('Target directory on the server').fill('plugins');
    await tab.getByLabel(/Access token/).fill('tok-secret-123');
    await tab.getByRole('checkbox', { name: /Restart on sync/ }).check();
    await tab.getByRole('button', { name: 'Set up git deploy' }).click();
    await tab.getByTestId('deploy-saved').waitFor();
    const cfg = (await req('GET', `/gameserver/${serverId}/git`)).body.data.config;
    assert.deepEqual([cfg.url, cfg.branch, cfg.targetDirectory, cfg.restartOnSync, cfg.autoDeploy, cfg.hasToken], ['git://127.0.0.1:9/x.git', 'main', 'plugins', true, true, true]);
    assert.equal(await tab.getByLabel(/Access token/).inputValue(), '', 'the token is not shown back');
    await see('A token is set. Leave empty to keep it.');

    // Nothing listens on port 9: the sync fails and says so, in the status and the history.
    await tab.getByRole('button', { name: 'Sync now' }).click();
    const syncRow = tab.locator('[data-testid=sync-row][data-status=failed]');
    await syncRow.waitFor({ timeout: 30_000 });
    assert.equal((await req('GET', `/gameserver/${serverId}/git/syncs`)).body.data[0].status, 'failed');
    await shot('server-deploy');
    await phoneCheck(`/servers/${serverId}/deploy`, 'server-deploy', 'phone-server-deploy');

    // A viewer sees the settings, cannot change them, and has no Integrations page in the menu.
    // Its own context: the session lives in localStorage, which pages of one context share.
    const viewerCtx = await browser.newContext({ viewport: DESKTOP });
    const other = await viewerCtx.newPage();
    try {
      recordNativeDialogs(other, nativeDialogs);
      await signIn(other, viewer);
      await go(`/servers/${serverId}/deploy`, other);
      await other.getByTestId('deploy-readonly').waitFor();
      assert.equal(await other.getByLabel('Repository URL').isDisabled(), true);
      assert.equal(await other.getByLabel('Repository URL').inputValue(), 'git://127.0.0.1:9/x.git');
      assert.equal(await other.getByRole('button', { name: 'Sync now' }).count(), 0);
      assert.equal(await other.getByRole('link', { name: 'Integrations', exact: true }).count(), 0);
      assert.equal(await other.getByRole('link', { name: 'Alerts', exact: true }).count(), 1);
    } finally {
      await viewerCtx.close();
    }
  });

  it('audit export: the CSV download of the current filters starts with its header; no native dialog was used', async () => {
    await go('/audit');
    await page.getByTestId('audit-group').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }).catch(async (e) => {
        throw new Error(`${String(e)}; page says: ${await page.locator('main').innerText()}`);
      }),
      page.getByTestId('audit-export-csv').click(),
    ]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    assert.match(header, /^id,createdAt,domainId,/);
    assert.ok(rows.length > 0, 'this test made audited changes');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-json').click()]);
    const parsed = JSON.parse(readFileSync(await json.path(), 'utf8')) as Array<{ action: string }>;
    assert.ok(parsed.length > 0 && parsed.every((r) => typeof r.action === 'string'), 'the JSON export is an array of audit rows');
    await shot('audit-export');
    assert.deepEqual(nativeDialogs, [], 'no native dialog');
  });
});

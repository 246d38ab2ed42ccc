import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { startS3Server, S3TestServer } from '../helpers/s3-server';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, DESKTOP, launchDashboardBrowser } from '../helpers/browser';

/**
 * The Backups and Schedules tabs of the server page and the backup storage page: the real built
 * dashboard (web/dist) in Chromium, against the real API, a real agent and real Docker.
 * Screenshots go to <repo>/screenshots/.
 */
const SERVER_NAME = 'Browser Echo';

/** What the dashboard's `bytes()` shows. */
function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

describe('dashboard: backups, schedules and backup storage in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  let scheduler: Session;
  let node: RunningNode;
  let serverId: string;
  let s3: S3TestServer | undefined;

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const { shot, see, confirmDialog, signIn, go, phoneCheck: phoneCheckAs } = dashboardPage(() => ({ page, url }));
  const write = async (path: string, content: string) => {
    const r = await req('PUT', `/gameserver/${serverId}/files/content`, { path, content });
    assert.equal(r.status, 200, r.text);
  };
  const read = async (path: string) => (await req('GET', `/gameserver/${serverId}/files/content?path=${encodeURIComponent(path)}`)).body.data.content as string;
  const backupRow = (name: string, p: Page = page) => p.locator(`[data-testid=backup-row][data-name="${name}"]`);
  /** Opens a page at 390 px, checks nothing scrolls sideways, and keeps a screenshot. */
  const phoneCheck = (path: string, testId: string, name: string, who: Session = admin) => phoneCheckAs(ctx, path, testId, name, who);

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp({ BACKUP_LEASE_MS: '2000', BACKUP_SWEEP_MS: '500' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Backup Guild');
    // May see and edit schedules and send console commands, but not start/stop the server.
    const role = await req('POST', '/role', { name: 'Schedulers', permissions: ['gameserver.read', 'gameserver.console', 'schedules.read', 'schedules.manage', 'backups.read'] });
    assert.equal(role.status, 201, role.text);
    scheduler = await createMember(t, admin, admin.domainId, 'scheduler', 'Schedulers');
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, SERVER_NAME);
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    page = await ctx.newPage();
    await signIn(page, admin);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    if (admin) await removeDomainContainers(admin.domainId).catch(() => undefined);
    await node?.stop().catch(() => undefined);
    await s3?.stop().catch(() => undefined);
    await t?.close();
  });

  it('backups tab: create → completed with its size; the limit; lock disables delete; restore confirms what it replaces and brings the files back; download; delete', async () => {
    await write('world/level.txt', 'before the backup\n');
    await write('logs/latest.log', 'ignored\n');
    await go(`/servers/${serverId}/backups`);
    const tab = page.getByTestId('backups');
    await tab.waitFor();
    await see('No backups of Browser Echo yet.');
    assert.equal((await page.getByTestId('backup-limit').innerText()).startsWith('0 of 10 backups'), true, await page.getByTestId('backup-limit').innerText());

    // Create, with an ignore pattern: the row appears, shows progress, and reaches completed with a size.
    await tab.getByRole('button', { name: 'Create backup' }).click();
    await page.getByLabel('Backup name').fill('Before update');
    await page.getByLabel('Ignored files').fill('logs/\n\n*.tmp\n');
    await tab.getByRole('button', { name: 'Start backup' }).click();
    const row = backupRow('Before update');
    await row.waitFor();
    const b = await waitFor(
      'backup finished in the API',
      async () => {
        const made = (await req('POST', '/backup/search', { filters: { gameserverId: [serverId] } })).body.data;
        assert.equal(made.length, 1);
        return made[0].state !== 'creating' && made[0];
      },
      90_000,
      250,
    );
    assert.equal(b.state, 'completed', JSON.stringify(b));
    await waitFor('backup completed in the tab', async () => (await row.getByTestId('backup-state').innerText()).trim().toLowerCase() === 'completed', 15_000, 250);
    assert.deepEqual(b.ignore, ['logs/', '*.tmp']);
    assert.ok(b.sizeBytes > 0, 'a size was recorded');
    assert.equal((await row.getByTestId('backup-size').innerText()).trim(), humanBytes(b.sizeBytes));
    await waitFor('limit counts the backup', async () => (await page.getByTestId('backup-limit').innerText()).startsWith('1 of 10 backups'));
    await shot('server-backups');

    // Lock: the lock icon shows and Delete is disabled with a reason; the API agrees.
    await row.getByRole('button', { name: 'Lock', exact: true }).click();
    await row.getByTestId('locked').waitFor();
    const del = row.getByRole('button', { name: 'Delete' });
    assert.equal(await del.isDisabled(), true, 'delete disabled while locked');
    assert.match((await del.locator('..').getAttribute('title')) ?? '', /Locked backups cannot be deleted/);
    assert.equal((await req('GET', `/backup/${b.id}`)).body.data.locked, true);

    // Change the file after the backup, then restore: the dialog names the backup, its date and the server.
    await write('world/level.txt', 'changed after the backup\n');
    await row.getByRole('button', { name: 'Restore' }).click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.waitFor();
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Restore “Before update”\?/);
    assert.match(text, /All current files of Browser Echo will be replaced by the files in this backup/);
    assert.match(text, /stopped for the restore and started again/);
    const created = new Date(b.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    assert.ok(text.includes(`made on ${created}`), `the dialog names the backup's date (${created}): ${text}`);
    await shot('server-backups-restore-dialog');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await req('GET', `/backup/${b.id}`)).body.data.restoreState, null);
    await row.getByRole('button', { name: 'Restore' }).click();
    await dialog.getByRole('button', { name: 'Replace all files' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitFor(
      'restored in the tab',
      async () =>
        /^Restored /.test(
          (
            await row
              .getByTestId('restore-state')
              .innerText()
              .catch(() => '')
          ).trim(),
        ),
      90_000,
      250,
    );
    assert.equal((await req('GET', `/backup/${b.id}`)).body.data.restoreState, 'restored');
    assert.equal(await read('world/level.txt'), 'before the backup\n', 'the file is back to its content at backup time');

    // Download: the one-use link is opened and the browser saves the archive.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download' }).click()]);
    assert.match(download.suggestedFilename(), /\.tar\.gz$/);
    assert.equal(statSync(await download.path()).size, b.sizeBytes, 'the downloaded archive has the recorded size');

    await phoneCheck(`/servers/${serverId}/backups`, 'backup-table', 'phone-server-backups');

    // Unlock, then delete (confirmed): gone from the tab and the API.
    await row.getByRole('button', { name: 'Unlock' }).click();
    await row.getByTestId('locked').waitFor({ state: 'detached' });
    await waitFor('delete enabled', () => row.getByRole('button', { name: 'Delete' }).isEnabled());
    await row.getByRole('button', { name: 'Delete' }).click();
    await confirmDialog('Delete');
    await row.waitFor({ state: 'detached' });
    assert.equal((await req('GET', `/backup/${b.id}`)).status, 404);
  });

  it('schedules tab: live cron preview, invalid cron refused, create with ordered tasks, enable toggle, run now and its history', async () => {
    await go(`/servers/${serverId}/schedules`);
    await page.getByTestId('schedules').waitFor();
    await see('No schedules yet.');
    await page.getByRole('button', { name: 'New schedule' }).click();
    const editor = page.getByTestId('schedule-editor');
    const save = editor.getByRole('button', { name: 'Create schedule' });
    const preview = editor.getByTestId('cron-preview');
    await editor.getByLabel('Schedule name').fill('Nightly announce');
    await editor.getByLabel('Cron expression').fill('0 4 * * *');
    assert.equal(await preview.innerText(), 'At 04:00 AM (UTC)');
    await editor.getByLabel('Timezone').selectOption('Europe/Amsterdam');
    assert.equal(await preview.innerText(), 'At 04:00 AM (Europe/Amsterdam)');

    // Invalid expressions: said at once, and Save is disabled.
    await editor.getByLabel('Cron expression').fill('0 4 * *');
    await see('has 5 fields (minute hour day month weekday) or 6 with seconds first; this one has 4');
    assert.equal(await preview.count(), 0);
    assert.equal(await save.isDisabled(), true);
    await editor.getByLabel('Cron expression').fill('99 4 * * *');
    await see(/^Invalid cron expression: /);
    assert.equal(await save.isDisabled(), true);
    await shot('server-schedules-invalid-cron');

    // Every second is a valid expression the API refuses: its message is shown.
    await editor.getByLabel('Cron expression').fill('* * * * * *');
    await editor.getByLabel('Task 1 command').fill('say first');
    await save.click();
    // The API's refusal names the cron field: it shows once, under that field (not in a banner as well).
    const cronError = editor.locator('.field', { has: page.getByLabel('Cron expression') }).locator('.field-error');
    await cronError.filter({ hasText: /schedules may fire at most once every \d+ s/ }).waitFor();
    const refused = await req('POST', '/schedule', { gameserverId: serverId, name: 'x', cron: '* * * * * *', tasks: [{ action: 'command', command: 'say first' }] });
    assert.equal(refused.status, 400, refused.text);
    const detail = (refused.body.meta.error.details as Array<{ path: string; message: string }>).find((d) => d.path === 'cron');
    assert.ok(detail, refused.text);
    assert.ok((await cronError.innerText()).includes(detail.message), 'the API message is shown under the cron field');
    assert.equal(await editor.locator('.alert-error').count(), 0, 'and not repeated in a banner');

    // Three tasks; the third moved up to second place.
    await editor.getByLabel('Cron expression').fill('0 4 * * *');
    await editor.getByRole('button', { name: 'Add task' }).click();
    await editor.getByLabel('Task 2 command').fill('say third');
    await editor.getByRole('button', { name: 'Add task' }).click();
    await editor.getByLabel('Task 3 command').fill('say second');
    await editor.getByLabel('Task 3 delay').fill('1');
    await editor.getByRole('button', { name: 'Move task 3 up' }).click();
    assert.equal(await editor.getByLabel('Task 2 command').inputValue(), 'say second');
    await shot('server-schedules-editor');
    await save.click();
    await editor.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=schedule-row][data-name="Nightly announce"]');
    await row.waitFor();
    const saved = (await req('POST', '/schedule/search', { filters: { gameserverId: [serverId] } })).body.data[0];
    assert.equal(saved.cron, '0 4 * * *');
    assert.equal(saved.timezone, 'Europe/Amsterdam');
    assert.deepEqual(
      saved.tasks.map((x: { command: string; delaySeconds: number }) => [x.command, x.delaySeconds]),
      [
        ['say first', 0],
        ['say second', 1],
        ['say third', 0],
      ],
    );
    assert.ok(saved.nextRunAt, 'a next run time');
    assert.equal((await row.getByTestId('schedule-description').innerText()).trim(), saved.description);
    assert.equal((await row.getByTestId('next-run').innerText()).trim(), new Date(saved.nextRunAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));

    // Disable and enable again from the list.
    await row.getByLabel('Enable Nightly announce').click();
    await waitFor('disabled in the API', async () => (await req('GET', `/schedule/${saved.id}`)).body.data.enabled === false);
    await waitFor('row says disabled', async () => (await row.getByTestId('next-run').innerText()).trim() === 'disabled');
    await row.getByLabel('Enable Nightly announce').click();
    await waitFor('enabled in the API', async () => (await req('GET', `/schedule/${saved.id}`)).body.data.enabled === true);

    // Run now: a manual run appears in the history and completes.
    await row.getByRole('button', { name: 'Run now' }).click();
    const history = page.getByTestId('run-history');
    await history.waitFor();
    await history.getByTestId('run-row').first().waitFor();
    await waitFor('run completed in the history', async () => (await history.getByTestId('run-status').first().innerText()).trim().toLowerCase() === 'completed', 60_000, 250);
    const runs = (await req('POST', '/schedule-run/search', { filters: { scheduleId: [saved.id] } })).body.data;
    assert.equal(runs.length, 1);
    assert.equal(runs[0].trigger, 'manual');
    assert.equal(runs[0].status, 'completed');
    assert.match(await history.getByTestId('run-row').first().innerText(), /manual/);
    await waitFor('last run on the row', async () => (await row.getByTestId('run-status').innerText()).trim().toLowerCase() === 'completed');
    await shot('server-schedules');
    await phoneCheck(`/servers/${serverId}/schedules`, 'schedule-table', 'phone-server-schedules');
  });

  it('a member without gameserver.control who adds a power task sees the API’s 403 naming the missing permission', async () => {
    // Its own context: localStorage (the session) is shared by the pages of one context.
    const other = await browser.newContext({ viewport: DESKTOP });
    const p = await other.newPage();
    try {
      await signIn(p, scheduler);
      await go(`/servers/${serverId}/schedules`, p);
      await p.getByTestId('schedule-table').waitFor();
      // No backups.manage: the backups tab lists but offers no actions.
      await p.getByRole('button', { name: 'New schedule' }).click();
      const editor = p.getByTestId('schedule-editor');
      await editor.getByLabel('Schedule name').fill('Restart at four');
      await editor.getByLabel('Cron expression').fill('0 4 * * *');
      await editor.getByLabel('Task 1 action').selectOption('power');
      await editor.getByLabel('Task 1 power').selectOption('restart');
      await editor.getByTestId('task-permission-note').waitFor();
      await editor.getByRole('button', { name: 'Create schedule' }).click();
      await editor.getByText('Could not save the schedule').waitFor();
      const api = await t.request('POST', '/schedule', {
        token: scheduler.token,
        domain: scheduler.domainId,
        body: {
          gameserverId: serverId,
          name: 'Restart at four',
          cron: '0 4 * * *',
          timezone: 'UTC',
          enabled: true,
          onlyWhenRunning: false,
          tasks: [{ action: 'power', power: 'restart', delaySeconds: 0 }],
        },
      });
      assert.equal(api.status, 403, api.text);
      assert.equal(api.body.meta.error.code, 'ForbiddenError');
      assert.match(api.body.meta.error.message, /missing gameserver\.control/);
      const shown = await editor.locator('.alert-error').innerText();
      assert.ok(shown.includes(api.body.meta.error.message), `the 403 message is shown: ${shown}`);
      await shot('server-schedules-forbidden', p);
      assert.equal((await req('POST', '/schedule/search', { filters: { gameserverId: [serverId], name: ['Restart at four'] } })).body.data.length, 0);

      // Backups tab: listed for backups.read, but no create/restore/delete without backups.manage.
      await go(`/servers/${serverId}/backups`, p);
      await p.getByTestId('backups').waitFor();
      assert.equal(await p.getByRole('button', { name: 'Create backup' }).count(), 0);
      assert.equal(await p.getByRole('link', { name: 'Backup storage' }).count(), 0, 'no backup storage link without backups.manage');
    } finally {
      await other.close();
    }
  });

  it('backup storage page: local target with limits (shown on the tab), S3 with a connection test and kept secret on edit, delete refused while backups use it', async () => {
    await go('/servers');
    await page.getByRole('link', { name: 'Backup storage' }).click();
    await page.waitForURL(/\/backup-storage$/);
    await see('Nothing configured');
    await page.getByRole('button', { name: 'Add storage' }).click();
    const editor = page.getByTestId('backup-config-editor');
    await editor.getByLabel('Storage name').fill('Node disk, five max');
    await editor.getByLabel('Max backups per server').fill('5');
    await editor.getByLabel('Keep last').fill('3');
    await editor.getByRole('button', { name: 'Add storage' }).click();
    await editor.waitFor({ state: 'detached' });
    const local = page.locator('[data-testid=backup-config-row][data-name="Node disk, five max"]');
    await local.getByText('active').waitFor();
    await waitFor('target card names it', async () => (await page.getByTestId('backup-target').innerText()).includes('Node disk, five max'));
    assert.match(await page.getByTestId('backup-target').innerText(), /max 5 per server · keep last 3/);
    await local.getByRole('button', { name: 'Test' }).click();
    await local.getByTestId('test-result').waitFor();
    const localId = (await req('GET', '/backup-config/active')).body.data.configId as string;
    assert.equal((await local.getByTestId('test-result').innerText()).trim(), `✓ ${(await req('POST', `/backup-config/${localId}/test`)).body.data.message}`);

    // S3 against a real local S3 server: an unknown key id fails the test with the service's message.
    s3 = await startS3Server('ui-backups');
    await page.getByRole('button', { name: 'Add storage' }).click();
    await editor.getByLabel('Storage name').fill('Offsite S3');
    await editor.locator('[name=configKind]').selectOption('s3');
    await editor.locator('[name=endpoint]').fill(s3.endpoint);
    await editor.locator('[name=bucket]').fill(s3.bucket);
    await editor.locator('[name=prefix]').fill('outpost/');
    await editor.locator('[name=accessKeyId]').fill('UNKNOWNKEYID0001');
    await editor.locator('[name=secretAccessKey]').fill(s3.secretAccessKey);
    await editor.locator('input[name=activate]').uncheck();
    await shot('backup-storage-editor');
    await editor.getByRole('button', { name: 'Add storage' }).click();
    await editor.waitFor({ state: 'detached' });
    const remote = page.locator('[data-testid=backup-config-row][data-name="Offsite S3"]');
    await remote.waitFor();
    assert.equal(await remote.getByText('active').count(), 0, 'not activated');
    await remote.getByRole('button', { name: 'Test' }).click();
    await waitFor(
      'failed test shown',
      async () =>
        (
          await remote
            .getByTestId('test-result')
            .innerText()
            .catch(() => '')
        ).startsWith('✗ '),
      30_000,
    );
    const configs = (await req('POST', '/backup-config/search', { filters: { name: ['Offsite S3'] } })).body.data;
    const s3Id = configs[0].id as string;
    assert.equal(configs[0].hasCredentials, true);
    assert.equal(configs[0].accessKeyIdLast4, '0001');
    assert.equal(JSON.stringify(configs[0]).includes(s3.secretAccessKey), false, 'the secret is never returned');

    // Edit: the secret field starts empty; a key id alone is refused (the API's field message), both replace the pair.
    await remote.getByRole('button', { name: 'Edit' }).click();
    assert.equal(await editor.locator('[name=secretAccessKey]').inputValue(), '');
    assert.equal(await editor.locator('[name=bucket]').inputValue(), s3.bucket);
    await editor.locator('[name=accessKeyId]').fill(s3.accessKeyId);
    await editor.getByRole('button', { name: 'Save storage' }).click();
    await editor.getByText('accessKeyId and secretAccessKey are replaced together').first().waitFor();
    await editor.locator('[name=secretAccessKey]').fill(s3.secretAccessKey);
    await editor.getByRole('button', { name: 'Save storage' }).click();
    await editor.waitFor({ state: 'detached' });
    await remote.getByRole('button', { name: 'Test' }).click();
    await waitFor(
      'passing test shown',
      async () =>
        (
          await remote
            .getByTestId('test-result')
            .innerText()
            .catch(() => '')
        ).startsWith('✓ '),
      30_000,
    );
    // Edit again with both credential fields empty: the stored pair is kept and the test still passes.
    await remote.getByRole('button', { name: 'Edit' }).click();
    await editor.locator('[name=prefix]').fill('outpost/ui/');
    await editor.getByRole('button', { name: 'Save storage' }).click();
    await editor.waitFor({ state: 'detached' });
    const edited = (await req('GET', `/backup-config/${s3Id}`)).body.data;
    assert.equal(edited.prefix, 'outpost/ui/');
    assert.equal(edited.accessKeyIdLast4, 'RVER');
    await remote.getByRole('button', { name: 'Test' }).click();
    await waitFor(
      'passing test shown again',
      async () =>
        (
          await remote
            .getByTestId('test-result')
            .innerText()
            .catch(() => '')
        ).startsWith('✓ '),
      30_000,
    );
    assert.equal((await req('POST', `/backup-config/${s3Id}/test`)).body.data.ok, true);

    // A backup made with the local target: deleting that target is refused with the API's 409 message.
    const made = await req('POST', '/backup', { gameserverId: serverId, name: 'With the local target' });
    assert.equal(made.status, 202, made.text);
    await waitFor('backup completed', async () => (await req('GET', `/backup/${made.body.data.id}`)).body.data.state === 'completed', 90_000, 250);
    await local.getByRole('button', { name: 'Delete' }).click();
    await confirmDialog('Delete');
    await see('Could not delete the backup storage');
    const conflict = await req('DELETE', `/backup-config/${localId}`);
    assert.equal(conflict.status, 409, conflict.text);
    assert.ok((await page.locator('.alert-error').first().innerText()).includes(conflict.body.meta.error.message), 'the 409 message is shown');
    await shot('backup-storage');
    await phoneCheck('/backup-storage', 'backup-config-table', 'phone-backup-storage');

    // The tab shows the active target's limit.
    await go(`/servers/${serverId}/backups`);
    await waitFor('limit of the active target', async () =>
      (
        await page
          .getByTestId('backup-limit')
          .innerText()
          .catch(() => '')
      ).startsWith('1 of 5 backups'),
    );

    // Activate S3 from the page: the target follows.
    await go('/backup-storage');
    await remote.getByRole('button', { name: 'Activate' }).click();
    await remote.getByText('active').waitFor();
    assert.equal((await req('GET', '/backup-config/active')).body.data.configId, s3Id);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, dashboardPage, launchDashboardBrowser, PHONE, recordNativeDialogs, ROOT, shot as screenshot } from '../helpers/browser';

/**
 * The real built dashboard (web/dist, served by the API at /) in Debian's Chromium, against the
 * real API on a throwaway PostgreSQL database. Screenshots go to <repo>/screenshots/.
 */
const PASSWORD = 'a-long-password-1';
/** This file's screenshots are 60 px taller than the shared DESKTOP. */
const DESKTOP = { width: 1280, height: 860 };

describe('web dashboard in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const cleanups: Array<() => Promise<unknown>> = [];
  const domains = { alpha: '', beta: '' };
  /** Token of the signed-in admin, read from the dashboard's own storage, for API-side checks. */
  const apiAs = async (method: string, path: string, domain: string, body?: unknown) => {
    const stored = await readSession();
    return t.request(method, path, { token: stored.token, domain, body });
  };

  const { readSession, shot, see, confirmDialog, go } = dashboardPage(() => ({ page, url }));
  const mainText = async () => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const currentDomain = async () => (await page.getByTestId('current-domain').innerText()).trim();
  const switchTo = async (name: string) => {
    const select = page.getByTestId('domain-select');
    const value = await select.locator('option', { hasText: name }).getAttribute('value');
    await select.selectOption(value);
    await waitFor(`domain ${name} selected`, async () => (await currentDomain()) === name && (await select.inputValue()) === value, 10_000);
  };

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    page = await ctx.newPage();
    // The dashboard asks in-page (confirm-dialog / prompt-dialog); a native dialog is a regression.
    recordNativeDialogs(page, nativeDialogs);
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await t?.close();
  });
  const nativeDialogs: string[] = [];

  it('serves the dashboard at / with an SPA fallback, and API 404s stay JSON envelopes', async () => {
    const home = await fetch(`${url}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await home.text(), /<div id="root">/);
    const deep = await fetch(`${url}/servers/123/files`, { headers: { accept: 'text/html' } });
    assert.equal(deep.status, 200, 'deep link gets index.html');
    const api404 = await fetch(`${url}/node/00000000-0000-0000-0000-000000000000/nope`, { headers: { accept: 'text/html' } });
    assert.equal(api404.status, 404);
    assert.equal(((await api404.json()) as any).meta.error.code, 'NotFoundError');
    const json404 = await fetch(`${url}/no-such-page`);
    assert.equal(json404.status, 404);
    assert.equal(((await json404.json()) as any).meta.error.code, 'NotFoundError');
    const asset = await fetch(`${url}/assets/missing.js`, { headers: { accept: 'text/html' } });
    assert.equal(asset.status, 404, 'missing assets are not answered with index.html');
  });

  it('first run: creates the administrator and first domain, then shows the dashboard', async () => {
    await page.goto(`${url}/`);
    await see('Welcome to Outpost');
    await shot('first-run');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Email').fill('admin@example.com');
    // A validation error from the API's envelope is shown to the user.
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('First domain name').fill('Alpha Guild');
    await page.locator('input[name=password]').evaluate((el) => el.removeAttribute('minlength'));
    await page.getByRole('button', { name: 'Create administrator' }).click();
    // Shown once, under its field, as a sentence (not also in a banner).
    await see('Password must be at least 10 characters');
    assert.equal(await page.locator('.alert-error').count(), 0);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByTestId('current-domain').waitFor();
    assert.equal(await currentDomain(), 'Alpha Guild');
    assert.equal((await t.request('GET', '/auth/bootstrap/status')).body.data.needed, false);
  });

  it('logs out and signs in again; a wrong password shows the API error', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await see('Sign in');
    assert.match(page.url(), /\/sign-in$/);
    const stored = await readSession();
    assert.equal(stored.token, undefined, 'tokens dropped on logout');
    await page.getByLabel('Username or email').fill('admin');
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see('Could not sign in');
    await shot('login');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-domain').waitFor();
    assert.equal(await currentDomain(), 'Alpha Guild');
    const me = await apiAs('GET', '/me', '');
    domains.alpha = me.body.data.domains.find((d: { name: string }) => d.name === 'Alpha Guild').id;
  });

  it('refreshes an expired session on a 401 and retries the call', async () => {
    await page.evaluate(`localStorage.setItem('outpost.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('outpost.session')), token: 'expired.token.value' }))`);
    await go('/roles');
    await see('Owner');
    const stored = await readSession();
    assert.notEqual(stored.token, 'expired.token.value', 'a new access token was stored');
    assert.equal((await t.request('GET', '/me', { token: stored.token })).status, 200);
  });

  it('creates a second domain and each domain shows only its own roles, members and nodes', async () => {
    // Alpha: a custom role.
    await go('/roles');
    await page.getByRole('button', { name: 'New role' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Alpha Moderators');
    await page.locator('input[name="perm-gameserver.console"]').check();
    await page.locator('input[name="perm-members.read"]').check();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByTestId('roles-table').getByText('Alpha Moderators').waitFor();
    await shot('roles');

    // Second domain, switched to on creation.
    await page.getByRole('link', { name: '+ Domain' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Beta Builders');
    await page.getByRole('button', { name: 'Create domain' }).click();
    await waitFor('Beta selected', async () => (await currentDomain()) === 'Beta Builders');
    domains.beta = (await apiAs('GET', '/me', '')).body.data.domains.find((d: { name: string }) => d.name === 'Beta Builders').id;
    assert.ok(domains.beta && domains.beta !== domains.alpha);

    // Beta: a different role and an invitation.
    await go('/roles');
    await page.getByTestId('roles-table').getByText('Owner').waitFor();
    assert.ok(!(await mainText()).includes('Alpha Moderators'), "Alpha's role is not listed in Beta");
    await page.getByRole('button', { name: 'New role' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Beta Architects');
    await page.locator('input[name="perm-files.write"]').check();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByTestId('roles-table').getByText('Beta Architects').waitFor();

    await go('/members');
    await page.getByLabel('Email').fill('builder@example.com');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByTestId('secret').waitFor();
    const invite = (await page.locator('.secret-value').innerText()).trim();
    assert.ok(invite.length > 20, 'invite token shown');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('members-table').getByText('builder@example.com').waitFor();
    await shot('members');

    // Switch back to Alpha: only Alpha's data.
    await switchTo('Alpha Guild');
    await go('/roles');
    await page.getByTestId('roles-table').getByText('Alpha Moderators').waitFor();
    assert.ok(!(await mainText()).includes('Beta Architects'), "Beta's role is not listed in Alpha");
    await go('/members');
    await page.getByTestId('members-table').getByText('admin@example.com').waitFor();
    assert.ok(!(await mainText()).includes('builder@example.com'), "Beta's invitation is not listed in Alpha");
    // The explicit header and the cookie agree with what the UI shows.
    const cookies = await ctx.cookies(url);
    assert.equal(cookies.find((c) => c.name === 'takaro-domain')?.value, domains.alpha);
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/membership/search')), page.reload()]);
    assert.equal(request.headers()['x-takaro-domain'], domains.alpha, 'x-takaro-domain is sent explicitly');
    await page.getByTestId('members-table').waitFor();
  });

  it('members: change a role in the table and see it stick', async () => {
    await switchTo('Beta Builders');
    await go('/members');
    const row = page.getByTestId('members-table').locator('tr', { hasText: 'builder@example.com' });
    await row.getByLabel('Role').selectOption({ label: 'Beta Architects' });
    await waitFor('role changed in the API', async () => {
      const r = await apiAs('POST', '/membership/search', domains.beta, { extend: ['role'] });
      return r.body.data.some((m: { inviteEmail: string; role?: { name: string } }) => m.inviteEmail === 'builder@example.com' && m.role?.name === 'Beta Architects');
    });
  });

  it('API tokens: the secret is shown once with a working copy button, then listed by prefix and revocable', async () => {
    await go('/tokens');
    await see('No API tokens yet');
    await page.getByLabel('Name', { exact: true }).fill('deploy bot');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('secret').waitFor();
    const secret = (await page.locator('.secret-value').innerText()).trim();
    await page.getByTestId('secret').getByRole('button', { name: 'Copy' }).click();
    await see('Copied ✓');
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret, 'copied to the clipboard');
    await shot('tokens-secret');
    // The token works against the real API, in Beta.
    const viaToken = await t.request('POST', '/role/search', { token: secret, domain: domains.beta, body: {} });
    assert.equal(viaToken.status, 200, viaToken.text);
    assert.ok(viaToken.body.data.some((r: { name: string }) => r.name === 'Beta Architects'));
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('tokens-table').locator('tr', { hasText: 'deploy bot' });
    await row.waitFor();
    assert.ok(!(await mainText()).includes(secret), 'the secret is not shown again');
    assert.ok((await row.innerText()).includes(secret.slice(0, 8)), 'listed by its prefix');
    await shot('tokens');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await confirmDialog('Revoke');
    await row.getByText('revoked').waitFor();
    assert.equal((await t.request('POST', '/role/search', { token: secret, domain: domains.beta, body: {} })).status, 401);
  });

  it('nodes: create one, see the register command once (copyable), and another domain does not see it', async () => {
    await switchTo('Alpha Guild');
    await go('/nodes');
    await see('No nodes in this domain yet');
    await page.getByRole('button', { name: 'Add node' }).click();
    await page.getByLabel('Name', { exact: true }).fill('alpha-box-1');
    await page.getByLabel('Public address').fill('127.0.0.1');
    await page.getByLabel('Memory (MiB)').fill('1');
    await page.getByRole('button', { name: 'Create node' }).click();
    await see(/^Memory must be at least \d+ MiB$/);
    assert.ok(await page.locator('.field-invalid input[name=node-memory]').isVisible(), 'the memory field shows the validation detail');
    await page.getByLabel('Memory (MiB)').fill('4096');
    await page.getByLabel('Location', { exact: true }).fill('Frankfurt');
    await page.getByRole('button', { name: 'Create node' }).click();
    await page.getByTestId('register-commands').waitFor();
    const command = (await page.getByTestId('register-option-script').locator('.register-text').innerText()).trim();
    assert.match(command, /\/agent\/install\.sh \| OUTPOST_TOKEN=outpost_reg_\S+ sh -s -- --url \S+ --data-dir \//);
    await page.getByTestId('node-card').getByText('alpha-box-1').waitFor();
    assert.match(await page.getByTestId('node-card').innerText(), /pending/i);
    await shot('nodes-register');
    registerCommand = command;
    await page.getByRole('button', { name: 'Done' }).click();
    assert.ok(!(await mainText()).includes(command), 'command shown once');

    await switchTo('Beta Builders');
    await go('/nodes');
    await see('No nodes in this domain yet');
    assert.ok(!(await mainText()).includes('alpha-box-1'));
  });
  let registerCommand = '';

  it('audit log lists the actions taken, newest first', async () => {
    await switchTo('Alpha Guild');
    await go('/audit');
    await page.getByTestId('audit-table').waitFor();
    const text = await mainText();
    for (const action of ['node.create', 'role.create', 'auth.selectDomain']) assert.ok(text.includes(action), `audit shows ${action}`);
    // Newest first: the entries' times never increase down the list, and the node made last is above the role made earlier.
    const entries = page.getByTestId('audit-table').getByTestId('audit-entry');
    const times = await entries.locator('time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime') ?? '')));
    assert.ok(times.length >= 3 && times.every((x) => !Number.isNaN(x)), `entries carry their times: ${times.join(', ')}`);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] <= times[i - 1], `entry ${i} (${new Date(times[i]).toISOString()}) is not newer than the one above it`);
    const actions = await entries.evaluateAll((es) => es.map((e) => e.getAttribute('data-action')));
    const nodeAt = actions.indexOf('node.create');
    assert.ok(nodeAt >= 0 && nodeAt < actions.lastIndexOf('role.create'), `node.create (newest) is listed above role.create: ${actions.join(', ')}`);
    await shot('audit');
  });

  it('game servers: a domain without servers says so', async () => {
    await go('/servers');
    await see('No game servers in this domain yet');
    await shot('servers-empty');
  });

  it('creates and starts a server from a template, runs console commands, uploads and edits a file', async () => {
    await runServerFlow();
  });

  async function runServerFlow() {
    const { ensureTestImages } = await import('@libs/container-driver/test-images');
    const { Agent } = await import('../../src/agent/agent');
    await ensureTestImages();
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-web-agent-'));
    const token = /OUTPOST_TOKEN=(\S+)/.exec(registerCommand)![1];
    const agent = new Agent({ url, token, dataDir, heartbeatIntervalMs: 500, metricsIntervalMs: 1000, serverStatsIntervalMs: 1000 });
    cleanups.push(async () => {
      await agent.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    await agent.start();
    await go('/nodes');
    await page.getByTestId('node-card').getByText('online').waitFor({ timeout: 30_000 });
    await shot('nodes');

    // Create from the built-in echo-server template, with its variables as a form.
    await go('/servers/new');
    await page.getByTestId('template-echo-server').getByRole('button', { name: 'Use template' }).click();
    await page.getByLabel('Server name').waitFor();
    await page.getByLabel('Server name').fill('Alpha Echo');
    const players = page.locator('input[name="var-MAX_PLAYERS"]');
    await players.fill('500');
    await page.getByRole('button', { name: 'Create server' }).click();
    await see('Must be between 1 and 100');
    await players.fill('12');
    await page.locator('input[name="var-MOTD"]').fill('Hello from the browser');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL(/\/servers\/[0-9a-f-]{36}/, { timeout: 60_000 });
    const serverId = /\/servers\/([0-9a-f-]{36})/.exec(page.url())![1];
    echoServerId = serverId;
    cleanups.push(() => apiAs('DELETE', `/gameserver/${serverId}`, domains.alpha));
    await see('Alpha Echo');

    // Start: power buttons follow the state; console shows output live.
    const start = page.getByTestId('power').getByRole('button', { name: 'Start', exact: true });
    await start.waitFor();
    await waitFor('start enabled (installed)', () => start.isEnabled(), 120_000, 250);
    await start.click();
    await waitFor('running badge', async () => (await page.getByTestId('state-badge').first().innerText()).toLowerCase() === 'running', 90_000, 250);
    assert.equal(await page.getByTestId('power').getByRole('button', { name: 'Start', exact: true }).isDisabled(), true, 'start disabled while running');
    const terminal = page.getByTestId('terminal');
    await waitFor('ready line in the console', async () => (await terminal.innerText()).includes('Done! Server ready'), 30_000, 250);
    await page.getByLabel('Console command').fill('say hi');
    await page.getByLabel('Console command').press('Enter');
    await waitFor('echo in the console', async () => (await terminal.innerText()).includes('echo: say hi'), 15_000, 250);
    await see(/MiB \/ /, page, 20_000); // live stats
    await shot('server-console');

    // Files: upload with progress, then edit in the browser.
    await page.getByRole('link', { name: 'Files' }).click();
    await page.getByTestId('files').waitFor();
    await page.locator('input[name=upload]').setInputFiles({ name: 'motd.txt', mimeType: 'text/plain', buffer: Buffer.from('first line\n') });
    await page.getByTestId('file-table').getByText('motd.txt').waitFor();
    await shot('server-files');
    await page.getByTestId('file-table').getByRole('button', { name: 'motd.txt', exact: true }).click();
    const editor = page.locator('textarea[name=fileContent]');
    await waitFor('file content loaded', async () => (await editor.inputValue()) === 'first line\n');
    await editor.fill('edited in Chromium\n');
    await page.getByRole('button', { name: 'Save' }).click();
    await see('Saved ✓');
    await shot('server-editor');
    const content = await apiAs('GET', `/gameserver/${serverId}/files/content?path=motd.txt`, domains.alpha);
    assert.equal(content.body.data.content, 'edited in Chromium\n');
    await page.getByRole('button', { name: 'Close' }).click();

    // Servers list: search and state filter; Beta sees none of Alpha's servers.
    await go('/servers');
    await page.getByTestId('servers-table').getByText('Alpha Echo').waitFor();
    await page.getByLabel('Filter by state').selectOption('offline');
    await see('No servers match.');
    await page.getByLabel('Filter by state').selectOption('');
    await page.getByLabel('Search servers').fill('Echo');
    await page.getByTestId('servers-table').getByText('Alpha Echo').waitFor();
    await shot('servers');
    await switchTo('Beta Builders');
    await go('/servers');
    await see('No game servers in this domain yet');
    assert.ok(!(await mainText()).includes('Alpha Echo'));
    await switchTo('Alpha Guild');

    // Phone width: the server page with its console.
    const phone = await ctx.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(`${url}/servers/${serverId}/console`);
    await phone.getByTestId('terminal').waitFor();
    await waitFor('phone console output', async () => (await phone.getByTestId('terminal').innerText()).includes('Done! Server ready'), 20_000, 250);
    await shot('phone-server-console', phone);
    await phone.close();

    await go(`/servers/${serverId}`);
    await page.getByTestId('power').getByRole('button', { name: 'Stop', exact: true }).click();
    await waitFor('offline badge', async () => (await page.getByTestId('state-badge').first().innerText()).toLowerCase() === 'offline', 60_000, 250);
  }

  let echoServerId = '';
  const FIXTURE = join(ROOT, 'src/modules/workload/definition/fixtures/ptdl_v2-paper.pelican.json');
  /** Opens a page at 390 px, checks nothing scrolls sideways, and keeps a screenshot. */
  const phoneCheck = async (path: string, testId: string, name: string) => {
    const phone = await ctx.newPage();
    try {
      await phone.setViewportSize(PHONE);
      await phone.goto(`${url}${path}`);
      await phone.getByTestId(testId).first().waitFor();
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert.ok(overflow <= 1, `no horizontal page scroll at 390 px on ${path} (overflow ${overflow}px)`);
      await shot(name, phone);
    } finally {
      await phone.close();
    }
  };

  it('workloads: imports a Pelican egg from a file, lists it with its variables, shows its definition, exports it as PTDL_v2', async () => {
    await switchTo('Alpha Guild');
    await go('/workloads');
    await page.getByRole('link', { name: 'Workloads' }).waitFor();
    await page.getByRole('button', { name: 'Import egg' }).click();
    const importCard = page.getByTestId('import-egg');
    const eggText = importCard.locator('textarea[name=eggJson]');

    // Not JSON: said before anything is sent. A bad egg: the API's validation message is shown.
    await eggText.fill('{ not json');
    await importCard.getByRole('button', { name: 'Import', exact: true }).click();
    await see('This is not valid JSON');
    const badEgg = { meta: { version: 'PTDL_v9' }, name: 'Broken egg' };
    const apiAnswer = await apiAs('POST', '/workload/import', domains.alpha, { egg: badEgg });
    assert.equal(apiAnswer.status, 400, apiAnswer.text);
    await eggText.fill(JSON.stringify(badEgg));
    await importCard.getByRole('button', { name: 'Import', exact: true }).click();
    await see('Could not import the egg');
    assert.ok((await importCard.locator('.alert-error').innerText()).includes(apiAnswer.body.meta.error.message), 'the API validation message is shown');

    // The real egg, through the file picker.
    await importCard.locator('input[name=eggFile]').setInputFiles(FIXTURE);
    await waitFor('egg file loaded into the text box', async () => (await eggText.inputValue()).includes('"PTDL_v2"'));
    await importCard.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('workload-added').getByText('Paper').waitFor();
    const row = page.getByTestId('workloads-table').locator('tr', { hasText: 'Paper' });
    await row.waitFor();
    for (const env of ['MINECRAFT_VERSION', 'SERVER_JARFILE', 'DL_PATH', 'BUILD_NUMBER']) assert.ok((await row.innerText()).includes(env), `list shows variable ${env}`);
    await page.getByTestId('workloads-table').getByText('Echo server').waitFor();
    await shot('workloads');

    // Search narrows the list.
    await page.getByLabel('Search workloads').fill('pap');
    await waitFor('search narrows to Paper', async () => (await page.getByTestId('workloads-table').locator('tbody tr').count()) === 1);
    assert.match(await page.getByTestId('pager-info').innerText(), /1 total/);

    // Definition page: images, startup, variables with their rules, install script.
    await row.getByRole('link', { name: 'Paper' }).click();
    await page.getByTestId('workload-definition').waitFor();
    const workloadId = /\/workloads\/([0-9a-f-]{36})/.exec(page.url())![1];
    cleanups.push(() => apiAs('DELETE', `/workload/${workloadId}`, domains.alpha));
    assert.match(await page.getByTestId('startup').innerText(), /java .*SERVER_JARFILE/);
    assert.match(await page.getByTestId('install-script').innerText(), /runs in/);
    assert.match(await page.getByTestId('variable-SERVER_JARFILE').innerText(), /regex:/);
    assert.match(await page.getByTestId('variable-BUILD_NUMBER').innerText(), /required\|string\|max:20/);
    assert.match(await page.getByTestId('workload-defaults').innerText(), /MiB/);
    await shot('workload-detail');
    await screenshot('workload-detail-full', page, { fullPage: true });

    // Export downloads egg-paper.json, a PTDL_v2 egg.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export egg' }).click()]);
    assert.equal(download.suggestedFilename(), 'egg-paper.json');
    const { readFileSync } = await import('node:fs');
    const egg = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(egg.meta.version, 'PTDL_v2');
    assert.equal(egg.name, 'Paper');
    assert.deepEqual(egg.variables.map((v: { env_variable: string }) => v.env_variable).sort(), ['BUILD_NUMBER', 'DL_PATH', 'MINECRAFT_VERSION', 'SERVER_JARFILE']);

    await phoneCheck('/workloads', 'workloads-table', 'phone-workloads');
    await phoneCheck(`/workloads/${workloadId}`, 'workload-variables', 'phone-workload-detail');
    await page.locator('.crumbs').getByRole('link', { name: 'Workloads' }).click();
    await page.getByRole('button', { name: 'From template' }).click();
    await page.getByTestId('from-template').getByTestId('template-echo-server').waitFor();
    await shot('workloads-from-template');
    await page.getByTestId('from-template').getByRole('button', { name: 'Cancel' }).click();

    // Deleting a workload a server uses: the API's 409 message is shown. An unused one goes.
    if (echoServerId) {
      const echo = (await apiAs('GET', `/gameserver/${echoServerId}`, domains.alpha)).body.data.workloadId as string;
      await go(`/workloads/${echo}`);
      await page.getByTestId('workload-definition').waitFor();
      await page.getByRole('button', { name: 'Delete' }).click();
      await confirmDialog('Delete');
      await see('Could not delete the workload');
      assert.match(await page.locator('.alert-error').innerText(), /still use this workload/);
    }
    const spare = await apiAs('POST', '/workload/from-template', domains.alpha, { template: 'echo-server', name: 'Spare echo' });
    assert.equal(spare.status, 201, spare.text);
    await go(`/workloads/${spare.body.data.id}`);
    await page.getByTestId('workload-definition').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await confirmDialog('Delete');
    await page.waitForURL(/\/workloads$/);
    await page.getByTestId('workloads-table').waitFor();
    assert.equal((await apiAs('GET', `/workload/${spare.body.data.id}`, domains.alpha)).status, 404);
  });

  it('server settings: edits name, memory, variables and auto-restart while stopped; refuses resources while running; shows the state reason; reinstalls; deletes', async () => {
    assert.ok(echoServerId, 'the server flow before this test created the echo server');
    const id = echoServerId;
    const badge = async () => (await page.getByTestId('state-badge').first().innerText()).toLowerCase();
    await switchTo('Alpha Guild');
    await go(`/servers/${id}/settings`);
    const settings = page.getByTestId('server-settings');
    await settings.waitFor();
    await waitFor('stopped', async () => (await badge()) === 'offline', 60_000, 250);
    await settings.getByLabel('Server name').fill('Alpha Echo Prime');
    await settings.getByLabel('Memory (MiB)').fill('96');
    await settings.locator('input[name=autoRestart]').uncheck();
    await settings.locator('input[name="var-MAX_PLAYERS"]').fill('500');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await see('Must be between 1 and 100');
    await settings.locator('input[name="var-MAX_PLAYERS"]').fill('42');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.getByText('Saved ✓').waitFor({ timeout: 60_000 });
    const saved = (await apiAs('GET', `/gameserver/${id}`, domains.alpha)).body.data;
    assert.equal(saved.name, 'Alpha Echo Prime');
    assert.equal(saved.memoryMiB, 96);
    assert.equal(saved.autoRestart, false);
    assert.equal(saved.variables.MAX_PLAYERS, '42');
    await page.locator('h1', { hasText: 'Alpha Echo Prime' }).waitFor();
    await page.getByTestId('sparklines').waitFor({ timeout: 20_000 });
    await shot('server-settings');
    await phoneCheck(`/servers/${id}/settings`, 'server-settings', 'phone-server-settings');

    // Running: resource changes are refused with the API's 409, and the page says to stop first.
    await page.getByTestId('power').getByRole('button', { name: 'Start', exact: true }).click();
    await waitFor('running badge', async () => (await badge()) === 'running', 90_000, 250);
    await settings.getByTestId('settings-running-note').waitFor();
    await settings.getByLabel('Memory (MiB)').fill('128');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.getByTestId('settings-error').waitFor();
    const conflictText = await settings.getByTestId('settings-error').innerText();
    assert.match(conflictText, /Stop the server before changing/);
    assert.match(conflictText, /Stop the server first, then save again/);
    assert.equal((await apiAs('GET', `/gameserver/${id}`, domains.alpha)).body.data.memoryMiB, 96, 'not changed');
    await shot('server-settings-running');

    // A crash (auto-restart off) leaves a state reason next to the badge.
    const cmd = await apiAs('POST', `/gameserver/${id}/command`, domains.alpha, { command: 'crash' });
    assert.ok(cmd.status < 300, cmd.text);
    await waitFor('crashed badge', async () => (await badge()) === 'crashed', 60_000, 250);
    await page.getByTestId('state-reason').waitFor();
    assert.match(await page.getByTestId('state-reason').innerText(), /exited unexpectedly with code 3/);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('server-crashed');

    // Reinstall (confirmed) moves to the install log, which follows the install.
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await settings.getByRole('button', { name: 'Reinstall' }).click();
    await confirmDialog('Reinstall');
    await page.waitForURL(/\/install$/);
    await waitFor('offline after reinstall', async () => (await badge()) === 'offline', 120_000, 250);
    await page
      .getByTestId('install-log')
      .getByText(/no install script/)
      .waitFor({ timeout: 20_000 });
    const after = (await apiAs('GET', `/gameserver/${id}`, domains.alpha)).body.data;
    assert.equal(after.state, 'offline');
    assert.equal(after.name, 'Alpha Echo Prime', 'settings survive a reinstall');

    // Delete (confirmed) goes back to the list; the API no longer has it.
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await settings.getByRole('button', { name: 'Delete server' }).click();
    await confirmDialog('Delete server');
    await page.waitForURL(/\/servers$/, { timeout: 60_000 });
    await waitFor('server deleted', async () => (await apiAs('GET', `/gameserver/${id}`, domains.alpha)).status === 404, 60_000, 250);
    echoServerId = '';
  });

  it("roles: edits a custom role's name and permissions; built-in roles are read-only", async () => {
    await switchTo('Alpha Guild');
    await go('/roles');
    const table = page.getByTestId('roles-table');
    assert.match(await table.locator('tr', { hasText: 'Owner' }).innerText(), /read-only/);
    assert.equal(await table.locator('tr', { hasText: 'Owner' }).getByRole('button', { name: 'Edit' }).count(), 0, 'no edit for built-in roles');
    await table.locator('tr', { hasText: 'Alpha Moderators' }).getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByTestId('edit-role');
    await edit.waitFor();
    await edit.getByLabel('Role name').fill('Alpha Mods');
    await edit.locator('input[name="perm-members.read"]').uncheck();
    await edit.locator('input[name="perm-files.read"]').check();
    await shot('roles-edit');
    await edit.getByRole('button', { name: 'Save role' }).click();
    await table.getByText('Alpha Mods').waitFor();
    await edit.waitFor({ state: 'detached' });
    const roles = (await apiAs('POST', '/role/search', domains.alpha, {})).body.data as Array<{ name: string; permissions: string[] }>;
    const role = roles.find((r) => r.name === 'Alpha Mods');
    assert.ok(role, 'renamed in the API');
    assert.deepEqual([...role.permissions].sort(), ['files.read', 'gameserver.console']);
  });

  it('is usable at phone width (390 px): header, domain switcher and pages fit', async () => {
    const phone = await ctx.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(`${url}/members`);
    await phone.getByTestId('members-table').waitFor();
    assert.equal(await phone.getByTestId('domain-select').isVisible(), true);
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no horizontal page scroll at 390 px (overflow ${overflow}px)`);
    await shot('phone-members', phone);
    await phone.goto(`${url}/nodes`);
    await phone.getByTestId('node-card').first().waitFor();
    await shot('phone-nodes', phone);
    await phone.close();
  });

  it('asked every question in-page: no native confirm() or prompt() was opened', () => {
    assert.deepEqual(nativeDialogs, []);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, DESKTOP, launchDashboardBrowser, PHONE, recordNativeDialogs, shot as screenshot, storeSession } from '../helpers/browser';

/**
 * Correctness and polish (issue 16): trimmed names, domain rename/delete, duplicates in the
 * switcher, domain switches on detail pages and in other tabs, human field errors, an idempotent
 * "Use template", and the phone menu. The real built dashboard in Chromium, the real API.
 */

describe('dashboard polish in Chromium', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let admin: Session;
  const nativeDialogs: string[] = [];

  const api = (method: string, path: string, domain: string | undefined, body?: unknown) => t.request(method, path, { token: admin.token, domain, body });
  const shot = (name: string, p: Page = page) => screenshot(`polish-${name}`, p);
  const go = async (path: string, p: Page = page) => {
    await p.goto(`${url}${path}`);
    await p
      .locator('main')
      .waitFor({ timeout: 8000 })
      .catch(async (e) => {
        console.log('DEBUG', path, (await p.locator('body').innerText()).slice(0, 500));
        throw e;
      });
  };
  const heading = async (p: Page = page) => (await p.locator('main h1').first().innerText()).trim();
  const switchTo = async (domainId: string, p: Page = page) => {
    await p.getByTestId('domain-select').selectOption(domainId);
    await waitFor('domain switched', async () => (await p.getByTestId('domain-select').inputValue()) === domainId && !(await p.getByTestId('domain-select').isDisabled()), 10_000);
  };
  const workloadsFromTemplate = async (domain: string, template: string) => {
    const r = await api('POST', '/workload/search', domain, { filters: { template: [template] }, limit: 100 });
    assert.equal(r.status, 200, r.text);
    return r.body.data as Array<{ id: string; name: string }>;
  };

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await bootstrapAdmin(t, 'Alpha');
    browser = await launchDashboardBrowser();
    ctx = await browser.newContext({ viewport: DESKTOP });
    page = await ctx.newPage();
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    recordNativeDialogs(page, nativeDialogs);
    // Signed in as the bootstrap admin: the dashboard reads its session from localStorage.
    await page.goto(url);
    await storeSession(page, admin);
    await go('/servers');
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    await t?.close();
  });

  it('refuses a blank domain name with one human sentence under the field, which clears on edit', async () => {
    await go('/domains/new');
    await page.locator('input[name="domainName"]').fill('    ');
    await page.getByRole('button', { name: 'Create domain' }).click();
    const fieldError = page.getByTestId('field-error');
    await fieldError.waitFor();
    assert.equal((await fieldError.innerText()).trim(), 'Name must not be empty');
    // Shown once: under the field, not repeated in a banner.
    assert.equal(await page.locator('main').getByText('must not be empty').count(), 1);
    assert.equal(await page.locator('main .alert-error').count(), 0);
    await shot('domain-blank-desktop');
    await page.setViewportSize(PHONE);
    await shot('domain-blank-phone');
    await page.setViewportSize(DESKTOP);
    await page.locator('input[name="domainName"]').fill('G');
    assert.equal(await fieldError.count(), 0, 'the stale error is gone once the field changes');
    const domains = await api('POST', '/domain/search', undefined, { limit: 100 });
    assert.deepEqual(
      domains.body.data.map((d: { name: string }) => d.name),
      ['Alpha'],
      'no blank domain was created',
    );
  });

  it('renames the selected domain from its settings page', async () => {
    await go('/servers');
    await page.getByTestId('domain-settings-link').click();
    await page.waitForURL(/\/domains\/settings$/);
    await page.locator('input[name="domainName"]').waitFor();
    assert.equal(await heading(), 'Domain settings');
    await page.locator('input[name="domainName"]').fill('  Alpha Guild  ');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const r = await api('GET', `/domain/${admin.domainId}`, undefined);
    assert.equal(r.body.data.name, 'Alpha Guild');
    await waitFor('switcher shows the new name', async () => (await page.getByTestId('current-domain').innerText()).trim() === 'Alpha Guild');
    await shot('domain-settings-desktop');
    await page.setViewportSize(PHONE);
    await shot('domain-settings-phone');
    await page.setViewportSize(DESKTOP);
  });

  let twinA = '';
  let twinB = '';
  it('tells two domains with the same name apart in the switcher', async () => {
    twinA = await createDomain(t, admin.token, 'Twin');
    twinB = await createDomain(t, admin.token, 'Twin');
    await go('/servers');
    const labels = await page.getByTestId('domain-select').locator('option').allInnerTexts();
    const twins = labels.filter((l) => l.startsWith('Twin'));
    assert.equal(twins.length, 2, labels.join(' | '));
    assert.notEqual(twins[0], twins[1], 'the two Twin entries read differently');
    assert.ok(twins.includes(`Twin · ${twinA.slice(0, 6)}`) && twins.includes(`Twin · ${twinB.slice(0, 6)}`), twins.join(' | '));
  });

  it('deletes a domain (owner) only after its name is typed', async () => {
    await switchTo(twinB);
    await go('/domains/settings');
    const zone = page.getByTestId('delete-domain');
    await zone.getByRole('button', { name: 'Delete domain…' }).click();
    const confirmButton = zone.getByRole('button', { name: /Delete Twin forever/ });
    await zone.locator('input[name="confirmName"]').fill('Twin?');
    assert.equal(await confirmButton.isDisabled(), true, 'a wrong name does not unlock the button');
    await shot('domain-delete-desktop');
    await zone.locator('input[name="confirmName"]').fill('Twin');
    await confirmButton.click();
    await page.waitForURL(/\/servers$/);
    assert.equal((await api('GET', `/domain/${twinB}`, undefined)).status, 404);
    assert.equal((await api('GET', `/domain/${twinA}`, undefined)).status, 200, 'the other Twin stays');
    await waitFor('the deleted domain leaves the switcher', async () => !(await page.getByTestId('domain-select').locator(`option[value="${twinB}"]`).count()));
  });

  let serverId = '';
  it('goes back to the list when the domain changes on a server page, here and in another tab', async () => {
    await switchTo(admin.domainId);
    const node = await api('POST', '/node', admin.domainId, { name: 'polish-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, node.text);
    const workload = await api('POST', '/workload/from-template', admin.domainId, { template: 'echo-server', name: 'Polish Echo' });
    assert.equal(workload.status, 201, workload.text);
    // Placement needs an online node; the page only needs the row.
    const [row] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'Polish Server', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [admin.domainId, workload.body.data.id, node.body.data.id],
      );
    serverId = row.id;

    await go(`/servers/${serverId}`);
    await page.locator('main').getByText('Polish Server').first().waitFor();
    await switchTo(twinA);
    await page.waitForURL(/\/servers$/);
    assert.equal(await heading(), 'Game servers');
    assert.equal(
      await page
        .locator('main')
        .getByText(/not found/i)
        .count(),
      0,
    );

    // Another tab on the server page of Alpha Guild; this tab switches: that one follows and says so.
    await switchTo(admin.domainId);
    const other = await ctx.newPage();
    try {
      await go(`/servers/${serverId}`, other);
      await other.locator('main').getByText('Polish Server').first().waitFor();
      // Only one Twin is left, so it needs no id suffix any more.
      await switchTo(twinA);
      await other.getByTestId('tab-notice').waitFor();
      assert.match(await other.getByTestId('tab-notice').innerText(), /Switched to Twin in another tab/);
      await other.waitForURL(/\/servers$/);
      assert.equal(await heading(other), 'Game servers');
      await shot('other-tab-notice', other);
      await other.getByTestId('tab-notice').getByRole('button', { name: 'OK' }).click();
      assert.equal(await other.getByTestId('tab-notice').count(), 0);
    } finally {
      await other.close();
    }
  });

  it('"Use template" clicked twice creates one workload, and asks before a second one', async () => {
    await switchTo(twinA);
    await go('/workloads');
    await page.getByRole('button', { name: 'From template' }).click();
    const create = page.getByTestId('template-echo-server').getByRole('button', { name: 'Create from this template' });
    await create.dblclick();
    await waitFor('one workload', async () => (await workloadsFromTemplate(twinA, 'echo-server')).length === 1);
    await page.waitForLoadState('networkidle');
    assert.equal((await workloadsFromTemplate(twinA, 'echo-server')).length, 1, 'a double click makes one workload');

    await go('/workloads');
    await page.getByRole('button', { name: 'From template' }).click();
    await page.getByTestId('template-echo-server').getByRole('button', { name: 'Create from this template' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /You already have a workload from/);
    await shot('template-again');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForLoadState('networkidle');
    assert.equal((await workloadsFromTemplate(twinA, 'echo-server')).length, 1, 'cancel creates nothing');
  });

  it('reaches every page from the phone menu (390×844) and keeps screenshots of each page at both widths', async () => {
    await switchTo(admin.domainId);
    const phone = await ctx.newPage();
    try {
      await phone.setViewportSize(PHONE);
      await go('/servers', phone);
      const nav = phone.locator('nav.sidenav');
      assert.equal(await nav.isVisible(), false, 'the menu is closed until asked for');
      await phone.getByTestId('menu-toggle').click();
      const items = await nav.getByRole('link').evaluateAll((links) => links.map((a) => ({ href: new URL((a as unknown as { href: string }).href).pathname, label: (a.textContent ?? '').trim() })));
      for (const label of ['Servers', 'Roles', 'API tokens', 'Audit log'])
        assert.ok(
          items.some((i) => i.label === label),
          `${label} is in the menu`,
        );
      await shot('phone-menu-open', phone);
      for (const item of items) {
        if (!(await nav.isVisible())) await phone.getByTestId('menu-toggle').click();
        const link = nav.getByRole('link', { name: item.label, exact: true });
        const box = await link.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height, `${item.label} is on screen: ${JSON.stringify(box)}`);
        await link.click();
        await phone.waitForURL((u) => u.pathname === item.href);
        await phone.locator('main h1').first().waitFor();
        const h = await heading(phone);
        assert.ok(h.length > 0 && !/not found/i.test(h), `${item.label}: heading "${h}"`);
        assert.equal(await nav.isVisible(), false, 'the menu closes after choosing a page');
        const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        assert.ok(overflow <= 1, `no sideways page scroll on ${item.href} (${overflow}px)`);
        const slug = item.href.replace(/\W+/g, '-').replace(/^-|-$/g, '');
        await shot(`${slug}-phone`, phone);
        await go(item.href);
        await page.locator('main h1').first().waitFor();
        await shot(`${slug}-desktop`);
      }
      for (const [extra, slug] of [
        ['/domains/settings', 'domains-settings'],
        ['/domains/new', 'domains-new'],
        [`/servers/${serverId}`, 'server'], // one file per run, not one per server id
      ]) {
        await go(extra, phone);
        await phone.locator('main h1').first().waitFor();
        await shot(`${slug}-phone`, phone);
        await go(extra);
        await page.locator('main h1').first().waitFor();
        await shot(`${slug}-desktop`);
      }
    } finally {
      await phone.close();
    }
  });

  it('asked every question in-page', () => {
    assert.deepEqual(nativeDialogs, []);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { authenticator } from 'otplib';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';
import { assertBrowserPrerequisites, confirmDialog, DESKTOP, launchDashboardBrowser, PHONE, readSession, recordNativeDialogs, see, shot } from '../helpers/browser';

/**
 * Onboarding people in the real dashboard (web/dist) in Chromium: an admin invites, the invitee
 * opens the link in another browser, creates an account and sees only what the role allows; the
 * account page changes the password and turns on two-factor authentication.
 */
const PASSWORD = 'a-long-password-1';
const NEW_PASSWORD = 'another-long-password-2';

describe('onboarding in Chromium: invite links, account page', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let admin: Page;
  let guestCtx: BrowserContext;
  let guest: Page;
  let inviteLink = '';
  const nativeDialogs: string[] = [];

  /** The page at both widths: desktop as it is, then 390 px (no sideways scroll), then back. */
  const shots = async (name: string, p: Page, focus?: string) => {
    // Screenshots are of the viewport: bring the part being shown into it.
    if (focus) await p.getByTestId(focus).scrollIntoViewIfNeeded();
    await shot(name, p);
    await p.setViewportSize(PHONE);
    await p.waitForTimeout(150); // layout settles after the resize (no assertion depends on it)
    if (focus) await p.getByTestId(focus).scrollIntoViewIfNeeded();
    const overflow = await p.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `${name}: no horizontal page scroll at 390 px (overflow ${overflow}px)`);
    await shot(`phone-${name}`, p);
    await p.setViewportSize(DESKTOP);
  };
  const newPage = async (ctx: BrowserContext) => {
    const p = await ctx.newPage();
    recordNativeDialogs(p, nativeDialogs);
    return p;
  };
  const signIn = async (p: Page, username: string, password: string) => {
    await p.getByLabel('Username or email').fill(username);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
  };

  before(async () => {
    assertBrowserPrerequisites();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const boot = await t.request('POST', '/auth/bootstrap', { body: { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Harbor Guild' } });
    assert.equal(boot.status, 201, boot.text);
    browser = await launchDashboardBrowser();
    const adminCtx = await browser.newContext({ viewport: DESKTOP });
    await adminCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    admin = await newPage(adminCtx);
    guestCtx = await browser.newContext({ viewport: DESKTOP });
    guest = await newPage(guestCtx);
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    await t?.close();
  });

  it('an admin invites with the Viewer role and copies the invite link (shown once)', async () => {
    await admin.goto(`${url}/sign-in`);
    await signIn(admin, 'admin', PASSWORD);
    await admin.getByTestId('current-domain').waitFor();
    await admin.goto(`${url}/members`);
    await admin.getByTestId('members-table').waitFor();
    await admin.getByLabel('Email').first().fill('vera@example.com');
    await admin.locator('select[name=inviteRole]').selectOption({ label: 'Viewer' });
    await admin.getByRole('button', { name: 'Invite', exact: true }).click();
    await admin.getByTestId('secret').waitFor();
    inviteLink = (await admin.locator('.secret-value').innerText()).trim();
    assert.match(inviteLink, new RegExp(`^${url}/invite/outpost_inv_[A-Za-z0-9_-]+$`));
    await admin.getByTestId('secret').getByRole('button', { name: 'Copy' }).click();
    assert.equal(await admin.evaluate('navigator.clipboard.readText()'), inviteLink, 'copied to the clipboard');
    await shots('members-invite-link', admin);
    await admin.getByRole('button', { name: 'Done' }).click();
    await admin.getByTestId('members-table').getByText('vera@example.com').waitFor();
    assert.equal(await admin.getByTestId('secret').count(), 0, 'the link is not shown again');
  });

  it('the invitee opens the link signed out, creates the account and lands in the domain as a Viewer', async () => {
    await guest.goto(inviteLink);
    await guest.locator('[data-testid=invite-facts], [data-testid=invite-invalid]').first().waitFor();
    assert.equal(await guest.getByTestId('invite-invalid').count(), 0, await guest.locator('body').innerText());
    const facts = (await guest.getByTestId('invite-facts').innerText()).replace(/\s+/g, ' ');
    assert.match(facts, /Domain Harbor Guild/);
    assert.match(facts, /Role Viewer/);
    assert.match(facts, /vera@example\.com/);
    await shots('invite-signed-out', guest);
    // Fields with a hint have it in their accessible name: reach them by name.
    await guest.locator('input[name=username]').fill('vera');
    await guest.locator('input[name=password]').fill(PASSWORD);
    await guest.locator('input[name=confirm]').fill('not-the-same-password');
    await guest.getByRole('button', { name: 'Create account and join' }).click();
    await see('The two passwords are different', guest);
    await guest.locator('input[name=confirm]').fill(PASSWORD);
    await guest.getByRole('button', { name: 'Create account and join' }).click();
    await guest.getByTestId('current-domain').waitFor();
    assert.equal((await guest.getByTestId('current-domain').innerText()).trim(), 'Harbor Guild');
    await waitFor('servers page', async () => new URL(guest.url()).pathname === '/servers', 10_000);

    // What a Viewer sees: no way to create servers, invite, create users, remove members or edit roles.
    await see(/No game servers/, guest);
    assert.equal(await guest.getByRole('link', { name: 'New server' }).count(), 0);
    assert.equal(await guest.getByRole('button', { name: 'New server' }).count(), 0);
    await guest.getByRole('link', { name: 'Members', exact: true }).click();
    await guest.getByTestId('members-table').getByText('vera').first().waitFor();
    assert.equal(await guest.getByText('Invite someone').count(), 0);
    assert.equal(await guest.getByTestId('create-user').count(), 0);
    assert.equal(await guest.getByRole('button', { name: 'Remove' }).count(), 0);
    assert.equal(await guest.getByTestId('members-table').locator('select').count(), 0, 'roles are text, not pickers');
    await shots('viewer-members', guest);
    await guest.getByRole('link', { name: 'Roles', exact: true }).click();
    await guest.getByTestId('roles-table').waitFor();
    assert.equal(await guest.getByRole('button', { name: 'New role' }).count(), 0);
    for (const hidden of ['API tokens', 'Audit log', 'Backup storage']) assert.equal(await guest.getByRole('link', { name: hidden, exact: true }).count(), 0, `${hidden} hidden`);
    // And the API agrees: the hidden action is refused.
    const s = await readSession(guest);
    const refused = await t.request('POST', '/membership', { token: s.token, body: { email: 'x@example.com' } });
    assert.equal(refused.status, 403, refused.text);

    // The link is spent: opening it again says so.
    await guest.goto(inviteLink);
    await guest.getByTestId('invite-invalid').waitFor();
    assert.match(await guest.getByTestId('invite-invalid').innerText(), /not valid/);
    await shots('invite-used', guest);
  });

  it('an existing account signs in from the link, comes back and joins', async () => {
    const other = await t.request('POST', '/login', { body: { username: 'admin', password: PASSWORD } });
    const d2 = await t.request('POST', '/domain', { token: other.body.data.token, body: { name: 'Lighthouse' } });
    assert.equal(d2.status, 201, d2.text);
    const inv = await t.request('POST', '/membership', { token: other.body.data.token, domain: d2.body.data.id, body: { email: 'vera@example.com' } });
    assert.equal(inv.status, 201, inv.text);
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const p = await newPage(ctx);
    try {
      await p.goto(`${url}/invite/${inv.body.data.inviteToken}`);
      await p.getByTestId('invite-sign-in').click();
      await signIn(p, 'vera', PASSWORD);
      await p.getByTestId('invite-join').waitFor();
      assert.match(await p.getByTestId('invite-join').innerText(), /Join Lighthouse/);
      await shots('invite-signed-in', p);
      await p.getByTestId('invite-join').click();
      await waitFor('Lighthouse selected', async () => (await p.getByTestId('current-domain').innerText()).trim() === 'Lighthouse', 10_000);
      await waitFor('servers page', async () => new URL(p.url()).pathname === '/servers', 10_000);
    } finally {
      await ctx.close();
    }
  });

  it('admins create a user directly on the Members page', async () => {
    await admin.goto(`${url}/members`);
    await admin.getByTestId('create-user').getByRole('button', { name: 'Create user' }).click();
    await admin.locator('input[name=newUsername]').fill('walt');
    await admin.locator('input[name=newEmail]').fill('walt@example.com');
    await admin.locator('input[name=newPassword]').fill(PASSWORD);
    await admin.locator('select[name=newRole]').selectOption({ label: 'Member' });
    await shots('members-create-user', admin, 'create-user');
    await admin.getByTestId('create-user').getByRole('button', { name: 'Create user' }).click();
    await admin.getByTestId('members-table').getByText('walt@example.com').waitFor();
    assert.equal((await t.request('POST', '/login', { body: { username: 'walt', password: PASSWORD } })).status, 200);
  });

  it('account page: the password change needs the current password, then the old one stops working', async () => {
    await guest.getByTestId('account-link').click();
    await guest.getByTestId('account-password').waitFor();
    await shots('account', guest);
    const form = guest.getByTestId('account-password');
    await form.getByLabel('Current password').fill('wrong-password-123');
    await form.locator('input[name=newPassword]').fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await see('Current password is incorrect', guest);
    assert.equal((await t.request('POST', '/login', { body: { username: 'vera', password: PASSWORD } })).status, 200, 'unchanged after a wrong current password');
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await guest.getByTestId('password-changed').waitFor();
    assert.equal((await t.request('POST', '/login', { body: { username: 'vera', password: PASSWORD } })).status, 401, 'the old password no longer works');
    assert.equal((await t.request('POST', '/login', { body: { username: 'vera', password: NEW_PASSWORD } })).status, 200);
    // This browser was signed in again: its new token works.
    const s = await readSession(guest);
    assert.equal((await t.request('GET', '/me', { token: s.token })).status, 200);
  });

  it('account page: sessions are listed, another one can be ended', async () => {
    const elsewhere = await t.request('POST', '/login', { body: { username: 'vera', password: NEW_PASSWORD } });
    await guest.reload();
    const table = guest.getByTestId('sessions-table');
    await waitFor('two sessions listed', async () => (await table.locator('tbody tr').count()) >= 2, 10_000);
    assert.equal(await table.getByText('this session').count(), 1);
    await shots('account-sessions', guest, 'account-sessions');
    const others = table.locator('tbody tr').filter({ hasNotText: 'this session' });
    const before = await others.count();
    await others.first().getByRole('button', { name: 'End session' }).click();
    await confirmDialog('End session', guest);
    await waitFor('one session fewer', async () => (await others.count()) === before - 1, 10_000);
    // Sessions end oldest-first in the table; the one we logged in from the API is gone once all others are.
    while ((await others.count()) > 0) {
      const n = await others.count();
      await others.first().getByRole('button', { name: 'End session' }).click();
      await confirmDialog('End session', guest);
      await waitFor('one session fewer', async () => (await others.count()) === n - 1, 10_000);
    }
    assert.equal((await t.request('GET', '/me', { token: elsewhere.body.data.token })).status, 401, 'the ended session is signed out');
  });

  it('account page: MFA enrolment with a QR code and recovery codes; the next sign-in asks for a code', async () => {
    const mfa = guest.getByTestId('account-mfa');
    await mfa.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await mfa.getByTestId('mfa-qr').waitFor();
    assert.match((await mfa.getByTestId('mfa-qr').getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    const secret = (await mfa.getByTestId('mfa-secret').innerText()).trim();
    await shots('account-mfa-enrol', guest, 'account-mfa');
    await mfa.getByLabel('Code from the app').fill(authenticator.generate(secret));
    await mfa.getByRole('button', { name: 'Turn on' }).click();
    await mfa.getByTestId('recovery-codes').waitFor();
    assert.equal(await mfa.getByTestId('recovery-codes').locator('li').count(), 10);
    await waitFor('MFA shown as on', async () => (await mfa.getByTestId('mfa-state').textContent())?.trim() === 'on', 10_000);
    await shots('account-mfa-recovery', guest, 'recovery-codes');
    await mfa.getByRole('button', { name: 'Done' }).click();
    assert.equal(await mfa.getByTestId('recovery-codes').count(), 0, 'recovery codes are shown once');
    const [row] = await t.app.get(DataSource).query(`SELECT "mfaEnabled" FROM "user" WHERE username = 'vera'`);
    assert.equal(row.mfaEnabled, true);

    // Sign out and back in: the code is asked for.
    await guest.getByRole('button', { name: 'Log out' }).click();
    await see('Sign in', guest);
    await signIn(guest, 'vera', NEW_PASSWORD);
    await see('Two-factor authentication', guest);
    await shots('login-mfa', guest);
    // A fresh time step: the enrolment spent the current one (replay protection).
    const code = await (async () => {
      const used = authenticator.generate(secret);
      let next = used;
      await waitFor('next TOTP step', async () => (next = authenticator.generate(secret)) !== used, 35_000, 500);
      return next;
    })();
    await guest.getByLabel('Code').fill(code);
    await guest.getByRole('button', { name: 'Verify' }).click();
    await guest.getByTestId('current-domain').waitFor();
  });

  it('asked every question in-page: no native confirm() or prompt() was opened', () => {
    assert.deepEqual(nativeDialogs, []);
  });
});

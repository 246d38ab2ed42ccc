import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { SmtpSink, startSmtpSink } from '../mail/smtp-sink';

const PUBLIC_URL = 'https://outpost.example.test';
const NEW_PASSWORD = 'a-brand-new-passphrase';

function recipients(mail: SmtpSink['messages'][number]): string[] {
  const to = Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((a) => a?.value.map((v) => v.address ?? '') ?? []);
}

describe('forgot / reset password through a real SMTP server', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: Session;
  let db: DataSource;

  const forgot = (email: string) => t.request('POST', '/auth/forgot-password', { body: { email } });
  const reset = (token: string, newPassword = NEW_PASSWORD) => t.request('POST', '/auth/reset-password', { body: { token, newPassword } });
  const loginStatus = async (username: string, password: string) => (await t.request('POST', '/login', { body: { username, password } })).status;

  /** The token of the n-th reset email sent to `email` (1-based), waiting for it. */
  async function tokenFromMail(email: string, n = 1): Promise<string> {
    const mail = await waitFor(`reset email #${n} to ${email}`, () => sink.messages.filter((m) => recipients(m).includes(email))[n - 1]);
    assert.equal(mail.subject, 'Reset your Outpost password');
    const link = /https:\/\/outpost\.example\.test\/reset-password\?token=(\S+)/.exec(mail.text ?? '');
    assert.ok(link, `the mail carries the dashboard link: ${mail.text}`);
    return decodeURIComponent(link[1]);
  }

  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, SMTP_FROM: 'Outpost <noreply@example.test>', PUBLIC_URL }, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    db = t.app.get(DataSource);
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  it('answers an existing and an unknown email identically (202), and mails only the account', async () => {
    await createMember(t, admin, admin.domainId, 'mia');
    const unknown = await forgot('nobody@example.com');
    const known = await forgot('MIA@example.com');
    assert.equal(unknown.status, 202, unknown.text);
    assert.equal(known.status, 202, known.text);
    assert.deepEqual(known.body.data, unknown.body.data);
    assert.deepEqual(known.body.data, { message: 'If an account with this email exists, a link to reset its password has been sent to it.' });
    assert.deepEqual(Object.keys(known.body.meta).sort(), Object.keys(unknown.body.meta).sort());
    const headerNames = (r: typeof known) => Object.keys(r.headers).sort();
    assert.deepEqual(headerNames(known), headerNames(unknown));
    assert.equal(known.headers['content-length'], unknown.headers['content-length']);

    await tokenFromMail('mia@example.com');
    assert.deepEqual(
      sink.messages.flatMap(recipients).filter((a) => a !== 'mia@example.com'),
      [],
      'nothing is sent for an email without an account',
    );
    const rows = await db.query(
      `SELECT r."tokenHash", round(extract(epoch FROM r."expiresAt" - r."createdAt") / 60)::int AS "ttlMinutes" FROM password_reset_token r JOIN "user" u ON u.id = r."userId" WHERE u.username = 'mia'`,
    );
    assert.equal(rows.length, 1);
    assert.match(rows[0].tokenHash, /^[0-9a-f]{64}$/, 'stored as sha256 only');
    assert.equal(rows[0].ttlMinutes, 30, 'PASSWORD_RESET_TTL_MINUTES (default 30)');
  });

  it('the emailed token resets the password once, ends every session, and the old password stops working', async () => {
    const member = await createMember(t, admin, admin.domainId, 'noah');
    assert.equal((await t.request('GET', '/me', { token: member.token })).status, 200);
    assert.equal((await forgot('noah@example.com')).status, 202);
    const token = await tokenFromMail('noah@example.com');
    const [stored] = await db.query(`SELECT "tokenHash" FROM password_reset_token r JOIN "user" u ON u.id = r."userId" WHERE u.username = 'noah'`);
    assert.notEqual(stored.tokenHash, token, 'the token itself is not stored');

    const first = await reset(token);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.data, null);
    const second = await reset(token, 'yet-another-passphrase');
    assert.equal(second.status, 400, second.text);
    assert.equal(second.body.meta.error.code, 'PasswordResetTokenInvalidError');

    assert.equal(await loginStatus('noah', PASSWORD), 401, 'the old password no longer works');
    assert.equal(await loginStatus('noah', 'yet-another-passphrase'), 401, 'the refused second use changed nothing');
    assert.equal(await loginStatus('noah', NEW_PASSWORD), 200);
    const me = await t.request('GET', '/me', { token: member.token });
    assert.equal(me.status, 401, `an access token from before the reset is refused: ${me.text}`);
    const refresh = await t.request('POST', '/auth/refresh', { body: { refreshToken: member.refreshToken } });
    assert.equal(refresh.status, 401, refresh.text);

    const [audit] = await db.query(`SELECT "domainId", "targetId" FROM audit_log WHERE action = 'auth.passwordReset'`);
    assert.deepEqual(audit, { domainId: null, targetId: member.userId });
  });

  it('a reset spends every other outstanding link of the account', async () => {
    await createMember(t, admin, admin.domainId, 'olga');
    assert.equal((await forgot('olga@example.com')).status, 202);
    const older = await tokenFromMail('olga@example.com', 1);
    assert.equal((await forgot('olga@example.com')).status, 202);
    const newer = await tokenFromMail('olga@example.com', 2);
    assert.notEqual(older, newer);
    assert.equal((await reset(newer)).status, 200);
    const stale = await reset(older, 'olga-other-passphrase');
    assert.equal(stale.status, 400, stale.text);
    assert.equal(stale.body.meta.error.code, 'PasswordResetTokenInvalidError');
    assert.equal(await loginStatus('olga', NEW_PASSWORD), 200);
  });

  it('refuses an expired or unknown token with the same 400 code, changing nothing', async () => {
    await createMember(t, admin, admin.domainId, 'pia');
    assert.equal((await forgot('pia@example.com')).status, 202);
    const token = await tokenFromMail('pia@example.com');
    await db.query(`UPDATE password_reset_token r SET "expiresAt" = now() - interval '1 second' FROM "user" u WHERE u.id = r."userId" AND u.username = 'pia'`);
    const expired = await reset(token);
    assert.equal(expired.status, 400, expired.text);
    assert.equal(expired.body.meta.error.code, 'PasswordResetTokenInvalidError');
    const unknown = await reset('outpost_pwr_' + 'x'.repeat(43));
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.meta.error.code, 'PasswordResetTokenInvalidError');
    assert.equal(unknown.body.meta.error.message, expired.body.meta.error.message);
    assert.equal(await loginStatus('pia', PASSWORD), 200, 'the password is unchanged');
  });

  it('validates the new password like every password', async () => {
    const r = await reset('outpost_pwr_' + 'y'.repeat(43), 'short');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.meta.error.code, 'ValidationError');
  });
});

describe('forgot password without SMTP_URL', () => {
  let t: TestApp;
  let admin: Session;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('answers the same 202 and makes no token', async () => {
    const known = await t.request('POST', '/auth/forgot-password', { body: { email: 'admin@example.com' } });
    const unknown = await t.request('POST', '/auth/forgot-password', { body: { email: 'ghost@example.com' } });
    assert.equal(known.status, 202, known.text);
    assert.deepEqual(known.body.data, unknown.body.data);
    const pub = await t.request('GET', '/settings');
    assert.equal(pub.body.data.passwordResetEnabled, false);
    const rows = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM password_reset_token WHERE "userId" = $1`, [admin.userId]);
    assert.equal(rows[0].n, 0);
  });
});

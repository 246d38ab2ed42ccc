import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { deadSmtpUrl, SmtpSink, startSmtpSink } from './smtp-sink';

const PUBLIC_URL = 'https://outpost.example.test';

async function invite(t: TestApp, admin: Session, email: string) {
  return t.request('POST', '/membership', { token: admin.token, domain: admin.domainId, body: { email } });
}

describe('mail: invite emails through a real SMTP server', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: Session;

  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, SMTP_FROM: 'Outpost <noreply@example.test>', PUBLIC_URL });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  it('sends the invite link; the link in the mail is a working invite', async () => {
    const r = await invite(t, admin, 'mia@example.com');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.data.emailed, true);
    assert.equal(r.body.data.emailError, null);
    assert.match(r.body.data.inviteToken, /^outpost_inv_/, 'the token is still returned once');
    const mail = await waitFor('the invite email', () => sink.messages.find((m) => m.text?.includes('/invite/')));
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    assert.deepEqual(
      to.flatMap((a) => a?.value.map((v) => v.address)),
      ['mia@example.com'],
    );
    assert.equal(mail.from?.value[0].address, 'noreply@example.test');
    assert.match(mail.subject ?? '', /admin invited you to Alpha/);
    assert.match(mail.text ?? '', /join "Alpha" on Outpost as Member/);
    const link = /https:\/\/outpost\.example\.test\/invite\/(\S+)/.exec(mail.text ?? '');
    assert.ok(link, `the mail carries the link: ${mail.text}`);
    assert.equal(link[1], r.body.data.inviteToken);
    const preview = await t.request('GET', `/membership/invite/${encodeURIComponent(link[1])}`);
    assert.equal(preview.status, 200, preview.text);
    assert.equal(preview.body.data.email, 'mia@example.com');
    assert.equal(preview.body.data.domainName, 'Alpha');
  });
});

describe('mail: a mail server that is down does not lose the invite', () => {
  let t: TestApp;
  let admin: Session;

  before(async () => {
    t = await createTestApp({ SMTP_URL: await deadSmtpUrl(), PUBLIC_URL });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('answers 201 with emailed false, a sentence why, and a usable token', async () => {
    const r = await invite(t, admin, 'noah@example.com');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.data.emailed, false);
    assert.match(r.body.data.emailError, /invite email was not sent: the mail server could not be reached/);
    assert.doesNotMatch(r.body.data.emailError, /127\.0\.0\.1/, "the instance mail server's address stays in the log");
    const [row] = await t.app.get(DataSource).query(`SELECT state, "inviteEmail" FROM membership WHERE id = $1`, [r.body.data.id]);
    assert.deepEqual(row, { state: 'INVITED', inviteEmail: 'noah@example.com' });
    const preview = await t.request('GET', `/membership/invite/${encodeURIComponent(r.body.data.inviteToken)}`);
    assert.equal(preview.status, 200, preview.text);
  });
});

describe('mail: no SMTP_URL', () => {
  let t: TestApp;
  let admin: Session;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('creates the invite and says it was not emailed, without an error', async () => {
    const r = await invite(t, admin, 'olga@example.com');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.data.emailed, false);
    assert.equal(r.body.data.emailError, null);
    assert.match(r.body.data.inviteToken, /^outpost_inv_/);
  });
});

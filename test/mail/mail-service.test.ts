import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/core/errors/app-error';
import { MailService } from '../../src/core/mail/mail.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';
import { SmtpSink, startSmtpSink } from './smtp-sink';

/** A domain's own SMTP server (e.g. an email integration): sent through a per-call transport, behind the outbound guard. */
describe('MailService with a per-domain SMTP server', () => {
  let sink: SmtpSink;
  let allowed: TestApp;
  let guarded: TestApp;

  before(async () => {
    sink = await startSmtpSink();
    allowed = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' });
    guarded = await createTestApp();
  });
  after(async () => {
    await allowed.close();
    await guarded.close();
    await sink.close();
  });

  it('sends through the given server when private addresses are allowed', async () => {
    const mail = allowed.app.get(MailService);
    assert.equal(mail.configured, false, 'no instance SMTP_URL');
    const sent = await mail.send({ to: ['ops@example.com'], subject: 'Line one\r\nBcc: evil@example.com', text: 'hello from a domain server' }, { url: sink.url, from: 'Alpha <alpha@example.test>' });
    assert.deepEqual(sent.accepted, ['ops@example.com']);
    const got = await waitFor('the message', () => sink.messages.find((m) => m.text?.includes('hello from a domain server')));
    assert.equal(got.from?.value[0].address, 'alpha@example.test');
    assert.equal(got.subject, 'Line one Bcc: evil@example.com', 'a subject cannot add a header');
    assert.equal(got.bcc, undefined);
  });

  it('refuses a loopback SMTP host by default (400), and 503 when there is no server at all', async () => {
    const mail = guarded.app.get(MailService);
    await assert.rejects(mail.send({ to: ['ops@example.com'], subject: 's', text: 't' }, { url: sink.url, from: 'a@example.test' }), (err: unknown) => err instanceof AppError && err.status === 400);
    await assert.rejects(mail.send({ to: ['ops@example.com'], subject: 's', text: 't' }), (err: unknown) => err instanceof AppError && err.status === 503 && /not configured/.test(err.message));
  });
});

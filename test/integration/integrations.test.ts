import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EventBus } from '../../src/core/events/event-bus';
import { trustedDomainId } from '../../libs/tenancy/domain-id';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { startSmtpSink, SmtpSink } from '../mail/smtp-sink';
import { closedPortUrl, Received, Receiver, startReceiver } from './receiver';

// Integrations against real receivers on 127.0.0.1 (an HTTP server recording raw bodies and a
// real SMTP server), through the real API, pg-boss queue and database. The instance allows
// private targets here (OUTBOUND_ALLOW_PRIVATE); the default refusal is tested at the end.

const ENV = { OUTBOUND_ALLOW_PRIVATE: 'true', DELIVERY_RETRY_SECONDS: '1', DELIVERY_MAX_ATTEMPTS: '3' };

/** What a receiver does, from docs/webhooks.md: HMAC-SHA256 over "<timestamp>.<raw body>", compared in constant time. */
function verify(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['x-outpost-timestamp']);
  const signature = String(r.headers['x-outpost-signature']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${r.raw}`).digest('hex')}`;
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

describe('integrations', () => {
  let t: TestApp;
  let admin: Session;
  let rx: Receiver;
  let smtp: SmtpSink;
  const req = (method: string, url: string, body?: unknown) => t.request(method, url, { token: admin.token, domain: admin.domainId, body });
  const deliveries = async (id: string, body: unknown = {}) => {
    const res = await req('POST', `/integration/${id}/deliveries/search`, body);
    assert.equal(res.status, 200, res.text);
    return res.body.data as Array<{ id: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null }>;
  };
  const create = async (body: Record<string, unknown>) => {
    const res = await req('POST', '/integration', { name: `int-${Math.random().toString(36).slice(2, 8)}`, ...body });
    assert.equal(res.status, 201, res.text);
    return res.body.data as { id: string; name: string; signingSecret: string | null; target: string | null };
  };

  before(async () => {
    rx = await startReceiver();
    smtp = await startSmtpSink();
    t = await createTestApp({ ...ENV, SMTP_URL: smtp.url, SMTP_FROM: 'Outpost <outpost@instance.test>' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t?.close();
    await rx?.close();
    await smtp?.close();
  });

  it('shows a webhook signing secret once; the URL and secret never come back', async () => {
    const created = await create({ type: 'webhook', events: ['alert.fired'], url: rx.url('/hooks/secret-path-token') });
    assert.match(created.signingSecret ?? '', /^whsec_[0-9a-f]{64}$/);
    assert.equal(created.target, `http://127.0.0.1:${rx.port}/…`);
    const got = await req('GET', `/integration/${created.id}`);
    assert.equal(got.status, 200);
    const found = await req('POST', '/integration/search', { filters: { id: [created.id] } });
    assert.equal(found.status, 200);
    assert.equal(found.body.data.length, 1);
    for (const text of [got.text, found.text]) {
      assert.ok(!text.includes(created.signingSecret!), 'signing secret returned again');
      assert.ok(!text.includes('secret-path-token'), 'URL returned');
      assert.ok(!text.includes('secretSealed'), 'sealed column returned');
    }
    assert.equal(got.body.data.signingSecret, undefined);
  });

  it('test send reaches the receiver signed over the raw body; rotating the secret changes the key', async () => {
    const created = await create({ type: 'webhook', events: ['backup.completed'], url: rx.url('/hooks/signed') });
    const res = await req('POST', `/integration/${created.id}/test`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual({ ...res.body.data, deliveryId: undefined }, { ok: true, statusCode: 200, error: null, deliveryId: undefined });
    const [got] = rx.at('/hooks/signed');
    assert.ok(got, 'the receiver got the test');
    assert.equal(got.method, 'POST');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers['x-outpost-event'], 'integration.test');
    assert.equal(got.headers['x-outpost-delivery'], res.body.data.deliveryId);
    assert.ok(Math.abs(Number(got.headers['x-outpost-timestamp']) - Date.now() / 1000) < 300, 'timestamp is unix seconds of now');
    assert.ok(verify(created.signingSecret!, got), 'signature verifies with the secret shown at create');
    assert.ok(!verify('whsec_wrong', got));
    const body = JSON.parse(got.raw);
    assert.deepEqual(Object.keys(body).sort(), ['data', 'domainId', 'event', 'id', 'occurredAt']);
    assert.equal(body.id, res.body.data.deliveryId);
    assert.equal(body.domainId, admin.domainId);
    const log = await deliveries(created.id);
    assert.deepEqual(
      log.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode]),
      [['integration.test', 'succeeded', 1, 200]],
    );

    const rotated = await req('POST', `/integration/${created.id}/rotate-secret`);
    assert.equal(rotated.status, 200, rotated.text);
    const fresh = rotated.body.data.signingSecret as string;
    assert.notEqual(fresh, created.signingSecret);
    assert.equal((await req('POST', `/integration/${created.id}/test`)).body.data.ok, true);
    const second = rx.at('/hooks/signed')[1];
    assert.ok(verify(fresh, second), 'signed with the new secret');
    assert.ok(!verify(created.signingSecret!, second), 'the old secret no longer signs');
  });

  it('Discord and Slack get their own payload shapes', async () => {
    const discord = await create({ type: 'discord', events: ['server.crashed'], url: rx.url('/discord') });
    const slack = await create({ type: 'slack', events: ['server.crashed'], url: rx.url('/slack') });
    assert.equal((await req('POST', `/integration/${discord.id}/test`)).body.data.ok, true);
    assert.equal((await req('POST', `/integration/${slack.id}/test`)).body.data.ok, true);
    const d = JSON.parse(rx.at('/discord')[0].raw);
    assert.equal(d.embeds.length, 1);
    const embed = d.embeds[0];
    assert.equal(embed.title, 'Outpost test message');
    assert.equal(typeof embed.description, 'string');
    assert.ok(Number.isInteger(embed.color));
    assert.ok(!Number.isNaN(Date.parse(embed.timestamp)));
    assert.deepEqual(embed.fields[0], { name: 'Integration', value: discord.name, inline: true });
    assert.equal(rx.at('/discord')[0].headers['x-outpost-signature'], undefined, 'chat webhooks are not signed');
    const s = JSON.parse(rx.at('/slack')[0].raw);
    assert.match(s.text, /^Outpost test message: /);
    assert.ok(s.blocks.length >= 1);
    for (const block of s.blocks) {
      assert.equal(block.type, 'section');
      assert.equal(block.text.type, 'mrkdwn');
    }
    assert.match(s.blocks[0].text.text, /\*Outpost test message\*/);
  });

  it('an emitted event becomes a delivery on every subscribed, enabled integration and a succeeded row', async () => {
    const subscribed = await create({ type: 'webhook', events: ['alert.fired', 'alert.resolved'], url: rx.url('/events/on') });
    const other = await create({ type: 'webhook', events: ['backup.failed'], url: rx.url('/events/other') });
    const disabled = await create({ type: 'webhook', events: ['alert.fired'], enabled: false, url: rx.url('/events/off') });
    t.app.get(EventBus).emit('alert.changed', {
      domainId: trustedDomainId(admin.domainId),
      alertId: '11111111-1111-4111-8111-111111111111',
      ruleId: '22222222-2222-4222-8222-222222222222',
      ruleName: 'Crash watch',
      kind: 'server.crashed',
      severity: 'critical',
      state: 'firing',
      subject: { type: 'gameserver', id: '33333333-3333-4333-8333-333333333333', name: 'Lobby' },
      message: 'Lobby crashed (exit code 137)',
      at: new Date().toISOString(),
    });
    const got = await waitFor('the alert delivery', () => rx.at('/events/on')[0]);
    assert.equal(got.headers['x-outpost-event'], 'alert.fired');
    assert.ok(verify(subscribed.signingSecret!, got));
    const body = JSON.parse(got.raw);
    assert.equal(body.event, 'alert.fired');
    assert.equal(body.data.ruleName, 'Crash watch');
    assert.equal(body.data.subject.name, 'Lobby');
    await waitFor('the row to be succeeded', async () => (await deliveries(subscribed.id)).find((d) => d.status === 'succeeded'));
    const [row] = await deliveries(subscribed.id);
    assert.deepEqual([row.id, row.event, row.status, row.attempts, row.lastStatusCode], [body.id, 'alert.fired', 'succeeded', 1, 200]);
    assert.deepEqual(await deliveries(other.id), []);
    assert.deepEqual(await deliveries(disabled.id), []);
    assert.equal(rx.at('/events/off').length + rx.at('/events/other').length, 0);
  });

  it('a member joining (a real membership change) is delivered as member.joined', async () => {
    const hook = await create({ type: 'webhook', events: ['member.joined'], url: rx.url('/members') });
    // An account of another domain accepts an invite to this one (MembershipService.accept emits the change).
    const elsewhere = await createDomain(t, admin.token, 'Elsewhere');
    const newcomer = await createMember(t, admin, elsewhere, 'newcomer');
    const invite = await req('POST', '/membership', { email: 'newcomer@example.com' });
    assert.equal(invite.status, 201, invite.text);
    const accepted = await t.request('POST', '/membership/accept', { token: newcomer.token, body: { token: invite.body.data.inviteToken } });
    assert.equal(accepted.status, 200, accepted.text);
    const got = await waitFor('the member.joined delivery', () => rx.at('/members')[0]);
    const body = JSON.parse(got.raw);
    assert.equal(body.event, 'member.joined');
    assert.equal(body.data.userName, 'newcomer');
    assert.ok(verify(hook.signingSecret!, got));
  });

  it('a receiver answering 500 is retried with backoff, then the delivery fails with the status in the log; a manual retry is one more attempt', async () => {
    rx.answer('/flaky', 500, 'boom');
    const hook = await create({ type: 'webhook', events: ['backup.failed'], url: rx.url('/flaky') });
    t.app.get(EventBus).emit('backup.finished', {
      domainId: trustedDomainId(admin.domainId),
      backupId: '44444444-4444-4444-8444-444444444444',
      backupName: 'nightly',
      serverId: '55555555-5555-4555-8555-555555555555',
      serverName: 'Lobby',
      status: 'failed',
      sizeBytes: null,
      error: 'disk full',
    });
    const failed = await waitFor('the delivery to fail', async () => (await deliveries(hook.id)).find((d) => d.status === 'failed'), 30_000);
    assert.equal(failed.attempts, 3);
    assert.equal(failed.lastStatusCode, 500);
    assert.equal(failed.lastError, 'HTTP 500: boom');
    const attempts = rx.at('/flaky');
    assert.equal(attempts.length, 3);
    assert.ok(attempts.every((a) => a.headers['x-outpost-delivery'] === failed.id && a.headers['x-outpost-event'] === 'backup.failed'));
    // Backoff: 1 s, then 2 s (DELIVERY_RETRY_SECONDS doubling); the receiver saw them apart.
    const times = attempts.map((a) => Number(a.headers['x-outpost-timestamp']));
    assert.ok(times[2] - times[0] >= 2, `attempts at ${times.join(', ')}`);

    rx.answer('/flaky', 204);
    const retried = await req('POST', `/integration/${hook.id}/deliveries/${failed.id}/retry`);
    assert.equal(retried.status, 202, retried.text);
    assert.equal(retried.body.data.status, 'pending');
    const done = await waitFor('the retried delivery to succeed', async () => (await deliveries(hook.id)).find((d) => d.status === 'succeeded'));
    assert.deepEqual([done.id, done.attempts, done.lastStatusCode, done.lastError], [failed.id, 4, 204, null]);
    const again = await req('POST', `/integration/${hook.id}/deliveries/${failed.id}/retry`);
    assert.equal(again.status, 409, 'a succeeded delivery is not retried');
  });

  it('a receiver that is down: the test answers ok:false, an event ends failed with the connection error', async () => {
    const hook = await create({ type: 'webhook', events: ['node.offline'], url: await closedPortUrl('/down') });
    const test = await req('POST', `/integration/${hook.id}/test`);
    assert.equal(test.status, 200);
    assert.equal(test.body.data.ok, false);
    assert.equal(test.body.data.statusCode, null);
    assert.match(test.body.data.error, /^Connection refused by http:\/\/127\.0\.0\.1:\d+$/);
    t.app
      .get(EventBus)
      .emit('node.state', { domainId: trustedDomainId(admin.domainId), nodeId: '66666666-6666-4666-8666-666666666666', nodeName: 'n1', state: 'offline', reason: 'agent disconnected' });
    // A shared node (no domain) tells no tenant.
    t.app.get(EventBus).emit('node.state', { domainId: null, nodeId: '66666666-6666-4666-8666-666666666667', nodeName: 'shared', state: 'offline', reason: 'agent disconnected' });
    const failed = await waitFor('the event delivery to fail', async () => (await deliveries(hook.id, { filters: { event: ['node.offline'] } })).find((d) => d.status === 'failed'), 30_000);
    assert.equal(failed.attempts, 3);
    assert.equal(failed.lastStatusCode, null);
    assert.match(failed.lastError ?? '', /^Connection refused/);
    assert.equal((await deliveries(hook.id, { filters: { event: ['node.offline'] } })).length, 1);
  });

  it('Discord answering 410 Gone fails at once, without retries', async () => {
    rx.answer('/gone', 410, '{"message": "Unknown Webhook"}');
    const discord = await create({ type: 'discord', events: ['server.crashed'], url: rx.url('/gone') });
    t.app.get(EventBus).emit('gameserver.system', {
      domainId: trustedDomainId(admin.domainId),
      serverId: '77777777-7777-4777-8777-777777777777',
      serverName: 'Lobby',
      action: 'crashed',
      details: { reason: 'exited', exitCode: 137, oom: true, restartInMs: null },
    });
    const failed = await waitFor('the 410 delivery to fail', async () => (await deliveries(discord.id)).find((d) => d.status === 'failed'));
    assert.deepEqual([failed.attempts, failed.lastStatusCode], [1, 410]);
    assert.equal(rx.at('/gone').length, 1);
    assert.match(JSON.parse(rx.at('/gone')[0].raw).embeds[0].description, /Lobby crashed \(out of memory\)/);
  });

  it('email: the test message reaches the recipients through the instance SMTP server, or the integration’s own', async () => {
    const mail = await create({ type: 'email', events: ['backup.completed'], recipients: ['ops@example.com', 'lead@example.com'] });
    const res = await req('POST', `/integration/${mail.id}/test`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.ok, true, res.text);
    const msg = await waitFor('the email', () => smtp.messages.find((m) => m.subject === '[Outpost] Outpost test message'));
    const to = Array.isArray(msg.to) ? msg.to : [msg.to];
    assert.deepEqual(to.flatMap((a) => a!.value.map((v) => v.address)).sort(), ['lead@example.com', 'ops@example.com']);
    assert.equal(msg.from?.value[0].address, 'outpost@instance.test');
    assert.match(msg.text ?? '', /This is a test message for the integration/);

    const own = await create({ type: 'email', events: ['backup.completed'], recipients: ['own@example.com'], smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: 'Alerts <alerts@tenant.test>' });
    const got = await req('GET', `/integration/${own.id}`);
    assert.equal(got.body.data.smtpHost, `127.0.0.1:${smtp.port}`);
    assert.equal(got.body.data.smtpFrom, 'Alerts <alerts@tenant.test>');
    assert.equal((await req('POST', `/integration/${own.id}/test`)).body.data.ok, true);
    const ownMsg = await waitFor('the email through the own server', () => smtp.messages.find((m) => m.from?.value[0].address === 'alerts@tenant.test'));
    assert.equal((Array.isArray(ownMsg.to) ? ownMsg.to[0] : ownMsg.to)!.value[0].address, 'own@example.com');
  });

  it('refuses fields of the other kind and a Member without integrations.manage', async () => {
    const wrong = await req('POST', '/integration', { name: 'x', type: 'email', events: ['alert.fired'], recipients: ['a@example.com'], url: rx.url('/x') });
    assert.equal(wrong.status, 400);
    const noUrl = await req('POST', '/integration', { name: 'x', type: 'webhook', events: ['alert.fired'] });
    assert.equal(noUrl.status, 400);
    const badEvent = await req('POST', '/integration', { name: 'x', type: 'webhook', events: ['alert.exploded'], url: rx.url('/x') });
    assert.equal(badEvent.status, 400);
    // A URL that does not parse is a 400 naming the field, never a 500 (nor a log line carrying its password).
    for (const smtpUrl of ['smtp://[zz', 'smtp://user:S3cret@host.example:99999', 'smtp://user:S3cret@[mail']) {
      const bad = await req('POST', '/integration', { name: 'x', type: 'email', events: ['alert.fired'], recipients: ['a@example.com'], smtpUrl });
      assert.equal(bad.status, 400, bad.text);
      assert.doesNotMatch(bad.text, /S3cret/);
    }

    const member = await createMember(t, admin, admin.domainId, 'plainmember');
    const body = { name: 'mine', type: 'webhook', events: ['alert.fired'], url: rx.url('/member') };
    const denied = await t.request('POST', '/integration', { token: member.token, domain: admin.domainId, body });
    assert.equal(denied.status, 403, denied.text);
    const listed = await t.request('POST', '/integration/search', { token: member.token, domain: admin.domainId, body: {} });
    assert.equal(listed.status, 403);
    assert.equal((await req('POST', '/integration', body)).status, 201, 'the same body is valid for an admin');
  });
});

describe('integrations under the default outbound policy', () => {
  let t: TestApp;
  let admin: Session;
  let rx: Receiver;
  before(async () => {
    rx = await startReceiver();
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t?.close();
    await rx?.close();
  });

  it('refuses a webhook at 127.0.0.1 or a name resolving to it (localhost), and an SMTP server on loopback', async () => {
    const req = (body: unknown) => t.request('POST', '/integration', { token: admin.token, domain: admin.domainId, body });
    for (const url of [rx.url('/hook'), `http://localhost:${rx.port}/hook`, 'http://169.254.169.254/latest/meta-data/']) {
      const res = await req({ name: 'local', type: 'webhook', events: ['alert.fired'], url });
      assert.equal(res.status, 400, `${url}: ${res.text}`);
      assert.match(res.text, /not allowed: .* address/);
    }
    const ftp = await req({ name: 'ftp', type: 'webhook', events: ['alert.fired'], url: 'ftp://example.com/x' });
    assert.equal(ftp.status, 400);
    const smtpLocal = await req({ name: 'mail', type: 'email', events: ['alert.fired'], recipients: ['a@example.com'], smtpUrl: 'smtp://127.0.0.1:25' });
    assert.equal(smtpLocal.status, 400, smtpLocal.text);
    assert.equal(rx.requests.length, 0);
    // A public address passes the same check (nothing is sent at create).
    const ok = await req({ name: 'public', type: 'webhook', events: ['alert.fired'], url: 'https://93.184.216.34/hook' });
    assert.equal(ok.status, 201, ok.text);
  });
});

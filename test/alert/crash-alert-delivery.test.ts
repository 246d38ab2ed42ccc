import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { closedPortUrl, Received, Receiver, startReceiver } from '../integration/receiver';
import { SmtpSink, startSmtpSink } from '../mail/smtp-sink';

/** What a receiver does to trust a delivery (docs/webhooks.md): HMAC-SHA256 over "<timestamp>.<raw body>". */
function verifySignature(r: Received, secret: string): boolean {
  const timestamp = String(r.headers['x-outpost-timestamp'] ?? '');
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${r.raw}`).digest('hex')}`;
  return r.headers['x-outpost-signature'] === expected;
}

/**
 * Issue 17's first "done when", end to end on a real agent and real Docker: a container killed
 * from outside fires the recommended "crashed" rule; the alert reaches a signed HTTP webhook and a
 * real SMTP server; a receiver that is down gets its retries and ends failed in the delivery log;
 * starting the server again resolves the alert and that is delivered too.
 */
describe('a crash, from the container to the operator: alert → signed webhook + email; a dead receiver retried then failed; resolved', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  let receiver: Receiver;
  let smtp: SmtpSink;
  let secret: string;
  let downId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const deliveriesTo = (event: string) => receiver.at('/hook').filter((r) => r.headers['x-outpost-event'] === event);

  before(async () => {
    receiver = await startReceiver();
    smtp = await startSmtpSink();
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true', DELIVERY_RETRY_SECONDS: '1', DELIVERY_MAX_ATTEMPTS: '3', SMTP_URL: smtp.url, ALERT_EVALUATE_MS: '200' });
    admin = await bootstrapAdmin(t);
    assert.equal((await req('POST', '/alertrule/defaults')).status, 200);

    const hook = await req('POST', '/integration', { name: 'ops webhook', type: 'webhook', url: receiver.url('/hook'), events: ['alert.fired', 'alert.resolved'] });
    assert.equal(hook.status, 201, hook.text);
    secret = hook.body.data.signingSecret;
    assert.ok(secret, 'the signing secret is shown at creation');
    const mail = await req('POST', '/integration', { name: 'ops mail', type: 'email', recipients: ['ops@example.com'], events: ['alert.fired'] });
    assert.equal(mail.status, 201, mail.text);
    const down = await req('POST', '/integration', { name: 'gone receiver', type: 'webhook', url: await closedPortUrl('/down'), events: ['alert.fired'] });
    assert.equal(down.status, 201, down.text);
    downId = down.body.data.id;

    node = await startNodeWithAgent(t, admin, { name: 'Docker box' });
    serverId = await startEchoServer(req, node.nodeId, 'Valheim EU');
    assert.equal((await req('PUT', `/gameserver/${serverId}`, { autoRestart: false })).status, 200);
  });
  after(async () => {
    if (admin) await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t?.close();
    await receiver?.close();
    await smtp?.close();
  });

  it('killing the container fires "crashed": the webhook receives alert.fired with a valid signature, and the email arrives', async () => {
    await new Docker().getContainer(`outpost-${serverId}`).kill({ signal: 'SIGKILL' });

    const [fired] = await waitFor('alert.fired delivered', () => deliveriesTo('alert.fired').length > 0 && deliveriesTo('alert.fired'), 30_000);
    assert.equal(verifySignature(fired, secret), true, 'signature verifies over the raw body and timestamp');
    assert.equal(verifySignature(fired, secret + 'x'), false, 'and only with the right secret');
    const body = JSON.parse(fired.raw);
    assert.equal(body.event, 'alert.fired');
    assert.equal(body.domainId, admin.domainId);
    assert.equal(body.data.kind, 'server.crashed');
    assert.deepEqual(body.data.subject, { type: 'gameserver', id: serverId, name: 'Valheim EU' });
    assert.match(body.data.message, /Valheim EU.*crashed.*137/);

    const email = await waitFor('alert email', () => smtp.messages[0], 30_000);
    assert.match(email.subject ?? '', /Valheim EU/, 'the subject names the server');
    assert.deepEqual(
      [email.to].flat().flatMap((a) => a?.value.map((v) => v.address)),
      ['ops@example.com'],
    );
    assert.match(email.text ?? '', /Valheim EU.*crashed/);
    assert.equal(smtp.messages.length, 1);
  });

  it('the receiver that is down: retried up to the limit, then failed in the delivery log with the error', async () => {
    const failed = await waitFor(
      'delivery failed after its attempts',
      async () => {
        const log = await req('POST', `/integration/${downId}/deliveries/search`, {});
        assert.equal(log.status, 200, log.text);
        const row = log.body.data.find((d: any) => d.event === 'alert.fired');
        return row?.status === 'failed' && row;
      },
      30_000,
    );
    assert.equal(failed.attempts, 3);
    assert.equal(failed.lastStatusCode, null);
    assert.match(failed.lastError, /refused/i);
  });

  it('starting the server again resolves the alert, and the resolution is delivered, signed', async () => {
    const alert = (await req('POST', '/alert/search', { filters: { kind: ['server.crashed'], subjectId: serverId } })).body.data[0];
    assert.equal(alert.state, 'firing');
    assert.equal((await req('POST', `/gameserver/${serverId}/start`)).status, 200);
    const [resolved] = await waitFor('alert.resolved delivered', () => deliveriesTo('alert.resolved').length > 0 && deliveriesTo('alert.resolved'), 30_000);
    assert.equal(verifySignature(resolved, secret), true);
    assert.equal(JSON.parse(resolved.raw).data.alertId, alert.id);
    assert.equal((await req('GET', `/alert/${alert.id}`)).body.data.state, 'resolved');
    assert.equal(deliveriesTo('alert.fired').length, 1, 'one crash, one notification');
  });
});

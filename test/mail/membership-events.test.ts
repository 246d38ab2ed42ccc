import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventBus } from '../../src/core/events/event-bus';
import type { MembershipChanged } from '../../src/core/events/outpost-events';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, PASSWORD, Session } from '../helpers/fixtures';

/** membership.changed: who joined or left which domain, emitted once the change is committed. */
describe('membership.changed events', () => {
  let t: TestApp;
  let admin: Session;
  const events: MembershipChanged[] = [];
  let off: () => void;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    off = t.app.get(EventBus).on('membership.changed', (e) => void events.push(e));
  });
  after(async () => {
    off();
    await t.close();
  });

  const invite = async (email: string) => {
    const r = await t.request('POST', '/membership', { token: admin.token, domain: admin.domainId, body: { email } });
    assert.equal(r.status, 201, r.text);
    return r.body.data as { id: string; inviteToken: string };
  };

  it('joined: registering from an invite link', async () => {
    events.length = 0;
    const inv = await invite('pia@example.com');
    assert.deepEqual(events, [], 'an invite alone is nobody joining');
    const r = await t.request('POST', `/membership/invite/${encodeURIComponent(inv.inviteToken)}/register`, { body: { username: 'pia', password: PASSWORD } });
    assert.equal(r.status, 201, r.text);
    const me = await t.request('GET', '/me', { token: r.body.data.token });
    assert.deepEqual(events, [{ domainId: admin.domainId, userId: me.body.data.user.id, userName: 'pia', change: 'joined' }]);
  });

  it('joined: an existing account accepting an invite; left: the member removed', async () => {
    // quinn has an account (a member of another domain) and accepts an invite to Alpha.
    const beta = await createDomain(t, admin.token, 'Beta');
    const quinn = await createMember(t, admin, beta, 'quinn');
    const inv = await invite('quinn@example.com');
    events.length = 0;
    const accepted = await t.request('POST', '/membership/accept', { token: quinn.token, body: { token: inv.inviteToken } });
    assert.equal(accepted.status, 200, accepted.text);
    assert.deepEqual(events, [{ domainId: admin.domainId, userId: quinn.userId, userName: 'quinn', change: 'joined' }]);

    events.length = 0;
    const removed = await t.request('DELETE', `/membership/${inv.id}`, { token: admin.token, domain: admin.domainId });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(events, [{ domainId: admin.domainId, userId: quinn.userId, userName: 'quinn', change: 'left' }]);
  });

  it('joined: an admin creating the account in the domain (POST /user)', async () => {
    events.length = 0;
    const r = await t.request('POST', '/user', { token: admin.token, domain: admin.domainId, body: { username: 'sam', email: 'sam@example.com', password: PASSWORD } });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(events, [{ domainId: admin.domainId, userId: r.body.data.id, userName: 'sam', change: 'joined' }]);
  });

  it('withdrawing an invite nobody accepted emits nothing', async () => {
    const inv = await invite('ron@example.com');
    events.length = 0;
    const removed = await t.request('DELETE', `/membership/${inv.id}`, { token: admin.token, domain: admin.domainId });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(events, []);
  });
});

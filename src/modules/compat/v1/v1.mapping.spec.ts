import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reshapeEnvelopeError } from '../shared/compat-error-shape';
import { expiresInToDate, pickRole, resetHeaderToEpoch, toApiTokenCreated, toInvite, toLoginReply, toMember, toOrganization, toUser, usernameFromEmail } from './v1.mapping';
import { DomainState } from '../../domain/entities/domain.entity';
import { MembershipState } from '../../membership/entities/membership.entity';

const at = new Date('2026-01-31T00:00:00.000Z');

describe('Shardlyn /v1 mapping (camelCase DTOs → snake_case replies)', () => {
  it('login: tokens with token_type Bearer, or the MFA challenge alone', () => {
    assert.deepEqual(toLoginReply({ token: 'a', refreshToken: 'r', expiresIn: 900 }), { access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'Bearer' });
    assert.deepEqual(toLoginReply({ mfaRequired: true, challengeToken: 'c' }), { mfa_required: true, challenge_token: 'c' });
  });

  it('users, organizations, members and invites: snake_case, ISO dates, nulls kept', () => {
    const user = { id: 'u', username: 'ann', email: 'ann@example.com', isInstanceAdmin: true, mfaEnabled: false, lastLoginAt: null, createdAt: at, updatedAt: at };
    assert.deepEqual(toUser(user as never), {
      id: 'u',
      username: 'ann',
      email: 'ann@example.com',
      is_admin: true,
      mfa_enabled: false,
      last_login_at: null,
      created_at: '2026-01-31T00:00:00.000Z',
      updated_at: '2026-01-31T00:00:00.000Z',
    });
    assert.equal(toOrganization({ id: 'd', name: 'Alpha', state: DomainState.MAINTENANCE, createdAt: at, updatedAt: at }).state, 'maintenance');
    const membership = { id: 'm', domainId: 'd', userId: 'u', roleId: 'r', state: MembershipState.ACTIVE, inviteEmail: null, inviteExpiresAt: null, createdAt: at, updatedAt: at };
    assert.deepEqual(toMember({ ...membership, user, role: { name: 'Admin' } } as never), {
      user_id: 'u',
      username: 'ann',
      email: 'ann@example.com',
      role_id: 'r',
      role: 'Admin',
      joined_at: '2026-01-31T00:00:00.000Z',
    });
    assert.deepEqual(toInvite({ ...membership, userId: null, state: MembershipState.INVITED, inviteEmail: 'x@example.com', inviteExpiresAt: at } as never), {
      id: 'm',
      email: 'x@example.com',
      role_id: 'r',
      role: null,
      expires_at: '2026-01-31T00:00:00.000Z',
      created_at: '2026-01-31T00:00:00.000Z',
    });
  });

  it('API tokens: expires_in seconds → expires_at; the created reply has exactly the seed fields', () => {
    assert.equal(expiresInToDate(2592000, at.getTime()), '2026-03-02T00:00:00.000Z');
    assert.equal(expiresInToDate(undefined, at.getTime()), undefined);
    assert.equal(expiresInToDate(0, at.getTime()), undefined);
    const created = toApiTokenCreated({
      id: 't',
      name: 'ci',
      token: 'outpost_x',
      expiresAt: null,
      createdAt: at,
      domainId: 'd',
      userId: 'u',
      prefix: 'outpost_',
      permissions: [],
      lastUsedAt: null,
      revokedAt: null,
    });
    assert.deepEqual(Object.keys(created).sort(), ['created_at', 'expires_at', 'id', 'name', 'token']);
  });

  it('roles by id or by name in any case; usernames from emails fit the username rule', () => {
    const roles = [
      { id: '1', name: 'Owner' },
      { id: '2', name: 'Member' },
    ];
    assert.equal(pickRole(roles, 'member'), '2');
    assert.equal(pickRole(roles, ' OWNER '), '1');
    assert.equal(pickRole(roles, '2'), '2');
    assert.equal(pickRole(roles, 'emperor'), null);
    assert.equal(usernameFromEmail('ann.lee+ci@example.com'), 'ann.lee_ci');
    assert.equal(usernameFromEmail('a@example.com'), 'a__');
    assert.equal(usernameFromEmail(`${'x'.repeat(40)}@example.com`).length, 32);
  });

  it('X-RateLimit-Reset: seconds to reset → epoch seconds; anything else untouched', () => {
    assert.equal(resetHeaderToEpoch('60', 1_706_745_540_000), '1706745600');
    assert.equal(resetHeaderToEpoch(['5'], 1_000), '6');
    assert.equal(resetHeaderToEpoch(undefined, 1_000), undefined);
    assert.equal(resetHeaderToEpoch('soon', 1_000), undefined);
  });

  it('errors: the envelope becomes { error }, other payloads pass', () => {
    assert.deepEqual(reshapeEnvelopeError({ meta: { error: { code: 'X', message: 'nope' } }, data: null }), { error: 'nope' });
    assert.deepEqual(reshapeEnvelopeError({ meta: {}, data: { a: 1 } }), { meta: {}, data: { a: 1 } });
    assert.deepEqual(reshapeEnvelopeError([1]), [1]);
  });
});

import assert from 'node:assert/strict';
import { TestApp } from './test-app';

export interface Session {
  token: string;
  refreshToken: string;
  userId: string;
  domainId: string;
}

export const PASSWORD = 'correct-horse-battery';

export async function bootstrapAdmin(t: TestApp, domainName = 'Alpha'): Promise<Session> {
  const r = await t.request('POST', '/auth/bootstrap', { body: { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName } });
  assert.equal(r.status, 201, r.text);
  const me = await t.request('GET', '/me', { token: r.body.data.token });
  return { token: r.body.data.token, refreshToken: r.body.data.refreshToken, userId: me.body.data.user.id, domainId: r.body.data.domainId };
}

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<{ token: string; refreshToken: string }> {
  const r = await t.request('POST', '/login', { body: { username, password } });
  assert.equal(r.status, 200, r.text);
  return r.body.data;
}

export async function createDomain(t: TestApp, token: string, name: string): Promise<string> {
  const r = await t.request('POST', '/domain', { token, body: { name } });
  assert.equal(r.status, 201, r.text);
  return r.body.data.id;
}

export async function roleId(t: TestApp, token: string, domainId: string, name: string): Promise<string> {
  const r = await t.request('POST', '/role/search', { token, domain: domainId, body: { filters: { name } } });
  assert.equal(r.status, 200, r.text);
  return r.body.data[0].id;
}

/** A new user who is a member of `domainId` with the named role; returns their session. */
export async function createMember(t: TestApp, admin: { token: string }, domainId: string, username: string, role = 'Member'): Promise<Session> {
  const rid = await roleId(t, admin.token, domainId, role);
  const r = await t.request('POST', '/user', { token: admin.token, domain: domainId, body: { username, email: `${username}@example.com`, password: PASSWORD, roleIds: [rid] } });
  assert.equal(r.status, 201, r.text);
  const s = await login(t, username);
  return { ...s, userId: r.body.data.id, domainId };
}

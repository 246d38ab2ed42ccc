import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, PASSWORD, Session } from '../helpers/fixtures';
// @takaro/apiclient is ESM-only; this build is CommonJS, so import it for real at run time.
import { importEsm } from '../../src/core/esm-import';

describe('the published @takaro/apiclient works against Outpost unchanged', () => {
  let t: TestApp;
  let admin: Session;
  let url: string;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t, 'Takaro Community');
    // The supertest transport already listens on an ephemeral 127.0.0.1 port; the Takaro client uses the same one.
    if (!t.app.getHttpServer().listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
  });

  it('login() → /me → select domain → search', async () => {
    const { Client } = await importEsm<any>('@takaro/apiclient');
    const client = new Client({ url, auth: { username: 'admin@example.com', password: PASSWORD }, log: false });
    const token = await client.login();
    assert.equal(typeof token, 'string');

    const me = await client.user.userControllerMe();
    assert.equal(me.status, 200);
    assert.equal(me.data.data.user.username, 'admin');
    assert.equal(me.data.data.domain, admin.domainId);

    const second = await createDomain(t, admin.token, 'Second');
    client.setHeader('x-takaro-domain', second);
    const roles = await client.role.roleControllerSearch({ filters: { name: ['Owner'] } });
    assert.equal(roles.status, 200);
    assert.equal(roles.data.data.length, 1);
    assert.equal(roles.data.data[0].domainId, second);
    assert.equal(roles.data.meta.total, 1);
  });

  it('a wrong password surfaces as a 401 with the error envelope', async () => {
    const { Client } = await importEsm<any>('@takaro/apiclient');
    const client = new Client({ url, auth: { username: 'admin', password: 'wrong-password!' }, log: false });
    await assert.rejects(client.login(), (err: any) => err.response?.status === 401 && err.response.data.meta.error.code === 'UnauthorizedError');
  });
});

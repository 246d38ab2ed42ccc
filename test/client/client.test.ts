import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { createOutpostClient } from '@libs/client';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, PASSWORD, Session } from '../helpers/fixtures';
import { importEsm } from '../../src/core/esm-import';

const ROOT = join(__dirname, '../../..');

describe('typed client (libs/client) generated from openapi.json', () => {
  let t: TestApp;
  let admin: Session;
  let url: string;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
  });

  it('the committed libs/client/schema.ts matches openapi.json (run `npm run openapi`)', async () => {
    const { renderClientSchema } = await importEsm<any>(join(ROOT, 'scripts/generate-client.mjs'));
    assert.equal(readFileSync(join(ROOT, 'libs/client/schema.ts'), 'utf8'), await renderClientSchema(), 'libs/client/schema.ts is stale');
  });

  it('logs in, selects a domain and searches with typed bodies and replies', async () => {
    const client = createOutpostClient({ baseUrl: url });
    await client.login('admin', PASSWORD);
    const me = await client.GET('/me');
    assert.equal(me.data?.data.user.username, 'admin');
    client.setDomain(admin.domainId);
    const roles = await client.POST('/role/search', { body: { filters: { name: ['Owner'] }, limit: 5 } });
    assert.equal(roles.response.status, 200);
    assert.equal(roles.data?.data[0].name, 'Owner');
    assert.equal(roles.data?.meta.total, 1);
    const bad = await client.POST('/role/search', { body: { limit: 5000 } });
    assert.equal(bad.response.status, 400);
    assert.equal((bad.error as unknown as { meta: { error: { code: string } } }).meta.error.code, 'ValidationError');
  });
});

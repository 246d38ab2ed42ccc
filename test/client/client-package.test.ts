import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, PASSWORD, Session } from '../helpers/fixtures';

const ROOT = join(__dirname, '../../..');

/** What an integrator writes: plain CommonJS, no TypeScript, the package from its tarball. */
const SCRIPT = `
const { createOutpostClient, OutpostApiError } = require('@outpost/client');
const [baseUrl, username, password, domainId] = process.argv.slice(2);
let searchRequests = 0;
const client = createOutpostClient({
  baseUrl,
  fetch: (input, init) => {
    if (new URL(input.url ?? String(input)).pathname === '/role/search') searchRequests++;
    return fetch(input, init);
  },
});
(async () => {
  const tokens = await client.login(username, password);
  client.setDomain(domainId);
  const names = [];
  for await (const role of client.paginate('/role/search', {}, { pageSize: 2 })) names.push(role.name);
  let error = null;
  try {
    await client.call(client.GET('/gameserver/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } }));
  } catch (e) {
    error = { instance: e instanceof OutpostApiError, status: e.status, code: e.code, message: e.message };
  }
  console.log(JSON.stringify({ loggedIn: typeof tokens.token === 'string' && typeof tokens.refreshToken === 'string', domain: client.domain, names, searchRequests, error }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

describe('@outpost/client: npm pack, installed into a scratch project, used from plain node', () => {
  let t: TestApp;
  let admin: Session;
  let url: string;
  let work: string;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    work = mkdtempSync(join(tmpdir(), 'outpost-client-pack-'));
  });
  after(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('packs the built package (dist + README, no sources), installs it offline and pages a search over several requests', async () => {
    // `npm run build` builds the package (client:build); compile again only when a source is newer than it.
    const built = join(ROOT, 'libs/client/dist/index.js');
    const newest = Math.max(
      ...readdirSync(join(ROOT, 'libs/client'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => statSync(join(ROOT, 'libs/client', f)).mtimeMs),
    );
    if (!existsSync(built) || statSync(built).mtimeMs < newest) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'libs/client/tsconfig.json')], { cwd: ROOT, stdio: 'pipe' });
    }
    const packed = JSON.parse(execFileSync('npm', ['pack', join(ROOT, 'libs/client'), '--pack-destination', work, '--json'], { cwd: work, encoding: 'utf8' })) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0].files.map((f) => f.path).sort();
    for (const f of ['README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/schema.d.ts', 'dist/console.js', 'dist/upload.js']) assert.ok(files.includes(f), `${f} is in the tarball`);
    assert.deepEqual(
      files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
      [],
      'no TypeScript sources',
    );
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(packed[0].filename, `outpost-client-${version}.tgz`);

    const scratch = join(work, 'scratch');
    mkdirSync(scratch);
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed[0].filename)], { cwd: scratch, stdio: 'pipe' });
    writeFileSync(join(scratch, 'use-client.js'), SCRIPT);

    for (const name of ['pack-a', 'pack-b', 'pack-c', 'pack-d', 'pack-e']) {
      const r = await t.request('POST', '/role', { token: admin.token, domain: admin.domainId, body: { name, permissions: [] } });
      assert.equal(r.status, 201, r.text);
    }
    const all = await t.request('POST', '/role/search', { token: admin.token, domain: admin.domainId, body: { limit: 1000 } });
    assert.equal(all.status, 200, all.text);
    const expected = (all.body.data as { name: string }[]).map((r) => r.name);
    assert.ok(expected.length >= 6);

    // Async: the API answering the script runs in this process.
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['use-client.js', url, 'admin', PASSWORD, admin.domainId], { cwd: scratch }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const result = JSON.parse(out) as { loggedIn: boolean; domain: string; names: string[]; searchRequests: number; error: { instance: boolean; status: number; code: string; message: string } };
    assert.equal(result.loggedIn, true);
    assert.equal(result.domain, admin.domainId);
    assert.deepEqual(result.names, expected, 'every role once, in the API order');
    assert.equal(result.searchRequests, Math.ceil(expected.length / 2));
    assert.deepEqual(result.error, { instance: true, status: 404, code: 'NotFoundError', message: result.error.message });
    assert.match(result.error.message, /not found/i);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { bootstrapAdmin, createDomain, PASSWORD, Session } from '../helpers/fixtures';
import { createTestApp, TestApp } from '../helpers/test-app';
import { CliResult, configDir, json, runCli } from './cli-process';

/** A command run asynchronously (the API under test answers from this process). */
function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) =>
    execFile(file, args, { cwd, env, timeout: 120_000 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );
}

/** The CLI as a child process against the real API (listening on 127.0.0.1); no Docker needed here. */
describe('outpost CLI', () => {
  let t: TestApp;
  let admin: Session;
  let url: string;
  let dir: string;
  let env: Record<string, string>;
  const readConfig = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { url: string; token?: string; refreshToken?: string; domain?: string };

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t, 'Alpha');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = configDir();
    env = { OUTPOST_CONFIG_DIR: dir };
  });
  after(async () => {
    await t.close();
  });

  it('logs in with the password on stdin and stores the credentials with mode 0600 in a 0700 directory', async () => {
    const r = await runCli(['login', '--url', url, '--username', 'admin', '--password-stdin'], env, PASSWORD + '\n');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /logged in to .* as admin \(domain Alpha\)/);
    assert.equal(statSync(join(dir, 'config.json')).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const config = readConfig();
    assert.equal(config.url, url);
    assert.equal(config.domain, admin.domainId);
    assert.ok(config.refreshToken);
    // The stored token is a real session of the API.
    assert.equal((await t.request('GET', '/me', { token: config.token })).status, 200);
  });

  it('a wrong password exits 3 with the API message and stores nothing', async () => {
    const other = configDir();
    const r = await runCli(['login', '--url', url, '--username', 'admin', '--password-stdin'], { OUTPOST_CONFIG_DIR: other }, 'wrong-password\n');
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^error: .+\(\w+Error, HTTP 401\)/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(existsSync(join(other, 'config.json')), false);
  });

  it('without a login, commands exit 3', async () => {
    const r = await runCli(['servers', 'ls'], { OUTPOST_CONFIG_DIR: configDir() });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /not logged in/);
  });

  it('usage errors exit 2: unknown command, unknown option, missing argument', async () => {
    const unknown = await runCli(['frobnicate'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    assert.equal((await runCli(['servers', 'ls', '--bogus'], env)).code, 2);
    assert.equal((await runCli(['servers', 'show'], env)).code, 2);
    const help = await runCli(['files', 'put', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--no-resume/);
  });

  it('domains --json lists the memberships with the selected one; use switches and is stored', async () => {
    const betaId = await createDomain(t, admin.token, 'Beta');
    let r = await runCli(['domains', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    let domains = json<{ id: string; name: string; selected: boolean }[]>(r);
    assert.deepEqual(domains.map((d) => [d.name, d.selected]).sort(), [
      ['Alpha', true],
      ['Beta', false],
    ]);
    r = await runCli(['use', 'Beta'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readConfig().domain, betaId);
    domains = json(await runCli(['domains', '--json'], env));
    assert.equal(domains.find((d) => d.selected)?.name, 'Beta');
    // Commands now work in Beta: its (empty) server list.
    assert.deepEqual(json(await runCli(['servers', 'ls', '--json'], env)), []);
    assert.equal((await runCli(['use', 'Gamma'], env)).code, 1);
    assert.equal((await runCli(['use', admin.domainId], env)).code, 0);
    assert.equal(readConfig().domain, admin.domainId);
  });

  it('npm pack of libs/cli installs offline into a scratch project and its one-file bundle works against the API', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'outpost-cli-pack-'));
    const root = join(__dirname, '../../..');
    const packed = await run('npm', ['pack', join(root, 'libs/cli'), '--pack-destination', scratch, '--silent'], root);
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = join(scratch, packed.stdout.trim().split('\n').pop()!);
    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    // --offline: the package must need nothing from a registry (commander, the client and ws are bundled).
    const installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
    assert.equal(installed.code, 0, installed.stderr);
    const bin = join(project, 'node_modules/.bin/outpost');
    const domains = await run(bin, ['domains', '--json'], project, { ...process.env, OUTPOST_CONFIG_DIR: dir });
    assert.equal(domains.code, 0, domains.stderr);
    assert.deepEqual(
      json<{ name: string }[]>(domains)
        .map((d) => d.name)
        .sort(),
      ['Alpha', 'Beta'],
    );
    assert.equal((await run(bin, ['nope'], project)).code, 2);
  });

  it('nodes register prints the install command; nodes ls --json lists the node', async () => {
    const r = await runCli(['nodes', 'register', 'cli-node', '--address', '127.0.0.1', '--memory', '2048', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = json<{ node: { id: string }; registration: { token: string; command: string } }>(r);
    // No PUBLIC_URL: the command names the URL the CLI used, with the one-time token.
    assert.ok(out.registration.command.includes(`${url}/agent/install.sh`), out.registration.command);
    assert.ok(out.registration.command.includes(`OUTPOST_TOKEN=${out.registration.token}`));
    const human = await runCli(['nodes', 'register', 'cli-node-2'], env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /curl -fsSL \S+\/agent\/install\.sh \| OUTPOST_TOKEN=\S+ sh -s -- --url /);
    const nodes = json<{ id: string; name: string; memoryMiB: number }[]>(await runCli(['nodes', 'ls', '--json'], env));
    assert.deepEqual(nodes.find((n) => n.id === out.node.id)?.memoryMiB, 2048);
    assert.deepEqual(nodes.map((n) => n.name).sort(), ['cli-node', 'cli-node-2']);
    const table = await runCli(['nodes', 'ls'], env);
    assert.match(table.stdout, /^ID\s+NAME\s+STATE/);
    assert.match(table.stdout, /cli-node-2\s+pending/);
  });

  it('servers: ls --json, names resolve, ambiguous names exit 2, unknown ids exit 1 with the API message and no stack', async () => {
    const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    const node = (await req('POST', '/node/search', { filters: { name: 'cli-node' } })).body.data[0];
    // Placement needs an online node; these rows only need to exist, so they are written directly.
    const insert = (name: string) =>
      t.app
        .get(DataSource)
        .query(
          `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, $2, $3, $4, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
          [admin.domainId, name, workload.body.data.id, node.id],
        )
        .then((rows: { id: string }[]) => rows[0].id);
    const soloId = await insert('solo');
    const twinA = await insert('twin');
    const twinB = await insert('twin');

    const ls = json<{ id: string; name: string; state: string }[]>(await runCli(['servers', 'ls', '--json'], env));
    assert.deepEqual(ls.map((s) => s.id).sort(), [soloId, twinA, twinB].sort());
    const show = json<{ id: string; name: string }>(await runCli(['servers', 'show', 'solo', '--json'], env));
    assert.equal(show.id, soloId);

    const ambiguous = await runCli(['servers', 'show', 'twin'], env);
    assert.equal(ambiguous.code, 2);
    assert.ok(ambiguous.stderr.includes(twinA) && ambiguous.stderr.includes(twinB), ambiguous.stderr);

    const missingId = randomUUID();
    const api = await req('GET', `/gameserver/${missingId}`);
    assert.equal(api.status, 404);
    const missing = await runCli(['servers', 'show', missingId], env);
    assert.equal(missing.code, 1);
    assert.ok(missing.stderr.includes(`error: ${api.body.meta.error.message} (${api.body.meta.error.code}`), missing.stderr);
    assert.doesNotMatch(missing.stderr, /\n\s+at /);
    assert.equal(missing.stdout, '');
    assert.equal((await runCli(['servers', 'start', 'no-such-server'], env)).code, 1);
  });

  it('tokens: create prints the secret once, it works from OUTPOST_TOKEN without a login, revoke ends it (exit 3)', async () => {
    const created = json<{ id: string; token: string; permissions: string[] }>(await runCli(['tokens', 'create', 'ci-bot', '--permissions', 'gameserver.read,nodes.read', '--json'], env));
    assert.match(created.token, /^outpost_/);
    assert.deepEqual([...created.permissions].sort(), ['gameserver.read', 'nodes.read']);
    const tokens = json<{ id: string; name: string; token?: string }[]>(await runCli(['tokens', 'ls', '--json'], env));
    const listed = tokens.find((tk) => tk.id === created.id);
    assert.equal(listed?.name, 'ci-bot');
    assert.equal(listed?.token, undefined);

    const tokenEnv = { OUTPOST_CONFIG_DIR: configDir(), OUTPOST_URL: url, OUTPOST_TOKEN: created.token };
    const servers = await runCli(['servers', 'ls', '--json'], tokenEnv);
    assert.equal(servers.code, 0, servers.stderr);
    assert.equal(json<unknown[]>(servers).length, 3);
    // Its permissions are its own: no token management.
    assert.equal((await runCli(['tokens', 'ls'], tokenEnv)).code, 1);

    const revoked = await runCli(['tokens', 'revoke', 'ci-bot'], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const after = await runCli(['servers', 'ls'], tokenEnv);
    assert.equal(after.code, 3, after.stderr);
  });

  it('an expired access token is refreshed and the new tokens are saved back', async () => {
    const before = readConfig();
    // A token the API refuses (as an expired one would be) next to a valid refresh token.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...before, token: 'expired.jwt.token' }), { mode: 0o600 });
    const r = await runCli(['servers', 'ls', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const now = readConfig();
    assert.notEqual(now.token, 'expired.jwt.token');
    assert.notEqual(now.refreshToken, before.refreshToken);
    assert.equal((await t.request('GET', '/me', { token: now.token })).status, 200);
    assert.equal(statSync(join(dir, 'config.json')).mode & 0o777, 0o600);
  });

  it('logout forgets the credentials and ends the session', async () => {
    const token = readConfig().token;
    const r = await runCli(['logout'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readConfig().token, undefined);
    assert.equal(readConfig().url, url);
    assert.equal((await t.request('GET', '/me', { token })).status, 401);
    assert.equal((await runCli(['servers', 'ls'], env)).code, 3);
  });
});

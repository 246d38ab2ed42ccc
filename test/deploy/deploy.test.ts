import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { cloneBranch } from '../../src/modules/deploy/git-process';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { LocalRepo, startLocalRepo } from './git-repo';

/**
 * Git deploy on a real agent and real Docker, from a real repository served by `git daemon` on
 * 127.0.0.1 (the app allows private targets, as an instance setting would).
 */
describe('git deploy: sync, GitHub/GitLab webhooks, refused signatures, other branches', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let repo: LocalRepo;
  let serverId: string;
  let token: { id: string; secret: string };
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const fileOnServer = async (path: string) => {
    const r = await req('GET', `/gameserver/${serverId}/files/content?path=${encodeURIComponent(path)}`);
    return r.status === 200 ? (r.body.data.content as string) : null;
  };
  const syncRows = () => t.app.get(DataSource).query<Array<Record<string, unknown>>>(`SELECT * FROM git_sync WHERE "serverId" = $1 ORDER BY "startedAt"`, [serverId]);
  const waitSync = (syncId: string) =>
    waitFor(
      'sync finished',
      async () => {
        const rows = (await req('GET', `/gameserver/${serverId}/git/syncs`)).body.data as Array<{ id: string; status: string }>;
        const row = rows.find((s) => s.id === syncId);
        return row && row.status !== 'running' && row;
      },
      60_000,
    ) as Promise<Record<string, any>>;
  const github = (body: unknown, opts: { secret?: string; event?: string } = {}) => {
    const raw = JSON.stringify(body);
    const signature =
      'sha256=' +
      createHmac('sha256', opts.secret ?? token.secret)
        .update(raw)
        .digest('hex');
    return t.request('POST', `/webhooks/github/${token.id}`, { body: raw, headers: { 'x-hub-signature-256': signature, 'x-github-event': opts.event ?? 'push' } });
  };
  const pushPayload = (sha: string, branch = 'main') => ({
    ref: `refs/heads/${branch}`,
    after: sha,
    repository: { clone_url: repo.url, html_url: `http://127.0.0.1:${repo.port}/repo`, ssh_url: `git@127.0.0.1:repo.git` },
    head_commit: { id: sha, message: 'x' },
  });

  before(async () => {
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'Deployed');
    repo = await startLocalRepo();
    const created = await req('POST', '/webhooktoken', { name: 'ci' });
    assert.equal(created.status, 201, created.text);
    token = { id: created.body.data.id, secret: created.body.data.secret };
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await repo?.stop();
    await t.close();
  });

  it('local paths, file://, ext:: and option-like URLs are refused 400 (also with private targets allowed)', async () => {
    for (const url of ['file:///etc', '/local/path', 'ext::sh -c touch% /tmp/pwned', '--upload-pack=touch /tmp/pwned', 'ssh://git@127.0.0.1/repo.git', 'git@127.0.0.1:repo.git']) {
      const r = await req('PUT', `/gameserver/${serverId}/git`, { url, branch: 'main' });
      assert.equal(r.status, 400, `${url}: ${r.text}`);
      assert.equal(r.body.meta.error.code, ErrorCode.ValidationError, url);
    }
    for (const [field, value] of [
      ['branch', '--upload-pack=x'],
      ['branch', 'a..b'],
      ['subdirectory', '../x'],
      ['targetDirectory', '/abs'],
      ['targetDirectory', 'a/../../b'],
    ]) {
      const r = await req('PUT', `/gameserver/${serverId}/git`, { url: repo.url, branch: 'main', [field]: value });
      assert.equal(r.status, 400, `${field}=${value}: ${r.text}`);
    }
    assert.equal((await req('GET', `/gameserver/${serverId}/git`)).body.data.config, null);
  });

  let first: string;

  it('PUT config + sync now: the sub-directory lands in the target directory of the running server, sync row succeeded with the commit', async () => {
    first = repo.commit({ 'deploy/config/server.cfg': 'motd=one\n', 'deploy/plugins/a.txt': 'plugin a\n', 'README.md': 'not deployed\n' }, 'first deploy');
    const put = await req('PUT', `/gameserver/${serverId}/git`, { url: repo.url, branch: 'main', subdirectory: 'deploy', targetDirectory: 'live', token: 'tok-secret-123' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.data.config.hasToken, true);
    assert.ok(!put.text.includes('tok-secret-123'), 'the token is never returned');
    const started = await req('POST', `/gameserver/${serverId}/git/sync`);
    assert.equal(started.status, 202, started.text);
    const done = await waitSync(started.body.data.syncId);
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.commit, first);
    assert.equal(done.commitMessage, 'first deploy');
    assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=one\n');
    assert.equal(await fileOnServer('live/plugins/a.txt'), 'plugin a\n');
    assert.equal(await fileOnServer('live/README.md'), null, 'only the sub-directory is deployed');
    const listing = (await req('GET', `/gameserver/${serverId}/files`)).body.data as Array<{ name: string }>;
    assert.ok(!JSON.stringify(listing).includes('.outpost-deploy-'), 'the archive was removed from the server');
    const config = (await req('GET', `/gameserver/${serverId}/git`)).body.data;
    assert.equal(config.config.lastCommit, first);
    assert.equal(config.lastSync.id, started.body.data.syncId);
  });

  let second: string;

  it('a push announced by a correctly signed GitHub webhook updates the running server’s file (overwritten), sync succeeded with the pushed sha', async () => {
    second = repo.commit({ 'deploy/config/server.cfg': 'motd=two\n' }, 'second deploy');
    const before = (await syncRows()).length;
    const r = await github(pushPayload(second));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.outcome, 'synced');
    assert.equal(r.body.data.syncIds.length, 1);
    const done = await waitSync(r.body.data.syncIds[0]);
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.commit, second);
    assert.equal(done.trigger, 'webhook');
    assert.equal((await syncRows()).length, before + 1);
    assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=two\n');
    assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.state, 'running');
    // The public route has no user: the audit row names the system and the webhook token.
    const audit = (await req('POST', '/auditlog/search', { filters: { action: ['deploy.webhook_sync'] } })).body.data;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actorType, 'system');
    assert.equal(audit[0].tokenName, 'ci');
    assert.equal(audit[0].targetId, serverId);
    assert.equal(audit[0].details.commit, second);
  });

  it('a wrongly signed webhook: 401, recorded as refused, no sync row, the file unchanged', async () => {
    const third = repo.commit({ 'deploy/config/server.cfg': 'motd=three\n' }, 'third');
    const rowsBefore = (await syncRows()).length;
    const bad = await github(pushPayload(third), { secret: 'not-the-secret' });
    assert.equal(bad.status, 401, bad.text);
    assert.equal(bad.body.meta.error.code, ErrorCode.UnauthorizedError);
    const unsigned = await t.request('POST', `/webhooks/github/${token.id}`, { body: pushPayload(third), headers: { 'x-github-event': 'push' } });
    assert.equal(unsigned.status, 401, unsigned.text);
    const events = (await req('GET', `/webhooktoken/${token.id}/events`)).body.data as Array<{ outcome: string; reason: string }>;
    assert.equal(events[0].outcome, 'refused');
    assert.equal(events[1].outcome, 'refused');
    assert.match(events[1].reason, /does not match/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await syncRows()).length, rowsBefore, 'no sync was started');
    assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=two\n');
  });

  it('a push to another branch is ignored (200), nothing synced; ping answers 200', async () => {
    const other = repo.commit({ 'deploy/config/server.cfg': 'motd=dev\n' }, 'dev work', 'dev');
    const rowsBefore = (await syncRows()).length;
    const r = await github(pushPayload(other, 'dev'));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.outcome, 'ignored');
    assert.match(r.body.data.reason, /branch dev/);
    const ping = await github({ zen: 'hi', hook_id: 1 }, { event: 'ping' });
    assert.equal(ping.status, 200, ping.text);
    assert.equal(ping.body.data.outcome, 'ignored');
    assert.equal((await syncRows()).length, rowsBefore);
    const events = (await req('GET', `/webhooktoken/${token.id}/events`)).body.data as Array<{ outcome: string; branch: string | null }>;
    assert.deepEqual(
      events.slice(0, 2).map((e) => e.outcome),
      ['ignored', 'ignored'],
    );
    assert.equal(events[1].branch, 'dev');
    assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=two\n');
  });

  it('GitLab: the right X-Gitlab-Token syncs main (restartOnSync: stopped and running again); a wrong one is 401', async () => {
    const startedAt = async () => {
      const [c] = await new Docker().listContainers({ all: true, filters: { label: [`outpost.domain-id=${admin.domainId}`] } });
      return (await new Docker().getContainer(c.Id).inspect()).State.StartedAt;
    };
    const startedBefore = await startedAt();
    const put = await req('PUT', `/gameserver/${serverId}/git`, { url: repo.url, branch: 'main', subdirectory: 'deploy', targetDirectory: 'live', restartOnSync: true });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.data.config.hasToken, true, 'same URL, token omitted: kept');
    const head = repo.commit({ 'deploy/config/server.cfg': 'motd=gitlab\n' }, 'gitlab push', 'main');
    const payload = {
      object_kind: 'push',
      ref: 'refs/heads/main',
      checkout_sha: head,
      project: { git_http_url: `http://127.0.0.1:${repo.port}/repo.git`, web_url: `http://127.0.0.1:${repo.port}/repo` },
    };
    const wrong = await t.request('POST', `/webhooks/gitlab/${token.id}`, { body: payload, headers: { 'x-gitlab-token': 'nope', 'x-gitlab-event': 'Push Hook' } });
    assert.equal(wrong.status, 401, wrong.text);
    const ok = await t.request('POST', `/webhooks/gitlab/${token.id}`, { body: payload, headers: { 'x-gitlab-token': token.secret, 'x-gitlab-event': 'Push Hook' } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.outcome, 'synced');
    const done = await waitSync(ok.body.data.syncIds[0]);
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.commit, head);
    assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=gitlab\n');
    await waitFor('running again', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running', 30_000);
    assert.notEqual(await startedAt(), startedBefore, 'the container was stopped and started again');
  });

  it('a sync while one runs is 409; an unknown branch fails the sync with git’s reason', async () => {
    const put = await req('PUT', `/gameserver/${serverId}/git`, { url: repo.url, branch: 'no-such-branch' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.data.config.restartOnSync, false);
    const a = await req('POST', `/gameserver/${serverId}/git/sync`);
    assert.equal(a.status, 202, a.text);
    const b = await req('POST', `/gameserver/${serverId}/git/sync`);
    assert.equal(b.status, 409, b.text);
    const done = await waitSync(a.body.data.syncId);
    assert.equal(done.status, 'failed');
    assert.match(done.error, /no-such-branch|not found/i);
  });

  it('http(s) with an access token: sent as Basic x-access-token (connection pinned to the checked address); a wrong token fails without the token in the error', async () => {
    const secret = 'tok-http-777';
    const http = await repo.serveHttp(`Basic ${Buffer.from(`x-access-token:${secret}`).toString('base64')}`);
    try {
      const head = repo.commit({ 'deploy/config/server.cfg': 'motd=http\n' }, 'over http');
      const put = await req('PUT', `/gameserver/${serverId}/git`, { url: http.url, branch: 'main', subdirectory: 'deploy', targetDirectory: 'live', token: secret });
      assert.equal(put.status, 200, put.text);
      const ok = await req('POST', `/gameserver/${serverId}/git/sync`);
      const done = await waitSync(ok.body.data.syncId);
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
      assert.equal(done.commit, head);
      assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=http\n');
      assert.ok(http.seen.length > 0 && http.seen.every((h) => h === `Basic ${Buffer.from(`x-access-token:${secret}`).toString('base64')}`));
      // Pinned: git connects to the address the outbound guard checked, not to what the name resolves to
      // when git looks it up (here: nothing at all), so a name re-pointed after the check is never reached.
      const pinnedUrl = new URL(http.url);
      pinnedUrl.hostname = 'rebound.invalid';
      const home = mkdtempSync(join(tmpdir(), 'outpost-pinned-'));
      try {
        const pinned = await cloneBranch({ url: pinnedUrl, address: '127.0.0.1', branch: 'main', token: secret, home, dir: join(home, 'clone'), timeoutMs: 30_000 });
        assert.equal(pinned.commit, head);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
      const wrongToken = 'tok-wrong-999';
      assert.equal((await req('PUT', `/gameserver/${serverId}/git`, { url: http.url, branch: 'main', subdirectory: 'deploy', targetDirectory: 'live', token: wrongToken })).status, 200);
      const bad = await req('POST', `/gameserver/${serverId}/git/sync`);
      const failed = await waitSync(bad.body.data.syncId);
      assert.equal(failed.status, 'failed', JSON.stringify(failed));
      assert.ok(failed.error && !failed.error.includes(wrongToken) && !failed.error.includes(Buffer.from(`x-access-token:${wrongToken}`).toString('base64')), failed.error);
      assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=http\n');
    } finally {
      await http.close();
    }
  });

  it('a symlink leading out of the deployed directory fails the sync; nothing is written', async () => {
    assert.equal((await req('PUT', `/gameserver/${serverId}/git`, { url: repo.url, branch: 'main', subdirectory: 'deploy', targetDirectory: 'live' })).status, 200);
    repo.commit({ 'deploy/escape': { link: '../README.md' }, 'deploy/config/server.cfg': 'motd=evil\n' }, 'symlink out');
    const r = await req('POST', `/gameserver/${serverId}/git/sync`);
    const done = await waitSync(r.body.data.syncId);
    assert.equal(done.status, 'failed');
    assert.match(done.error, /symbolic link.*escape/);
    assert.equal(await fileOnServer('live/config/server.cfg'), 'motd=http\n');
  });
});

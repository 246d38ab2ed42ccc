import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConsoleGateway } from '../../src/modules/console/console.gateway';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { bootstrapAdmin, PASSWORD, Session } from '../helpers/fixtures';
import { createTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';
import { configDir, json, runCli, startCli } from './cli-process';

/** The CLI against the real API and a real agent on Docker: create, start, console, resumable upload. */
describe('outpost CLI with a real node', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let env: Record<string, string>;
  let serverId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t, 'Alpha');
    node = await startNodeWithAgent(t, admin, { name: 'docker-node' });
    env = { OUTPOST_CONFIG_DIR: configDir() };
    const login = await runCli(['login', '--url', node.url, '--username', 'admin', '--password-stdin'], env, PASSWORD);
    assert.equal(login.code, 0, login.stderr);
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node.stop();
    await t.close();
  });

  it('servers create from the echo-server template and start --wait bring it to running', async () => {
    const created = await runCli(['servers', 'create', '--name', 'cli-echo', '--template', 'echo-server', '--node', 'docker-node', '--memory', '64', '--cpu', '50', '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    serverId = json<{ id: string }>(created).id;
    const started = await runCli(['servers', 'start', 'cli-echo', '--wait', '--timeout', '60'], env);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /cli-echo: start done \(state running\)/);
    const servers = json<{ id: string; state: string; node: { name: string } }[]>(await runCli(['servers', 'ls', '--json'], env));
    assert.deepEqual(
      servers.map((s) => [s.id, s.state, s.node.name]),
      [[serverId, 'running', 'docker-node']],
    );
    assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.state, 'running');
  });

  it('logs -f streams console lines until it is stopped; console sends stdin lines as commands', async () => {
    const follow = startCli(['servers', 'logs', 'cli-echo', '-f'], env);
    // The stored history first (the echo server's ready line) …
    await follow.waitForOutput('history', 'stdout', /Done! Server ready/);
    // … then live lines: a command sent through the API shows up in the CLI's output.
    assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: 'from-the-api' })).status, 200);
    await follow.waitForOutput('live line', 'stdout', /echo: from-the-api/);
    const stopped = await follow.kill('SIGINT');
    assert.equal(stopped.code, 0, stopped.stderr);

    const consoleCli = startCli(['servers', 'console', 'cli-echo'], env);
    await consoleCli.waitForOutput('history', 'stdout', /echo: from-the-api/);
    consoleCli.write('typed-in-the-cli\n');
    await consoleCli.waitForOutput('echo of the typed command', 'stdout', /echo: typed-in-the-cli/);
    // The command really reached the server: it is in the stored history the API serves.
    await waitFor('stored line', async () => ((await req('GET', `/gameserver/${serverId}/logs`)).body.data.lines as { line: string }[]).some((l) => l.line === 'echo: typed-in-the-cli'));
    // The API drops the socket: the CLI says so, reconnects and resumes after the last line it printed.
    const gateway: unknown = t.app.get(ConsoleGateway);
    for (const socket of (gateway as { wss: { clients: Set<{ terminate(): void }> } }).wss.clients) socket.terminate();
    // A line made while the CLI is away (it waits 250 ms before reconnecting) comes with the resume.
    assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: 'during-the-drop' })).status, 200);
    await consoleCli.waitForOutput('reconnect notice', 'stderr', /console connection lost.*\n(.*\n)*reconnected; resuming after line [1-9]\d*/);
    await consoleCli.waitForOutput('line made during the drop', 'stdout', /echo: during-the-drop/);
    consoleCli.write('after-the-drop\n');
    await consoleCli.waitForOutput('echo after the reconnect', 'stdout', /echo: after-the-drop/);
    // Resumed by sequence: no line was printed twice.
    const printed = consoleCli.stdout().trim().split('\n');
    for (const line of ['echo: typed-in-the-cli', 'echo: during-the-drop'])
      assert.deepEqual(
        printed.filter((l) => l === line),
        [line],
      );
    await consoleCli.kill();
  });

  it('files put shows progress, resumes after an interruption (Ctrl-C), and the file arrives byte-identical', async () => {
    const work = mkdtempSync(join(tmpdir(), 'outpost-cli-files-'));
    const local = join(work, 'world.bin');
    const content = randomBytes(3 * 1024 * 1024 + 123);
    writeFileSync(local, content);
    // Small chunks (about 200 requests), so the upload is still running when the first bytes are reported.
    const chunkEnv = { ...env, OUTPOST_UPLOAD_CHUNK: String(16 * 1024) };
    const first = startCli(['files', 'put', 'cli-echo', local, 'uploads'], chunkEnv);
    await first.waitForOutput('first progress line', 'stderr', /upload uploads\/world\.bin: \d+% [1-9]\d*\/\d+ bytes/);
    // Ctrl-C: the CLI stops after the chunk in flight and keeps the upload to resume.
    const interrupted = await first.kill('SIGINT');
    assert.equal(interrupted.code, 130, interrupted.stderr);
    assert.match(interrupted.stderr, /upload interrupted; run the same command again to resume/);
    assert.doesNotMatch(interrupted.stdout, /uploaded/);

    // The rest in one request (default chunk size): resuming does not depend on the chunk size.
    const second = await runCli(['files', 'put', 'cli-echo', local, 'uploads'], env);
    assert.equal(second.code, 0, second.stderr);
    const resumed = /resuming at (\d+) bytes/.exec(second.stderr);
    assert.ok(resumed, second.stderr);
    const at = Number(resumed[1]);
    assert.ok(at > 0 && at < content.length, `resumed at ${at}`);
    assert.match(second.stderr, /upload uploads\/world\.bin: 100% /);
    assert.match(second.stdout, /uploaded .* to cli-echo:uploads\/world\.bin \(3145851 bytes\)/);

    const listing = json<{ name: string; size: number; type: string }[]>(await runCli(['files', 'ls', 'cli-echo', 'uploads', '--json'], env));
    assert.deepEqual(
      listing.map((e) => [e.name, e.type, e.size]),
      [['world.bin', 'file', content.length]],
    );
    const copy = join(work, 'copy.bin');
    const got = await runCli(['files', 'get', 'cli-echo', 'uploads/world.bin', copy], env);
    assert.equal(got.code, 0, got.stderr);
    assert.ok(readFileSync(copy).equals(content), 'the downloaded file differs from the uploaded one');

    // A finished upload is forgotten: the same command uploads afresh (no resume).
    const again = await runCli(['files', 'put', 'cli-echo', local, 'uploads'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /resuming/);
  });
});

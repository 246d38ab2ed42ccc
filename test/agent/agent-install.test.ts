import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { createNodeForAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';

/**
 * A fresh game machine, as far as one test can make one: the agent is downloaded from the API over
 * HTTP into an empty directory outside the repository (no node_modules to resolve from) and run
 * with plain `node`, or installed by the served install.sh; real agent, real Docker.
 */
describe('installing the agent from the API', () => {
  let t: TestApp;
  let admin: Session;
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const REPO = resolve(__dirname, '../../..');

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const nodeState = async (id: string) => (await req('GET', `/node/${id}`)).body.data.state;
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-fresh-machine-'));
    assert.ok(!dir.startsWith(REPO), 'outside the repository');
    dirs.push(dir);
    return dir;
  };
  /** What a bare machine has: a PATH and a HOME, none of the test runner's NODE_OPTIONS or module paths. */
  const bareEnv = (home: string) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}) });
  const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) => {
    const child = spawn(cmd, args, { cwd, env: { ...bareEnv(cwd), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    return { child, output: () => out, exited };
  };

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((done) => c.once('exit', done))));
    await t?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('serves the bundle publicly with its sha256; downloaded into an empty directory it runs with plain node, registers and goes online', async () => {
    const { nodeId, url, registerToken } = await createNodeForAgent(t, admin, { name: 'fresh-box' });
    const res = await fetch(`${url}/agent/outpost-agent.cjs`); // no credentials
    assert.equal(res.status, 200);
    const body = Buffer.from(await res.arrayBuffer());
    const sha = createHash('sha256').update(body).digest('hex');
    assert.equal(res.headers.get('x-outpost-sha256'), sha);
    assert.equal(res.headers.get('etag'), `"${sha}"`);
    assert.match(res.headers.get('cache-control') ?? '', /public/);

    const machine = freshDir();
    const bundle = join(machine, 'outpost-agent.cjs');
    writeFileSync(bundle, body);
    const dataDir = join(machine, 'data');
    const agent = run(process.execPath, [bundle, '--url', url, '--token', registerToken, '--data-dir', dataDir], machine);
    await waitFor('node online', async () => (await nodeState(nodeId)) === 'online' || agent.child.exitCode !== null, 30_000);
    assert.equal(agent.child.exitCode, null, agent.output());
    assert.equal(await nodeState(nodeId), 'online');
    // The identity lands in the data dir it was given, nowhere machine-wide.
    const identity = JSON.parse(readFileSync(join(dataDir, 'agent.json'), 'utf8'));
    assert.equal(identity.nodeId, nodeId);
    assert.match(identity.agentToken, /^outpost_agent_/);
    assert.ok(!agent.output().includes(registerToken), 'the token is never logged');
    agent.child.kill('SIGTERM');
    assert.equal(await agent.exited, 0, agent.output());
  });

  it('install.sh downloads, verifies and runs the agent in the foreground, without echoing the token', async () => {
    const { nodeId, url, registerToken } = await createNodeForAgent(t, admin, { name: 'script-box' });
    const res = await fetch(`${url}/agent/install.sh`);
    assert.equal(res.status, 200);
    const script = await res.text();
    const machine = freshDir();
    writeFileSync(join(machine, 'install.sh'), script);
    const dataDir = join(machine, 'agent-data');
    // As the dashboard's command runs it: the token in the environment, not in the arguments.
    const install = run('sh', ['install.sh', '--url', url, '--data-dir', dataDir], machine, { OUTPOST_TOKEN: registerToken });
    await waitFor('node online', async () => (await nodeState(nodeId)) === 'online' || install.child.exitCode !== null, 30_000);
    assert.equal(install.child.exitCode, null, install.output());
    const installed = readFileSync(join(dataDir, 'outpost-agent.cjs'));
    const served = Buffer.from(await (await fetch(`${url}/agent/outpost-agent.cjs`)).arrayBuffer());
    assert.ok(installed.equals(served), 'the verified bundle is installed in the data dir');
    assert.match(install.output(), /Agent verified \(sha256 [0-9a-f]{64}\)/);
    assert.equal(JSON.parse(readFileSync(join(dataDir, 'agent.json'), 'utf8')).nodeId, nodeId);
    assert.ok(!install.output().includes(registerToken), 'the token is never echoed');
    install.child.kill('SIGTERM');
    await install.exited;
  });

  it('install.sh refuses a bundle whose sha256 does not match, and starts nothing', async () => {
    const { nodeId, url, registerToken } = await createNodeForAgent(t, admin, { name: 'tampered-box' });
    const script = await (await fetch(`${url}/agent/install.sh`)).text();
    const tampered = script.replace(/^EXPECTED_SHA256="[0-9a-f]{64}"$/m, `EXPECTED_SHA256="${'0'.repeat(64)}"`);
    assert.notEqual(tampered, script, 'the script carries the expected sha256');
    const machine = freshDir();
    writeFileSync(join(machine, 'install.sh'), tampered);
    const dataDir = join(machine, 'agent-data');
    const install = run('sh', ['install.sh', '--url', url, '--token', registerToken, '--data-dir', dataDir], machine);
    // Bounded: a script that ran the unverified agent anyway would bring the node online instead of exiting.
    await waitFor('installer exits or the node comes online', async () => install.child.exitCode !== null || (await nodeState(nodeId)) === 'online', 30_000);
    assert.equal(install.child.exitCode, 1, install.output());
    assert.match(install.output(), /checksum mismatch: expected 0{64}, got [0-9a-f]{64}; not installing/);
    assert.ok(!existsSync(join(dataDir, 'outpost-agent.cjs')), 'nothing installed');
    assert.ok(!existsSync(join(dataDir, 'agent.json')), 'never registered');
    assert.equal(await nodeState(nodeId), 'pending');
    assert.ok(!install.output().includes(registerToken));
  });
});

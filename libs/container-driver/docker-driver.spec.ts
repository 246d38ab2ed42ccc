/**
 * DockerDriver against the real local daemon, with the locally built echo-server image.
 * Run: npx tsc -p tsconfig.json && node --test dist/libs/container-driver/docker-driver.spec.js
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar';
import { ContainerDriverError, DockerDriver } from './docker-driver';
import { type Attachment, type ContainerEvent, NODE_ID_LABEL, type ServerSpec } from './container-driver';
import { ECHO_SERVER_IMAGE, ECHO_SERVER_READY_LINE, ECHO_SERVER_STARTUP, ensureTestImages } from './test-images';

const driver = new DockerDriver();
const suffix = crypto.randomBytes(4).toString('hex');
const created: string[] = [];
const importedImages: string[] = [];
const stops: Array<() => void> = [];
let tmp: string;

/** Collects an attachment's lines so tests can wait for one that has not arrived yet. */
class Console {
  readonly lines: string[] = [];
  constructor(readonly attachment: Attachment) {
    attachment.output.on('data', (l: string) => this.lines.push(l));
  }
  async waitFor(match: string | RegExp, timeoutMs = 5000): Promise<string> {
    const ok = (l: string) => (typeof match === 'string' ? l === match : match.test(l));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.lines.find(ok);
      if (hit !== undefined) return hit;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${match}; got ${JSON.stringify(this.lines)}`);
      await sleep(25);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until<T>(fn: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function spec(name: string, overrides: Partial<ServerSpec> = {}): ServerSpec {
  const dataDir = path.join(tmp, name);
  fs.mkdirSync(dataDir, { recursive: true });
  return {
    serverId: `srv-${name}`,
    name: `outpost-test-${name}-${suffix}`,
    image: ECHO_SERVER_IMAGE,
    startup: ECHO_SERVER_STARTUP,
    env: {},
    limits: { memoryMiB: 64, swapMiB: 0, cpuPercent: 50, pids: 64, diskMiB: 0 },
    ports: [],
    dataDir,
    mountPath: '/data',
    openStdin: true,
    ...overrides,
  };
}

async function createTracked(s: ServerSpec): Promise<string> {
  const id = await driver.create(s);
  created.push(id);
  return id;
}

/** Attach first, then start: the attach sees output from the very first line. */
async function startAttached(id: string): Promise<Console> {
  const con = new Console(await driver.attach(id));
  await driver.start(id);
  await con.waitFor(ECHO_SERVER_READY_LINE);
  return con;
}

async function subscribe(): Promise<ContainerEvent[]> {
  const events: ContainerEvent[] = [];
  stops.push(await driver.events((e) => events.push(e)));
  return events;
}

before(async () => {
  await ensureTestImages();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-driver-'));
});

after(async () => {
  for (const stop of stops) stop();
  for (const id of created) await driver.remove(id, { force: true }).catch(() => undefined);
  for (const ref of importedImages)
    await driver.docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('DockerDriver', () => {
  test('version reports the pinned API', async () => {
    const v = await driver.version();
    assert.equal(v.apiVersion, '1.41');
    assert.equal(v.os, 'linux');
    assert.ok(v.version.length > 0);
  });

  describe('echo server lifecycle', () => {
    let id: string;
    let hostPort: number;
    let events: ContainerEvent[];
    const s = () => spec('life', { env: { GREETING: 'hi there' }, labels: { 'outpost.node': 'n1', [NODE_ID_LABEL]: 'node-life' } });

    test('create applies limits, labels, port bindings, bind mount and init', async () => {
      hostPort = await freePort();
      const sp = s();
      sp.ports = [
        { ip: '127.0.0.1', hostPort, containerPort: 25565, protocol: 'tcp' },
        { ip: '127.0.0.1', hostPort, containerPort: 25565, protocol: 'udp' },
      ];
      // Proves WorkingDir=mountPath and the bind mount: the file lands in the host data dir.
      sp.startup = `echo "$GREETING" > started.txt && exec ${ECHO_SERVER_STARTUP}`;
      id = await createTracked(sp);
      events = await subscribe();

      const raw = await driver.docker.getContainer(id).inspect();
      const hc = raw.HostConfig;
      assert.equal(hc.Memory, 64 * 1024 * 1024);
      assert.equal(hc.MemorySwap, 64 * 1024 * 1024, 'swapMiB=0 means no swap');
      assert.equal(hc.NanoCpus, 500_000_000);
      assert.equal(hc.PidsLimit, 64);
      assert.equal(hc.Init, true);
      assert.equal(hc.RestartPolicy?.Name, 'no');
      assert.deepEqual(hc.Binds, [`${sp.dataDir}:/data`]);
      assert.deepEqual(hc.PortBindings, {
        '25565/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }],
        '25565/udp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }],
      });
      assert.deepEqual(Object.keys(raw.Config.ExposedPorts ?? {}).sort(), ['25565/tcp', '25565/udp']);
      assert.equal(raw.Config.Labels['outpost.managed'], 'true');
      assert.equal(raw.Config.Labels['outpost.server-id'], 'srv-life');
      assert.equal(raw.Config.Labels['outpost.node'], 'n1');
      assert.deepEqual(raw.Config.Cmd, ['sh', '-c', sp.startup]);
      assert.equal(raw.Config.WorkingDir, '/data');
      assert.equal(raw.Config.OpenStdin, true);
      assert.equal(raw.Config.Tty, false);
      assert.ok(raw.Config.Env.includes('GREETING=hi there'));

      const st = await driver.inspect(id);
      assert.equal(st?.status, 'created');
      assert.equal(st?.running, false);
      assert.equal(st?.exitCode, null);
      assert.equal(st?.startedAt, null);
    });

    test('start + attach shows the ready line; sendCommand round-trips repeatedly', async () => {
      const con = await startAttached(id);
      assert.equal(con.lines[0], 'Server starting...');
      for (const word of ['hello', 'second', 'third']) {
        await driver.sendCommand(id, word);
        await con.waitFor(`echo: ${word}`);
      }
      // Writing on the attachment's own stdin works too.
      con.attachment.stdin.write('via-attach\n');
      await con.waitFor('echo: via-attach');
      con.attachment.close();

      assert.equal(fs.readFileSync(path.join(tmp, 'life', 'started.txt'), 'utf8'), 'hi there\n');
      const st = await driver.inspect(id);
      assert.equal(st?.running, true);
      assert.equal(st?.name, `outpost-test-life-${suffix}`);
      assert.equal(st?.image, ECHO_SERVER_IMAGE);
      assert.ok(st?.startedAt);
      const raw = await driver.docker.getContainer(id).inspect();
      assert.equal(raw.NetworkSettings.Ports['25565/tcp']?.[0]?.HostPort, String(hostPort));
      const started = await until(() => events.find((e) => e.containerId === id && e.type === 'start'), 'start event');
      // The node label travels with the event (agents sharing a host drop each other's).
      assert.equal(started.nodeId, 'node-life');
      assert.equal(started.serverId, 'srv-life');
    });

    test('stats returns sane numbers', async () => {
      const st = await driver.stats(id);
      assert.ok(st.cpuPercent >= 0 && st.cpuPercent <= 100, `cpu ${st.cpuPercent}`);
      assert.ok(st.memoryBytes > 0 && st.memoryBytes < 64 * 1024 * 1024, `mem ${st.memoryBytes}`);
      assert.equal(st.memoryLimitBytes, 64 * 1024 * 1024);
      assert.ok(st.pids >= 2 && st.pids <= 64, `pids ${st.pids}`); // tini + sh (+ sleep)
      assert.ok(st.networkRxBytes >= 0 && st.networkTxBytes >= 0);
      assert.ok(!Number.isNaN(Date.parse(st.timestamp)));

      const samples: number[] = [];
      const stop = await driver.streamStats(id, (x) => samples.push(x.memoryBytes));
      await until(() => (samples.length >= 1 ? true : undefined), 'a streamed stats sample', 5000);
      stop();
      assert.ok(samples[0] > 0);
    });

    test('logs are timestamped lines; tail and since filter', async () => {
      const logs = await driver.logs(id);
      const ready = logs.find((l) => l.line === ECHO_SERVER_READY_LINE);
      assert.ok(ready, JSON.stringify(logs));
      assert.equal(ready.stream, 'stdout');
      assert.match(ready.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      assert.ok(logs.some((l) => l.line === 'echo: hello'));
      const tail = await driver.logs(id, { tail: 1 });
      assert.equal(tail.length, 1);
      assert.equal(tail[0].line, 'echo: via-attach');
      assert.deepEqual(await driver.logs(id, { since: Math.floor(Date.now() / 1000) + 60 }), []);
      // since/until take fractional seconds and are inclusive: a one-millisecond window around one line.
      const hello = logs.find((l) => l.line === 'echo: hello')!;
      const t = Date.parse(hello.timestamp) / 1000; // ms, at or just before the daemon's ns timestamp
      assert.deepEqual(
        (await driver.logs(id, { since: t, until: t + 0.001 })).map((l) => l.line),
        ['echo: hello'],
      );
      assert.deepEqual(await driver.logs(id, { until: Date.parse(logs[0].timestamp) / 1000 - 1 }), []);
      const upToHello = await driver.logs(id, { until: t + 0.001 });
      assert.equal(upToHello.at(-1)?.line, 'echo: hello');
      assert.equal(upToHello[0].line, logs[0].line);
    });

    test('list finds it by the Outpost label', async () => {
      const mine = (await driver.list()).find((c) => c.id === id);
      assert.ok(mine);
      assert.equal(mine.name, `outpost-test-life-${suffix}`);
      assert.equal(mine.state, 'running');
      assert.equal(mine.labels['outpost.server-id'], 'srv-life');
      assert.ok((await driver.list({ onlyOutpost: false })).some((c) => c.id === id));
    });

    test('crash: die event with the exit code', async () => {
      await driver.sendCommand(id, 'crash');
      const die = await until(() => events.find((e) => e.containerId === id && e.type === 'die'), 'die event');
      assert.equal(die.exitCode, 3);
      assert.equal(die.serverId, 'srv-life');
      const st = await driver.inspect(id);
      assert.equal(st?.running, false);
      assert.equal(st?.exitCode, 3);
      assert.equal(st?.oomKilled, false);
      assert.ok(st?.finishedAt);
      // Stopping an exited container is a no-op; sending a command to it is a conflict.
      await driver.stop(id, { timeoutMs: 1000 });
      await assert.rejects(driver.sendCommand(id, 'x'), (e: unknown) => e instanceof ContainerDriverError && e.code === 'conflict');
    });

    test('graceful stop via console command: the server stops itself (exit 0, not killed)', async () => {
      const con = await startAttached(id);
      await driver.stop(id, { command: 'stop', timeoutMs: 5000 });
      const st = await driver.inspect(id);
      assert.equal(st?.running, false);
      assert.equal(st?.exitCode, 0);
      await con.waitFor('Stopping server');
    });

    test('graceful stop via SIGTERM exits 0', async () => {
      const con = await startAttached(id);
      await driver.stop(id, { timeoutMs: 5000 });
      assert.equal((await driver.inspect(id))?.exitCode, 0);
      await con.waitFor('Stopping server');
    });

    test('a server that ignores the stop command is killed by stop() (exit 137, die event)', async () => {
      const con = await startAttached(id);
      await driver.sendCommand(id, 'ignore');
      await con.waitFor('Ignoring stop');
      await driver.stop(id, { command: 'stop', timeoutMs: 1000 });
      const st = await driver.inspect(id);
      assert.equal(st?.running, false);
      assert.equal(st?.exitCode, 137);
      const die = await until(() => events.filter((e) => e.containerId === id && e.type === 'die').find((e) => e.exitCode === 137), 'die 137');
      assert.equal(die.serverId, 'srv-life');
    });

    test('remove cleans up; afterwards the id is not found', async () => {
      await driver.remove(id);
      assert.equal(await driver.inspect(id), null);
      await until(() => events.find((e) => e.containerId === id && e.type === 'destroy'), 'destroy event');
      await assert.rejects(driver.remove(id), (e: unknown) => e instanceof ContainerDriverError && e.code === 'not_found');
      assert.ok(!(await driver.list({ all: true })).some((c) => c.id === id));
    });
  });

  test('OOM: alloc above the memory limit sets oomKilled and emits an oom event', async () => {
    const events = await subscribe();
    const id = await createTracked(spec('oom', { limits: { memoryMiB: 16, swapMiB: 0, cpuPercent: 0, pids: 0, diskMiB: 0 } }));
    const raw = await driver.docker.getContainer(id).inspect();
    assert.equal(raw.HostConfig.NanoCpus, 0, '0 = unlimited');
    await startAttached(id);
    await driver.sendCommand(id, 'alloc 64');
    await until(() => events.find((e) => e.containerId === id && e.type === 'oom'), 'oom event', 10_000);
    const die = await until(() => events.find((e) => e.containerId === id && e.type === 'die'), 'die event', 10_000);
    assert.equal(die.exitCode, 137);
    const st = await driver.inspect(id);
    assert.equal(st?.oomKilled, true);
    await driver.remove(id);
  });

  test('errors are ContainerDriverErrors with codes', async () => {
    const isCode = (code: string) => (e: unknown) => e instanceof ContainerDriverError && e.code === code;
    const ghost = `outpost-test-ghost-${suffix}`;
    assert.equal(await driver.inspect(ghost), null);
    await assert.rejects(driver.start(ghost), isCode('not_found'));
    await assert.rejects(driver.kill(ghost), isCode('not_found'));
    await assert.rejects(driver.stop(ghost, { timeoutMs: 100 }), isCode('not_found'));
    await assert.rejects(driver.logs(ghost), isCode('not_found'));
    await assert.rejects(driver.create(spec('noimg', { image: `outpost/missing:${suffix}` })), isCode('image_missing'));

    const dup = spec('dup');
    await createTracked(dup);
    await assert.rejects(driver.create(dup), isCode('conflict'));
    const id = created[created.length - 1];
    await assert.rejects(driver.kill(id), isCode('conflict')); // not running
    await driver.remove(id, { force: true });

    await assert.rejects(driver.create(spec('rel', { dataDir: 'relative/dir' })), isCode('runtime'));
    await assert.rejects(driver.ensureImage(`outpost/missing:${suffix}`), (e: unknown) => {
      assert.ok(e instanceof ContainerDriverError && e.code === 'image_missing');
      assert.match(e.message, /importImage/);
      return true;
    });
  });

  test('importImage / hasImage / listImages / ensureImage on a present image', async () => {
    await driver.ensureImage(ECHO_SERVER_IMAGE); // present: no pull attempted
    assert.equal(await driver.hasImage(ECHO_SERVER_IMAGE), true);

    const ref = `outpost/import-test:${suffix}`;
    importedImages.push(ref);
    const root = path.join(tmp, 'rootfs');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc', 'hello'), 'hi\n');
    assert.equal(await driver.hasImage(ref), false);
    const tarball = tar.create({ cwd: root, portable: true }, ['.']) as unknown as Readable;
    await driver.importImage(tarball, ref);
    assert.equal(await driver.hasImage(ref), true);
    const img = (await driver.listImages()).find((i) => i.tags.includes(ref));
    assert.ok(img);
    assert.ok(img.id.startsWith('sha256:'));
  });
});

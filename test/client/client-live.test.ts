import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createOutpostClient, OutpostApiError, OutpostClient, type ConsoleLine, type ConsoleStream } from '@libs/client';
import { ConsoleHub } from '../../src/modules/console/console-hub.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';

const MiB = 1024 * 1024;

/** Lines a stream emits, in order, and its close. */
function watch(stream: ConsoleStream) {
  const lines: ConsoleLine[] = [];
  const errors: Error[] = [];
  let closed: { code: number; reason: string } | undefined;
  stream.on('line', (l: ConsoleLine) => lines.push(l));
  stream.on('error', (e: Error) => errors.push(e));
  stream.on('close', (c: { code: number; reason: string }) => (closed = c));
  const opened = new Promise<void>((resolve) => stream.once('open', () => resolve()));
  return { lines, errors, opened, closed: () => closed };
}

/** A real agent and a running echo server (its console answers `echo: <command>`). */
describe('@libs/client against a real agent: console with resume, TUS upload with progress and resume, download', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  let client: OutpostClient;
  let work: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const buffered = () => t.app.get(ConsoleHub).buffer(serverId);
  // A stream reconnects until closed: close every one even when a test fails half-way.
  const streams: ConsoleStream[] = [];
  const open = (...args: Parameters<OutpostClient['console']>) => {
    const s = client.console(...args);
    streams.push(s);
    return s;
  };

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = await bootstrapAdmin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'client-live');
    client = createOutpostClient({ baseUrl: url });
    await client.login('admin', 'correct-horse-battery');
    client.setDomain(admin.domainId);
    work = mkdtempSync(join(tmpdir(), 'outpost-client-live-'));
  });

  after(async () => {
    for (const s of streams) s.close();
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('console: lines with seq; closed, output goes on, since=lastSeq gets exactly the missed lines; a dropped socket resumes by itself', async () => {
    const first = open(serverId, { reconnect: false });
    const a = watch(first);
    await a.opened;
    first.send('one');
    first.send('two');
    // The gateway runs commands as they come (not queued): the echoes may arrive in either order.
    const echoes = await waitFor('echo: one and two', () => {
      const got = a.lines.filter((l) => l.line === 'echo: one' || l.line === 'echo: two');
      return got.length === 2 && got;
    });
    assert.ok(echoes.every((l) => Number.isInteger(l.seq) && l.seq > 0));
    const lastSeq = first.lastSeq;
    assert.equal(lastSeq, a.lines[a.lines.length - 1].seq);
    assert.ok(lastSeq >= Math.max(...echoes.map((l) => l.seq)));
    first.close();
    await waitFor('first closed', () => a.closed());

    // Output while nobody watches.
    for (const command of ['three', 'four']) assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command })).status, 200);
    const four = await waitFor('four buffered', async () => (await buffered()).find((l) => l.line === 'echo: four'));
    const missed = (await buffered()).filter((l) => l.seq > lastSeq && l.seq <= four.seq).map((l) => ({ seq: l.seq, line: l.line }));
    assert.deepEqual(
      missed.map((l) => l.line).filter((l) => l.startsWith('echo:')),
      ['echo: three', 'echo: four'],
    );

    const second = open(serverId, { since: lastSeq });
    const b = watch(second);
    await waitFor('resumed to four', () => b.lines.some((l) => l.line === 'echo: four'));
    assert.deepEqual(
      b.lines.filter((l) => l.seq <= four.seq).map((l) => ({ seq: l.seq, line: l.line })),
      missed,
      'exactly the lines after lastSeq: none lost, none repeated',
    );
    assert.equal(b.lines[0].seq, lastSeq + 1);

    // The network drops the socket: the stream reconnects with a fresh token and since=lastSeq.
    const reconnecting = new Promise<void>((resolve) => second.once('reconnecting', () => resolve()));
    (second as unknown as { ws: { terminate(): void } }).ws.terminate();
    await reconnecting;
    assert.equal((await req('POST', `/gameserver/${serverId}/command`, { command: 'five' })).status, 200);
    await waitFor('five after reconnect', () => b.lines.some((l) => l.line === 'echo: five'));
    const seqs = b.lines.map((l) => l.seq);
    assert.deepEqual(
      seqs,
      [...new Set(seqs)].sort((x, y) => x - y),
      'strictly increasing: nothing repeated across the reconnect',
    );
    const all = (await buffered()).filter((l) => l.seq > lastSeq && l.seq <= second.lastSeq).map((l) => l.seq);
    assert.deepEqual(seqs, all, 'no gap across the reconnect');
    assert.equal(b.closed(), undefined);
    second.close();
    await waitFor('second closed', () => b.closed());
    assert.deepEqual(b.errors, []);
  });

  it('console: a server of another tenant or none is refused with the API error, and close() ends the stream', async () => {
    const missing = open('00000000-0000-4000-8000-000000000000');
    const m = watch(missing);
    const closed = await waitFor('refused', () => m.closed());
    assert.equal(m.errors.length, 1);
    assert.ok(m.errors[0] instanceof OutpostApiError);
    assert.equal(m.errors[0].status, 404);
    assert.equal(closed.code, 4404);
  });

  it('upload: TUS with increasing progress; aborted mid-way, resumed from the offset the API holds; byte-identical', async () => {
    assert.equal((await req('POST', `/gameserver/${serverId}/files/mkdir`, { path: 'up' })).status, 200);
    const file = join(work, 'big.bin');
    const content = randomBytes(5 * MiB + 12345);
    writeFileSync(file, content);

    const controller = new AbortController();
    const progress: number[] = [];
    let uploadUrl = '';
    const aborted = await client
      .upload(serverId, {
        file,
        directory: 'up',
        chunkSize: MiB,
        signal: controller.signal,
        onCreated: (u) => (uploadUrl = u),
        onProgress: (sent, total) => {
          assert.equal(total, content.length);
          progress.push(sent);
          if (sent >= 2 * MiB) controller.abort();
        },
      })
      .then(
        () => assert.fail('expected the abort'),
        (e: unknown) => e as Error,
      );
    assert.equal(aborted.name, 'AbortError');
    assert.deepEqual(progress, [0, MiB, 2 * MiB]);
    assert.match(uploadUrl, new RegExp(`/gameserver/${serverId}/files/tus/[0-9a-f-]{36}$`));
    // Not there yet: TUS moves the file onto its name only when complete.
    assert.equal((await req('GET', `/gameserver/${serverId}/files/stat?path=${encodeURIComponent('up/big.bin')}`)).status, 404);

    const resumed: number[] = [];
    const result = await client.upload(serverId, { file, directory: 'up', chunkSize: MiB, resume: uploadUrl, onProgress: (sent) => resumed.push(sent) });
    assert.deepEqual(result, { uploadUrl, bytes: content.length, resumedFrom: 2 * MiB });
    assert.equal(resumed[0], 2 * MiB);
    assert.equal(resumed[resumed.length - 1], content.length);
    for (let i = 1; i < resumed.length; i++) assert.ok(resumed[i] > resumed[i - 1], `progress increases: ${resumed.join(', ')}`);

    const stat = await req('GET', `/gameserver/${serverId}/files/stat?path=${encodeURIComponent('up/big.bin')}`);
    assert.equal(stat.status, 200, stat.text);
    assert.equal(stat.body.data.size, content.length);
    const hash = createHash('sha256');
    for await (const chunk of await client.download(serverId, 'up/big.bin')) hash.update(chunk as Buffer);
    assert.equal(hash.digest('hex'), createHash('sha256').update(content).digest('hex'));
  });

  it('upload to the root under another name, in one chunk; a missing file to download is an OutpostApiError', async () => {
    const file = join(work, 'local-name.txt');
    writeFileSync(file, 'hello from @outpost/client\n');
    const result = await client.upload(serverId, { file, directory: '', name: 'motd.txt' });
    assert.equal(result.resumedFrom, 0);
    const read = await req('GET', `/gameserver/${serverId}/files/content?path=motd.txt`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.data.content, 'hello from @outpost/client\n');

    const missing = await client.download(serverId, 'no/such/file.bin').then(
      () => assert.fail('expected a 404'),
      (e: unknown) => e,
    );
    assert.ok(missing instanceof OutpostApiError);
    assert.equal(missing.status, 404);
  });
});

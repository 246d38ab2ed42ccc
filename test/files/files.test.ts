import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Docker from 'dockerode';
import * as yauzl from 'yauzl';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';
import { TransferService } from '../../src/modules/files/transfer.service';
import { TRANSFER_CONTENT_TYPE } from '@libs/agent-protocol/protocol';

const MiB = 1024 * 1024;
const BIG_MB = Number(process.env.OUTPOST_BIG_UPLOAD_MB ?? 1024);
const BIG = BIG_MB * MiB;

// ───────────── deterministic big data, generated as a stream ─────────────

const CHUNK = MiB;
const BASE = randomBytes(CHUNK);
/** Chunk i of the big file: BASE with i stamped into its first 8 bytes (so order matters). */
function chunk(i: number, size = CHUNK): Buffer {
  const b = Buffer.from(BASE.subarray(0, size));
  b.writeDoubleLE(i, 0);
  return b;
}
/** Bytes [from, to) of a file of `total` bytes, as a stream. */
function bigStream(total: number, from = 0, to = total): Readable {
  return Readable.from(
    (function* () {
      let pos = from;
      while (pos < to) {
        const i = Math.floor(pos / CHUNK);
        const c = chunk(i, Math.min(CHUNK, total - i * CHUNK));
        const part = c.subarray(pos - i * CHUNK, Math.min(c.length, to - i * CHUNK));
        pos += part.length;
        yield part;
      }
    })(),
    { objectMode: false },
  );
}
function bigHash(total: number): string {
  const h = createHash('sha256');
  for (let pos = 0, i = 0; pos < total; i++, pos += CHUNK) h.update(chunk(i, Math.min(CHUNK, total - pos)));
  return h.digest('hex');
}
async function fileHash(p: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(p, { highWaterMark: 4 * MiB })) h.update(c as Buffer);
  return h.digest('hex');
}

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A real HTTP request with a streamed body; the server may answer (e.g. 413) before reading it all. */
function send(url: string, method: string, headers: Record<string, string>, body?: Readable, opts: { abortAfter?: number } = {}): Promise<RawReply & { sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), sent }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(Object.assign(err, { sent }));
    });
    if (!body) return void req.end();
    body.on('data', (c: Buffer) => {
      sent += c.length;
      if (opts.abortAfter !== undefined && sent >= opts.abortAfter) {
        body.destroy();
        req.destroy(new Error('aborted by the test'));
      }
    });
    body.pipe(req);
  });
}

function multipartBody(files: Array<{ name: string; data: Readable | Buffer; size: number }>): { stream: Readable; length: number; type: string } {
  const boundary = '----outpost' + randomBytes(8).toString('hex');
  const parts: Array<Buffer | Readable> = [];
  let length = 0;
  for (const f of files) {
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    parts.push(head, f.data, Buffer.from('\r\n'));
    length += head.length + f.size + 2;
  }
  const tail = Buffer.from(`--${boundary}--\r\n`);
  parts.push(tail);
  length += tail.length;
  const stream = Readable.from(
    (async function* () {
      for (const p of parts) {
        if (Buffer.isBuffer(p)) yield p;
        else for await (const c of p) yield c as Buffer;
      }
    })(),
  );
  return { stream, length, type: `multipart/form-data; boundary=${boundary}` };
}

async function streamToBuffer(s: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of s) out.push(c as Buffer);
  return Buffer.concat(out);
}

function zipEntries(buf: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('yauzl returned no zip file'));
      const out: Record<string, string> = {};
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2 ?? new Error('yauzl returned no entry stream'));
          void streamToBuffer(s).then((b) => {
            out[e.fileName] = b.toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The envelope's error of a reply, parsed (Fastify inject) or raw (real HTTP). */
function errorOf(r: { body: unknown }): { code: string; message: string } {
  const body = Buffer.isBuffer(r.body) ? JSON.parse(r.body.toString()) : r.body;
  return (body as { meta: { error: { code: string; message: string } } }).meta.error;
}
/** "status code" of a refusal, so one assertion pins both. */
const refusal = (r: { status: number; body: unknown }) => `${r.status} ${errorOf(r).code}`;

describe('file manager: API → agent → disk, streamed transfers, TUS, path safety, quota', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let base: string;
  let serverId: string;
  let quotaServerId: string;
  let root: string;
  let quotaRoot: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => t.request(method, path, { token: admin.token, domain: admin.domainId, body, headers });
  const auth = () => ({ authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId });
  const files = (id = serverId) => `/gameserver/${id}/files`;
  const q = (p: string) => encodeURIComponent(p);

  async function exec(cmd: string[]): Promise<string> {
    const c = docker.getContainer(`outpost-${serverId}`);
    const e = await c.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await e.start({ hijack: true, stdin: false });
    const out = new PassThrough();
    docker.modem.demuxStream(stream, out, out);
    await new Promise((r) => stream.on('end', r));
    return (await streamToBuffer(out.end())).toString('utf8');
  }

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin, { diskMiB: 40960 });
    base = node.url;
    const wl = await req('POST', '/workload/from-template', { template: 'echo-server' });
    assert.equal(wl.status, 201, wl.text);
    const s = await req('POST', '/gameserver', { name: 'files', workloadId: wl.body.data.id, memoryMiB: 64, cpuPercent: 50, pids: 64, diskMiB: 3 * BIG_MB + 64 });
    assert.equal(s.status, 201, s.text);
    serverId = s.body.data.id;
    const small = await req('POST', '/gameserver', { name: 'quota', workloadId: wl.body.data.id, memoryMiB: 64, cpuPercent: 50, pids: 64, diskMiB: 16 });
    assert.equal(small.status, 201, small.text);
    quotaServerId = small.body.data.id;
    root = join(node.dataDir, 'servers', serverId);
    quotaRoot = join(node.dataDir, 'servers', quotaServerId);
    await waitFor('data dirs', () => existsSync(root) && existsSync(quotaRoot));
    const started = await req('POST', `/gameserver/${serverId}/start`);
    assert.equal(started.status, 200, started.text);
    await waitFor('running', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running', 30_000);
  });

  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('round trip: write, read, list, stat, mkdir, rename/move, copy, chmod, compress, decompress, delete', async () => {
    assert.equal((await req('PUT', `${files()}/content`, { path: 'hello.txt', content: 'hello from the API\n' })).status, 200);
    const read = await req('GET', `${files()}/content?path=hello.txt`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.data.content, 'hello from the API\n');
    assert.equal(readFileSync(join(root, 'hello.txt'), 'utf8'), 'hello from the API\n', 'on the agent data dir');
    assert.equal(await exec(['cat', '/home/container/hello.txt']), 'hello from the API\n', 'inside the container');

    assert.equal((await req('POST', `${files()}/mkdir`, { path: 'dir/sub' })).status, 200);
    assert.equal((await req('POST', `${files()}/copy`, { from: 'hello.txt', to: 'dir/sub/copy.txt' })).status, 200);
    assert.equal((await req('POST', `${files()}/rename`, { from: 'dir/sub/copy.txt', to: 'dir/moved.txt' })).status, 200);
    assert.equal(refusal(await req('POST', `${files()}/rename`, { from: 'dir/moved.txt', to: 'hello.txt' })), '409 ConflictError', 'no silent overwrite');
    assert.equal((await req('POST', `${files()}/chmod`, { path: 'dir/moved.txt', mode: '0600' })).status, 200);
    const stat = await req('GET', `${files()}/stat?path=dir/moved.txt`);
    assert.equal(stat.status, 200, stat.text);
    assert.equal(stat.body.data.mode, '0600');
    assert.equal(stat.body.data.size, 19);
    const list = await req('GET', `${files()}?path=dir`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.data.map((e: { name: string; type: string }) => `${e.type}:${e.name}`),
      ['directory:sub', 'file:moved.txt'],
    );
    for (const k of ['name', 'path', 'type', 'size', 'mode', 'modifiedAt']) assert.ok(k in list.body.data[1], k);

    for (const format of ['tar.gz', 'zip']) {
      const archive = `dir.${format}`;
      const c = await req('POST', `${files()}/compress`, { paths: ['dir'], destination: archive, format });
      assert.equal(c.status, 200, c.text);
      const d = await req('POST', `${files()}/decompress`, { archive, destination: `out-${format}` });
      assert.equal(d.status, 200, d.text);
      assert.equal(readFileSync(join(root, `out-${format}`, 'dir', 'moved.txt'), 'utf8'), 'hello from the API\n');
    }
    const del = await req('DELETE', files(), { paths: ['dir', 'out-zip', 'dir.zip'] });
    assert.equal(del.status, 200, del.text);
    assert.equal(existsSync(join(root, 'dir')), false);
    assert.equal(refusal(await req('GET', `${files()}/stat?path=dir`)), '404 NotFoundError');
    const usage = await req('GET', `${files()}/usage`);
    assert.equal(usage.status, 200);
    assert.ok(usage.body.data.usedBytes > 0 && usage.body.data.quotaBytes === (3 * BIG_MB + 64) * MiB);
  });

  it('downloads a file and a zip of several, streamed as attachments', async () => {
    const one = await send(`${base}${files()}/download?path=hello.txt`, 'GET', auth());
    assert.equal(one.status, 200);
    assert.equal(one.body.toString(), 'hello from the API\n');
    assert.match(String(one.headers['content-disposition']), /^attachment; filename="hello.txt"/);
    assert.equal(one.headers['content-length'], '19');
    await req('PUT', `${files()}/content`, { path: 'z/b.txt', content: 'bee' });
    const zip = await send(`${base}${files()}/download-zip?paths=hello.txt&paths=z`, 'GET', auth());
    assert.equal(zip.status, 200, zip.body.toString().slice(0, 200));
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.deepEqual(await zipEntries(zip.body), { 'hello.txt': 'hello from the API\n', 'z/b.txt': 'bee' });
    const post = await send(`${base}${files()}/download-zip`, 'POST', { ...auth(), 'content-type': 'application/json' }, Readable.from([Buffer.from(JSON.stringify({ paths: ['z/b.txt'] }))]));
    assert.equal(post.status, 200);
    assert.deepEqual(await zipEntries(post.body), { 'b.txt': 'bee' });
    assert.equal(refusal(await send(`${base}${files()}/download?path=nope.txt`, 'GET', auth())), '404 NotFoundError');
    assert.equal(refusal(await send(`${base}${files()}/download?path=z`, 'GET', auth())), '409 ConflictError', 'a directory is not a file');
    const big = await req('PUT', `${files()}/content`, { path: 'x.txt', content: 'x' });
    assert.equal(big.status, 200);
  });

  it('multipart upload (small files) lands on disk; content over 8 MiB answers 413 with a download hint', async () => {
    const data = randomBytes(9 * MiB);
    const mp = multipartBody([
      { name: 'a.bin', data, size: data.length },
      { name: 'b.txt', data: Buffer.from('bee'), size: 3 },
    ]);
    const r = await send(`${base}${files()}/upload?path=up`, 'POST', { ...auth(), 'content-type': mp.type, 'content-length': String(mp.length) }, mp.stream);
    assert.equal(r.status, 201, r.body.toString());
    assert.deepEqual(JSON.parse(r.body.toString()).data, [
      { path: 'up/a.bin', bytes: data.length },
      { path: 'up/b.txt', bytes: 3 },
    ]);
    assert.ok(readFileSync(join(root, 'up/a.bin')).equals(data));
    const tooBig = await req('GET', `${files()}/content?path=up/a.bin`);
    assert.equal(refusal(tooBig), '413 PayloadTooLargeError');
    assert.match(tooBig.body.meta.error.message, /download/);
  });

  it('refuses a path-traversal corpus (≥ 30 cases, incl. symlinks made inside the container) on every file route', async () => {
    // Escapes planted by the "game server" itself.
    const made = await exec([
      'sh',
      '-c',
      'cd /home/container && mkdir -p sub && ln -s /etc evil && ln -s .. dotdot && ln -s ../.. dotdot2 && ln -s / slash && ln -s ../../.. sub/deep && ln -s evil chain && ln -s /home/container/../.. home_up && echo made',
    ]);
    assert.match(made, /made/, made);
    for (const l of ['evil', 'dotdot', 'dotdot2', 'slash', 'sub/deep', 'chain', 'home_up']) assert.ok(lstatSync(join(root, l)).isSymbolicLink(), l);
    assert.ok(lstatSync(join(root, 'evil')).isSymbolicLink(), 'symlink made inside the container');
    const sentinel = join(node.dataDir, 'sentinel.txt');
    writeFileSync(sentinel, 'do not touch');
    writeFileSync(join(root, 'good.tar.gz'), readFileSync(join(root, 'dir.tar.gz')));
    const outsideBefore = {
      etc: readdirSync('/etc').sort().join(','),
      passwd: readFileSync('/etc/passwd', 'utf8'),
      servers: readdirSync(join(node.dataDir, 'servers')).sort().join(','),
      top: readdirSync(node.dataDir).sort().join(','),
      sentinel: readFileSync(sentinel, 'utf8'),
      sentinelMode: statSync(sentinel).mode,
    };

    const CORPUS = [
      '../x',
      '../../etc/passwd',
      'a/../../x',
      '/../x',
      '//../x',
      './../x',
      'a/./../../x',
      '..',
      '../../sentinel.txt',
      '..\\x',
      '..\\..\\etc\\passwd',
      'C:\\Windows',
      'a\u0000b',
      'file.txt\u0000.png',
      'x'.repeat(256),
      'a/' + 'b'.repeat(256),
      'a/'.repeat(2100),
      'a\nb',
      'txt.\u202Eexe',
      '\uFF0E\uFF0E/x',
      '\u2025/x',
      'a\uFF0F..\uFF0Fx',
      'evil/passwd',
      'evil/new.txt',
      'evil/hostname',
      'evil/x/../passwd',
      'dotdot/sentinel.txt',
      'dotdot/x',
      'dotdot2/sentinel.txt',
      'slash/etc/passwd',
      'sub/deep/x',
      'chain/passwd',
      'home_up/sentinel.txt',
    ];
    assert.ok(CORPUS.length >= 30);
    type Call = { name: string; run: (p: string) => Promise<{ status: number; body: unknown; text: string }> };
    const http1 = async (method: string, url: string, headers: Record<string, string>, body?: Buffer) => {
      const r = await send(`${base}${url}`, method, { ...auth(), ...headers }, body ? Readable.from([body]) : undefined);
      return { status: r.status, body: r.body, text: r.body.toString().slice(0, 300) };
    };
    const calls: Call[] = [
      { name: 'list', run: (p) => req('GET', `${files()}?path=${q(p)}`) },
      { name: 'stat', run: (p) => req('GET', `${files()}/stat?path=${q(p)}`) },
      { name: 'read', run: (p) => req('GET', `${files()}/content?path=${q(p)}`) },
      { name: 'write', run: (p) => req('PUT', `${files()}/content`, { path: p, content: 'PWNED' }) },
      { name: 'delete', run: (p) => req('DELETE', files(), { paths: [p] }) },
      { name: 'mkdir', run: (p) => req('POST', `${files()}/mkdir`, { path: p }) },
      { name: 'rename from', run: (p) => req('POST', `${files()}/rename`, { from: p, to: 'renamed' }) },
      { name: 'rename to', run: (p) => req('POST', `${files()}/rename`, { from: 'x.txt', to: p, overwrite: true }) },
      { name: 'copy from', run: (p) => req('POST', `${files()}/copy`, { from: p, to: 'copied' }) },
      { name: 'copy to', run: (p) => req('POST', `${files()}/copy`, { from: 'x.txt', to: p, overwrite: true }) },
      { name: 'chmod', run: (p) => req('POST', `${files()}/chmod`, { path: p, mode: '777' }) },
      { name: 'compress source', run: (p) => req('POST', `${files()}/compress`, { paths: [p], destination: 'o.tar.gz', format: 'tar.gz' }) },
      { name: 'compress destination', run: (p) => req('POST', `${files()}/compress`, { paths: ['x.txt'], destination: p, format: 'zip' }) },
      { name: 'decompress archive', run: (p) => req('POST', `${files()}/decompress`, { archive: p, destination: 'ex' }) },
      { name: 'decompress destination', run: (p) => req('POST', `${files()}/decompress`, { archive: 'good.tar.gz', destination: p }) },
      { name: 'download', run: (p) => http1('GET', `${files()}/download?path=${q(p)}`, {}) },
      { name: 'download-zip', run: (p) => http1('GET', `${files()}/download-zip?paths=x.txt&paths=${q(p)}`, {}) },
      {
        name: 'upload (directory)',
        run: async (p) => {
          const mp = multipartBody([{ name: 'f.txt', data: Buffer.from('PWNED'), size: 5 }]);
          return http1('POST', `${files()}/upload?path=${q(p)}`, { 'content-type': mp.type }, await streamToBuffer(mp.stream));
        },
      },
      {
        name: 'tus create',
        run: (p) => http1('POST', `${files()}/tus`, { 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': `path ${b64(p)}` }),
      },
      {
        name: 'tus create (directory + filename)',
        run: (p) => http1('POST', `${files()}/tus`, { 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': `path ${b64(p)},filename ${b64('f.txt')}` }),
      },
    ];
    // NUL bytes and over-long paths are refused by the API's validation; every other path reaches the path guard.
    const expected = (p: string) => (p.includes('\u0000') || p.length > 4096 ? '400 ValidationError' : '400 BadRequestError: Path refused');
    const outcome = (r: { status: number; body: unknown }) => {
      try {
        const e = errorOf(r);
        return `${r.status} ${e.code}${e.message.startsWith('Path refused: ') ? ': Path refused' : ''}`;
      } catch {
        return `${r.status} (no error envelope)`;
      }
    };
    const failures: string[] = [];
    let checked = 0;
    for (const p of CORPUS) {
      for (const c of calls) {
        const r = await c.run(p);
        checked++;
        const got = outcome(r);
        if (got !== expected(p)) failures.push(`${c.name} ${JSON.stringify(p.length > 40 ? p.slice(0, 40) + '…' : p)} → ${got} (expected ${expected(p)}) ${r.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${checked} calls were not refused`);
    const outsideAfter = {
      etc: readdirSync('/etc').sort().join(','),
      passwd: readFileSync('/etc/passwd', 'utf8'),
      servers: readdirSync(join(node.dataDir, 'servers')).sort().join(','),
      top: readdirSync(node.dataDir).sort().join(','),
      sentinel: readFileSync(sentinel, 'utf8'),
      sentinelMode: statSync(sentinel).mode,
    };
    assert.deepEqual(outsideAfter, outsideBefore, 'nothing outside the server root changed');
    console.log(`# traversal corpus: ${CORPUS.length} paths × ${calls.length} routes = ${checked} refused calls`);
  });

  it('cross-domain access is 404; a Viewer can read but not write (403)', async () => {
    const other = await createDomain(t, admin.token, 'Beta');
    const asOther = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: other, body });
    assert.equal(refusal(await asOther('GET', `${files()}?path=`)), '404 NotFoundError');
    assert.equal(refusal(await asOther('GET', `${files()}/content?path=hello.txt`)), '404 NotFoundError');
    assert.equal(refusal(await asOther('PUT', `${files()}/content`, { path: 'x', content: 'y' })), '404 NotFoundError');
    const dl = await send(`${base}${files()}/download?path=hello.txt`, 'GET', { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': other });
    assert.equal(refusal(dl), '404 NotFoundError');
    const tus = await send(`${base}${files()}/tus`, 'POST', {
      authorization: `Bearer ${admin.token}`,
      'x-takaro-domain': other,
      'tus-resumable': '1.0.0',
      'upload-length': '1',
      'upload-metadata': `filename ${b64('a')}`,
    });
    assert.equal(refusal(tus), '404 NotFoundError');

    const viewer = await createMember(t, admin, admin.domainId, 'viewer', 'Viewer');
    const v = (method: string, path: string, body?: unknown) => t.request(method, path, { token: viewer.token, domain: admin.domainId, body });
    assert.equal((await v('GET', `${files()}?path=`)).status, 200);
    assert.equal((await v('GET', `${files()}/content?path=hello.txt`)).status, 200);
    for (const [method, path, body] of [
      ['PUT', `${files()}/content`, { path: 'v.txt', content: 'no' }],
      ['DELETE', files(), { paths: ['hello.txt'] }],
      ['POST', `${files()}/mkdir`, { path: 'vdir' }],
      ['POST', `${files()}/rename`, { from: 'hello.txt', to: 'v.txt' }],
      ['POST', `${files()}/chmod`, { path: 'hello.txt', mode: '777' }],
      ['POST', `${files()}/compress`, { paths: ['hello.txt'], destination: 'v.zip', format: 'zip' }],
    ] as const) {
      const r = await v(method, path, body);
      assert.equal(refusal(r), '403 ForbiddenError', `${method} ${path}: ${r.text.slice(0, 200)}`);
    }
    const vh = { authorization: `Bearer ${viewer.token}`, 'x-takaro-domain': admin.domainId };
    const mp = multipartBody([{ name: 'v.txt', data: Buffer.from('no'), size: 2 }]);
    assert.equal(refusal(await send(`${base}${files()}/upload`, 'POST', { ...vh, 'content-type': mp.type }, mp.stream)), '403 ForbiddenError');
    assert.equal(refusal(await send(`${base}${files()}/tus`, 'POST', { ...vh, 'tus-resumable': '1.0.0', 'upload-length': '1', 'upload-metadata': `filename ${b64('v')}` })), '403 ForbiddenError');
    assert.equal(existsSync(join(root, 'v.txt')), false);
    assert.equal(readFileSync(join(root, 'hello.txt'), 'utf8'), 'hello from the API\n');
  });

  it('transfer endpoints need the node agent token AND the one-use transfer token: each wrong half has its own refusal', async () => {
    const transfers = t.app.get(TransferService);
    const agentToken = JSON.parse(readFileSync(join(node.dataDir, 'agent.json'), 'utf8')).agentToken as string;
    assert.match(agentToken, /^outpost_agent_/);
    const url = (id: string) => `${base}/agent/transfer/${id}`;
    const pull = (id: string, headers: Record<string, string>) => send(url(id), 'GET', headers);
    const agent = { 'x-agent-token': agentToken };

    const ticket = transfers.createPull(node.nodeId, serverId, Readable.from([Buffer.from('pulled bytes')]), 12);
    const valid = { 'x-transfer-token': ticket.transferToken };
    // A valid transfer token without a valid agent token: 401, and the ticket is not used up by it.
    for (const headers of [valid, { ...valid, 'x-agent-token': 'outpost_agent_nope' }, { ...valid, ...auth() }]) {
      assert.equal(refusal(await pull(ticket.id, headers)), '401 UnauthorizedError', JSON.stringify(Object.keys(headers)));
    }
    // A valid agent token with a missing, wrong or wrong-direction transfer token: 404.
    assert.equal(refusal(await pull(ticket.id, agent)), '404 NotFoundError', 'no transfer token');
    assert.equal(
      refusal(await pull(ticket.id, { ...agent, 'x-transfer-token': (ticket.transferToken[0] === 'x' ? 'y' : 'x') + ticket.transferToken.slice(1) })),
      '404 NotFoundError',
      'wrong transfer token',
    );
    const wrongWay = await send(url(ticket.id), 'POST', { ...agent, ...valid, 'content-type': TRANSFER_CONTENT_TYPE }, Readable.from([Buffer.from('x')]));
    assert.equal(refusal(wrongWay), '404 NotFoundError', 'a pull ticket cannot be pushed to');
    // Both valid: the bytes flow, once.
    const ok = await pull(ticket.id, { ...agent, ...valid });
    assert.equal(ok.status, 200, ok.body.toString());
    assert.equal(ok.body.toString(), 'pulled bytes');
    assert.equal(refusal(await pull(ticket.id, { ...agent, ...valid })), '404 NotFoundError', 'a used transfer token');

    // Expired (TTL passed, not yet swept) and issued to another node: 404 with this node's agent token.
    const expired = transfers.createPull(node.nodeId, serverId, Readable.from([Buffer.from('late')]));
    (transfers as unknown as { pending: Map<string, { expiresAt: number }> }).pending.get(expired.id)!.expiresAt = Date.now() - 1;
    assert.equal(refusal(await pull(expired.id, { ...agent, 'x-transfer-token': expired.transferToken })), '404 NotFoundError', 'an expired transfer token');
    const elsewhere = transfers.createPull('00000000-0000-4000-8000-000000000000', serverId, Readable.from([Buffer.from('not yours')]));
    assert.equal(refusal(await pull(elsewhere.id, { ...agent, 'x-transfer-token': elsewhere.transferToken })), '404 NotFoundError', "another node's transfer");
    elsewhere.cancel();

    // Push: both valid hand the agent's body to the waiting download.
    const push = transfers.createPush(node.nodeId, serverId);
    const received = push.arrival.then(async (a) => {
      const body = await streamToBuffer(a.stream);
      a.done();
      return body.toString();
    });
    const pushed = await send(url(push.id), 'POST', { ...agent, 'x-transfer-token': push.transferToken, 'content-type': TRANSFER_CONTENT_TYPE }, Readable.from([Buffer.from('pushed bytes')]));
    assert.equal(pushed.status, 200, pushed.body.toString());
    assert.equal(await received, 'pushed bytes');
  });

  // How much memory and time a big upload takes is measured by bench/upload.bench.ts, not asserted here.
  it(`multipart upload of ${BIG_MB} MiB arrives byte-identical (sha256 on disk)`, async () => {
    const expected = bigHash(BIG);
    const mp = multipartBody([{ name: 'big-multipart.bin', data: bigStream(BIG), size: BIG }]);
    const r = await send(`${base}${files()}/upload?path=big`, 'POST', { ...auth(), 'content-type': mp.type, 'content-length': String(mp.length) }, mp.stream);
    assert.equal(r.status, 201, r.body.toString());
    assert.equal(await fileHash(join(root, 'big/big-multipart.bin')), expected);
    await req('DELETE', files(), { paths: ['big'] });
  });

  it(`TUS upload of ${BIG_MB} MiB, interrupted mid-PATCH and resumed, arrives byte-identical`, async () => {
    const expected = bigHash(BIG);
    const opts = await send(`${base}${files()}/tus`, 'OPTIONS', auth());
    assert.equal(opts.status, 204);
    assert.equal(opts.headers['tus-version'], '1.0.0');
    assert.match(String(opts.headers['tus-extension']), /creation/);
    const tusH = { ...auth(), 'tus-resumable': '1.0.0' };
    assert.equal((await send(`${base}${files()}/tus`, 'POST', { ...auth(), 'upload-length': '10' })).status, 412, 'Tus-Resumable required');
    const created = await send(`${base}${files()}/tus`, 'POST', { ...tusH, 'upload-length': String(BIG), 'upload-metadata': `filename ${b64('big-tus.bin')},path ${b64('tus')}` });
    assert.equal(created.status, 201, created.body.toString());
    const location = String(created.headers.location);
    assert.match(location, new RegExp(`^/gameserver/${serverId}/files/tus/[0-9a-f-]{36}$`));

    {
      const abortAt = Math.floor(BIG * 0.4);
      const first = await send(`${base}${location}`, 'PATCH', { ...tusH, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(BIG) }, bigStream(BIG), {
        abortAfter: abortAt,
      }).then(
        () => assert.fail('the PATCH should have been aborted'),
        (err: Error & { sent?: number }) => err,
      );
      assert.match(first.message, /aborted by the test/);
      const head = await send(`${base}${location}`, 'HEAD', tusH);
      assert.equal(head.status, 200);
      assert.equal(head.headers['upload-length'], String(BIG));
      const offset = Number(head.headers['upload-offset']);
      assert.ok(offset > 0 && offset <= abortAt, `resumes from ${offset} (aborted after ${abortAt})`);
      assert.equal(existsSync(join(root, 'tus/big-tus.bin')), false, 'nothing at the target before completion');
      const wrong = await send(`${base}${location}`, 'PATCH', { ...tusH, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset + 1) }, Readable.from([Buffer.from('x')]));
      assert.equal(refusal(wrong), '409 ConflictError');
      const rest = await send(
        `${base}${location}`,
        'PATCH',
        { ...tusH, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'content-length': String(BIG - offset) },
        bigStream(BIG, offset),
      );
      assert.equal(rest.status, 204, rest.body.toString());
      assert.equal(rest.headers['upload-offset'], String(BIG));
    }
    assert.equal(await fileHash(join(root, 'tus/big-tus.bin')), expected);
    const head = await send(`${base}${location}`, 'HEAD', tusH);
    assert.equal(head.headers['upload-offset'], String(BIG));
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith('.outpost-tmp')),
      [],
      'no temp file left',
    );
    await req('DELETE', files(), { paths: ['tus'] });
  });

  it('one domain holds at most 4 upload locks of a process: a fifth request of it answers 429 until one ends', async () => {
    const tusH = { ...auth(), 'tus-resumable': '1.0.0' };
    const size = 64 * 1024;
    const locations: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await send(`${base}${files()}/tus`, 'POST', { ...tusH, 'upload-length': String(size), 'upload-metadata': `filename ${b64(`held-${i}.bin`)},path ${b64('held')}` });
      assert.equal(c.status, 201, c.body.toString());
      locations.push(String(c.headers.location));
    }
    // Four PATCHes that send a little and then hold their bodies open: each keeps its upload's lock.
    const bodies = locations.slice(0, 4).map(() => new PassThrough());
    const held = locations
      .slice(0, 4)
      .map((loc, i) => send(`${base}${loc}`, 'PATCH', { ...tusH, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(size) }, bodies[i]));
    bodies.forEach((b) => b.write(Buffer.alloc(1024, 1)));
    const probe = () => send(`${base}${locations[4]}`, 'HEAD', tusH);
    const settled: string[] = [];
    held.forEach((h, i) => void h.then((r) => settled.push(`PATCH ${i}: ${r.status} ${r.body.toString()}`)));
    // All four are inside their lock once their first bytes reached the node (the temp files grow).
    await waitFor('the four PATCHes streaming to the node', () => {
      assert.deepEqual(settled, [], 'the held PATCHes are still streaming');
      const temps = readdirSync(root).filter((n) => n.startsWith('.outpost-tmp-upload-'));
      return temps.length === 4 && temps.every((n) => statSync(join(root, n)).size >= 1024);
    });
    const refused = await probe();
    assert.equal(refused.status, 429, refused.body.toString());
    assert.equal(refused.headers['retry-after'], '2');
    bodies.forEach((b) => b.end(Buffer.alloc(size - 1024, 1)));
    for (const r of await Promise.all(held)) assert.equal(r.status, 204, r.body.toString());
    const after = await probe();
    assert.equal(after.status, 200, 'free again once the others ended');
    assert.equal(after.headers['upload-offset'], '0');
    await req('DELETE', files(), { paths: ['held'] });
  });

  it('quota: uploads over the disk quota answer 413 and leave no partial file (multipart, chunked, TUS)', async () => {
    const qf = files(quotaServerId);
    const tmpLeft = () =>
      readdirSync(quotaRoot, { recursive: true } as never)
        .map(String)
        .filter((n) => n.includes('.outpost-tmp'));
    // Declared too big: refused before reading.
    const mp = multipartBody([{ name: 'big.bin', data: bigStream(20 * MiB), size: 20 * MiB }]);
    const r1 = await send(`${base}${qf}/upload`, 'POST', { ...auth(), 'content-type': mp.type, 'content-length': String(mp.length) }, mp.stream);
    assert.equal(refusal(r1), '413 PayloadTooLargeError', r1.body.toString());
    assert.match(errorOf(r1).message, /quota/i);
    // Chunked (no length): the agent stops it while streaming.
    const mp2 = multipartBody([{ name: 'big2.bin', data: bigStream(20 * MiB), size: 20 * MiB }]);
    const r2 = await send(`${base}${qf}/upload`, 'POST', { ...auth(), 'content-type': mp2.type, 'transfer-encoding': 'chunked' }, mp2.stream);
    assert.equal(refusal(r2), '413 PayloadTooLargeError', r2.body.toString());
    assert.match(errorOf(r2).message, /quota/i);
    assert.equal(existsSync(join(quotaRoot, 'big.bin')) || existsSync(join(quotaRoot, 'big2.bin')), false);
    assert.deepEqual(tmpLeft(), []);
    // TUS: Upload-Length over the quota is refused at creation…
    const tusH = { ...auth(), 'tus-resumable': '1.0.0' };
    const c1 = await send(`${base}${qf}/tus`, 'POST', { ...tusH, 'upload-length': String(20 * MiB), 'upload-metadata': `filename ${b64('t.bin')}` });
    assert.equal(refusal(c1), '413 PayloadTooLargeError');
    assert.match(errorOf(c1).message, /quota/i);
    // …and when the disk fills up meanwhile, the PATCH that would cross it is refused and the upload dropped.
    const c2 = await send(`${base}${qf}/tus`, 'POST', { ...tusH, 'upload-length': String(12 * MiB), 'upload-metadata': `filename ${b64('t.bin')}` });
    assert.equal(c2.status, 201);
    const fill = multipartBody([{ name: 'fill.bin', data: bigStream(8 * MiB), size: 8 * MiB }]);
    assert.equal((await send(`${base}${qf}/upload`, 'POST', { ...auth(), 'content-type': fill.type, 'content-length': String(fill.length) }, fill.stream)).status, 201);
    const p = await send(`${base}${c2.headers.location}`, 'PATCH', { ...tusH, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, bigStream(12 * MiB));
    assert.equal(refusal(p), '413 PayloadTooLargeError', p.body.toString());
    assert.match(errorOf(p).message, /quota/i);
    assert.equal(existsSync(join(quotaRoot, 't.bin')), false);
    assert.deepEqual(tmpLeft(), []);
    assert.equal((await send(`${base}${c2.headers.location}`, 'HEAD', tusH)).status, 404, 'the upload was dropped');
    // A normal upload within the quota still works.
    const ok = multipartBody([{ name: 'ok.bin', data: Buffer.from('fits'), size: 4 }]);
    assert.equal((await send(`${base}${qf}/upload`, 'POST', { ...auth(), 'content-type': ok.type }, ok.stream)).status, 201);
  });
});

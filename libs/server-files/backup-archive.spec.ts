/**
 * Backup archives on real files: byte-identical round trips, ignore patterns, checksums, and
 * hostile archives refused with the current data untouched.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Header } from 'tar';
import * as tar from 'tar';
import { archiveStream, cleanRestoreLeftovers, ignoreMatcher, restoreArchive, verifyArchive, writeArchive } from './backup-archive';

const IS_ROOT = process.getuid?.() === 0;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every entry under `dir`: type, permission bits, size, content hash, link target, mtime (s), owner. */
async function snapshot(dir: string, opts: { mtime?: boolean; owner?: boolean } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string, rel: string) {
    for (const name of (await fsp.readdir(d)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const p = path.join(d, name);
      const st = await fsp.lstat(p);
      let sig = `${st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : '?'}:${(st.mode & 0o777).toString(8)}`;
      if (st.isFile()) sig += `:${st.size}:${sha(await fsp.readFile(p))}`;
      if (st.isSymbolicLink()) sig += `:->${await fsp.readlink(p)}`;
      if (opts.mtime && !st.isSymbolicLink()) sig += `:t${Math.floor(st.mtimeMs / 1000)}`;
      if (opts.owner) sig += `:${st.uid}.${st.gid}`;
      out.set(r, sig);
      if (st.isDirectory()) await walk(p, r);
    }
  }
  await walk(dir, '');
  return out;
}

/** Raw tar.gz with arbitrary, unsanitized headers. */
function makeTar(entries: Array<{ path: string; type?: string; body?: string | Buffer; linkpath?: string; mode?: number }>): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.from(e.body);
    const type = e.type ?? 'File';
    const h = new Header({
      path: e.path,
      type: type as 'File',
      mode: e.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      size: type === 'File' ? body.length : 0,
      mtime: new Date(),
      linkpath: e.linkpath,
      uid: 0,
      gid: 0,
    });
    h.encode();
    blocks.push(h.block!);
    if (type === 'File' && body.length) blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(blocks));
}

async function listArchive(file: string): Promise<string[]> {
  const names: string[] = [];
  await tar.t({ file, onReadEntry: (e) => names.push(e.path) });
  return names.sort();
}

describe('backup archives', () => {
  let base: string;
  let n = 0;
  const fresh = async (name = 'case') => {
    const dir = path.join(base, `${name}-${n++}`);
    await fsp.mkdir(dir, { recursive: true });
    return dir;
  };

  before(async () => {
    base = await fsp.mkdtemp(path.join(os.tmpdir(), 'outpost-backup-spec-'));
  });
  after(async () => {
    await fsp.rm(base, { recursive: true, force: true });
  });

  /** A data dir with nested and empty dirs, odd modes, a 0-byte file, a large file, a long name and links. */
  async function richTree(root: string): Promise<void> {
    await fsp.mkdir(path.join(root, 'world/region'), { recursive: true });
    await fsp.mkdir(path.join(root, 'empty/deeper'), { recursive: true });
    await fsp.writeFile(path.join(root, 'server.properties'), 'motd=hello\nmax-players=20\n');
    await fsp.writeFile(path.join(root, 'world/level.dat'), randomBytes(70_000));
    // Crosses the 1 MiB output blocks at an odd offset; bigger than the small-file read-ahead.
    await fsp.writeFile(path.join(root, 'world/region/r.0.0.mca'), randomBytes(3 * 1024 * 1024 + 123));
    await fsp.writeFile(path.join(root, 'zero.bin'), '');
    await fsp.writeFile(path.join(root, 'secret.txt'), 'private', { mode: 0o600 });
    await fsp.chmod(path.join(root, 'secret.txt'), 0o600);
    await fsp.writeFile(path.join(root, 'start.sh'), '#!/bin/sh\necho hi\n');
    await fsp.chmod(path.join(root, 'start.sh'), 0o750);
    await fsp.chmod(path.join(root, 'empty/deeper'), 0o700);
    const long = `${'d'.repeat(60)}/${'e'.repeat(70)}/${'f'.repeat(90)}.txt`; // > 100 bytes: a pax header
    await fsp.mkdir(path.join(root, path.dirname(long)), { recursive: true });
    await fsp.writeFile(path.join(root, long), 'long name');
    await fsp.writeFile(path.join(root, 'wörld-名前.txt'), 'unicode');
    await fsp.symlink('world/level.dat', path.join(root, 'level-link'));
    await fsp.symlink('../server.properties', path.join(root, 'world/props-link'));
    if (IS_ROOT) await fsp.lchown(path.join(root, 'world/level.dat'), 1234, 5678);
    // Read-only dir with content: restoring must set its mode after filling it.
    await fsp.mkdir(path.join(root, 'ro'));
    await fsp.writeFile(path.join(root, 'ro/inside.txt'), 'x');
    await fsp.chmod(path.join(root, 'ro'), 0o555);
  }

  test('round trip: the restored tree is byte-identical (content, modes, mtimes, links, owners as root)', async () => {
    const src = await fresh('src');
    await richTree(src);
    const archive = path.join(base, `rt-${n++}.tar.gz`);
    const summary = await writeArchive(src, archive);
    const bytes = await fsp.readFile(archive);
    assert.equal(summary.sizeBytes, bytes.length);
    assert.equal(summary.sha256, sha(bytes));
    assert.equal(summary.files, 9); // regular files only
    assert.equal(fs.existsSync(`${archive}.part`), false);

    const dest = path.join(await fresh('dest'), 'data');
    const result = await restoreArchive(archive, dest);
    assert.equal(result.files, 9);
    assert.deepEqual(await snapshot(dest, { mtime: true, owner: IS_ROOT }), await snapshot(src, { mtime: true, owner: IS_ROOT }));
    if (IS_ROOT) assert.equal((await fsp.stat(path.join(dest, 'world/level.dat'))).uid, 1234);
    // Plain tar.gz: GNU-compatible readers see the same entries.
    const names = await listArchive(archive);
    assert.ok(names.includes('world/region/r.0.0.mca') && names.includes('empty/deeper/') && names.includes('level-link'), names.join(','));
  });

  test('symlinks that leave the root, special files and temp files are not archived', async () => {
    const src = await fresh('src');
    await fsp.writeFile(path.join(src, 'ok.txt'), 'ok');
    await fsp.symlink('/etc/passwd', path.join(src, 'abs-link'));
    await fsp.symlink('../../outside', path.join(src, 'rel-escape'));
    await fsp.mkdir(path.join(src, 'd'));
    await fsp.symlink('..', path.join(src, 'd/up')); // inside (the root itself)
    await fsp.symlink('d/up/..', path.join(src, 'chain-escape')); // lexically inside, really outside
    await fsp.writeFile(path.join(src, '.outpost-tmp-0123456789abcdef'), 'in-flight upload');
    execFileSync('mkfifo', [path.join(src, 'fifo')]);
    const archive = path.join(base, `sp-${n++}.tar.gz`);
    await writeArchive(src, archive);
    assert.deepEqual(await listArchive(archive), ['d/', 'd/up', 'ok.txt']);
  });

  test('ignore patterns exclude what they say, with .gitignore semantics (negation, dir/, anchors)', async () => {
    const src = await fresh('src');
    for (const f of ['a.log', 'keep.log', 'logs/x.txt', 'sub/b.log', 'sub/c.txt', 'top.txt', 'sub/top.txt', 'cache/deep/f.bin']) {
      await fsp.mkdir(path.join(src, path.dirname(f)), { recursive: true });
      await fsp.writeFile(path.join(src, f), f);
    }
    const archive = path.join(base, `ig-${n++}.tar.gz`);
    const summary = await writeArchive(src, archive, { ignore: ['# comment', '*.log', '!keep.log', 'logs/', '/top.txt', 'cache', ''] });
    assert.deepEqual(await listArchive(archive), ['keep.log', 'sub/', 'sub/c.txt', 'sub/top.txt']);
    assert.equal(summary.files, 3);
    const m = ignoreMatcher(['*.log', '!keep.log']);
    assert.equal(m('x/a.log', false), true);
    assert.equal(m('keep.log', false), false);
    assert.throws(
      () => ignoreMatcher(['ok', 'bad\0']),
      (e: { code?: string }) => e.code === 'invalid_argument',
    );
  });

  test('the stream reports size and sha256 of exactly the bytes it produced', async () => {
    const src = await fresh('src');
    await richTree(src);
    const { stream, summary } = archiveStream(src);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const all = Buffer.concat(chunks);
    assert.deepEqual(summary(), { sizeBytes: all.length, sha256: sha(all), files: 9 });
  });

  describe('hostile archives are refused with path_unsafe and the data untouched', () => {
    const cases: Array<[string, Parameters<typeof makeTar>[0]]> = [
      [
        '../ escape',
        [
          { path: 'ok.txt', body: 'fine' },
          { path: '../evil.txt', body: 'pwned' },
        ],
      ],
      ['nested ../ escape', [{ path: 'a/../../evil.txt', body: 'pwned' }]],
      ['absolute path', [{ path: '/tmp/outpost-evil-abs.txt', body: 'pwned' }]],
      ['symlink pointing outside', [{ path: 'link', type: 'SymbolicLink', linkpath: '../../../etc' }]],
      ['absolute symlink', [{ path: 'link', type: 'SymbolicLink', linkpath: '/etc/passwd' }]],
      ['hard link outside', [{ path: 'hl', type: 'Link', linkpath: '../outside.txt' }]],
      ['hard link to an absolute path', [{ path: 'hl', type: 'Link', linkpath: '/etc/passwd' }]],
      ['character device', [{ path: 'null', type: 'CharacterDevice' }]],
      ['fifo', [{ path: 'pipe', type: 'FIFO' }]],
      [
        'symlink chain escaping for real',
        [
          { path: 'd/', type: 'Directory' },
          { path: 'd/up', type: 'SymbolicLink', linkpath: '..' },
          { path: 'esc', type: 'SymbolicLink', linkpath: 'd/up/..' },
        ],
      ],
      [
        'entry written through an archived symlink',
        [
          { path: 'sub', type: 'SymbolicLink', linkpath: '.' },
          { path: 'sub/x.txt', body: 'through the link' },
        ],
      ],
    ];
    for (const [name, entries] of cases) {
      test(name, async () => {
        const parent = await fresh('evil');
        const data = path.join(parent, 'data');
        await fsp.mkdir(data);
        await fsp.writeFile(path.join(data, 'keep.txt'), 'current world');
        const before = await snapshot(data, { mtime: true });
        const archive = path.join(base, `evil-${n++}.tar.gz`);
        await fsp.writeFile(archive, makeTar(entries));
        await assert.rejects(restoreArchive(archive, data), (e: { code?: string; message: string }) => {
          assert.equal(e.code, 'path_unsafe', e.message);
          return true;
        });
        assert.deepEqual(await snapshot(data, { mtime: true }), before);
        assert.deepEqual(await fsp.readdir(parent), ['data']); // no staging left behind
        assert.equal(fs.existsSync(path.join(parent, 'evil.txt')), false);
        assert.equal(fs.existsSync('/tmp/outpost-evil-abs.txt'), false);
      });
    }
  });

  test('a wrong sha256, a truncated and a corrupted archive are refused with checksum_mismatch', async () => {
    const src = await fresh('src');
    await richTree(src);
    const archive = path.join(base, `ck-${n++}.tar.gz`);
    const good = await writeArchive(src, archive);
    await verifyArchive(archive, good);
    const mismatch = (e: { code?: string; message: string }) => e.code === 'checksum_mismatch' && /nothing was restored/.test(e.message);
    await assert.rejects(verifyArchive(archive, { ...good, sha256: 'f'.repeat(64) }), mismatch);
    const bytes = await fsp.readFile(archive);
    await fsp.writeFile(archive, bytes.subarray(0, bytes.length - 1000));
    await assert.rejects(verifyArchive(archive, good), mismatch);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    await fsp.writeFile(archive, flipped);
    await assert.rejects(verifyArchive(archive, good), mismatch);
  });

  test('restore replaces the whole tree and keeps the data dir’s own mode; later files are gone', async () => {
    const data = path.join(await fresh('live'), 'data');
    await fsp.mkdir(data);
    await richTree(data);
    const archive = path.join(base, `re-${n++}.tar.gz`);
    await writeArchive(data, archive);
    const atBackup = await snapshot(data);
    await fsp.writeFile(path.join(data, 'created-later.txt'), 'new');
    await fsp.mkdir(path.join(data, 'new-dir/x'), { recursive: true });
    await fsp.writeFile(path.join(data, 'server.properties'), 'changed');
    await fsp.rm(path.join(data, 'world'), { recursive: true });
    await fsp.chmod(data, 0o751);
    await restoreArchive(archive, data);
    assert.deepEqual(await snapshot(data), atBackup);
    assert.equal((await fsp.stat(data)).mode & 0o777, 0o751);
    assert.deepEqual((await fsp.readdir(path.dirname(data))).sort(), ['data']); // no .old-/.restore- left
  });

  test('the quota bounds a restore: quota_exceeded, data untouched', async () => {
    const src = await fresh('src');
    await fsp.writeFile(path.join(src, 'big.bin'), randomBytes(2 * 1024 * 1024));
    const archive = path.join(base, `q-${n++}.tar.gz`);
    await writeArchive(src, archive);
    const data = path.join(await fresh('live'), 'data');
    await fsp.mkdir(data);
    await fsp.writeFile(path.join(data, 'keep.txt'), 'x');
    const before = await snapshot(data);
    await assert.rejects(restoreArchive(archive, data, { quotaBytes: 1024 * 1024 }), (e: { code?: string }) => e.code === 'quota_exceeded');
    assert.deepEqual(await snapshot(data), before);
    assert.deepEqual(await fsp.readdir(path.dirname(data)), ['data']);
  });

  test('an aborted archive leaves no .part and no archive', async () => {
    const src = await fresh('src');
    await fsp.writeFile(path.join(src, 'big.bin'), randomBytes(24 * 1024 * 1024));
    const archive = path.join(base, `ab-${n++}.tar.gz`);
    const ac = new AbortController();
    const running = writeArchive(src, archive, { signal: ac.signal });
    const part = `${archive}.part`;
    for (let i = 0; i < 2000 && !(fs.existsSync(part) && fs.statSync(part).size > 0); i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(fs.existsSync(part), 'the archive was being written');
    ac.abort(new Error('socket closed'));
    await assert.rejects(running, /socket closed|aborted/i);
    assert.equal(fs.existsSync(part), false);
    assert.equal(fs.existsSync(archive), false);
  });

  test('creating the same archive twice is refused (conflict) and the first one stays', async () => {
    const src = await fresh('src');
    await fsp.writeFile(path.join(src, 'a.txt'), 'a');
    const archive = path.join(base, `dup-${n++}.tar.gz`);
    const first = await writeArchive(src, archive);
    await assert.rejects(writeArchive(src, archive), (e: { code?: string }) => e.code === 'conflict');
    assert.equal(sha(await fsp.readFile(archive)), first.sha256);
  });

  test('after a crash mid-swap the old data is put back; staging dirs are removed', async () => {
    const parent = await fresh('crash');
    await fsp.mkdir(path.join(parent, '.old-srv1-0123456789abcdef/world'), { recursive: true });
    await fsp.writeFile(path.join(parent, '.old-srv1-0123456789abcdef/world/level.dat'), 'old world');
    await fsp.mkdir(path.join(parent, '.restore-srv1-fedcba9876543210/x'), { recursive: true });
    await fsp.mkdir(path.join(parent, 'srv2'));
    await fsp.mkdir(path.join(parent, '.old-srv2-00112233445566aa'));
    await cleanRestoreLeftovers(parent);
    assert.deepEqual((await fsp.readdir(parent)).sort(), ['srv1', 'srv2']);
    assert.equal(await fsp.readFile(path.join(parent, 'srv1/world/level.dat'), 'utf8'), 'old world');
  });
});

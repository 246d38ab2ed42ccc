import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { Header } from 'tar';
import * as tar from 'tar';
import { ZipFile } from 'yazl';
import * as yauzl from 'yauzl';
import { FILE_OPERATIONS, FileConflictError, FileNotFoundError, FileTooLargeError, InvalidArgumentError, PathSafetyError, QuotaExceededError, ServerFiles, ServerFilesError } from './server-files';

// ---------------------------------------------------------------------------------------------
// helpers

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function drain(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** Signature of every entry under `dir` (except `skip`), for "nothing changed outside" checks. */
async function snapshot(dir: string, skip: string[] = []): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string, rel: string) {
    for (const name of (await fsp.readdir(d)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip.includes(r)) continue;
      const p = path.join(d, name);
      const st = await fsp.lstat(p);
      let sig = `${st.mode.toString(8)}:${st.size}:${st.mtimeMs}:${st.nlink}`;
      if (st.isSymbolicLink()) sig += ':->' + (await fsp.readlink(p));
      else if (st.isFile()) sig += ':' + sha(await fsp.readFile(p));
      out.set(r, sig);
      if (st.isDirectory()) await walk(p, r);
    }
  }
  await walk(dir, '');
  return out;
}

async function fileSig(p: string): Promise<string> {
  const st = await fsp.stat(p);
  return `${st.mode}:${st.size}:${st.mtimeMs}:${sha(await fsp.readFile(p))}`;
}

/** Raw tar (optionally gzipped) with arbitrary, unsanitized headers. */
function makeTar(entries: Array<{ path: string; type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link'; body?: string | Buffer; linkpath?: string }>, gzip = true): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.from(e.body);
    const type = e.type ?? 'File';
    const h = new Header({
      path: e.path,
      type,
      mode: type === 'Directory' ? 0o755 : 0o644,
      size: type === 'File' ? body.length : 0,
      mtime: new Date(),
      linkpath: e.linkpath,
      uid: 0,
      gid: 0,
    });
    h.encode();
    blocks.push(h.block!);
    if (type === 'File' && body.length) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  const raw = Buffer.concat(blocks);
  return gzip ? zlib.gzipSync(raw) : raw;
}

/** A zip whose entry names may be unsafe: yazl refuses them, so placeholders of equal length are patched. */
async function makeZip(entries: Array<{ name: string; body?: string; symlink?: boolean; dir?: boolean }>): Promise<Buffer> {
  const zip = new ZipFile();
  const patches: Array<[string, string]> = [];
  entries.forEach((e, i) => {
    let name = e.name;
    if (name.includes('..') || name.startsWith('/')) {
      const placeholder = `P${i}`.padEnd(name.length, 'Q').slice(0, name.length);
      assert.equal(placeholder.length, name.length);
      patches.push([placeholder, name]);
      name = placeholder;
    }
    if (e.dir) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(e.body ?? ''), name, e.symlink ? { mode: 0o120777 } : { mode: 0o100644 });
  });
  zip.end();
  const buf = await drain(zip.outputStream);
  for (const [from, to] of patches) {
    const f = Buffer.from(from);
    let idx = buf.indexOf(f);
    assert.ok(idx >= 0);
    while (idx >= 0) {
      Buffer.from(to).copy(buf, idx);
      idx = buf.indexOf(f, idx + 1);
    }
  }
  return buf;
}

async function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(buf, { lazyEntries: true }, (e, z) => (e || !z ? rej(e ?? new Error('yauzl returned no zip file')) : res(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((res, rej) => {
    zip.on('error', rej);
    zip.on('end', () => res());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        out.set(entry.fileName, Buffer.alloc(0));
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, s) => {
        if (err || !s) return rej(err ?? new Error('yauzl returned no entry stream'));
        drain(s).then((b) => {
          out.set(entry.fileName, b);
          zip.readEntry();
        }, rej);
      });
    });
    zip.readEntry();
  });
  return out;
}

async function treeHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [rel, sig] of await snapshot(dir)) {
    const st = await fsp.lstat(path.join(dir, rel));
    out[rel] = st.isFile() ? sig.split(':').pop()! : st.isDirectory() ? 'dir' : '->' + (await fsp.readlink(path.join(dir, rel)));
  }
  return out;
}

async function noTempFiles(dir: string): Promise<void> {
  const all = [...(await snapshot(dir)).keys()];
  assert.deepEqual(
    all.filter((p) => path.basename(p).startsWith('.outpost-tmp-')),
    [],
    'temp files left behind',
  );
}

const tmpBases: string[] = [];
async function makeBase(): Promise<{ base: string; root: string; out: string }> {
  const base = await fsp.mkdtemp(path.join(os.tmpdir(), 'server-files-'));
  tmpBases.push(base);
  const root = path.join(base, 'root');
  const out = path.join(base, 'outside');
  await fsp.mkdir(root);
  await fsp.mkdir(path.join(out, 'sub'), { recursive: true });
  await fsp.writeFile(path.join(out, 'sentinel.txt'), 'do not touch');
  await fsp.writeFile(path.join(out, 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
  await fsp.writeFile(path.join(out, 'hostname'), 'outside-host\n');
  await fsp.writeFile(path.join(out, 'sub', 'deep.txt'), 'deep');
  await fsp.writeFile(path.join(base, 'sibling.txt'), 'sibling of root');
  return { base, root, out };
}

after(async () => {
  for (const b of tmpBases) await fsp.rm(b, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// traversal corpus

/**
 * unsafe: must be refused with PathSafetyError by every operation.
 * linkFinal: the last component is a symlink leading outside; operations that follow it must
 *   refuse, operations on the link itself (stat, delete, rename, copy/compress destination) may
 *   act on the link inside the root.
 * literal: a harmless, non-escaping name (e.g. '%2e%2e' is not decoded): never PathSafetyError;
 *   success, not-found or conflict are all fine.
 */
type Kind = 'unsafe' | 'linkFinal' | 'literal';
const CORPUS: Array<{ p: string; kind: Kind; why: string }> = [
  { p: '../x', kind: 'unsafe', why: 'parent escape' },
  { p: '../../etc/passwd', kind: 'unsafe', why: 'classic' },
  { p: 'a/../../x', kind: 'unsafe', why: 'climb after descending' },
  { p: '/..', kind: 'unsafe', why: 'absolute-looking parent' },
  { p: '/../x', kind: 'unsafe', why: 'absolute-looking parent + name' },
  { p: '//../x', kind: 'unsafe', why: 'double slash' },
  { p: './../x', kind: 'unsafe', why: 'dot then parent' },
  { p: 'a/./../../x', kind: 'unsafe', why: 'mixed dots' },
  { p: 'a/b/../../../sibling.txt', kind: 'unsafe', why: 'deeper climb' },
  { p: 'sub/../../outside/sentinel.txt', kind: 'unsafe', why: 'climb to sibling dir' },
  { p: '..', kind: 'unsafe', why: 'bare parent' },
  { p: '..\\x', kind: 'unsafe', why: 'backslash refused' },
  { p: '..\\..\\etc\\passwd', kind: 'unsafe', why: 'windows traversal' },
  { p: 'C:\\Windows', kind: 'unsafe', why: 'windows path' },
  { p: 'a\u0000b', kind: 'unsafe', why: 'NUL byte' },
  { p: '\u0000', kind: 'unsafe', why: 'only NUL' },
  { p: 'file.txt\u0000.png', kind: 'unsafe', why: 'NUL truncation trick' },
  { p: 'x'.repeat(256), kind: 'unsafe', why: '256-byte name' },
  { p: 'a/' + 'b'.repeat(256), kind: 'unsafe', why: 'long name deeper' },
  { p: 'é'.repeat(128), kind: 'unsafe', why: '256 UTF-8 bytes name' },
  { p: 'a/'.repeat(2500), kind: 'unsafe', why: '5000-char path' },
  { p: 'a\nb', kind: 'unsafe', why: 'control character' },
  { p: 'txt.\u202Eexe', kind: 'unsafe', why: 'bidi override' },
  { p: '\uD800x', kind: 'unsafe', why: 'lone surrogate' },
  { p: '\u2024\u2024/x', kind: 'unsafe', why: 'one-dot-leader lookalike' },
  { p: '\uFF0E\uFF0E/x', kind: 'unsafe', why: 'fullwidth full stop lookalike' },
  { p: '.\uFF0E/x', kind: 'unsafe', why: 'mixed lookalike' },
  { p: '\u2025/x', kind: 'unsafe', why: 'two-dot-leader lookalike' },
  { p: 'a\uFF0F..\uFF0Fx', kind: 'unsafe', why: 'fullwidth solidus' },
  { p: 'link_etc/passwd', kind: 'unsafe', why: 'absolute symlink to outside dir' },
  { p: 'link_etc/new.txt', kind: 'unsafe', why: 'new file through outside dir link' },
  { p: 'link_up/sibling.txt', kind: 'unsafe', why: 'symlink -> ..' },
  { p: 'link_up/x', kind: 'unsafe', why: 'symlink -> .. then new name' },
  { p: 'link_upup/x', kind: 'unsafe', why: 'symlink -> ../..' },
  { p: 'outdir/x', kind: 'unsafe', why: 'outside dir used as target parent' },
  { p: 'outdir/sub/deep.txt', kind: 'unsafe', why: 'outside dir, deeper' },
  { p: 'a/deep/passwd', kind: 'unsafe', why: 'dir symlink deeper in path' },
  { p: 'a/deep/new.txt', kind: 'unsafe', why: 'dir symlink deeper, new file' },
  { p: 'a/rel_escape/sentinel.txt', kind: 'unsafe', why: 'relative link escaping from a subdir' },
  { p: 'mid/passwd', kind: 'unsafe', why: 'in-root link to a link that escapes' },
  { p: 'chain1/passwd', kind: 'unsafe', why: 'link chain ending outside' },
  { p: 'loop1/x', kind: 'unsafe', why: 'symlink loop' },
  { p: 'abs_root/etc/passwd', kind: 'unsafe', why: 'link to /' },
  { p: 'trick/x', kind: 'unsafe', why: 'link into root via ../root/.. that leaves' },
  { p: 'h', kind: 'linkFinal', why: 'link to a file outside' },
  { p: 'dangling', kind: 'linkFinal', why: 'dangling link pointing outside' },
  { p: 'link_etc', kind: 'linkFinal', why: 'link to outside dir itself' },
  { p: 'outdir', kind: 'linkFinal', why: 'outside dir link as target' },
  { p: 'a/deep', kind: 'linkFinal', why: 'deeper outside dir link itself' },
  { p: '%2e%2e/x', kind: 'literal', why: 'percent-encoding is not decoded' },
  { p: '%2e%2e%2fx', kind: 'literal', why: 'encoded slash is literal' },
  { p: '..%2fx', kind: 'literal', why: 'half-encoded' },
  { p: '..%00/x', kind: 'literal', why: 'encoded NUL is literal' },
  { p: '...', kind: 'literal', why: 'three dots is a name' },
  { p: '....//x', kind: 'literal', why: 'four dots is a name' },
  { p: '~/x', kind: 'literal', why: 'tilde not expanded' },
  { p: '$HOME/x', kind: 'literal', why: 'no variable expansion' },
  { p: 'link_etc/../x', kind: 'literal', why: "lexical '..' cancels the link: stays inside" },
  { p: 'x'.repeat(255), kind: 'literal', why: 'exactly the max name length' },
];

interface Op {
  name: string;
  /** Whether the operation follows a final symlink (then linkFinal cases must be refused). */
  follows: boolean;
  run: (sf: ServerFiles, p: string) => Promise<unknown>;
}

const OPS: Op[] = [
  { name: 'resolve', follows: true, run: (sf, p) => sf.resolve(p) },
  { name: 'list', follows: true, run: (sf, p) => sf.list(p) },
  { name: 'stat', follows: false, run: (sf, p) => sf.stat(p) },
  { name: 'readText', follows: true, run: (sf, p) => sf.readText(p) },
  { name: 'createReadStream', follows: true, run: async (sf, p) => drain(await sf.createReadStream(p)) },
  { name: 'writeText', follows: true, run: (sf, p) => sf.writeText(p, 'PWNED') },
  { name: 'writeStream', follows: true, run: (sf, p) => sf.writeStream(p, Readable.from([Buffer.from('PWN'), Buffer.from('ED')])) },
  { name: 'mkdir', follows: true, run: (sf, p) => sf.mkdir(p) },
  { name: 'delete', follows: false, run: (sf, p) => sf.delete([p]) },
  { name: 'delete (with a valid path)', follows: false, run: (sf, p) => sf.delete(['file.txt', p]) },
  { name: 'rename from', follows: false, run: (sf, p) => sf.rename(p, 'renamed') },
  { name: 'rename to', follows: false, run: (sf, p) => sf.rename('file.txt', p) },
  { name: 'rename to (overwrite)', follows: false, run: (sf, p) => sf.rename('file.txt', p, { overwrite: true }) },
  { name: 'rename dir to', follows: false, run: (sf, p) => sf.rename('a', p) },
  { name: 'copy from', follows: true, run: (sf, p) => sf.copy(p, 'copied') },
  { name: 'copy to', follows: false, run: (sf, p) => sf.copy('file.txt', p) },
  { name: 'copy to (overwrite)', follows: false, run: (sf, p) => sf.copy('file.txt', p, { overwrite: true }) },
  { name: 'copy dir to', follows: false, run: (sf, p) => sf.copy('a', p) },
  { name: 'chmod', follows: true, run: (sf, p) => sf.chmod(p, '777') },
  { name: 'compress source (tar.gz)', follows: true, run: (sf, p) => sf.compress([p], 'out.tar.gz', 'tar.gz') },
  { name: 'compress source (zip)', follows: true, run: (sf, p) => sf.compress(['file.txt', p], 'out.zip', 'zip') },
  { name: 'compress destination (tar.gz)', follows: false, run: (sf, p) => sf.compress(['file.txt'], p, 'tar.gz') },
  { name: 'compress destination (zip)', follows: false, run: (sf, p) => sf.compress(['a'], p, 'zip') },
  { name: 'decompress archive', follows: true, run: (sf, p) => sf.decompress(p, 'extract') },
  { name: 'decompress destination (tar.gz)', follows: true, run: (sf, p) => sf.decompress('good.tar.gz', p) },
  { name: 'decompress destination (zip)', follows: true, run: (sf, p) => sf.decompress('good.zip', p) },
  { name: 'zipStream', follows: true, run: async (sf, p) => drain(await sf.zipStream([p])) },
  { name: 'checkPath (write)', follows: true, run: (sf, p) => sf.checkPath(p, { forWrite: true }) },
  { name: 'appendStream', follows: true, run: (sf, p) => sf.appendStream(p, Readable.from([Buffer.from('PWNED')]), 0) },
];

let goodTar: Buffer;
let goodZip: Buffer;

async function buildFixture(root: string, out: string, extraLinks: Record<string, string> = {}): Promise<void> {
  await fsp.rm(root, { recursive: true, force: true });
  await fsp.mkdir(path.join(root, 'a', 'b'), { recursive: true });
  await fsp.mkdir(path.join(root, 'sub'));
  await fsp.writeFile(path.join(root, 'file.txt'), 'hello');
  await fsp.writeFile(path.join(root, 'a', 'b.txt'), 'b');
  await fsp.writeFile(path.join(root, 'sub', 'inner.txt'), 'inner');
  await fsp.writeFile(path.join(root, 'good.tar.gz'), goodTar);
  await fsp.writeFile(path.join(root, 'good.zip'), goodZip);
  const links: Record<string, string> = {
    link_etc: out, // stands in for `ln -s /etc link`
    link_up: '..',
    link_upup: '../..',
    h: path.join(out, 'hostname'), // stands in for `ln -s /etc/hostname h`
    outdir: out,
    dangling: path.join(out, 'does-not-exist'),
    'a/deep': out,
    'a/rel_escape': '../../outside',
    mid: 'a/deep',
    chain1: 'chain2',
    chain2: out,
    loop1: 'loop2',
    loop2: 'loop1',
    abs_root: '/',
    trick: `../root/../..`,
    inner_link: 'sub',
    ...extraLinks,
  };
  for (const [name, target] of Object.entries(links)) await fsp.symlink(target, path.join(root, name));
}

function checkOutcome(kind: Kind, op: Op, err: unknown, label: string): void {
  const mustRefuse = kind === 'unsafe' || (kind === 'linkFinal' && op.follows);
  if (mustRefuse) {
    assert.ok(err instanceof PathSafetyError, `${label}: expected PathSafetyError, got ${err === undefined ? 'success' : String(err)}`);
    assert.equal(err.code, 'path_unsafe');
    return;
  }
  if (err === undefined) return;
  if (kind === 'literal') {
    assert.ok(err instanceof FileNotFoundError || err instanceof FileConflictError, `${label}: literal name must not be refused as unsafe: ${String(err)}`);
  } else {
    assert.ok(err instanceof ServerFilesError, `${label}: unexpected error ${String(err)}`);
  }
}

describe('path-traversal corpus (stand-in outside directory)', () => {
  let env: { base: string; root: string; out: string };
  let outsideBefore: Map<string, string>;
  before(async () => {
    env = await makeBase();
    goodTar = makeTar([
      { path: 'g/', type: 'Directory' },
      { path: 'g/good.txt', body: 'good' },
    ]);
    goodZip = await makeZip([{ name: 'g/good.txt', body: 'good' }]);
    outsideBefore = await snapshot(env.base, ['root']);
  });

  test('corpus is large enough', () => {
    assert.ok(CORPUS.length >= 40, `only ${CORPUS.length} cases`);
    assert.ok(CORPUS.filter((c) => c.kind !== 'literal').length >= 40);
  });

  // SERVER_FILES_MATRIX=fast (the mutation run, stryker.config.mjs): the fixture is rebuilt and the outside
  // compared only after a case that was not refused. A refusal must leave everything as it was, and
  // rebuilding for each of the 1,711 cases is 90 % of this file's time (a full run per Stryker mutant); this mode
  // rebuilds ~400 times instead (the literal and link cases that succeed).
  const everyCase = process.env.SERVER_FILES_MATRIX !== 'fast';
  let dirty = true;
  for (const op of OPS) {
    test(`every case against ${op.name}`, async (t) => {
      for (const c of CORPUS) {
        await t.test(`${op.name}: ${c.why} (${JSON.stringify(c.p.length > 40 ? c.p.slice(0, 40) + '…' : c.p)})`, async () => {
          if (everyCase || dirty) await buildFixture(env.root, env.out);
          dirty = false;
          const sf = new ServerFiles(env.root);
          let err: unknown;
          try {
            await op.run(sf, c.p);
          } catch (e) {
            err = e;
          }
          const refused = err instanceof PathSafetyError;
          dirty = !refused;
          checkOutcome(c.kind, op, err, `${op.name} ${JSON.stringify(c.p)}`);
          if (everyCase || !refused) assert.deepEqual(await snapshot(env.base, ['root']), outsideBefore, 'something outside the root changed');
          if (c.p === '%2e%2e/x' && op.name === 'writeText') {
            assert.equal(await fsp.readFile(path.join(env.root, '%2e%2e', 'x'), 'utf8'), 'PWNED');
          }
        });
      }
    });
  }

  test('lexical .. inside the root is fine and lands inside', async () => {
    await buildFixture(env.root, env.out);
    const sf = new ServerFiles(env.root);
    const real = await fsp.realpath(env.root);
    assert.equal(await sf.resolve('a/../file.txt'), path.join(real, 'file.txt'));
    assert.equal(await sf.readText('a/b/../../file.txt'), 'hello');
    assert.equal(await sf.resolve('/world/level.dat'), path.join(real, 'world', 'level.dat'));
    for (const p of ['', '/', '.', './', '//']) assert.equal(await sf.resolve(p), real);
    // in-root symlinks are followed
    assert.equal(await sf.readText('inner_link/inner.txt'), 'inner');
    assert.equal(await sf.resolve('inner_link'), path.join(real, 'sub'));
  });

  test('writing through a link to an outside file never modifies it', async () => {
    await buildFixture(env.root, env.out);
    const sf = new ServerFiles(env.root);
    await assert.rejects(sf.writeText('h', 'PWNED'), PathSafetyError);
    await assert.rejects(sf.writeStream('dangling', Readable.from([Buffer.from('x')])), PathSafetyError);
    assert.equal(await fsp.readFile(path.join(env.out, 'hostname'), 'utf8'), 'outside-host\n');
    assert.equal(fs.existsSync(path.join(env.out, 'does-not-exist')), false);
    // deleting the link removes only the link
    await sf.delete(['h', 'link_etc']);
    assert.equal(fs.existsSync(path.join(env.root, 'h')), false);
    assert.equal(await fsp.readFile(path.join(env.out, 'hostname'), 'utf8'), 'outside-host\n');
    assert.deepEqual(await snapshot(env.base, ['root']), outsideBefore);
  });

  test('listing shows escaping symlinks without a target', async () => {
    await buildFixture(env.root, env.out);
    const sf = new ServerFiles(env.root);
    const byName = new Map((await sf.list('')).map((e) => [e.name, e]));
    assert.equal(byName.get('link_etc')?.type, 'symlink');
    assert.equal(byName.get('link_etc')?.target, undefined);
    assert.equal(byName.get('h')?.target, undefined);
    assert.equal(byName.get('inner_link')?.type, 'symlink');
    assert.equal(byName.get('inner_link')?.target, 'sub');
    assert.equal(byName.get('mid')?.target, undefined);
  });
});

describe('path-traversal corpus against the real /etc', () => {
  // Run only as a second tier: the same code paths were exercised on a stand-in directory above.
  const etcFiles = ['/etc/passwd', '/etc/hostname'].filter((f) => fs.existsSync(f));
  const marker = `/etc/outpost-server-files-${process.pid}`;
  test('nothing in /etc is read into the root, written, chmod-ed or deleted', async (t) => {
    const env = await makeBase();
    goodTar ??= makeTar([{ path: 'g/good.txt', body: 'good' }]);
    goodZip ??= await makeZip([{ name: 'g/good.txt', body: 'good' }]);
    const before = await Promise.all(etcFiles.map(fileSig));
    const cases: Array<{ p: string; kind: Kind }> = [
      { p: 'sys_etc/passwd', kind: 'unsafe' },
      { p: `sys_etc/${path.basename(marker)}`, kind: 'unsafe' },
      { p: 'sys_etc', kind: 'linkFinal' },
      { p: 'sys_host', kind: 'linkFinal' },
      { p: 'sys_root/etc/passwd', kind: 'unsafe' },
    ];
    for (const op of OPS) {
      for (const c of cases) {
        await buildFixture(env.root, env.out, { sys_etc: '/etc', sys_host: '/etc/hostname', sys_root: '/' });
        const sf = new ServerFiles(env.root);
        let err: unknown;
        try {
          await op.run(sf, c.p);
        } catch (e) {
          err = e;
        }
        checkOutcome(c.kind, op, err, `${op.name} ${c.p}`);
        assert.deepEqual(await Promise.all(etcFiles.map(fileSig)), before, `${op.name} ${c.p} changed /etc`);
        assert.equal(fs.existsSync(marker), false);
      }
    }
    t.diagnostic(`checked ${OPS.length * cases.length} operation/path pairs against /etc`);
  });
});

// ---------------------------------------------------------------------------------------------
// archive attacks

describe('archive attacks', () => {
  let env: { base: string; root: string; out: string };
  let sf: ServerFiles;
  let outsideBefore: Map<string, string>;
  const tmpEvil = `/tmp/outpost-evil-${process.pid}-${randomBytes(4).toString('hex')}`;

  before(async () => {
    env = await makeBase();
    sf = new ServerFiles(env.root);
    outsideBefore = await snapshot(env.base, ['root']);
  });

  async function attempt(name: string, buf: Buffer): Promise<unknown> {
    await fsp.rm(env.root, { recursive: true, force: true });
    await fsp.mkdir(env.root);
    await fsp.writeFile(path.join(env.root, name), buf);
    try {
      return await sf.decompress(name, 'extract');
    } catch (e) {
      return e;
    } finally {
      assert.deepEqual(await snapshot(env.base, ['root']), outsideBefore, 'something outside the root changed');
      assert.equal(fs.existsSync(tmpEvil), false);
    }
  }

  const tarCases: Array<[string, Parameters<typeof makeTar>[0]]> = [
    [
      '../evil',
      [
        { path: 'ok.txt', body: 'ok' },
        { path: '../evil', body: 'evil' },
      ],
    ],
    ['../../evil deep', [{ path: '../../evil', body: 'evil' }]],
    ['a/../../evil', [{ path: 'a/../../evil', body: 'evil' }]],
    ['absolute /tmp/evil', [{ path: tmpEvil, body: 'evil' }]],
    [
      'symlink to outside then file through it',
      [
        { path: 'link', type: 'SymbolicLink', linkpath: '/etc' },
        { path: 'link/x', body: 'evil' },
      ],
    ],
    [
      'symlink to stand-in outside dir then file',
      [
        { path: 'link', type: 'SymbolicLink', linkpath: '../../outside' },
        { path: 'link/sentinel.txt', body: 'evil' },
      ],
    ],
    [
      'symlink to ..',
      [
        { path: 'up', type: 'SymbolicLink', linkpath: '../..' },
        { path: 'up/evil', body: 'x' },
      ],
    ],
    ['hardlink to absolute outside file', [{ path: 'hl', type: 'Link', linkpath: '/etc/passwd' }]],
    ['hardlink escaping relative', [{ path: 'hl', type: 'Link', linkpath: '../outside/sentinel.txt' }]],
    ['backslash traversal', [{ path: '..\\evil', body: 'x' }]],
    ['lookalike dots', [{ path: '\uFF0E\uFF0E/evil', body: 'x' }]],
  ];
  for (const [name, entries] of tarCases) {
    test(`tar.gz: ${name} is refused, nothing extracted`, async () => {
      const err = await attempt('evil.tar.gz', makeTar(entries));
      assert.ok(err instanceof PathSafetyError, `got ${String(err)}`);
      // refused before anything was written, including the harmless entries
      assert.deepEqual(await fsp.readdir(env.root), ['evil.tar.gz']);
    });
  }

  test('plain .tar with ../evil is refused too', async () => {
    const err = await attempt('evil.tar', makeTar([{ path: '../evil', body: 'x' }], false));
    assert.ok(err instanceof PathSafetyError);
  });

  test('tar symlink chain that only escapes once resolved is dropped', async () => {
    // 's -> .' and 'l -> s/../..' look fine lexically (extract/s/../.. = root), but the kernel
    // resolves s first (= extract), so l is the root's parent.
    const res = await attempt(
      'chain.tar.gz',
      makeTar([
        { path: 's', type: 'SymbolicLink', linkpath: '.' },
        { path: 'l', type: 'SymbolicLink', linkpath: 's/../..' },
      ]),
    );
    assert.ok(!(res instanceof Error), String(res));
    assert.equal(await fsp.lstat(path.join(env.root, 'extract', 'l')).catch(() => null), null);
    assert.ok((res as { skipped: string[] }).skipped.includes('extract/l'));
    assert.equal(await sf.resolve('extract/s'), path.join(await fsp.realpath(env.root), 'extract'));
  });

  test('safe in-archive symlinks and hard links are kept', async () => {
    const res = await attempt(
      'okay.tar.gz',
      makeTar([
        { path: 'd/', type: 'Directory' },
        { path: 'd/f.txt', body: 'content' },
        { path: 'd/l', type: 'SymbolicLink', linkpath: 'f.txt' },
        { path: 'hl', type: 'Link', linkpath: 'd/f.txt' },
      ]),
    );
    assert.ok(!(res instanceof Error), String(res));
    assert.equal(await sf.readText('extract/d/l'), 'content');
    assert.equal(await sf.readText('extract/hl'), 'content');
  });

  const zipCases: Array<[string, Parameters<typeof makeZip>[0]]> = [
    [
      '../evil',
      [
        { name: 'ok.txt', body: 'ok' },
        { name: '../evil', body: 'evil' },
      ],
    ],
    ['../../outside/sentinel.txt', [{ name: '../../outside/sentinel.txt', body: 'evil' }]],
    ['absolute /tmp/evil', [{ name: tmpEvil, body: 'evil' }]],
    [
      'symlink entry to outside then file',
      [
        { name: 'link', body: '/etc', symlink: true },
        { name: 'link/x', body: 'evil' },
      ],
    ],
    ['relative symlink escaping', [{ name: 'link', body: '../../outside', symlink: true }]],
  ];
  for (const [name, entries] of zipCases) {
    test(`zip: ${name} is refused, nothing extracted`, async () => {
      const err = await attempt('evil.zip', await makeZip(entries));
      assert.ok(err instanceof PathSafetyError, `got ${String(err)}`);
      assert.deepEqual(await fsp.readdir(env.root), ['evil.zip']);
    });
  }

  test('garbage is an invalid archive, not a crash', async () => {
    const err = await attempt('junk.tar.gz', randomBytes(3000));
    assert.ok(err instanceof ServerFilesError, String(err));
  });
});

// ---------------------------------------------------------------------------------------------
// quota

describe('quota', () => {
  let env: { base: string; root: string; out: string };
  let sf: ServerFiles;
  before(async () => {
    env = await makeBase();
  });
  async function reset(): Promise<void> {
    await fsp.rm(env.root, { recursive: true, force: true });
    await fsp.mkdir(path.join(env.root, 'dir'), { recursive: true });
    await fsp.writeFile(path.join(env.root, 'dir', 'existing.bin'), randomBytes(600));
    sf = new ServerFiles(env.root, { quotaBytes: 1000 });
  }

  test('writeStream over quota throws, leaves no file and no temp file', async () => {
    await reset();
    assert.equal(await sf.diskUsage(), 600);
    let pulled = 0;
    async function* body() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield randomBytes(100);
      }
    }
    await assert.rejects(sf.writeStream('dir/upload.bin', body()), QuotaExceededError);
    assert.ok(pulled < 10, 'stream should be aborted early');
    assert.equal(fs.existsSync(path.join(env.root, 'dir', 'upload.bin')), false);
    await noTempFiles(env.root);
    assert.equal(await sf.diskUsage(), 600);
  });

  test('writeStream with expectedBytes over quota is refused up front', async () => {
    await reset();
    await assert.rejects(sf.writeStream('x.bin', Readable.from([randomBytes(10)]), { expectedBytes: 5000 }), QuotaExceededError);
    assert.equal(fs.existsSync(path.join(env.root, 'x.bin')), false);
  });

  test('writeText over quota throws and leaves nothing', async () => {
    await reset();
    await assert.rejects(sf.writeText('t.txt', 'x'.repeat(500)), (e: unknown) => e instanceof QuotaExceededError && e.code === 'quota_exceeded');
    assert.equal(fs.existsSync(path.join(env.root, 't.txt')), false);
    await noTempFiles(env.root);
    await sf.writeText('t.txt', 'x'.repeat(400)); // exactly at quota is fine
    assert.equal(await sf.diskUsage(), 1000);
    await sf.writeText('t.txt', 'y'.repeat(400)); // overwriting frees the old content
  });

  test('copy over quota throws and leaves nothing (file and directory)', async () => {
    await reset();
    await assert.rejects(sf.copy('dir/existing.bin', 'copy.bin'), QuotaExceededError);
    await assert.rejects(sf.copy('dir', 'dir2'), QuotaExceededError);
    assert.deepEqual((await fsp.readdir(env.root)).sort(), ['dir']);
    await noTempFiles(env.root);
  });

  test('decompress over quota throws and leaves nothing', async () => {
    await reset();
    await fsp.writeFile(path.join(env.root, 'big.tar.gz'), makeTar([{ path: 'big.bin', body: Buffer.alloc(300, 7) }]));
    const zipBuf = await makeZip([{ name: 'z/big.bin', body: 'z'.repeat(300) }]);
    await fsp.writeFile(path.join(env.root, 'big.zip'), zipBuf);
    const used = await sf.diskUsage();
    assert.ok(used + 300 > 1000, `fixture too small: ${used}`);
    await assert.rejects(sf.decompress('big.tar.gz', 'out'), QuotaExceededError);
    await assert.rejects(sf.decompress('big.zip', 'out'), QuotaExceededError);
    assert.equal(fs.existsSync(path.join(env.root, 'out')), false);
    await noTempFiles(env.root);
  });

  test('compress over quota throws and leaves nothing', async () => {
    await reset();
    await assert.rejects(sf.compress(['dir'], 'dir.zip', 'zip'), QuotaExceededError);
    await assert.rejects(sf.compress(['dir'], 'dir.tar.gz', 'tar.gz'), QuotaExceededError);
    assert.deepEqual((await fsp.readdir(env.root)).sort(), ['dir']);
    await noTempFiles(env.root);
  });

  test('usage cache is invalidated by our own writes', async () => {
    await reset();
    const big = new ServerFiles(env.root, { quotaBytes: 10_000, usageCacheMs: 60_000 });
    assert.equal(await big.diskUsage(), 600);
    await big.writeText('a.txt', '12345');
    assert.equal(await big.diskUsage(), 605);
    await big.delete(['a.txt']);
    assert.equal(await big.diskUsage(), 600);
  });
});

// ---------------------------------------------------------------------------------------------
// normal behaviour

describe('normal behaviour', () => {
  let env: { base: string; root: string; out: string };
  let sf: ServerFiles;
  before(async () => {
    env = await makeBase();
    sf = new ServerFiles(env.root);
  });

  test('FILE_OPERATIONS lists the routable operations', () => {
    assert.deepEqual([...FILE_OPERATIONS].sort(), ['chmod', 'compress', 'copy', 'decompress', 'delete', 'download', 'download-zip', 'list', 'mkdir', 'read', 'rename', 'upload', 'write'].sort());
  });

  test('write, read, list, stat', async () => {
    await sf.writeText('/world/level.dat', 'level');
    await sf.writeText('server.properties', 'motd=hi\n');
    await sf.mkdir('plugins/Foo/data');
    assert.equal(await sf.readText('world/level.dat'), 'level');
    const list = await sf.list('/');
    assert.deepEqual(
      list.map((e) => [e.name, e.type]),
      [
        ['plugins', 'directory'],
        ['world', 'directory'],
        ['server.properties', 'file'],
      ],
    );
    const props = list.find((e) => e.name === 'server.properties')!;
    assert.equal(props.path, 'server.properties');
    assert.equal(props.size, 8);
    assert.equal(props.mode, '0644');
    assert.ok(!Number.isNaN(Date.parse(props.modifiedAt)));
    assert.deepEqual(
      (await sf.list('plugins/Foo')).map((e) => e.path),
      ['plugins/Foo/data'],
    );
    const st = await sf.stat('world/level.dat');
    assert.equal(st.type, 'file');
    assert.equal(st.path, 'world/level.dat');
    assert.equal((await sf.stat('')).type, 'directory');
    await assert.rejects(sf.readText('nope.txt'), FileNotFoundError);
    await assert.rejects(sf.list('server.properties'), FileConflictError);
    await assert.rejects(sf.readText('world'), FileConflictError);
    await assert.rejects(sf.writeText('world', 'x'), FileConflictError);
    await assert.rejects(sf.mkdir('server.properties'), FileConflictError);
    await sf.mkdir('plugins/Foo'); // idempotent
  });

  test('readText refuses files over maxBytes', async () => {
    await sf.writeText('big.txt', 'x'.repeat(2000));
    await assert.rejects(sf.readText('big.txt', { maxBytes: 1000 }), FileTooLargeError);
    assert.equal((await sf.readText('big.txt', { maxBytes: 2000 })).length, 2000);
  });

  test('rename and copy (files and directories, conflicts)', async () => {
    await sf.writeText('r/one.txt', 'one');
    await sf.writeText('r/two.txt', 'two');
    await sf.rename('r/one.txt', 'r/uno.txt');
    assert.equal(await sf.readText('r/uno.txt'), 'one');
    await assert.rejects(sf.rename('r/uno.txt', 'r/two.txt'), FileConflictError);
    await sf.rename('r/uno.txt', 'r/two.txt', { overwrite: true });
    assert.equal(await sf.readText('r/two.txt'), 'one');
    await assert.rejects(sf.rename('r', 'r/inside'), FileConflictError);
    await assert.rejects(sf.rename('missing', 'x'), FileNotFoundError);
    await sf.rename('r', 'moved/r2');
    assert.equal(await sf.readText('moved/r2/two.txt'), 'one');

    const bin = randomBytes(300_000);
    await sf.writeStream('c/data.bin', Readable.from([bin]));
    await sf.mkdir('c/empty');
    await fsp.symlink('data.bin', path.join(env.root, 'c', 'alias'));
    await sf.copy('c/data.bin', 'c/data2.bin');
    assert.equal(sha(await fsp.readFile(path.join(env.root, 'c', 'data2.bin'))), sha(bin));
    await assert.rejects(sf.copy('c/data.bin', 'c/data2.bin'), FileConflictError);
    await sf.copy('c', 'c-copy');
    assert.deepEqual(await treeHashes(path.join(env.root, 'c-copy')), await treeHashes(path.join(env.root, 'c')));
    assert.equal(await sf.readText('c-copy/alias', { maxBytes: 1e6 }).then((s) => s.length > 0), true);
    await assert.rejects(sf.copy('c', 'c/sub'), FileConflictError);
    await noTempFiles(env.root);
  });

  test('chmod sets permission bits only', async () => {
    await sf.writeText('run.sh', '#!/bin/sh\n');
    await sf.chmod('run.sh', '0755');
    assert.equal((await sf.stat('run.sh')).mode, '0755');
    assert.equal((await fsp.stat(path.join(env.root, 'run.sh'))).mode & 0o7777, 0o755);
    await sf.chmod('run.sh', 0o600);
    assert.equal((await sf.stat('run.sh')).mode, '0600');
    await assert.rejects(sf.chmod('run.sh', '4755'), InvalidArgumentError);
    await assert.rejects(sf.chmod('run.sh', 'rwx'), InvalidArgumentError);
    await assert.rejects(sf.chmod('run.sh', 0o1000), InvalidArgumentError);
    // overwriting keeps the mode
    await sf.writeText('run.sh', 'echo');
    assert.equal((await sf.stat('run.sh')).mode, '0600');
  });

  test('delete files and directories recursively', async () => {
    await sf.writeText('del/a/b/c.txt', 'c');
    await sf.writeText('del/x.txt', 'x');
    await fsp.symlink(env.out, path.join(env.root, 'del', 'a', 'out-link'));
    await sf.delete(['del/x.txt', 'del/a']);
    assert.deepEqual(await fsp.readdir(path.join(env.root, 'del')), []);
    assert.equal(await fsp.readFile(path.join(env.out, 'sentinel.txt'), 'utf8'), 'do not touch');
    await assert.rejects(sf.delete(['del/none']), FileNotFoundError);
    await assert.rejects(sf.delete(['']), PathSafetyError);
    await assert.rejects(sf.delete(['/']), PathSafetyError);
  });

  for (const format of ['tar.gz', 'zip'] as const) {
    test(`compress + decompress round trip (${format}) is byte-identical`, async () => {
      const src = `rt-${format}/game`;
      await sf.writeStream(`${src}/world/region.bin`, Readable.from([randomBytes(3 * 1024 * 1024 + 17)]));
      await sf.writeText(`${src}/config.yml`, 'a: 1\n');
      await sf.writeText(`${src}/${'long-name-'.repeat(12)}/${'n'.repeat(120)}.txt`, 'pax needed');
      await sf.writeText(`${src}/empty.txt`, '');
      await sf.mkdir(`${src}/empty-dir`);
      await sf.chmod(`${src}/config.yml`, '0640');
      await sf.compress([src], `rt-${format}/archive.${format}`, format);
      if (format === 'tar.gz') {
        // readable by node-tar as well
        const names: string[] = [];
        await tar.t({ file: path.join(env.root, `rt-${format}/archive.tar.gz`), onReadEntry: (e) => void names.push(e.path) });
        assert.ok(names.includes('game/config.yml'), names.join(','));
      }
      await sf.decompress(`rt-${format}/archive.${format}`, `rt-${format}/restored`);
      const a = await treeHashes(path.join(env.root, src));
      const b = await treeHashes(path.join(env.root, `rt-${format}/restored/game`));
      assert.deepEqual(b, a);
      assert.equal((await sf.stat(`rt-${format}/restored/game/config.yml`)).mode, '0640');
      await assert.rejects(sf.compress([src], `rt-${format}/archive.${format}`, format), FileConflictError);
      await noTempFiles(env.root);
    });
  }

  test('zipStream output parses with yauzl and contains the files', async () => {
    await sf.writeText('zs/one.txt', 'one');
    await sf.writeText('zs/sub/two.txt', 'two');
    const bin = randomBytes(100_000);
    await sf.writeStream('zs/bin.dat', Readable.from([bin]));
    const buf = await drain(await sf.zipStream(['zs/one.txt', 'zs/sub', 'zs/bin.dat']));
    const entries = await readZip(buf);
    assert.equal(entries.get('one.txt')?.toString(), 'one');
    assert.equal(entries.get('sub/two.txt')?.toString(), 'two');
    assert.equal(sha(entries.get('bin.dat')!), sha(bin));
    await assert.rejects(sf.zipStream(['zs/missing']), FileNotFoundError);
  });

  test('createReadStream streams a file', async () => {
    await sf.writeText('dl.txt', 'download me');
    assert.equal((await drain(await sf.createReadStream('dl.txt'))).toString(), 'download me');
    await assert.rejects(sf.createReadStream('zs'), FileConflictError);
  });

  test('writeStream of 50 MiB streams to disk', async () => {
    const chunk = randomBytes(64 * 1024);
    const hash = createHash('sha256');
    async function* body() {
      for (let i = 0; i < 800; i++) {
        hash.update(chunk);
        yield chunk;
      }
    }
    const n = await sf.writeStream('huge.bin', body(), { expectedBytes: 50 * 1024 * 1024 });
    assert.equal(n, 50 * 1024 * 1024);
    const st = await fsp.stat(path.join(env.root, 'huge.bin'));
    assert.equal(st.size, 50 * 1024 * 1024);
    const onDisk = createHash('sha256');
    for await (const c of fs.createReadStream(path.join(env.root, 'huge.bin'))) onDisk.update(c as Buffer);
    assert.equal(onDisk.digest('hex'), hash.digest('hex'));
    await sf.delete(['huge.bin']);
  });

  test('writeStream with a wrong expectedBytes leaves nothing', async () => {
    await assert.rejects(sf.writeStream('short.bin', Readable.from([Buffer.alloc(10)]), { expectedBytes: 20 }), InvalidArgumentError);
    assert.equal(fs.existsSync(path.join(env.root, 'short.bin')), false);
    await noTempFiles(env.root);
  });

  test('errors carry codes', () => {
    assert.equal(new PathSafetyError('x').code, 'path_unsafe');
    assert.equal(new QuotaExceededError('x').code, 'quota_exceeded');
    assert.equal(new FileNotFoundError('x').code, 'not_found');
    assert.equal(new FileConflictError('x').code, 'conflict');
    assert.ok(new PathSafetyError('x') instanceof ServerFilesError);
    assert.ok(new PathSafetyError('x') instanceof Error);
  });
});

describe('appendStream (resumable uploads)', () => {
  let env: { base: string; root: string; out: string };
  before(async () => {
    env = await makeBase();
  });

  test('appends at the expected offset, cuts unacknowledged bytes, refuses a gap', async () => {
    const sf = new ServerFiles(env.root);
    assert.deepEqual(await sf.appendStream('up/part', Readable.from([Buffer.from('hello ')]), 0), { offset: 6, written: 6, interrupted: false });
    assert.deepEqual(await sf.appendStream('up/part', Readable.from([Buffer.from('world')]), 6), { offset: 11, written: 5, interrupted: false });
    assert.equal(await fsp.readFile(path.join(env.root, 'up/part'), 'utf8'), 'hello world');
    // bytes beyond the acknowledged offset are discarded
    assert.equal((await sf.appendStream('up/part', Readable.from([Buffer.from('WORLD')]), 6)).offset, 11);
    assert.equal(await fsp.readFile(path.join(env.root, 'up/part'), 'utf8'), 'hello WORLD');
    await assert.rejects(sf.appendStream('up/part', Readable.from([Buffer.from('x')]), 20), FileConflictError);
    await assert.rejects(sf.appendStream('up/missing', Readable.from([Buffer.from('x')]), 5), FileNotFoundError);
    await assert.rejects(sf.appendStream('up/part', Readable.from([Buffer.from('12345')]), 11, { maxBytes: 4 }), InvalidArgumentError);
    assert.equal(await fsp.readFile(path.join(env.root, 'up/part'), 'utf8'), 'hello WORLD', 'refused append leaves the file as it was');
  });

  test('an interrupted source keeps what was written', async () => {
    const sf = new ServerFiles(env.root);
    async function* body() {
      yield Buffer.from('abc');
      yield Buffer.from('def');
      throw new Error('client went away');
    }
    const r = await sf.appendStream('int.bin', body(), 0);
    assert.deepEqual(r, { offset: 6, written: 6, interrupted: true });
    assert.equal(await fsp.readFile(path.join(env.root, 'int.bin'), 'utf8'), 'abcdef');
    assert.equal((await sf.appendStream('int.bin', Readable.from([Buffer.from('g')]), 6)).offset, 7);
  });

  test('quota: an append over the quota is cut back to its start offset', async () => {
    await fsp.rm(env.root, { recursive: true, force: true });
    await fsp.mkdir(env.root);
    const sf = new ServerFiles(env.root, { quotaBytes: 1000 });
    await sf.appendStream('q.bin', Readable.from([randomBytes(400)]), 0);
    await assert.rejects(sf.appendStream('q.bin', Readable.from([randomBytes(300), randomBytes(400)]), 400), QuotaExceededError);
    assert.equal((await fsp.stat(path.join(env.root, 'q.bin'))).size, 400);
    assert.equal((await sf.appendStream('q.bin', Readable.from([randomBytes(600)]), 400)).offset, 1000);
  });

  test('refuses symlinks, hard links and special files', async () => {
    await fsp.rm(env.root, { recursive: true, force: true });
    await fsp.mkdir(env.root);
    await fsp.symlink(path.join(env.out, 'sentinel.txt'), path.join(env.root, 'ln'));
    await fsp.symlink('real.txt', path.join(env.root, 'inroot_ln'));
    await fsp.writeFile(path.join(env.root, 'real.txt'), 'x');
    await fsp.link(path.join(env.root, 'real.txt'), path.join(env.root, 'hard.txt'));
    const sf = new ServerFiles(env.root);
    await assert.rejects(sf.appendStream('ln', Readable.from([Buffer.from('PWNED')]), 0), PathSafetyError);
    await assert.rejects(sf.appendStream('ln', Readable.from([Buffer.from('PWNED')]), 12), PathSafetyError);
    await assert.rejects(sf.appendStream('inroot_ln', Readable.from([Buffer.from('PWNED')]), 1), PathSafetyError);
    await assert.rejects(sf.appendStream('hard.txt', Readable.from([Buffer.from('PWNED')]), 1), PathSafetyError);
    await assert.rejects(sf.appendStream('', Readable.from([Buffer.from('PWNED')]), 0), FileConflictError);
    assert.equal(await fsp.readFile(path.join(env.out, 'sentinel.txt'), 'utf8'), 'do not touch');
    assert.equal(await fsp.readFile(path.join(env.root, 'real.txt'), 'utf8'), 'x');
  });

  test('checkPath validates without writing', async () => {
    const sf = new ServerFiles(env.root);
    assert.deepEqual(await sf.checkPath('new/dir/file.txt', { forWrite: true }), { exists: false, type: undefined });
    assert.equal(fs.existsSync(path.join(env.root, 'new')), false);
    assert.deepEqual(await sf.checkPath('real.txt', { forWrite: true }), { exists: true, type: 'file' });
    await assert.rejects(sf.checkPath('', { forWrite: true }), FileConflictError);
    await assert.rejects(sf.checkPath('ln', { forWrite: true }), PathSafetyError);
    await assert.rejects(sf.checkPath('../x'), PathSafetyError);
  });
});

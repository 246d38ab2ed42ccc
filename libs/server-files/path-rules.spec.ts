// Focused cases for the path rules of ServerFiles (the range stryker.config.mjs mutates): each one
// asserts the exact error class and message, a boundary or one branch, so the specific check is what
// decides the outcome (the big matrix in server-files.spec.ts mostly checks "refused or not").
// Real temp directories and symlinks, no fs mocks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Header } from 'tar';
import { FileConflictError, FileNotFoundError, InvalidArgumentError, PathSafetyError, ServerFiles, ServerFilesError } from './server-files';

type ErrorClass = new (message: string) => ServerFilesError;

/** Asserts that `p` rejects with exactly `cls` (not a subclass or sibling) and exactly `message`. */
export async function refusedWith(p: Promise<unknown>, cls: ErrorClass, message: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof Error, `not an Error: ${String(err)}`);
    assert.equal(err.constructor, cls, `expected ${cls.name}, got ${err.constructor.name}: ${err.message}`);
    assert.equal(err.message, message);
    return true;
  });
}

/** JSON-quoted, as the messages show user paths. */
const q = (s: string) => JSON.stringify(s);

/** The private members these cases reach into (the fd pinning cannot be raced through the public API). */
interface Internals {
  withDir<T>(dir: string, fn: (ref: string) => Promise<T>): Promise<T>;
}

/** A raw, uncompressed tar of empty regular files with arbitrary names. */
function tarOf(names: string[]): Buffer {
  const blocks: Buffer[] = [];
  for (const name of names) {
    const h = new Header({ path: name, type: 'File', mode: 0o644, size: 0, mtime: new Date(), uid: 0, gid: 0 });
    h.encode();
    blocks.push(h.block!);
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function openFds(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

let base: string;
let root: string;
let sf: ServerFiles;

before(async () => {
  base = fs.realpathSync(await fsp.mkdtemp(path.join(os.tmpdir(), 'outpost-path-rules-')));
  root = path.join(base, 'root');
  await fsp.mkdir(path.join(root, 'd'), { recursive: true });
  await fsp.writeFile(path.join(root, 'f'), 'F');
  await fsp.writeFile(path.join(root, 'd', 'g'), 'G');
  await fsp.writeFile(path.join(base, 'outside'), 'OUT');
  sf = new ServerFiles(root);
});

after(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

const link = (target: string, name: string) => fsp.symlink(target, path.join(root, name));

describe('lexical rules (normalize)', () => {
  test('a non-string path is refused as such', async () => {
    await refusedWith(sf.resolve(42 as unknown as string), PathSafetyError, 'path must be a string');
  });

  test('a NUL byte is refused by the NUL check (not as a control character)', async () => {
    await refusedWith(sf.resolve('a\0b'), PathSafetyError, `NUL byte in path ${q('a\0b')}`);
  });

  test('maxPathLength is inclusive: exactly the limit passes, one byte more is refused', async () => {
    const small = new ServerFiles(root, { maxPathLength: 10 });
    assert.equal(await small.resolve('abcde/fghi'), path.join(root, 'abcde', 'fghi'));
    await refusedWith(small.resolve('abcde/fghij'), PathSafetyError, `path too long: ${q('abcde/fghij')}`);
  });

  test('a lone low surrogate is refused at the start and after another character', async () => {
    await refusedWith(sf.resolve('\uDC00x'), PathSafetyError, `invalid unicode in path ${q('\uDC00x')}`);
    await refusedWith(sf.resolve('a\uDC00'), PathSafetyError, `invalid unicode in path ${q('a\uDC00')}`);
    await refusedWith(sf.resolve('a\uD800'), PathSafetyError, `invalid unicode in path ${q('a\uD800')}`);
  });

  test('a surrogate pair (emoji) is valid', async () => {
    assert.equal(await sf.resolve('d/\u{1F600}'), path.join(root, 'd', '\u{1F600}'));
  });

  test('a forbidden character is refused with its message', async () => {
    await refusedWith(sf.resolve('a\u202Eb'), PathSafetyError, `forbidden character in path ${q('a\u202Eb')}`);
  });

  test('.. above the root is refused with its message', async () => {
    await refusedWith(sf.resolve('d/../../x'), PathSafetyError, `path escapes the server root: ${q('d/../../x')}`);
  });

  test('maxNameLength: a longer segment is refused, one at the limit passes', async () => {
    const small = new ServerFiles(root, { maxNameLength: 5 });
    assert.equal(await small.resolve('abcde'), path.join(root, 'abcde'));
    await refusedWith(small.resolve('d/abcdef'), PathSafetyError, `name too long in path ${q('d/abcdef')}`);
  });

  test('look-alike dot, dot-dot and slash are refused with their message', async () => {
    for (const p of ['\u2024', 'd/\uFF0E\uFF0E', 'a\uFF0Fb']) {
      await refusedWith(sf.resolve(p), PathSafetyError, `look-alike dot or slash in path ${q(p)}`);
    }
  });
});

describe('archive entry names', () => {
  async function decompress(names: string[]) {
    await fsp.writeFile(path.join(root, 'a.tar'), tarOf(names));
    try {
      return await sf.decompress('a.tar', 'x');
    } finally {
      await fsp.rm(path.join(root, 'a.tar'), { force: true });
      await fsp.rm(path.join(root, 'x'), { recursive: true, force: true });
    }
  }

  test('a drive letter at the start is an absolute path', async () => {
    await refusedWith(decompress(['ok', 'C:evil']), PathSafetyError, `absolute path in archive: ${q('C:evil')}`);
    await refusedWith(decompress(['/abs']), PathSafetyError, `absolute path in archive: ${q('/abs')}`);
  });

  test('a colon elsewhere, or after a non-letter, is an ordinary name', async () => {
    const r = await decompress(['sub/C:y', '1:z', 'ab:c']);
    assert.deepEqual(r, { extracted: 3, bytes: 0, skipped: [] });
  });
});

describe('the root', () => {
  test('a root that is a file is refused', async () => {
    await refusedWith(new ServerFiles(path.join(root, 'f')).resolve(''), InvalidArgumentError, 'root is not a directory');
  });

  test('a failed root lookup is not cached: the root may appear later', async () => {
    const later = path.join(base, 'later');
    const files = new ServerFiles(later);
    await refusedWith(files.resolve(''), FileNotFoundError, `not found: ${q('')}`);
    await fsp.mkdir(later);
    try {
      assert.equal(await files.resolve(''), later);
    } finally {
      await fsp.rmdir(later);
    }
  });

  test('with / as the root, every absolute path is inside it', async () => {
    const rel = path.relative('/', path.join(root, 'd', 'g'));
    assert.equal(await new ServerFiles('/').readText(rel), 'G');
  });
});

describe('symbolic links (resolveInternal)', () => {
  before(async () => {
    await link('../f', 'd/up');
    await link('../outside', 'esc');
    await link('missing/../f', 'gap');
    await link('f/', 'slash');
    await link('f/.', 'slashdot');
    // Absolute, spelled with '//' and '/./' inside the root's own prefix.
    await link(`/.//${root.slice(1)}/./d/g`, 'absIn');
    await link(path.join(base, 'outside'), 'absOut');
    for (let i = 0; i < 40; i++) await link(i === 39 ? 'f' : `c${i + 1}`, `c${i}`);
    for (let i = 0; i < 41; i++) await link(i === 40 ? 'f' : `k${i + 1}`, `k${i}`);
  });

  test('.. in a link target below the root is followed', async () => {
    assert.equal(await sf.resolve('d/up'), path.join(root, 'f'));
    assert.equal(await sf.readText('d/up'), 'F');
  });

  test('.. in a link target at the root is refused with its message', async () => {
    await refusedWith(sf.resolve('esc'), PathSafetyError, `symbolic link escapes the server root: ${q('esc')}`);
  });

  test('a missing component followed by .. in a link target is not found', async () => {
    await refusedWith(sf.resolve('gap'), FileNotFoundError, `not found: ${q('gap')}`);
  });

  test('a target ending in / or /. ends on its last component (no directory check for it)', async () => {
    assert.equal(await sf.resolve('slash'), path.join(root, 'f'));
    assert.equal(await sf.resolve('slashdot'), path.join(root, 'f'));
  });

  test('an absolute target under the root is followed (from the root, not re-prefixed)', async () => {
    assert.equal(await sf.resolve('absIn'), path.join(root, 'd', 'g'));
    assert.equal(await sf.readText('absIn'), 'G');
  });

  test('an absolute target outside the root is refused with its message', async () => {
    await refusedWith(sf.resolve('absOut'), PathSafetyError, `symbolic link points outside the server root: ${q('absOut')}`);
  });

  test('40 links in a chain are followed, 41 are too many', async () => {
    assert.equal(await sf.readText('c0'), 'F');
    await refusedWith(sf.resolve('k0'), PathSafetyError, `too many symbolic links: ${q('k0')}`);
  });

  test('a file in the middle of a path is not a directory', async () => {
    await refusedWith(sf.resolve('f/x'), FileConflictError, `not a directory in path ${q('f/x')}`);
  });
});

describe('pinned descriptors', () => {
  const internals = () => sf as unknown as Internals;

  test('a directory opened outside the root is refused after opening', async () => {
    await refusedWith(
      internals().withDir(base, async () => 'used'),
      PathSafetyError,
      'path left the server root while being opened',
    );
  });

  test('the directory reference stays on the opened directory when its path is swapped', async () => {
    const dir = path.join(root, 'pin');
    await fsp.mkdir(dir);
    try {
      await internals().withDir(dir, async (ref) => {
        await fsp.rename(dir, `${dir}-moved`);
        await fsp.mkdir(dir);
        await fsp.writeFile(`${ref}/note`, 'pinned');
      });
      assert.equal(await fsp.readFile(`${dir}-moved/note`, 'utf8'), 'pinned');
      assert.deepEqual(await fsp.readdir(dir), []);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
      await fsp.rm(`${dir}-moved`, { recursive: true, force: true });
    }
  });

  test('directory descriptors are closed again', async () => {
    await sf.list('d');
    const before = openFds();
    for (let i = 0; i < 5; i++) await sf.list('d');
    assert.equal(openFds(), before);
  });

  test('reading a directory is a conflict', async () => {
    await refusedWith(sf.readText('d'), FileConflictError, 'is a directory');
  });

  test('reading a FIFO is refused as not a regular file', async () => {
    const fifo = path.join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    try {
      await refusedWith(sf.readText('fifo'), FileConflictError, 'not a regular file');
    } finally {
      await fsp.rm(fifo, { force: true });
    }
  });
});

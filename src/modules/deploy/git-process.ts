import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import * as tar from 'tar';
import { scrub } from './git-rules';

export const GIT_BINARY = '/usr/bin/git';
/** Most stderr kept from a git process (the error sentence is its last lines). */
const MAX_OUTPUT = 64 * 1024;

export class GitError extends Error {}

export interface CloneRequest {
  url: URL;
  /** The address checkOutboundUrl resolved and allowed: the connection goes there and nowhere else. */
  address: string;
  branch: string;
  token: string | null;
  /** An empty directory of this sync (HOME of git, so no ~/.netrc or ~/.gitconfig of the API's user is read). */
  home: string;
  dir: string;
  timeoutMs: number;
}

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);
const DEFAULT_PORT: Record<string, string> = { 'https:': '443', 'http:': '80', 'git:': '9418' };

/**
 * The environment of every git process: nothing inherited from the API (no proxies, askpass,
 * GIT_SSH, config files of the API's user), config through GIT_CONFIG_* so nothing secret is in
 * argv (visible in `ps`), only http(s) and git transports, no hooks, no redirects, no prompts.
 */
function gitEnv(home: string, config: Array<[string, string]>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: home,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ALLOW_PROTOCOL: 'http:https:git',
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

const BASE_CONFIG: Array<[string, string]> = [
  ['http.followRedirects', 'false'],
  ['protocol.file.allow', 'never'],
  ['protocol.ext.allow', 'never'],
  ['core.hooksPath', '/dev/null'],
  ['credential.helper', ''],
];

/** Runs git; resolves with stdout, rejects with GitError naming the last lines of stderr (secrets scrubbed). Kills the process group on timeout. */
function runGit(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, secrets: Array<string | null>, what: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(GIT_BINARY, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-MAX_OUTPUT)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-MAX_OUTPUT)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new GitError(`${what} could not run git: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new GitError(`${what} took longer than ${timeoutMs} ms and was stopped`));
      if (code === 0) return resolvePromise(stdout);
      const lines = scrub(stderr, secrets)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      reject(new GitError(`${what} failed${lines.length ? `: ${lines.slice(-3).join(' ').slice(0, 500)}` : ` (exit code ${code})`}`));
    });
  });
}

/** A shallow clone of one branch, pinned to the checked address; the commit and its subject. */
export async function cloneBranch(req: CloneRequest): Promise<{ commit: string; subject: string }> {
  const config: Array<[string, string]> = [...BASE_CONFIG];
  let target = new URL(req.url.href);
  if (req.url.protocol === 'git:') {
    // git:// has no resolve option: connect to the checked address itself.
    target.hostname = bracketed(req.address);
  } else {
    const port = req.url.port || DEFAULT_PORT[req.url.protocol];
    config.push(['http.curloptResolve', `${req.url.hostname.replace(/^\[|\]$/g, '')}:${port}:${bracketed(req.address)}`]);
  }
  if (req.token) config.push(['http.extraHeader', `Authorization: Basic ${Buffer.from(`x-access-token:${req.token}`).toString('base64')}`]);
  target = new URL(target.href);
  const env = gitEnv(req.home, config);
  const secrets = [req.token];
  const started = Date.now();
  const left = () => Math.max(1000, req.timeoutMs - (Date.now() - started));
  await runGit(['clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--branch', req.branch, '--', target.href, req.dir], env, req.timeoutMs, secrets, 'git clone');
  const commit = (await runGit(['-C', req.dir, 'rev-parse', 'HEAD'], env, left(), secrets, 'git rev-parse')).trim();
  const subject = (await runGit(['-C', req.dir, 'log', '-1', '--format=%s'], env, left(), secrets, 'git log')).trim();
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new GitError('git rev-parse did not name a commit');
  return { commit, subject: subject.slice(0, 500) };
}

const inside = (root: string, p: string) => p === root || p.startsWith(root + sep);

/**
 * tar.gz of `srcDir` (never `.git`), into `outFile`. Refuses symlinks that are absolute or lead
 * outside `srcDir`, and content over `maxBytes`. Returns the archive's size.
 */
export async function packDirectory(srcDir: string, outFile: string, maxBytes: number): Promise<{ sizeBytes: number; files: number }> {
  const root = await fsp.realpath(srcDir);
  let total = 0;
  let files = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = join(dir, entry.name);
      const rel = relative(root, full);
      const st = await fsp.lstat(full);
      if (st.isSymbolicLink()) {
        const link = await fsp.readlink(full);
        if (isAbsolute(link) || !inside(root, resolve(dirname(full), link))) throw new GitError(`The repository has a symbolic link that points outside the deployed directory: ${rel}`);
        const real = await fsp.realpath(full).catch(() => null);
        if (real !== null && !inside(root, real)) throw new GitError(`The repository has a symbolic link that points outside the deployed directory: ${rel}`);
      } else if (st.isDirectory()) {
        await walk(full);
      } else if (st.isFile()) {
        total += st.size;
        files++;
        if (total > maxBytes) throw new GitError(`The deployed directory is larger than the limit of ${Math.floor(maxBytes / (1024 * 1024))} MiB`);
      }
    }
  };
  await walk(root);
  const top = (await fsp.readdir(root)).filter((n) => n !== '.git').sort();
  if (top.length === 0) throw new GitError('The deployed directory of the repository is empty');
  await tar.create({ gzip: true, file: outFile, cwd: root, portable: true, filter: (p) => !p.split('/').includes('.git') }, top);
  const sizeBytes = (await fsp.stat(outFile)).size;
  if (sizeBytes > maxBytes) throw new GitError(`The deploy archive is larger than the limit of ${Math.floor(maxBytes / (1024 * 1024))} MiB`);
  return { sizeBytes, files };
}

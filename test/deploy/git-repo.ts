import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { waitFor } from '../helpers/wait';

/** Git for the test itself: no config of the machine's user, a fixed author. */
const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('/usr/bin/git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface LocalRepo {
  /** git://127.0.0.1:<port>/repo.git, served by `git daemon`. */
  url: string;
  port: number;
  /** Writes files (and symlinks: `{ link: target }`) into the working clone, commits them on `branch` and pushes; returns the commit sha. */
  commit(files: Record<string, string | { link: string }>, message: string, branch?: string): string;
  /** The bare repository, served over smart HTTP (git http-backend) by an HTTP server that requires `authorization`; records the headers it got. */
  serveHttp(authorization: string): Promise<{ url: string; seen: Array<string | undefined>; close(): Promise<void> }>;
  stop(): Promise<void>;
}

/** A bare repository with a working clone, served read-only by a real `git daemon` on 127.0.0.1. */
export async function startLocalRepo(): Promise<LocalRepo> {
  const base = mkdtempSync(join(tmpdir(), 'outpost-gitrepo-'));
  const bare = join(base, 'served', 'repo.git');
  mkdirSync(bare, { recursive: true });
  git(bare, 'init', '--quiet', '--bare', '--initial-branch=main');
  const work = join(base, 'work');
  git(base, 'clone', '--quiet', bare, work);
  git(work, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  const port = await freePort();
  const daemon: ChildProcess = spawn('/usr/bin/git', ['daemon', '--reuseaddr', `--base-path=${join(base, 'served')}`, '--export-all', '--listen=127.0.0.1', `--port=${port}`, join(base, 'served')], {
    env: ENV,
    stdio: 'ignore',
  });
  await waitFor(
    'git daemon listening',
    () =>
      new Promise<boolean>((resolve) => {
        const c = createConnection({ host: '127.0.0.1', port }, () => {
          c.destroy();
          resolve(true);
        });
        c.once('error', () => resolve(false));
      }),
  );
  return {
    url: `git://127.0.0.1:${port}/repo.git`,
    port,
    commit(files, message, branch = 'main') {
      const current = git(work, 'symbolic-ref', '--short', 'HEAD');
      if (current !== branch) {
        const exists = git(work, 'branch', '--list', branch) !== '';
        git(work, 'checkout', '--quiet', ...(exists ? [branch] : ['-b', branch]));
      }
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(work, name)), { recursive: true });
        if (typeof content === 'string') writeFileSync(join(work, name), content);
        else symlinkSync(content.link, join(work, name));
      }
      git(work, 'add', '-A');
      git(work, 'commit', '--quiet', '-m', message);
      git(work, 'push', '--quiet', 'origin', branch);
      return git(work, 'rev-parse', 'HEAD');
    },
    async serveHttp(authorization) {
      const seen: Array<string | undefined> = [];
      const server = createHttpServer((req, res) => {
        seen.push(req.headers.authorization);
        if (req.headers.authorization !== authorization) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
          return;
        }
        // Smart HTTP through git's own CGI (shallow clones need it).
        const url = new URL(req.url ?? '/', 'http://x');
        const cgi = spawn('/usr/lib/git-core/git-http-backend', [], {
          env: {
            ...ENV,
            GIT_PROJECT_ROOT: join(base, 'served'),
            GIT_HTTP_EXPORT_ALL: '1',
            PATH_INFO: url.pathname,
            QUERY_STRING: url.search.slice(1),
            REQUEST_METHOD: req.method ?? 'GET',
            CONTENT_TYPE: req.headers['content-type'] ?? '',
            REMOTE_ADDR: '127.0.0.1',
            HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
            GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
          },
          stdio: ['pipe', 'pipe', 'ignore'],
        });
        req.pipe(cgi.stdin);
        const out: Buffer[] = [];
        cgi.stdout.on('data', (c: Buffer) => out.push(c));
        cgi.on('close', () => {
          const all = Buffer.concat(out);
          const split = all.indexOf('\r\n\r\n');
          const headers: Record<string, string> = {};
          let status = 200;
          for (const line of all.subarray(0, split).toString('latin1').split('\r\n')) {
            const i = line.indexOf(':');
            if (i < 0) continue;
            const k = line.slice(0, i).trim().toLowerCase();
            const v = line.slice(i + 1).trim();
            if (k === 'status') status = Number(v.split(' ')[0]);
            else headers[k] = v;
          }
          res.writeHead(status, headers).end(all.subarray(split + 4));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port: httpPort } = server.address() as AddressInfo;
      return { url: `http://127.0.0.1:${httpPort}/repo.git`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
    },
    async stop() {
      daemon.kill('SIGTERM');
      rmSync(base, { recursive: true, force: true });
    },
  };
}

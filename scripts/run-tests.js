#!/usr/bin/env node
// Finds a PostgreSQL for the tests (TEST_DATABASE_URL, else 127.0.0.1:5432, else an embedded one
// started here), then runs node's test runner over the built test files.
'use strict';
const { spawn } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { Client } = require('pg');

const root = resolve(__dirname, '..');

async function answers(url) {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function findTests(dir, out = []) {
  if (!require('node:fs').existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (/\.(test|spec)\.js$/.test(name)) out.push(p);
  }
  return out;
}

async function main() {
  let stop = async () => undefined;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await answers(local)) {
      url = local;
    } else {
      console.log('[test] no PostgreSQL at 127.0.0.1:5432: starting an embedded one');
      const { startEmbeddedPostgres } = require(join(root, 'dist/src/core/database/embedded-postgres.js'));
      const db = await startEmbeddedPostgres(join(root, '.data/test'), 54330, 'postgres');
      url = db.url;
      stop = db.stop;
    }
  }
  console.log(`[test] PostgreSQL: ${url.replace(/\/\/([^:@]+):[^@]*@/, '//$1:***@')}`);

  const filter = process.argv.slice(2);
  let files = [...findTests(join(root, 'dist/src')), ...findTests(join(root, 'dist/libs')), ...findTests(join(root, 'dist/test'))].sort();
  if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  const times = join(root, '.data/test-times.txt');
  require('node:fs').mkdirSync(join(root, '.data'), { recursive: true });
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${join(root, 'scripts/test-file-times.mjs')}`, `--test-reporter-destination=${times}`];
  const child = spawn(process.execPath, ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, ...reporters, ...files], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  const code = await new Promise((res) => child.on('exit', (c, sig) => res(c ?? (sig ? 1 : 0))));
  if (files.length > 1 && require('node:fs').existsSync(times)) {
    const lines = require('node:fs').readFileSync(times, 'utf8').split('\n');
    console.log(`[test] slowest files (all in .data/test-times.txt):\n${lines.slice(0, 11).join('\n')}`);
  }
  await stop();
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

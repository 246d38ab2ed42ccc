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

/**
 * The runner starts files in the order given: the longest ones go first, so no long file starts last
 * and runs alone at the end. Times come from this machine's last full run (.data/test-times.txt)
 * when there is one, else from KNOWN_SLOW (measured on 2 cores; an outdated entry only changes the order).
 */
const KNOWN_SLOW = [
  'test/browser/alerts-integrations',
  'test/schedule/schedule-processes',
  'test/browser/polish',
  'test/gameserver/power-actions',
  'test/faults/api-kill-transfer',
  'test/files/files.test',
  'test/browser/dashboard',
  'test/bench/smoke',
  'test/browser/nodes',
  'test/browser/onboarding',
  'test/browser/server-page',
  'test/backup/backup-interrupted',
  'test/schedule/schedule.test',
  'libs/server-files/server-files.spec',
  'test/gameserver/runtime-truth',
  'test/browser/backups-schedules',
  'test/foundation/graceful-shutdown',
  'test/security/bad-input',
];
function longestFirst(files) {
  const seconds = new Map();
  try {
    for (const line of require('node:fs').readFileSync(join(root, '.data/test-times.txt'), 'utf8').split('\n').slice(1)) {
      const m = /^\s*([\d.]+) s {2}(\S+)\.(ts|js)$/.exec(line);
      if (m) seconds.set(m[2], Number(m[1]));
    }
  } catch {
    KNOWN_SLOW.forEach((name, i) => seconds.set(name, 1000 - i));
  }
  const timeOf = (file) => {
    for (const [name, s] of seconds) if (file.includes(`/dist/${name}`)) return s;
    return 0;
  };
  return files
    .map((f) => [f, timeOf(f)])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([f]) => f);
}

/**
 * One migrated database per run: test apps copy it (CREATE DATABASE … TEMPLATE, a file copy) instead
 * of each running every migration. Null when the build has no migrations to run (then each app migrates).
 */
async function migratedTemplate(url) {
  let runMigrations;
  try {
    ({ runMigrations } = require(join(root, 'dist/src/core/database/migrate.js')));
  } catch {
    return null;
  }
  const name = `outpost_template_${process.pid}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  await runMigrations(u.toString());
  return {
    name,
    drop: async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    },
  };
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
  const template = await migratedTemplate(url);
  if (template) {
    const previous = stop;
    stop = async () => {
      await template.drop();
      await previous();
    };
  }

  const filter = process.argv.slice(2);
  let files = [...findTests(join(root, 'dist/src')), ...findTests(join(root, 'dist/libs')), ...findTests(join(root, 'dist/test'))].sort();
  if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
  files = longestFirst(files);
  if (process.env.TEST_LIST_ONLY === '1') {
    console.log(files.map((f) => f.slice(root.length + 1)).join('\n'));
    return;
  }
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  const times = join(root, '.data/test-times.txt');
  require('node:fs').mkdirSync(join(root, '.data'), { recursive: true });
  // Only a full run records the file times (a run of a few files would make the order of the next full run wrong).
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
  if (!filter.length) reporters.push(`--test-reporter=${join(root, 'scripts/test-file-times.mjs')}`, `--test-reporter-destination=${times}`);
  const child = spawn(process.execPath, ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, ...reporters, ...files], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url, ...(template ? { TEST_TEMPLATE_DATABASE: template.name } : {}) },
  });
  const code = await new Promise((res) => child.on('exit', (c, sig) => res(c ?? (sig ? 1 : 0))));
  if (!filter.length && require('node:fs').existsSync(times)) {
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

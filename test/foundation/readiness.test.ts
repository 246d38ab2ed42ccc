import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/core/config/app-config';
import { startEmbeddedPostgres, EmbeddedDatabase } from '../../src/core/database/embedded-postgres';
import { runMigrations } from '../../src/core/database/migrate';
import { DataSource } from 'typeorm';

// A database of our own that we can stop and start under the running API.
describe('readiness follows the database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-ready-'));
  const port = 55000 + (process.pid % 1000);
  let db: EmbeddedDatabase;
  let app: NestFastifyApplication;

  before(async () => {
    db = await startEmbeddedPostgres(dir, port);
    await runMigrations(db.url);
    app = await createApp(loadConfig({ DATABASE_URL: db.url, JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' }), { quiet: true });
  });
  after(async () => {
    await app?.close();
    await db?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays 200 while every connection of the request pool is busy (its probe has a connection of its own)', async () => {
    const ds = app.get(DataSource);
    // The pool holds 20 (data-source-options.ts): 20 slow queries occupy all of them; a query on the pool would now wait past the probe's 2 s deadline.
    const busy = Array.from({ length: 20 }, () => ds.query('SELECT pg_sleep(4)'));
    await new Promise((r) => setTimeout(r, 300));
    const probe = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(probe.statusCode, 200, probe.body);
    await Promise.all(busy);
  });

  it('answers 200, then 503 while PostgreSQL is down, then 200 again without a restart', async () => {
    const ready = () => app.inject({ method: 'GET', url: '/readyz' });
    assert.equal((await ready()).statusCode, 200);

    await db.stop();
    const down = await ready();
    assert.equal(down.statusCode, 503);
    const body = JSON.parse(down.body);
    assert.equal(body.meta.error.code, 'ServiceUnavailableError');
    assert.equal(body.meta.error.message, 'Database unreachable', 'no address or driver message for an unauthenticated caller');
    assert.equal(body.data, null);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'process stays up');

    db = await startEmbeddedPostgres(dir, port);
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await ready()).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 200);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/core/database/embedded-postgres';
import { SYSTEM_ROLES } from '../../src/modules/auth/permissions';
import { ApiProcess, freePort, spawnApi } from '../helpers/api-process';
import { waitFor } from '../helpers/wait';
import { assertEnvelope, bootstrap, call, FAULT_API_ENV, Reply, Session } from './kit';

/**
 * Fault suite: PostgreSQL stopped (fast shutdown, as a restart or failover does) and started again
 * under a real API process with requests in flight. The database is a PRIVATE embedded PostgreSQL
 * (own data dir and port), never the machine's shared one. End state: every answer meanwhile was a
 * success or a 503 in the error envelope (never a 500, never a stack), readiness went 503 and back
 * to 200, every domain the load tried to create exists whole (domain + its system roles + the
 * Owner membership) or not at all, and the same process serves again without a restart.
 * (test/foundation/readiness.test.ts covers readiness alone in-process; db-terminate.test.ts covers
 * terminated connections with the server up.)
 */
describe('fault: PostgreSQL stopped and started under a running API process', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-fault-pg-'));
  let port: number;
  let db: EmbeddedDatabase;
  let api: ApiProcess;
  let session: Session;
  const roleCount = Object.keys(SYSTEM_ROLES).length;

  /** Opens a client on the private database (only while it is up). */
  async function sql(): Promise<Client> {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    return c;
  }

  before(async () => {
    port = await freePort();
    db = await startEmbeddedPostgres(dir, port);
    api = await spawnApi({ databaseUrl: db.url, env: FAULT_API_ENV, readyTimeoutMs: 60_000 });
    session = await bootstrap(api);
  });

  after(async () => {
    // A 500 leaves an "Unhandled error" line with its stack in the API's log: shown here, for the failure message above.
    const unhandled =
      api
        ?.output()
        .split('\n')
        .filter((l) => /Unhandled error/.test(l)) ?? [];
    if (unhandled.length) console.log(`API errors answered 500:\n${unhandled.slice(0, 10).join('\n')}`);
    await api?.kill('SIGKILL');
    await db?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('503 in the envelope while down, nothing half-written, readiness 503 → 200, and the same process serves again', async () => {
    assert.equal((await call(api, 'GET', '/readyz')).status, 200, 'ready before the fault');

    // Load: workers creating domains (one transaction of several rows each) and reading, until told to stop.
    const attempted: string[] = [];
    const answers: Array<{ what: string; reply: Reply }> = [];
    let loading = true;
    let n = 0;
    const worker = async (w: number) => {
      while (loading) {
        const name = `load-${w}-${n++}`;
        attempted.push(name);
        answers.push({ what: `create ${name}`, reply: await call(api, 'POST', '/domain', { session, body: { name } }) });
        answers.push({ what: 'search domains', reply: await call(api, 'POST', '/domain/search', { session, body: {} }) });
        answers.push({ what: 'get me', reply: await call(api, 'GET', '/me', { session }) });
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await waitFor('load running', () => answers.length >= 20, 20_000, 20);

    // One creation held in the middle of its transaction (domain and roles written, the membership
    // insert waiting) when the server goes down: a trigger on this private database makes the
    // membership insert of a domain named held-* wait for an advisory lock the test holds.
    const locker = await sql();
    const watcher = await sql();
    locker.on('error', () => undefined); // terminated by the shutdown, as intended
    await locker.query(`CREATE FUNCTION fault_hold() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM domain WHERE id = NEW."domainId" AND name LIKE 'held-%') THEN PERFORM pg_advisory_xact_lock(424242); END IF;
        RETURN NEW;
      END $$`);
    await locker.query('CREATE TRIGGER fault_hold BEFORE INSERT ON membership FOR EACH ROW EXECUTE FUNCTION fault_hold()');
    await locker.query('SELECT pg_advisory_lock(424242)');
    const heldName = 'held-in-flight';
    attempted.push(heldName);
    const held = call(api, 'POST', '/domain', { session, body: { name: heldName } });
    await waitFor('the held creation waiting in its membership insert', async () => {
      const r = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory' AND query LIKE 'INSERT INTO "membership"%'`);
      return r.rows.length > 0;
    });
    await watcher.end();

    await db.stop();
    // The locker ends only after the held creation answered: ending it first would release the lock, and a
    // backend the shutdown had not reached yet could still commit the creation.
    const heldReply = await held;
    await locker.end().catch(() => undefined);
    // Cut off (503, nothing written) — or, when the shutdown ended the lock holder's session a moment before the
    // held backend's, completed whole (201). Never anything in between; the rows are checked below.
    if (heldReply.status === 201) assert.equal(heldReply.body.data.name, heldName);
    else assertEnvelope(heldReply, 503, 'ServiceUnavailableError', 'the creation in flight when PostgreSQL went down');

    // Down: readiness, reads and writes answer 503 in the envelope; liveness stays up.
    const downFrom = answers.length;
    await waitFor('load requests answered while down', () => answers.length >= downFrom + 12, 30_000, 20);
    assertEnvelope(await call(api, 'GET', '/readyz'), 503, 'ServiceUnavailableError', 'readiness while down');
    assertEnvelope(await call(api, 'POST', '/domain', { session, body: { name: 'while-down' } }), 503, 'ServiceUnavailableError', 'a write while down');
    attempted.push('while-down');
    assertEnvelope(await call(api, 'POST', '/domain/search', { session, body: {} }), 503, 'ServiceUnavailableError', 'a read while down');
    assertEnvelope(await call(api, 'GET', '/me', { session }), 503, 'ServiceUnavailableError', 'an authenticated read while down');
    assert.equal((await call(api, 'GET', '/healthz')).status, 200, 'liveness stays up');

    // Up again, same data dir and port; the API process is the same one.
    db = await startEmbeddedPostgres(dir, port);
    await waitFor('readiness back to 200', async () => (await call(api, 'GET', '/readyz')).status === 200, 30_000, 100);
    await waitFor('load succeeding again', async () => answers.slice(-6).every((a) => a.reply.status < 300) && answers.length > 0, 30_000, 50);
    loading = false;
    await Promise.all(workers);
    assert.equal(api.child.exitCode, null, 'the API process never exited');
    assert.equal(api.child.signalCode, null, 'the API process never exited');

    const after = await call(api, 'POST', '/domain', { session, body: { name: 'after-restart' } });
    assert.equal(after.status, 201, after.text);
    attempted.push('after-restart');
    const search = await call(api, 'POST', '/domain/search', { session, body: { filters: { name: 'after-restart' } } });
    assert.equal(search.status, 200, search.text);
    assert.equal(search.body.data.length, 1);

    // Every answer: a success or a 503 in the envelope.
    const down = answers.filter((a) => a.reply.status === 503);
    assert.ok(down.length >= 12, `the load saw the outage (${down.length} answers 503)`);
    for (const a of answers) {
      if (a.reply.status === 503) assertEnvelope(a.reply, 503, 'ServiceUnavailableError', a.what);
      else assert.equal(a.reply.status, a.what.startsWith('create ') ? 201 : 200, `${a.what}: ${a.reply.status} ${a.reply.text.slice(0, 300)}`);
    }

    // Rows: each attempted domain whole or absent; every 201 whole.
    const c = await sql();
    try {
      const rows = await c.query<{ name: string; roles: number; owners: number }>(
        `SELECT d.name,
                (SELECT count(*)::int FROM role r WHERE r."domainId" = d.id AND r.system) AS roles,
                (SELECT count(*)::int FROM membership m JOIN role r ON r.id = m."roleId" WHERE m."domainId" = d.id AND r.name = 'Owner') AS owners
           FROM domain d WHERE d.name = ANY($1)`,
        [attempted],
      );
      const byName = new Map(rows.rows.map((r) => [r.name, r]));
      for (const row of rows.rows) assert.deepEqual({ ...row }, { name: row.name, roles: roleCount, owners: 1 }, `domain ${row.name} is whole`);
      assert.equal(rows.rows.length, byName.size, 'no domain created twice');
      const created = answers.filter((a) => a.what.startsWith('create ') && a.reply.status === 201).map((a) => a.what.slice('create '.length));
      for (const name of [...created, 'after-restart']) assert.ok(byName.has(name), `${name} answered 201 and exists`);
      assert.equal(byName.has(heldName), heldReply.status === 201, 'the creation in flight exists (whole, checked above) exactly when it answered 201');
      assert.equal(byName.has('while-down'), false, 'a write refused while down left nothing');
      const orphans = await c.query(`SELECT count(*)::int AS n FROM role r WHERE NOT EXISTS (SELECT 1 FROM domain d WHERE d.id = r."domainId")`);
      assert.equal(orphans.rows[0].n, 0, 'no role without its domain');
    } finally {
      await c.end();
    }
  });
});

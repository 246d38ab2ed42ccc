import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

/** Every connection to the app's database except the caller's own: the app's pool. */
const TERMINATE_OTHERS = 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()';

/**
 * PostgreSQL ending the app's connections (pg_terminate_backend, as an administrator or a failover
 * does): reads are retried once and answer normally, writes answer 503 "retry", nothing is a 500.
 */
describe('database connections terminated under the API', () => {
  let t: TestApp;
  let admin: Session;
  let nodeId: string;

  const req = (method: string, url: string, body?: unknown) => t.request(method, url, { token: admin.token, domain: admin.domainId, body });
  const newNode = (name: string) => ({ name, address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });

  /**
   * Runs `request` while its query (`like`: a LIKE pattern of its SQL) waits on a lock another
   * session holds, then terminates the app's backends (that query included) and releases the lock.
   * The request is in the middle of a query when its connection dies: the case a bare "terminate,
   * then request" only hits by chance.
   */
  async function terminatedMidQuery(like: string, request: () => Promise<Reply>): Promise<Reply> {
    const locker = new Client({ connectionString: t.db.url });
    // Outside the locker's transaction: pg_stat_activity is a snapshot taken once per transaction.
    const watcher = new Client({ connectionString: t.db.url });
    await Promise.all([locker.connect(), watcher.connect()]);
    try {
      const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE node IN ACCESS EXCLUSIVE MODE');
      const pending = request();
      await waitFor(`the request's query (${like}) waiting on the lock`, async () => {
        const r = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`, [like]);
        return r.rows.length > 0;
      });
      const killed = await watcher.query(`${TERMINATE_OTHERS} AND pid <> $1`, [lockerPid]);
      assert.ok(killed.rows.length > 0, 'the app had connections to terminate');
      await locker.query('ROLLBACK');
      return await pending;
    } finally {
      await Promise.all([locker.end(), watcher.end()]);
    }
  }

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    const created = await req('POST', '/node', newNode('db-reset-node'));
    assert.equal(created.status, 201, created.text);
    nodeId = created.body.data.id;
  });
  after(async () => {
    await t?.close();
  });

  it('GET is retried on a fresh connection and answers 200', async () => {
    const r = await terminatedMidQuery('SELECT %FROM "node" "n" WHERE%', () => req('GET', `/node/${nodeId}`));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.id, nodeId);
  });

  it('POST …/search (a read) is retried and answers 200', async () => {
    const r = await terminatedMidQuery('%COUNT(*) OVER()%FROM "node"%', () => req('POST', '/node/search', { filters: { id: [nodeId] } }));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.data.map((n: { id: string }) => n.id),
      [nodeId],
    );
  });

  it('a write is not re-run: 503 ServiceUnavailableError "retry", never a 500, and nothing was stored', async () => {
    const r = await terminatedMidQuery('INSERT INTO "node"%', () => req('POST', '/node', newNode('db-reset-write')));
    assert.equal(r.status, 503, r.text);
    assert.equal(r.body.meta.error.code, 'ServiceUnavailableError');
    assert.match(r.body.meta.error.message, /database connection was reset; retry/);
    assert.equal(r.headers['retry-after'], '1');
    assert.equal(r.body.data, null);
    assert.equal(r.text.includes('at '), false, 'no stack in the answer');
    // The statement never ran (it was waiting on the lock): the client may simply retry.
    const search = await req('POST', '/node/search', { filters: { name: ['db-reset-write'] } });
    assert.equal(search.status, 200, search.text);
    assert.equal(search.body.data.length, 0);
    const again = await req('POST', '/node', newNode('db-reset-write'));
    assert.equal(again.status, 201, again.text);
  });

  it('after the pool was terminated while idle, reads answer 200', async () => {
    const killer = new Client({ connectionString: t.db.url });
    await killer.connect();
    try {
      const killed = await killer.query<{ pid: number }>(TERMINATE_OTHERS.replace('SELECT pg_terminate_backend(pid)', 'SELECT pid, pg_terminate_backend(pid)'));
      assert.ok(killed.rows.length > 0, 'the app had pooled connections to terminate');
      // pg_terminate_backend only signals: "terminated while idle" means the backends are gone
      // before the next request (otherwise a request may race a backend that is still exiting).
      const pids = killed.rows.map((r) => r.pid);
      await waitFor('the terminated backends to exit', async () => (await killer.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1)', [pids])).rows[0].n === 0);
    } finally {
      await killer.end();
    }
    const [one, search] = await Promise.all([req('GET', `/node/${nodeId}`), req('POST', '/node/search', { filters: { id: [nodeId] } })]);
    assert.equal(one.status, 200, one.text);
    assert.equal(search.status, 200, search.text);
    assert.equal(search.body.data.length, 1);
  });
});

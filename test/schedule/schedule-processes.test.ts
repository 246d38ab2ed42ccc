import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { ApiProcess, spawnApi, callApi } from '../helpers/api-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { PASSWORD } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

// Real API processes (dist/src/main.js) on one database: exactly-once dispatch across processes, and
// the missed-run policy across a SIGKILL. Runs need no node: the schedule runs only while its server
// is running and the server is stopped, so every run is `skipped` — and recorded, which is what counts.

const ENV = { SCHEDULE_MIN_INTERVAL_SECONDS: '2' };

interface Api {
  req(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

function client(api: ApiProcess, token: string, domainId: string): Api {
  return {
    req: (method, path, body) => callApi(api, method, path, { token, domainId, body }),
  };
}

/** Bootstraps the admin and a stopped game server (the row is written directly: placement needs an online node). */
async function seed(api: ApiProcess, db: Client): Promise<{ token: string; domainId: string; serverId: string }> {
  const boot = await fetch(`${api.url}/auth/bootstrap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Alpha' }),
  });
  assert.equal(boot.status, 201);
  const { token, domainId } = ((await boot.json()) as any).data;
  const c = client(api, token, domainId);
  const node = await c.req('POST', '/node', { name: 'n1', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
  assert.equal(node.status, 201, JSON.stringify(node.body));
  const workload = await c.req('POST', '/workload/from-template', { template: 'echo-server' });
  assert.equal(workload.status, 201, JSON.stringify(workload.body));
  const { rows } = await db.query(
    `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'Stopped', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
    [domainId, workload.body.data.id, node.body.data.id],
  );
  return { token, domainId, serverId: rows[0].id };
}

interface RunRow {
  id: string;
  dueAt: Date;
  trigger: string;
  status: string;
  startedAt: Date;
}

async function runRows(db: Client, scheduleId: string): Promise<RunRow[]> {
  const { rows } = await db.query(`SELECT id, "dueAt", trigger, status, "startedAt" FROM schedule_run WHERE "scheduleId" = $1 ORDER BY "dueAt"`, [scheduleId]);
  return rows;
}

const schedule = (serverId: string) => ({
  gameserverId: serverId,
  name: 'Every 2 s',
  cron: '*/2 * * * * *',
  timezone: 'UTC',
  onlyWhenRunning: true,
  tasks: [{ action: 'command', command: 'unused' }],
});

describe('schedules across real API processes', () => {
  let database: ThrowawayDatabase;
  let db: Client;
  const apis: ApiProcess[] = [];

  before(async () => {
    database = await createThrowawayDatabase();
    db = new Client({ connectionString: database.url });
  });
  after(async () => {
    await Promise.all(apis.map((a) => a.kill('SIGKILL')));
    await db?.end().catch(() => undefined);
    await database?.drop();
  });

  it('two API processes on one database for ~12 s: every due time runs exactly once, with no slot missed', async () => {
    const a = await spawnApi({ databaseUrl: database.url, env: ENV });
    apis.push(a);
    await db.connect();
    const b = await spawnApi({ databaseUrl: database.url, env: ENV });
    apis.push(b);
    const { token, domainId, serverId } = await seed(a, db);
    const created = await client(b, token, domainId).req('POST', '/schedule', schedule(serverId));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.data.id;

    await waitFor('six finished runs', async () => (await runRows(db, id)).filter((r) => r.status !== 'running').length >= 6, 20_000, 200);
    const off = await client(a, token, domainId).req('PUT', `/schedule/${id}`, { enabled: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    await waitFor('every run finished', async () => (await runRows(db, id)).every((r) => r.status !== 'running'), 10_000, 200);

    const runs = await runRows(db, id);
    const due = runs.map((r) => r.dueAt.getTime());
    assert.equal(new Set(due).size, due.length, 'no due time twice');
    for (let i = 1; i < due.length; i++) assert.equal(due[i] - due[i - 1], 2000, `consecutive slots: ${runs.map((r) => r.dueAt.toISOString()).join(', ')}`);
    assert.ok(runs.every((r) => r.trigger === 'cron' && r.status === 'skipped'));
    // One step job per run, and each run ended (and was audited) once.
    const jobs = await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'schedule.step' AND data->>'runId' = ANY($1::text[])`, [runs.map((r) => r.id)]);
    assert.equal(jobs.rows[0].n, runs.length);
    const audits = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'schedule.run' AND "targetId" = $1`, [id]);
    assert.equal(audits.rows[0].n, runs.length);
  });

  it('survives a SIGKILL: a due time missed while no process was up runs once as catch_up, then cron runs resume', async () => {
    for (const api of apis.splice(0)) await api.kill('SIGKILL');
    const first = await spawnApi({ databaseUrl: database.url, env: ENV });
    apis.push(first);
    const login = await fetch(`${first.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = ((await login.json()) as any).data;
    const { rows } = await db.query(`SELECT id, "domainId" FROM gameserver WHERE name = 'Stopped'`);
    const c = client(first, token, rows[0].domainId);
    const created = await c.req('POST', '/schedule', schedule(rows[0].id));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.data.id;
    await waitFor('a first cron run', async () => (await runRows(db, id)).some((r) => r.status === 'skipped'), 15_000, 200);

    await first.kill('SIGKILL');
    apis.splice(0);
    const before = await runRows(db, id);
    const { rows: s } = await db.query(`SELECT "nextRunAt" FROM schedule WHERE id = $1`, [id]);
    const missedDue: Date = s[0].nextRunAt;
    // Down until the stored due time is well past the catch-up threshold (10 s late), by the database's clock.
    await waitFor('the due time to be missed by > 11 s', async () => (await db.query(`SELECT now() > $1::timestamptz + interval '11 seconds' AS late`, [missedDue])).rows[0].late, 30_000, 250);

    const second = await spawnApi({ databaseUrl: database.url, env: ENV });
    apis.push(second);
    await waitFor(
      'two cron runs after the catch-up',
      async () => {
        const runs = await runRows(db, id);
        const catchUp = runs.find((r) => r.trigger === 'catch_up');
        return catchUp && runs.filter((r) => r.trigger === 'cron' && r.dueAt > catchUp.dueAt && r.status === 'skipped').length >= 2;
      },
      20_000,
      200,
    );
    const runs = await runRows(db, id);
    const catchUps = runs.filter((r) => r.trigger === 'catch_up');
    assert.equal(catchUps.length, 1, `one catch-up run, not one per missed slot: ${JSON.stringify(runs)}`);
    assert.equal(catchUps[0].dueAt.getTime(), missedDue.getTime(), 'the catch-up run is for the missed due time');
    assert.equal(catchUps[0].status, 'skipped');
    // Nothing was run for the slots in between; the next run counts from the restart.
    const between = runs.filter((r) => r.dueAt > missedDue && r.dueAt < catchUps[0].startedAt);
    assert.deepEqual(between, []);
    assert.equal(runs.filter((r) => r.dueAt <= missedDue).length, before.length + 1);
    const after = runs.filter((r) => r.dueAt > missedDue);
    assert.ok(after.every((r) => r.trigger === 'cron'));
    const due = after.map((r) => r.dueAt.getTime());
    for (let i = 1; i < due.length; i++) assert.equal(due[i] - due[i - 1], 2000);
  });
});

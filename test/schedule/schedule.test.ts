import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, login, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/** Schedules on a real agent and real Docker, with pg-boss on the test's PostgreSQL. */
describe('schedules: CRUD, cron runs on a real server, onlyWhenRunning, privilege ceiling, tenancy', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let runningId: string;
  let stoppedId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const as = (s: Session) => (method: string, path: string, body?: unknown) => t.request(method, path, { token: s.token, domain: s.domainId, body });
  const runsOf = async (scheduleId: string) => (await req('POST', '/schedule-run/search', { filters: { scheduleId }, sortBy: 'dueAt', sortDirection: 'asc' })).body.data as any[];
  const valid = (over: Record<string, unknown> = {}) => ({
    gameserverId: runningId,
    name: 'Nightly',
    cron: '0 4 * * *',
    timezone: 'Europe/Amsterdam',
    tasks: [{ action: 'command', command: 'say hi' }],
    ...over,
  });
  const consoleHas = async (serverId: string, line: string) => {
    const r = await req('GET', `/node/${node.nodeId}/containers/outpost-${serverId}/logs`);
    return r.body.data?.some((l: { line: string }) => l.line === line);
  };

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    runningId = await startEchoServer(req, node.nodeId, 'Scheduled');
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const stopped = await req('POST', '/gameserver', { name: 'Stopped', workloadId, nodeId: node.nodeId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(stopped.status, 201, stopped.text);
    stoppedId = stopped.body.data.id;
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('create, get, search, update and delete; description and next run come from the cron and timezone', async () => {
    const created = await req('POST', '/schedule', valid());
    assert.equal(created.status, 201, created.text);
    const s = created.body.data;
    assert.equal(s.description, 'At 04:00 AM (Europe/Amsterdam)');
    assert.deepEqual(s.tasks, [{ action: 'command', command: 'say hi', delaySeconds: 0 }]);
    assert.equal(s.enabled, true);
    assert.equal(s.onlyWhenRunning, false);
    assert.equal(s.lastRun, null);
    assert.equal(s.createdBy, admin.userId);
    // 04:00 on Amsterdam's wall clock (02:00Z or 03:00Z depending on DST); always within the next 24 h.
    const next = new Date(s.nextRunAt);
    const amsterdam = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    assert.equal(amsterdam.format(next), '04:00:00', s.nextRunAt);
    assert.ok(next.getTime() > Date.now() && next.getTime() <= Date.now() + 86_400_000);

    const got = await req('GET', `/schedule/${s.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.data.name, 'Nightly');

    const other = await req('POST', '/schedule', valid({ name: 'Other', gameserverId: stoppedId, enabled: false }));
    assert.equal(other.status, 201, other.text);
    assert.equal(other.body.data.nextRunAt, null, 'disabled: no next run');
    const byServer = await req('POST', '/schedule/search', { filters: { gameserverId: runningId } });
    assert.equal(byServer.status, 200, byServer.text);
    assert.deepEqual(
      byServer.body.data.map((x: any) => x.id),
      [s.id],
    );
    const disabled = await req('POST', '/schedule/search', { filters: { enabled: false } });
    assert.deepEqual(
      disabled.body.data.map((x: any) => x.id),
      [other.body.data.id],
    );
    assert.equal(disabled.body.meta.total, 1);

    const off = await req('PUT', `/schedule/${s.id}`, { enabled: false, name: 'Renamed' });
    assert.equal(off.status, 200, off.text);
    assert.deepEqual([off.body.data.enabled, off.body.data.nextRunAt, off.body.data.name], [false, null, 'Renamed']);
    const retimed = await req('PUT', `/schedule/${s.id}`, { enabled: true, cron: '30 6 * * 1', timezone: 'UTC' });
    assert.equal(retimed.status, 200, retimed.text);
    assert.equal(retimed.body.data.description, 'At 06:30 AM, only on Monday (UTC)');
    assert.equal(new Date(retimed.body.data.nextRunAt).getUTCDay(), 1);
    assert.equal(new Date(retimed.body.data.nextRunAt).toISOString().slice(11, 19), '06:30:00');

    for (const id of [s.id, other.body.data.id]) assert.equal((await req('DELETE', `/schedule/${id}`)).status, 200);
    const gone = await req('GET', `/schedule/${s.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.meta.error.code, 'NotFoundError');
  });

  it('invalid cron, timezone, too frequent, too many tasks and fields of another action are 400 ValidationError', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ cron: '0 4 * *' }, /5 fields .* has 4/],
      [{ cron: '61 4 * * *' }, /Invalid cron expression "61 4 \* \* \*"/],
      [{ timezone: 'Mars/Olympus' }, /"Mars\/Olympus" is not an IANA timezone/],
      [{ cron: '*/5 * * * * *' }, /fires every 5 s at times; schedules may fire at most once every 10 s/],
      [{ tasks: Array.from({ length: 21 }, () => ({ action: 'command', command: 'x' })) }, /tasks/],
      [{ tasks: [] }, /tasks/],
      [{ tasks: [{ action: 'command', command: 'x'.repeat(513) }] }, /command/],
      [{ tasks: [{ action: 'command', command: 'x', delaySeconds: 86_401 }] }, /delaySeconds/],
      [{ tasks: [{ action: 'power' }] }, /power/],
      [{ tasks: [{ action: 'command', command: 'x', power: 'kill' }] }, /a command task has no power/],
    ];
    for (const [over, message] of cases) {
      const r = await req('POST', '/schedule', valid(over));
      assert.equal(r.status, 400, `${JSON.stringify(over).slice(0, 80)}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'ValidationError');
      assert.match(`${r.body.meta.error.message} ${JSON.stringify(r.body.meta.error.details)}`, message);
    }
    assert.equal((await req('POST', '/schedule/search', {})).body.meta.total, 0, 'nothing was stored');
  });

  it('a seconds cron with a command task: the console echoes it, the run is completed and audited, nextRunAt moves on', async () => {
    const created = await req('POST', '/schedule', valid({ name: 'Every 10 s', cron: '*/10 * * * * *', timezone: 'UTC', tasks: [{ action: 'command', command: 'scheduled hello' }] }));
    assert.equal(created.status, 201, created.text);
    const id = created.body.data.id;
    assert.equal(created.body.data.description, 'Every 10 seconds (UTC)');
    const firstDue = created.body.data.nextRunAt;
    assert.equal(new Date(firstDue).getUTCSeconds() % 10, 0);

    const [run] = await waitFor('a completed run', async () => ((await runsOf(id)).some((r) => r.status === 'completed') ? await runsOf(id) : null), 30_000, 250);
    assert.equal(run.dueAt, firstDue);
    assert.equal(run.trigger, 'cron');
    assert.equal(run.status, 'completed');
    assert.equal(run.error, null);
    assert.equal(run.steps.length, 1);
    assert.deepEqual([run.steps[0].index, run.steps[0].action, run.steps[0].status], [0, 'command', 'completed']);
    await waitFor('echo in the console', () => consoleHas(runningId, 'echo: scheduled hello'));

    const s = (await req('GET', `/schedule/${id}`)).body.data;
    assert.ok(new Date(s.nextRunAt).getTime() > new Date(firstDue).getTime(), `nextRunAt ${s.nextRunAt} after ${firstDue}`);
    assert.deepEqual({ status: s.lastRun.status, trigger: s.lastRun.trigger, dueAt: s.lastRun.dueAt, error: s.lastRun.error }, { status: 'completed', trigger: 'cron', dueAt: firstDue, error: null });
    assert.ok(s.lastRunAt);
    const audit = await req('POST', '/auditlog/search', { filters: { action: 'schedule.run', targetId: id } });
    assert.equal(audit.status, 200, audit.text);
    assert.ok(audit.body.data.length >= 1);
    assert.equal(audit.body.data[0].actorType, 'system');
    assert.equal(audit.body.data[0].details.status, 'completed');
    assert.equal((await req('DELETE', `/schedule/${id}`)).status, 200);
  });

  it('run now: 202 with a manual run; tasks run in order after their delays', async () => {
    const created = await req(
      'POST',
      '/schedule',
      valid({
        name: 'Two steps',
        tasks: [
          { action: 'command', command: 'step one' },
          { action: 'command', command: 'step two', delaySeconds: 2 },
        ],
      }),
    );
    assert.equal(created.status, 201, created.text);
    const id = created.body.data.id;
    const r = await req('POST', `/schedule/${id}/run`);
    assert.equal(r.status, 202, r.text);
    assert.deepEqual([r.body.data.trigger, r.body.data.status, r.body.data.scheduleId], ['manual', 'running', id]);
    const run = await waitFor('the manual run completed', async () => (await runsOf(id)).find((x) => x.id === r.body.data.id && x.status === 'completed'), 20_000, 200);
    assert.deepEqual(
      run.steps.map((s: any) => [s.index, s.status]),
      [
        [0, 'completed'],
        [1, 'completed'],
      ],
    );
    // The second task was enqueued to start 2 s after the first finished.
    assert.ok(Date.parse(run.steps[1].startedAt) - Date.parse(run.steps[0].finishedAt) >= 1900, JSON.stringify(run.steps));
    assert.ok(await consoleHas(runningId, 'echo: step one'));
    assert.ok(await consoleHas(runningId, 'echo: step two'));
    assert.equal((await req('DELETE', `/schedule/${id}`)).status, 200);
  });

  it('a backup task makes a completed backup through the backup service and records its id', async () => {
    const created = await req(
      'POST',
      '/schedule',
      valid({
        name: 'Backup',
        tasks: [
          { action: 'command', command: 'save-all' },
          { action: 'backup', name: 'scheduled backup' },
        ],
      }),
    );
    assert.equal(created.status, 201, created.text);
    const r = await req('POST', `/schedule/${created.body.data.id}/run`);
    assert.equal(r.status, 202, r.text);
    const run = await waitFor('the backup run finished', async () => (await runsOf(created.body.data.id)).find((x) => x.status !== 'running'), 60_000, 250);
    assert.equal(run.status, 'completed', JSON.stringify(run));
    const backupId = run.steps[1].result;
    const backup = await req('GET', `/backup/${backupId}`);
    assert.equal(backup.status, 200, backup.text);
    assert.deepEqual([backup.body.data.state, backup.body.data.name, backup.body.data.gameserverId], ['completed', 'scheduled backup', runningId]);
    assert.equal((await req('DELETE', `/schedule/${created.body.data.id}`)).status, 200);
  });

  it('onlyWhenRunning on a stopped server: the cron run is skipped (and recorded); without it, a failing task fails the run and later tasks do not run', async () => {
    const skipped = await req('POST', '/schedule', valid({ gameserverId: stoppedId, name: 'Skip', cron: '*/10 * * * * *', onlyWhenRunning: true }));
    assert.equal(skipped.status, 201, skipped.text);
    const run = await waitFor('a skipped run', async () => (await runsOf(skipped.body.data.id)).find((x) => x.status !== 'running'), 30_000, 250);
    assert.equal(run.status, 'skipped');
    assert.equal(run.trigger, 'cron');
    assert.match(run.error, /the server is offline, and this schedule runs only while it is running/);
    assert.deepEqual(run.steps, []);
    assert.equal((await req('DELETE', `/schedule/${skipped.body.data.id}`)).status, 200);

    const failing = await req(
      'POST',
      '/schedule',
      valid({
        gameserverId: stoppedId,
        name: 'Fails',
        tasks: [
          { action: 'command', command: 'nobody listens' },
          { action: 'power', power: 'start' },
        ],
      }),
    );
    assert.equal(failing.status, 201, failing.text);
    const manual = await req('POST', `/schedule/${failing.body.data.id}/run`);
    assert.equal(manual.status, 202, manual.text);
    const failed = await waitFor('a failed run', async () => (await runsOf(failing.body.data.id)).find((x) => x.status !== 'running'), 15_000, 200);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error, /^Task 1 \(command "nobody listens"\) failed: /);
    assert.deepEqual(
      failed.steps.map((s: any) => [s.index, s.status]),
      [[0, 'failed']],
    );
    assert.equal((await req('GET', `/gameserver/${stoppedId}`)).body.data.state, 'offline', 'the power task after the failure did not run');
  });

  it('privilege ceiling: schedules.manage alone cannot hold a power task (403 naming gameserver.control); a command task needs gameserver.console', async () => {
    const role = await req('POST', '/role', { name: 'scheduler', permissions: ['gameserver.read', 'gameserver.console', 'schedules.read', 'schedules.manage'] });
    assert.equal(role.status, 201, role.text);
    const member = as(await createMember(t, admin, admin.domainId, 'scheduler-user', 'scheduler'));

    const power = await member('POST', '/schedule', valid({ tasks: [{ action: 'power', power: 'restart' }] }));
    assert.equal(power.status, 403, power.text);
    assert.equal(power.body.meta.error.code, 'ForbiddenError');
    assert.match(power.body.meta.error.message, /missing gameserver\.control/);
    const backup = await member('POST', '/schedule', valid({ tasks: [{ action: 'command', command: 'save-all' }, { action: 'backup' }] }));
    assert.equal(backup.status, 403, backup.text);
    assert.match(backup.body.meta.error.message, /missing backups\.manage/);

    // The same command task from someone with schedules.manage but without gameserver.console is refused.
    const noConsole = await req('POST', '/role', { name: 'scheduler-no-console', permissions: ['gameserver.read', 'schedules.read', 'schedules.manage'] });
    assert.equal(noConsole.status, 201, noConsole.text);
    const silent = as(await createMember(t, admin, admin.domainId, 'scheduler-no-console', 'scheduler-no-console'));
    const commandRefused = await silent('POST', '/schedule', valid({ tasks: [{ action: 'command', command: 'say restart soon' }] }));
    assert.equal(commandRefused.status, 403, commandRefused.text);
    assert.equal(commandRefused.body.meta.error.code, 'ForbiddenError');
    assert.match(commandRefused.body.meta.error.message, /missing gameserver\.console$/);
    const command = await member('POST', '/schedule', valid({ tasks: [{ action: 'command', command: 'say restart soon' }] }));
    assert.equal(command.status, 201, command.text);
    const escalate = await member('PUT', `/schedule/${command.body.data.id}`, { tasks: [{ action: 'power', power: 'kill' }] });
    assert.equal(escalate.status, 403, escalate.text);
    assert.equal((await req('GET', `/schedule/${command.body.data.id}`)).body.data.tasks[0].action, 'command', 'the refused edit changed nothing');

    const adminPower = await req('POST', '/schedule', valid({ tasks: [{ action: 'power', power: 'restart' }] }));
    assert.equal(adminPower.status, 201, adminPower.text);
    const runIt = await member('POST', `/schedule/${adminPower.body.data.id}/run`);
    assert.equal(runIt.status, 403, runIt.text);
    assert.match(runIt.body.meta.error.message, /missing gameserver\.control/);
    const editOther = await member('PUT', `/schedule/${adminPower.body.data.id}`, { cron: '0 5 * * *' });
    assert.equal(editOther.status, 403, editOther.text);
    assert.equal((await runsOf(adminPower.body.data.id)).length, 0);

    // A Member (gameserver.control, no schedules.manage) cannot create schedules at all.
    const plain = as(await createMember(t, admin, admin.domainId, 'plain-member'));
    const refused = await plain('POST', '/schedule', valid());
    assert.equal(refused.status, 403, refused.text);
    for (const id of [command.body.data.id, adminPower.body.data.id]) assert.equal((await req('DELETE', `/schedule/${id}`)).status, 200);
  });

  it("another domain's schedule and server ids answer 404 and its search sees nothing", async () => {
    const mine = await req('POST', '/schedule', valid());
    assert.equal(mine.status, 201, mine.text);
    const id = mine.body.data.id;
    const otherDomain = await createDomain(t, admin.token, 'Bravo');
    const other = as({ ...(await login(t, 'admin')), userId: admin.userId, domainId: otherDomain });
    for (const [method, path, body] of [
      ['GET', `/schedule/${id}`, undefined],
      ['PUT', `/schedule/${id}`, { name: 'stolen' }],
      ['POST', `/schedule/${id}/run`, undefined],
      ['DELETE', `/schedule/${id}`, undefined],
      ['POST', '/schedule', valid()],
    ] as const) {
      const r = await other(method, path, body);
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'NotFoundError');
    }
    assert.equal((await other('POST', '/schedule/search', {})).body.meta.total, 0);
    assert.equal((await other('POST', '/schedule-run/search', {})).body.meta.total, 0);
    const still = await req('GET', `/schedule/${id}`);
    assert.equal(still.body.data.name, 'Nightly');
    assert.equal((await runsOf(id)).length, 0);
  });
});

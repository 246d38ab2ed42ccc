import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import cronstrue from 'cronstrue';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { components, GameServer } from '../api/schema';
import { Empty, ErrorBox, Field, Loading, NotAvailable, when } from '../components/ui';
import { useDialogs } from '../components/dialogs';

type Schedule = components['schemas']['ScheduleOutputDTO'];
type ScheduleRun = components['schemas']['ScheduleRunOutputDTO'];
type TaskInput = components['schemas']['ScheduleTaskDTO'];
type Action = TaskInput['action'];
type Power = NonNullable<TaskInput['power']>;

const ACTIONS: Array<{ value: Action; label: string; permission: string }> = [
  { value: 'power', label: 'Power action', permission: 'gameserver.control' },
  { value: 'command', label: 'Console command', permission: 'gameserver.console' },
  { value: 'backup', label: 'Create backup', permission: 'backups.manage' },
];
const POWERS: Power[] = ['start', 'stop', 'restart', 'kill'];
const MAX_TASKS = 20;
const MAX_DELAY = 86_400;
const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Amsterdam',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Pacific/Auckland',
];

function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The cron in words ("At 04:00 AM (UTC)"), or why it is not a valid expression. */
export function describeCron(cron: string, timezone: string): { text?: string; error?: string } {
  const expr = cron.trim();
  if (!expr) return { error: 'Enter a cron expression, e.g. 0 4 * * * (every day at 04:00)' };
  const n = expr.split(/\s+/).length;
  if (n !== 5 && n !== 6) return { error: `A cron expression has 5 fields (minute hour day month weekday) or 6 with seconds first; this one has ${n}` };
  try {
    return { text: `${cronstrue.toString(expr, { throwExceptionOnParseError: true, use24HourTimeFormat: false, verbose: false })} (${timezone})` };
  } catch (e) {
    return { error: `Invalid cron expression: ${String(e instanceof Error ? e.message : e).replace(/^Error: /, '')}` };
  }
}

interface DraftTask {
  key: number;
  action: Action;
  power: Power;
  command: string;
  name: string;
  delay: string;
}
interface Draft {
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  onlyWhenRunning: boolean;
  tasks: DraftTask[];
}

let taskKey = 0;
const newTask = (action: Action = 'command'): DraftTask => ({ key: ++taskKey, action, power: 'restart', command: '', name: '', delay: '0' });

function draftOf(s?: Schedule): Draft {
  if (!s) return { name: '', cron: '0 4 * * *', timezone: 'UTC', enabled: true, onlyWhenRunning: false, tasks: [newTask('command')] };
  return {
    name: s.name,
    cron: s.cron,
    timezone: s.timezone,
    enabled: s.enabled,
    onlyWhenRunning: s.onlyWhenRunning,
    tasks: s.tasks.map((t) => ({ key: ++taskKey, action: t.action, power: t.power ?? 'restart', command: t.command ?? '', name: t.name ?? '', delay: String(t.delaySeconds ?? 0) })),
  };
}

function taskBody(t: DraftTask): TaskInput {
  const delaySeconds = Number(t.delay) || 0;
  if (t.action === 'power') return { action: 'power', power: t.power, delaySeconds };
  if (t.action === 'command') return { action: 'command', command: t.command, delaySeconds };
  return { action: 'backup', ...(t.name.trim() ? { name: t.name.trim() } : {}), delaySeconds };
}

function taskText(t: { action: Action; power?: string; command?: string; name?: string; delaySeconds?: number }): string {
  const what = t.action === 'power' ? `${t.power}` : t.action === 'command' ? `“${t.command}”` : `backup${t.name ? ` “${t.name}”` : ''}`;
  return t.delaySeconds ? `wait ${t.delaySeconds}s, ${what}` : what;
}

const STATUS_TONE: Record<string, string> = { completed: 'ok', running: 'busy', failed: 'bad', skipped: 'warn' };
function RunBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${STATUS_TONE[status] ?? 'idle'}`} data-testid="run-status">
      {status}
    </span>
  );
}

export function Schedules({ server }: { server: GameServer }) {
  const dialogs = useDialogs();
  const id = server.id;
  const caps = useCapabilities();
  const { can } = usePermissions();
  const manage = can('schedules.manage');
  const qc = useQueryClient();
  const key = useDomainKey('schedules', id);
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: unknown } | null>(null);
  const list = useQuery({
    queryKey: key,
    enabled: caps.has('/schedule/search'),
    queryFn: () => unwrap(api.POST('/schedule/search', { body: { filters: { gameserverId: [id] }, limit: 100, sortBy: 'createdAt', sortDirection: 'asc' } as never })),
    refetchInterval: (q) => (q.state.data?.data.some((s) => s.lastRun?.status === 'running') ? 1500 : 10_000),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const act = useMutation({
    mutationFn: async ({ run }: { title: string; run: () => Promise<unknown>; after?: () => void }) => run(),
    onMutate: () => setError(null),
    onError: (e, v) => setError({ title: v.title, error: e }),
    onSuccess: (_r, v) => v.after?.(),
    onSettled: () => {
      void refresh();
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'schedule-runs' });
    },
  });

  if (!caps.has('/schedule/search')) return <NotAvailable feature="Schedules" path="POST /schedule/search" />;
  const schedules = list.data?.data ?? [];
  const historyOf = schedules.find((s) => s.id === history);

  return (
    <div className="schedules" data-testid="schedules">
      {editing && (
        <ScheduleEditor
          key={editing === 'new' ? 'new' : editing.id}
          server={server}
          schedule={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      <div className="card">
        <div className="toolbar">
          <h2 className="inline-h">Schedules</h2>
          {manage && !editing && (
            <button className="btn btn-primary" onClick={() => setEditing('new')}>
              New schedule
            </button>
          )}
        </div>
        {error && <ErrorBox error={error.error} title={error.title} />}
        {list.isLoading ? (
          <Loading what="Loading schedules" />
        ) : list.error ? (
          <ErrorBox error={list.error} title="Could not load the schedules" />
        ) : schedules.length === 0 ? (
          <Empty>No schedules yet. A schedule runs tasks on a cron: restart at 04:00, announce, back up.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table schedule-table stack-sm" data-testid="schedule-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>When</th>
                  <th>Enabled</th>
                  <th>Next run</th>
                  <th>Last run</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {schedules.map((s) => (
                  <tr key={s.id} data-testid="schedule-row" data-name={s.name}>
                    <td>
                      <div className="strong">{s.name}</div>
                      <div className="muted small">{s.tasks.map(taskText).join(' → ')}</div>
                      {s.onlyWhenRunning && <div className="muted small">only when running</div>}
                    </td>
                    <td>
                      <code>{s.cron}</code>
                      <div className="small" data-testid="schedule-description">
                        {s.description}
                      </div>
                    </td>
                    <td>
                      <label className="check">
                        <input
                          type="checkbox"
                          name="enabled"
                          aria-label={`Enable ${s.name}`}
                          checked={s.enabled}
                          disabled={!manage || act.isPending}
                          onChange={(e) => {
                            const enabled = e.target.checked;
                            // Follows the click at once; the refetch after the call shows what the API kept.
                            qc.setQueryData(key, (old: typeof list.data) => (old ? { ...old, data: old.data.map((x) => (x.id === s.id ? { ...x, enabled } : x)) } : old));
                            act.mutate({
                              title: 'Could not change the schedule',
                              run: () => unwrap(api.PUT('/schedule/{id}', { params: { path: { id: s.id } }, body: { enabled } })),
                            });
                          }}
                        />
                        <span>{s.enabled ? 'enabled' : 'disabled'}</span>
                      </label>
                    </td>
                    <td className="muted">
                      <span className="show-sm-inline">Next: </span>
                      <span data-testid="next-run">{s.enabled ? when(s.nextRunAt) : 'disabled'}</span>
                    </td>
                    <td>
                      {s.lastRun ? (
                        <>
                          <RunBadge status={s.lastRun.status} />
                          <div className="muted small">{when(s.lastRun.finishedAt ?? s.lastRun.dueAt)}</div>
                        </>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td className="actions">
                      <div className="row row-end">
                        {manage && (
                          <button
                            className="btn btn-small"
                            disabled={act.isPending}
                            onClick={() =>
                              act.mutate({
                                title: 'Could not run the schedule',
                                run: () => unwrap(api.POST('/schedule/{id}/run', { params: { path: { id: s.id } } })),
                                after: () => setHistory(s.id),
                              })
                            }
                          >
                            Run now
                          </button>
                        )}
                        <button className="btn btn-small" onClick={() => setHistory(history === s.id ? null : s.id)}>
                          {history === s.id ? 'Hide runs' : 'Runs'}
                        </button>
                        {manage && (
                          <button className="btn btn-small" onClick={() => setEditing(s)}>
                            Edit
                          </button>
                        )}
                        {manage && (
                          <button
                            className="btn btn-small btn-danger"
                            disabled={act.isPending}
                            onClick={() =>
                              void dialogs.confirm({ title: `Delete the schedule “${s.name}” of ${server.name}?`, confirmLabel: 'Delete', danger: true }).then((ok) => ok && act.mutate({ title: 'Could not delete the schedule', run: () => unwrap(api.DELETE('/schedule/{id}', { params: { path: { id: s.id } } })) }))
                            }
                          >
                            Delete
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {historyOf && <RunHistory schedule={historyOf} onClose={() => setHistory(null)} />}
    </div>
  );
}

function RunHistory({ schedule, onClose }: { schedule: Schedule; onClose: () => void }) {
  const runs = useQuery({
    queryKey: useDomainKey('schedule-runs', schedule.id),
    queryFn: () => unwrap(api.POST('/schedule-run/search', { body: { filters: { scheduleId: [schedule.id] }, limit: 20, sortBy: 'startedAt', sortDirection: 'desc' } as never })),
    refetchInterval: (q) => (q.state.data?.data.some((r: ScheduleRun) => r.status === 'running') ? 1000 : 10_000),
  });
  const list = runs.data?.data ?? [];
  return (
    <div className="card" data-testid="run-history">
      <div className="card-head">
        <h2>Runs of {schedule.name}</h2>
        <button className="btn btn-small btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small">The last 20 runs, newest first. A run that came due while the API was down runs once when it is back (“catch up”).</p>
      {runs.isLoading ? (
        <Loading />
      ) : runs.error ? (
        <ErrorBox error={runs.error} title="Could not load the runs" />
      ) : list.length === 0 ? (
        <Empty>This schedule has not run yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="run-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Trigger</th>
                <th>Status</th>
                <th>Steps</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-testid="run-row">
                  <td className="muted">{when(r.startedAt)}</td>
                  <td>{r.trigger === 'catch_up' ? 'catch up' : r.trigger}</td>
                  <td>
                    <RunBadge status={r.status} />
                  </td>
                  <td className="small">
                    {r.steps.length}/{r.tasks.length}
                    {r.error && (
                      <div className="field-error" data-testid="run-error">
                        {r.error}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ScheduleEditor({ server, schedule, onDone }: { server: GameServer; schedule?: Schedule; onDone: () => void }) {
  const { can } = usePermissions();
  const [d, setD] = useState<Draft>(() => draftOf(schedule));
  // An API error describes what was sent: it goes once the form changes.
  const [sent, setSent] = useState(0);
  const edit = (fn: (old: Draft) => Draft) => {
    setD(fn);
    setSent((n) => n + 1);
  };
  const set = (patch: Partial<Draft>) => edit((old) => ({ ...old, ...patch }));
  const setTask = (i: number, patch: Partial<DraftTask>) => edit((old) => ({ ...old, tasks: old.tasks.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const move = (i: number, by: number) =>
    edit((old) => {
      const tasks = [...old.tasks];
      const [t] = tasks.splice(i, 1);
      tasks.splice(i + by, 0, t);
      return { ...old, tasks };
    });
  const zones = useMemo(() => [...new Set([d.timezone, 'UTC', browserZone(), ...COMMON_ZONES])], [d.timezone]);
  const preview = describeCron(d.cron, d.timezone);
  const save = useMutation({
    mutationFn: () => {
      const body = { name: d.name.trim(), cron: d.cron.trim(), timezone: d.timezone, enabled: d.enabled, onlyWhenRunning: d.onlyWhenRunning, tasks: d.tasks.map(taskBody) };
      return schedule
        ? unwrap(api.PUT('/schedule/{id}', { params: { path: { id: schedule.id } }, body }))
        : unwrap(api.POST('/schedule', { body: { gameserverId: server.id, ...body } }));
    },
    onSuccess: onDone,
  });
  const { reset } = save;
  useEffect(() => reset(), [sent, reset]);
  const apiError = save.error instanceof ApiError ? save.error : undefined;
  const taskError = (i: number, f: string) => apiError?.field(`tasks.${i}.${f}`);
  const delayBad = d.tasks.some((t) => !/^\d+$/.test(t.delay) || Number(t.delay) > MAX_DELAY);
  const invalid = !!preview.error || !d.name.trim() || d.tasks.length === 0 || delayBad;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!invalid) save.mutate();
  }

  return (
    <form className="card form schedule-editor" onSubmit={submit} data-testid="schedule-editor">
      <div className="card-head">
        <h2>{schedule ? `Edit ${schedule.name}` : 'New schedule'}</h2>
      </div>
      <ErrorBox error={save.error} title="Could not save the schedule" />
      <div className="grid-2">
        <Field label="Schedule name" error={apiError?.field('name')}>
          <input name="scheduleName" value={d.name} maxLength={100} required onChange={(e) => set({ name: e.target.value })} placeholder="Nightly restart" />
        </Field>
        <Field label="Timezone" error={apiError?.field('timezone')}>
          <select name="timezone" value={d.timezone} onChange={(e) => set({ timezone: e.target.value })}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
                {z === browserZone() && z !== 'UTC' ? ' (this browser)' : ''}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Cron expression" error={preview.error ?? apiError?.field('cron')} hint="minute hour day-of-month month day-of-week (optionally seconds first)">
        <input name="cron" className="mono" value={d.cron} maxLength={120} onChange={(e) => set({ cron: e.target.value })} placeholder="0 4 * * *" spellCheck={false} />
      </Field>
      {preview.text && (
        <div className="cron-preview" data-testid="cron-preview">
          {preview.text}
        </div>
      )}
      <div className="row">
        <label className="check">
          <input type="checkbox" name="scheduleEnabled" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
        </label>
        <label className="check">
          <input type="checkbox" name="onlyWhenRunning" checked={d.onlyWhenRunning} onChange={(e) => set({ onlyWhenRunning: e.target.checked })} /> Only when the server is running
        </label>
      </div>
      <div>
        <div className="card-head">
          <h3>Tasks</h3>
          <button type="button" className="btn btn-small" disabled={d.tasks.length >= MAX_TASKS} onClick={() => set({ tasks: [...d.tasks, newTask()] })}>
            Add task
          </button>
        </div>
        <p className="muted small">Run in order; a failing task stops the run. The delay is the wait before the task.</p>
        {d.tasks.length === 0 && <div className="field-error">Add at least one task.</div>}
        <ol className="task-list">
          {d.tasks.map((t, i) => {
            const need = ACTIONS.find((a) => a.value === t.action)!.permission;
            return (
              <li key={t.key} className="task" data-testid="task">
                <div className="task-fields">
                  <Field label="Action" error={taskError(i, 'action')}>
                    <select name={`task-${i}-action`} aria-label={`Task ${i + 1} action`} value={t.action} onChange={(e) => setTask(i, { action: e.target.value as Action })}>
                      {ACTIONS.map((a) => (
                        <option key={a.value} value={a.value}>
                          {a.label}
                        </option>
                      ))}
                    </select>
                  </Field>
                  {t.action === 'power' && (
                    <Field label="Power" error={taskError(i, 'power')}>
                      <select name={`task-${i}-power`} aria-label={`Task ${i + 1} power`} value={t.power} onChange={(e) => setTask(i, { power: e.target.value as Power })}>
                        {POWERS.map((p) => (
                          <option key={p} value={p}>
                            {p}
                          </option>
                        ))}
                      </select>
                    </Field>
                  )}
                  {t.action === 'command' && (
                    <Field label="Command" error={taskError(i, 'command')}>
                      <input name={`task-${i}-command`} aria-label={`Task ${i + 1} command`} value={t.command} maxLength={512} required onChange={(e) => setTask(i, { command: e.target.value })} placeholder="say Restarting in 5 minutes" />
                    </Field>
                  )}
                  {t.action === 'backup' && (
                    <Field label="Backup name (optional)" error={taskError(i, 'name')}>
                      <input name={`task-${i}-name`} aria-label={`Task ${i + 1} backup name`} value={t.name} maxLength={100} onChange={(e) => setTask(i, { name: e.target.value })} placeholder="Nightly" />
                    </Field>
                  )}
                  <Field label="Delay (s)" error={taskError(i, 'delaySeconds') ?? (!/^\d+$/.test(t.delay) || Number(t.delay) > MAX_DELAY ? `0 to ${MAX_DELAY}` : undefined)}>
                    <input name={`task-${i}-delay`} aria-label={`Task ${i + 1} delay`} type="number" min={0} max={MAX_DELAY} value={t.delay} onChange={(e) => setTask(i, { delay: e.target.value })} />
                  </Field>
                </div>
                <div className="task-buttons">
                  <button type="button" className="btn btn-small btn-ghost" aria-label={`Move task ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-small btn-ghost" aria-label={`Move task ${i + 1} down`} disabled={i === d.tasks.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-small btn-danger" aria-label={`Remove task ${i + 1}`} onClick={() => set({ tasks: d.tasks.filter((_, j) => j !== i) })}>
                    Remove
                  </button>
                </div>
                {!can(need) && (
                  <div className="field-hint warn-text task-note" data-testid="task-permission-note">
                    You do not have {need}: saving a schedule with this task is refused.
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      </div>
      <div className="row">
        <button className="btn btn-primary" disabled={invalid || save.isPending}>
          {save.isPending ? 'Saving…' : schedule ? 'Save schedule' : 'Create schedule'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

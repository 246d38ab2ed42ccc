import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import type { WorkloadVariable } from '../api/schema';
import { bytes, ErrorBox, Field, Loading } from '../components/ui';
import { checkRules, ruleHint } from './rules';
import { useDialogs } from '../components/dialogs';

type Server = components['schemas']['GameServerOutputDTO'];
type Update = components['schemas']['GameServerUpdateDTO'];
type Metric = components['schemas']['GameServerMetricOutputDTO'];

/** States in which the API accepts resource, image and variable changes (and a reinstall). */
export const IDLE: Server['state'][] = ['offline', 'crashed', 'install_failed'];

interface Props {
  server: Server;
  onSaved: (s: Server) => void;
  onStop?: () => void;
  onReinstall: () => void;
  onDelete: () => void;
  busy: boolean;
}

export function ServerSettings({ server, onSaved, onStop, onReinstall, onDelete, busy }: Props) {
  const dialogs = useDialogs();
  const { can } = usePermissions();
  const manageWorkloads = can('workloads.manage');
  const idle = IDLE.includes(server.state);
  const workload = useQuery({
    queryKey: useDomainKey('workload', server.workloadId),
    enabled: can('workloads.read'),
    queryFn: () => unwrap(api.GET('/workload/{id}', { params: { path: { id: server.workloadId } } })),
  });
  const vars = useMemo(
    () => (workload.data ? workload.data.data.definition.variables : []).filter((v) => manageWorkloads || v.userViewable),
    [workload.data, manageWorkloads],
  );
  const editable = (v: WorkloadVariable) => manageWorkloads || (v.userViewable && v.userEditable);

  const initial = () => ({
    name: server.name,
    autoRestart: server.autoRestart,
    memoryMiB: String(server.memoryMiB),
    cpuPercent: String(server.cpuPercent),
    diskMiB: String(server.diskMiB),
    pids: String(server.pids),
  });
  const [form, setForm] = useState(initial);
  const [values, setValues] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const current = (v: WorkloadVariable) => server.variables[v.envVariable] ?? v.defaultValue ?? '';
  const valueOf = (v: WorkloadVariable) => values[v.envVariable] ?? current(v);

  const patch: Update = {};
  if (form.name.trim() !== server.name) patch.name = form.name.trim();
  if (form.autoRestart !== server.autoRestart) patch.autoRestart = form.autoRestart;
  for (const k of ['memoryMiB', 'cpuPercent', 'diskMiB', 'pids'] as const) {
    if (form[k].trim() !== '' && Number(form[k]) !== server[k]) patch[k] = Number(form[k]);
  }
  const changedVars = Object.fromEntries(vars.filter((v) => editable(v) && valueOf(v) !== current(v)).map((v) => [v.envVariable, valueOf(v)]));
  if (Object.keys(changedVars).length) patch.variables = changedVars;
  const needsStop = ['memoryMiB', 'cpuPercent', 'diskMiB', 'pids', 'variables'].some((k) => k in patch);
  const dirty = Object.keys(patch).length > 0;
  const localErrors = Object.fromEntries(vars.filter((v) => v.envVariable in changedVars).map((v) => [v.envVariable, checkRules(valueOf(v), v.rules ?? '')]));

  const save = useMutation({
    mutationFn: (body: Update) => unwrap(api.PUT('/gameserver/{id}', { params: { path: { id: server.id } }, body })),
    onSuccess: (r) => {
      const s = r.data;
      setValues({});
      setTouched(false);
      setForm({ name: s.name, autoRestart: s.autoRestart, memoryMiB: String(s.memoryMiB), cpuPercent: String(s.cpuPercent), diskMiB: String(s.diskMiB), pids: String(s.pids) });
      onSaved(s);
    },
  });
  // A refusal because the server was running is stale once its state moves on.
  const { reset } = save;
  useEffect(() => reset(), [server.state, reset]);
  const apiErr = save.error instanceof ApiError ? save.error : undefined;
  const fe = (path: string) => apiErr?.field(path);
  const conflict = apiErr?.status === 409;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (Object.values(localErrors).some(Boolean)) return;
    save.mutate(patch);
  }
  const set = (k: keyof ReturnType<typeof initial>) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });

  return (
    <div data-testid="server-settings">
      <form className="card form" onSubmit={submit} noValidate>
        <div className="card-head">
          <h2>Settings</h2>
          {save.isSuccess && !dirty && (
            <span className="ok-text" role="status">
              Saved ✓
            </span>
          )}
        </div>
        {!idle && (
          <div className="hint-box" data-testid="settings-running-note">
            <span>
              The server is <strong>{server.state.replace('_', ' ')}</strong>. Name and auto-restart save right away; memory, CPU, disk, processes and
              variables can only change while it is stopped.
            </span>
            {onStop && server.state === 'running' && (
              <button type="button" className="btn btn-small" onClick={onStop} disabled={busy}>
                Stop the server
              </button>
            )}
          </div>
        )}
        {save.error && (
          <div className="alert alert-error" role="alert" data-testid="settings-error">
            <strong>Could not save:</strong> {save.error.message}
            {conflict && needsStop && <div>Stop the server first, then save again.</div>}
            {apiErr && apiErr.details.length > 0 && (
              <ul>
                {apiErr.details.map((d, i) => (
                  <li key={i}>
                    {d.path ? <code>{d.path}</code> : null} {d.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="grid-2">
          <Field label="Server name" error={fe('name')}>
            <input name="serverName" value={form.name} onChange={set('name')} required maxLength={100} />
          </Field>
          <label className="check toggle">
            <input type="checkbox" name="autoRestart" checked={form.autoRestart} onChange={(e) => setForm({ ...form, autoRestart: e.target.checked })} />
            <span>
              <span className="strong">Restart automatically after a crash</span>
              <span className="muted small block">At most 3 restarts in 10 minutes, with a growing pause between them.</span>
            </span>
          </label>
        </div>
        <h3>Resources</h3>
        <div className="grid-4">
          <Field label="Memory (MiB)" error={fe('memoryMiB')}>
            <input name="memoryMiB" type="number" min={1} value={form.memoryMiB} onChange={set('memoryMiB')} />
          </Field>
          <Field label="CPU (%)" error={fe('cpuPercent')} hint="100 = one core">
            <input name="cpuPercent" type="number" min={1} value={form.cpuPercent} onChange={set('cpuPercent')} />
          </Field>
          <Field label="Disk (MiB)" error={fe('diskMiB')}>
            <input name="diskMiB" type="number" min={1} value={form.diskMiB} onChange={set('diskMiB')} />
          </Field>
          <Field label="Processes (PIDs)" error={fe('pids')}>
            <input name="pids" type="number" min={1} value={form.pids} onChange={set('pids')} />
          </Field>
        </div>
        <h3>Variables</h3>
        <div className="muted small">The startup command, the image and a preview of the startup line are on the <Link to={`/servers/${server.id}/startup`}>Startup</Link> tab.</div>
        {!can('workloads.read') ? (
          <div className="muted small">Editing variables needs the workloads.read permission (to read the workload's rules).</div>
        ) : workload.isLoading ? (
          <Loading what="Loading the workload's variables" />
        ) : workload.error ? (
          <ErrorBox error={workload.error} title="Could not load the workload's variables" />
        ) : vars.length === 0 ? (
          <div className="muted small">This server's workload has no variables you can see.</div>
        ) : (
          <div className="grid-2">
            {vars.map((v) => (
              <Field
                key={v.envVariable}
                label={v.name}
                error={fe(`variables.${v.envVariable}`) ?? (touched ? localErrors[v.envVariable] : undefined)}
                hint={
                  <>
                    {v.description} <code>{v.envVariable}</code> {v.rules ? <span className="muted">({ruleHint(v.rules)})</span> : null}
                    {!editable(v) ? <span className="muted"> · read-only</span> : !v.userViewable ? <span className="muted"> · hidden from users</span> : null}
                  </>
                }
              >
                <input name={`var-${v.envVariable}`} value={valueOf(v)} disabled={!editable(v)} onChange={(e) => setValues({ ...values, [v.envVariable]: e.target.value })} />
              </Field>
            ))}
          </div>
        )}
        <div className="row">
          <button className="btn btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save changes'}
          </button>
          {dirty && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                setForm(initial());
                setValues({});
                save.reset();
              }}
            >
              Discard
            </button>
          )}
          {dirty && needsStop && !idle && <span className="muted small">These changes need the server stopped.</span>}
        </div>
      </form>

      <div className="card danger-zone">
        <h2>Danger zone</h2>
        <div className="danger-row">
          <div>
            <div className="strong">Reinstall</div>
            <div className="muted small">Runs the workload's install script again on the server's data and recreates its container. Only while stopped.</div>
          </div>
          <button
            type="button"
            className="btn"
            disabled={!idle || busy}
            title={idle ? undefined : 'Stop the server first'}
            onClick={() => void dialogs.confirm({ title: `Reinstall ${server.name}? The install script runs again on its files.`, confirmLabel: 'Reinstall', danger: true }).then((ok) => ok && onReinstall())}
          >
            Reinstall
          </button>
        </div>
        <div className="danger-row">
          <div>
            <div className="strong">Delete server</div>
            <div className="muted small">Removes the container, its files and its ports. This cannot be undone.</div>
          </div>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void dialogs.confirm({ title: `Delete ${server.name} and all its files? This cannot be undone.`, confirmLabel: 'Delete server', danger: true }).then((ok) => ok && onDelete())}>
            Delete server
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * CPU and memory over the last hour from GET /gameserver/:id/metrics, as inline SVG sparklines.
 * The memory scale is the server's current limit (`limitBytes`), not the largest limit of the hour:
 * after a resize the graph follows at once.
 */
export function MetricsHistory({ id, running, limitBytes }: { id: string; running: boolean; limitBytes?: number }) {
  const metrics = useQuery({
    queryKey: useDomainKey('server-metrics', id),
    queryFn: () => unwrap(api.GET('/gameserver/{id}/metrics', { params: { path: { id } } })),
    refetchInterval: running ? 10_000 : 60_000,
  });
  if (metrics.error) return <div className="muted small">Metrics history unavailable: {metrics.error.message}</div>;
  const points: Metric[] = metrics.data?.data ?? [];
  if (points.length < 2) return metrics.isLoading ? null : <div className="muted small" data-testid="sparklines-empty">No metrics in the last hour yet.</div>;
  const last = points[points.length - 1];
  const memLimit = limitBytes || last.memoryLimitBytes || 1;
  return (
    <div className="sparklines" data-testid="sparklines">
      <Sparkline label="CPU, last hour" values={points.map((p) => p.cpuPercent)} display={`${last.cpuPercent.toFixed(1)}%`} />
      <Sparkline label="Memory, last hour" values={points.map((p) => p.memoryBytes)} max={memLimit} display={`${bytes(last.memoryBytes)} / ${bytes(memLimit)}`} />
    </div>
  );
}

export function Sparkline({ label, values, max, display }: { label: string; values: number[]; max?: number; display: string }) {
  const W = 240;
  const H = 44;
  const top = Math.max(max ?? 0, ...values, 1e-9);
  const step = W / Math.max(values.length - 1, 1);
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(H - 2 - (v / top) * (H - 4)).toFixed(1)}`);
  return (
    <figure className="sparkline">
      <figcaption>
        <span className="muted small">{label}</span>
        <span className="small strong">{display}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${label}: ${display}`}>
        <polygon points={`0,${H} ${pts.join(' ')} ${W},${H}`} className="spark-area" />
        <polyline points={pts.join(' ')} className="spark-line" vectorEffect="non-scaling-stroke" />
      </svg>
    </figure>
  );
}

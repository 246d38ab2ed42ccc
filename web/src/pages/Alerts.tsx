import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { UNREAD_KEY } from '../components/AlertBell';
import { useDialogs } from '../components/dialogs';
import { Empty, ErrorBox, Field, Loading, PageHeader, when } from '../components/ui';

type Alert = components['schemas']['AlertOutputDTO'];
type Rule = components['schemas']['AlertRuleOutputDTO'];
type Kind = Rule['kind'];
type Severity = Rule['severity'];

/** Every kind a rule can watch, in the order the form lists them; `metric` kinds need a threshold and a duration. */
export const KINDS: Array<{ value: Kind; label: string; scope: 'server' | 'node'; metric?: boolean }> = [
  { value: 'server.crashed', label: 'Server crashed', scope: 'server' },
  { value: 'server.crash_loop', label: 'Server crash loop (automatic restarts gave up)', scope: 'server' },
  { value: 'server.oom', label: 'Server ran out of memory', scope: 'server' },
  { value: 'server.install_failed', label: 'Server install failed', scope: 'server' },
  { value: 'backup.failed', label: 'Backup failed', scope: 'server' },
  { value: 'node.offline', label: 'Node offline', scope: 'node' },
  { value: 'server.cpu', label: 'Server CPU high', scope: 'server', metric: true },
  { value: 'server.memory', label: 'Server memory high', scope: 'server', metric: true },
  { value: 'node.cpu', label: 'Node CPU high', scope: 'node', metric: true },
  { value: 'node.memory', label: 'Node memory high', scope: 'node', metric: true },
  { value: 'node.disk', label: 'Node disk almost full', scope: 'node', metric: true },
];
const kindOf = (k: string) => KINDS.find((x) => x.value === k);
const SEVERITIES: Severity[] = ['info', 'warning', 'critical'];
const SEVERITY_TONE: Record<string, string> = { critical: 'bad', warning: 'warn', info: 'idle' };

function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span className={`badge badge-${SEVERITY_TONE[severity] ?? 'idle'}`} data-testid="alert-severity">
      {severity}
    </span>
  );
}

function Subject({ a }: { a: Alert }) {
  if (a.subjectType === 'gameserver') return <Link to={`/servers/${a.subjectId}`}>{a.subjectName}</Link>;
  if (a.subjectType === 'node') return <Link to={`/nodes/${a.subjectId}`}>{a.subjectName}</Link>;
  return <span>{a.subjectName}</span>;
}

type StateFilter = 'all' | 'firing' | 'resolved';

export function AlertsPage() {
  const { can } = usePermissions();
  const qc = useQueryClient();
  const [state, setState] = useState<StateFilter>('all');
  const key = useDomainKey('alerts', state);
  const alerts = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.POST('/alert/search', { body: { limit: 200, sortBy: 'firedAt', sortDirection: 'desc', ...(state !== 'all' ? { filters: { state: [state] } } : {}) } })),
    refetchInterval: 15_000,
  });
  const [failed, setFailed] = useState<{ title: string; error: unknown } | null>(null);
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'acknowledge' | 'resolve'; title: string }) =>
      action === 'acknowledge'
        ? unwrap(api.POST('/alert/{id}/acknowledge', { params: { path: { id } } }))
        : unwrap(api.POST('/alert/{id}/resolve', { params: { path: { id } } })),
    onMutate: () => setFailed(null),
    onError: (error, v) => setFailed({ title: v.title, error }),
    onSettled: () => {
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'alerts' || q.queryKey[1] === UNREAD_KEY });
    },
  });
  // Firing first, newest first within each group (the API sorts by one field).
  const rows = [...(alerts.data?.data ?? [])].sort((a, b) => (a.state === b.state ? 0 : a.state === 'firing' ? -1 : 1));
  const total = alerts.data?.meta.total ?? rows.length;

  return (
    <>
      <PageHeader title="Alerts" />
      <div className="card" data-testid="alerts">
        <div className="toolbar">
          <div className="segmented" role="radiogroup" aria-label="Show alerts">
            {(['all', 'firing', 'resolved'] as StateFilter[]).map((s) => (
              <label key={s} className={state === s ? 'on' : ''}>
                <input type="radio" name="alert-state" value={s} checked={state === s} onChange={() => setState(s)} />
                {s === 'all' ? 'All' : s === 'firing' ? 'Firing' : 'Resolved'}
              </label>
            ))}
          </div>
          {total > rows.length && <span className="muted small">Showing the latest {rows.length} of {total}</span>}
        </div>
        {failed && <ErrorBox error={failed.error} title={failed.title} />}
        {alerts.isLoading ? (
          <Loading what="Loading alerts" />
        ) : alerts.error ? (
          <ErrorBox error={alerts.error} title="Could not load the alerts" />
        ) : rows.length === 0 ? (
          <Empty>{state === 'all' ? 'No alerts yet. Rules below decide what raises one: crashes, nodes going offline, failed backups, high load.' : `No ${state} alerts.`}</Empty>
        ) : (
          <table className="table stack-sm alert-table" data-testid="alert-table">
            <thead>
              <tr>
                <th>Alert</th>
                <th>Subject</th>
                <th>State</th>
                <th>Fired</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="alert-row" data-kind={a.kind} data-state={a.state} className={a.state === 'resolved' ? 'alert-resolved' : ''}>
                  <td>
                    <div className="row">
                      <SeverityBadge severity={a.severity} />
                      <span className="strong">{a.message}</span>
                    </div>
                    <div className="muted small">
                      {kindOf(a.kind)?.label ?? a.kind}
                      {a.triggerCount > 1 ? ` · ${a.triggerCount} times, last ${when(a.lastTriggeredAt)}` : ''}
                    </div>
                  </td>
                  <td>
                    <Subject a={a} />
                  </td>
                  <td>
                    <span className={`badge badge-${a.state === 'firing' ? 'bad' : 'ok'}`} data-testid="alert-state">
                      {a.state}
                    </span>
                    {a.acknowledged && a.state === 'firing' && (
                      <span className="muted small block" data-testid="alert-acknowledged">
                        acknowledged {when(a.acknowledgedAt)}
                      </span>
                    )}
                    {a.resolvedAt && <span className="muted small block">resolved {when(a.resolvedAt)}</span>}
                  </td>
                  <td className="muted">{when(a.firedAt)}</td>
                  <td className="actions">
                    {a.state === 'firing' && (
                      <div className="row row-end">
                        {!a.acknowledged && (
                          <button className="btn btn-small" disabled={act.isPending} onClick={() => act.mutate({ id: a.id, action: 'acknowledge', title: 'Could not acknowledge the alert' })}>
                            Acknowledge
                          </button>
                        )}
                        <button className="btn btn-small" disabled={act.isPending} onClick={() => act.mutate({ id: a.id, action: 'resolve', title: 'Could not resolve the alert' })}>
                          Resolve
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Rules manage={can('alerts.manage')} />
    </>
  );
}

function Rules({ manage }: { manage: boolean }) {
  const dialogs = useDialogs();
  const qc = useQueryClient();
  const key = useDomainKey('alert-rules');
  const rules = useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/alertrule/search', { body: { limit: 1000, sortBy: 'createdAt', sortDirection: 'asc' } })) });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [failed, setFailed] = useState<{ title: string; error: unknown } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const act = useMutation({
    mutationFn: ({ run }: { title: string; run: () => Promise<unknown> }) => run(),
    onMutate: () => setFailed(null),
    onError: (error, v) => setFailed({ title: v.title, error }),
    onSettled: () => {
      void refresh();
      // Disabling or deleting a rule resolves its alerts.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'alerts' || q.queryKey[1] === UNREAD_KEY });
    },
  });
  const { servers, nodes } = useScopes();
  const list = rules.data?.data ?? [];
  const scopeName = (r: Rule) => {
    if (r.serverId) return servers.find((s) => s.id === r.serverId)?.name ?? 'one server';
    if (r.nodeId) return nodes.find((n) => n.id === r.nodeId)?.name ?? 'one node';
    return kindOf(r.kind)?.scope === 'node' ? 'all nodes' : 'all servers';
  };

  return (
    <div className="card" data-testid="alert-rules">
      <div className="toolbar">
        <h2 className="inline-h">Rules</h2>
        {manage && !editing && (
          <div className="row">
            {list.length === 0 && rules.isSuccess && (
              <button
                className="btn"
                disabled={act.isPending}
                onClick={() => act.mutate({ title: 'Could not add the recommended rules', run: () => unwrap(api.POST('/alertrule/defaults')) })}
              >
                Add recommended rules
              </button>
            )}
            <button className="btn btn-primary" onClick={() => setEditing('new')}>
              New rule
            </button>
          </div>
        )}
      </div>
      {failed && <ErrorBox error={failed.error} title={failed.title} />}
      {editing && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? undefined : editing}
          servers={servers}
          nodes={nodes}
          onDone={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      {rules.isLoading ? (
        <Loading what="Loading rules" />
      ) : rules.error ? (
        <ErrorBox error={rules.error} title="Could not load the rules" />
      ) : list.length === 0 ? (
        <Empty>No alert rules yet: nothing raises an alert. {manage ? 'Add the recommended set (crashes, crash loops, out of memory, failed installs and backups, nodes offline) or write your own.' : ''}</Empty>
      ) : (
        <table className="table stack-sm" data-testid="rule-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Scope</th>
              <th>Severity</th>
              <th>Enabled</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id} data-testid="rule-row" data-kind={r.kind}>
                <td>
                  <div className="strong">{r.name}</div>
                  <div className="muted small">
                    {kindOf(r.kind)?.label ?? r.kind}
                    {r.thresholdPercent != null ? ` · above ${r.thresholdPercent}% for ${r.forMinutes} min` : ''}
                    {` · cooldown ${r.cooldownMinutes} min`}
                  </div>
                </td>
                <td>{scopeName(r)}</td>
                <td>
                  <SeverityBadge severity={r.severity} />
                </td>
                <td>
                  <label className="check">
                    <input
                      type="checkbox"
                      aria-label={`Enable ${r.name}`}
                      checked={r.enabled}
                      disabled={!manage || act.isPending}
                      onChange={(e) => {
                        const enabled = e.target.checked;
                        act.mutate({ title: 'Could not change the rule', run: () => unwrap(api.PUT('/alertrule/{id}', { params: { path: { id: r.id } }, body: { enabled } })) });
                      }}
                    />
                    <span>{r.enabled ? 'enabled' : 'disabled'}</span>
                  </label>
                </td>
                <td className="actions">
                  {manage && (
                    <div className="row row-end">
                      <button className="btn btn-small" onClick={() => setEditing(r)}>
                        Edit
                      </button>
                      <button
                        className="btn btn-small btn-danger"
                        disabled={act.isPending}
                        onClick={() =>
                          void dialogs
                            .confirm({ title: `Delete the rule “${r.name}”?`, body: 'Its firing alerts are resolved; nothing raises them again.', confirmLabel: 'Delete', danger: true })
                            .then((ok) => ok && act.mutate({ title: 'Could not delete the rule', run: () => unwrap(api.DELETE('/alertrule/{id}', { params: { path: { id: r.id } } })) }))
                        }
                      >
                        Delete
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

type Named = { id: string; name: string };

/** Servers and nodes a rule can be scoped to (nodes only for members who may read them). */
function useScopes(): { servers: Named[]; nodes: Named[] } {
  const { can } = usePermissions();
  const servers = useQuery({
    queryKey: useDomainKey('servers', 'names'),
    queryFn: () => unwrap(api.POST('/gameserver/search', { body: { limit: 1000, sortBy: 'name', sortDirection: 'asc' } })),
    staleTime: 30_000,
  });
  const nodes = useQuery({
    queryKey: useDomainKey('nodes', 'names'),
    enabled: can('nodes.read'),
    queryFn: () => unwrap(api.POST('/node/search', { body: { limit: 1000, sortBy: 'name', sortDirection: 'asc' } })),
    staleTime: 30_000,
  });
  return {
    servers: (servers.data?.data ?? []).map((s) => ({ id: s.id, name: s.name })),
    nodes: (nodes.data?.data ?? []).map((n) => ({ id: n.id, name: n.name })),
  };
}

function RuleEditor({ rule, servers, nodes, onDone }: { rule?: Rule; servers: Named[]; nodes: Named[]; onDone: () => void }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<Kind>(rule?.kind ?? 'server.crashed');
  const [severity, setSeverity] = useState<Severity>(rule?.severity ?? 'warning');
  const [scopeId, setScopeId] = useState(rule?.serverId ?? rule?.nodeId ?? '');
  const [threshold, setThreshold] = useState(String(rule?.thresholdPercent ?? 90));
  const [forMinutes, setForMinutes] = useState(String(rule?.forMinutes ?? 5));
  const [cooldown, setCooldown] = useState(String(rule?.cooldownMinutes ?? 15));
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const k = kindOf(kind)!;
  const save = useMutation({
    mutationFn: () => {
      const scope = k.scope === 'server' ? { serverId: scopeId || null } : { nodeId: scopeId || null };
      const metric = k.metric ? { thresholdPercent: Number(threshold), forMinutes: Number(forMinutes) } : {};
      const common = { name: name.trim(), severity, cooldownMinutes: Number(cooldown), enabled, ...metric };
      if (rule) return unwrap(api.PUT('/alertrule/{id}', { params: { path: { id: rule.id } }, body: { ...common, ...scope } }));
      return unwrap(api.POST('/alertrule', { body: { ...common, kind, ...(scopeId ? scope : {}) } }));
    },
    onSuccess: onDone,
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const choices = k.scope === 'server' ? servers : nodes;
  return (
    <form className="form create-backup" onSubmit={submit} data-testid="rule-editor">
      <h3>{rule ? `Edit “${rule.name}”` : 'New rule'}</h3>
      <ErrorBox error={save.error} title="Could not save the rule" />
      <div className="grid-2">
        <Field label="Rule name" error={err?.field('name')}>
          <input name="ruleName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="Crashes on the main server" />
        </Field>
        <Field label="When" error={err?.field('kind')} hint={rule ? 'The kind of a rule cannot change; make a new rule instead.' : undefined}>
          <select
            name="ruleKind"
            value={kind}
            disabled={!!rule}
            onChange={(e) => {
              const next = e.target.value as Kind;
              if (kindOf(next)?.scope !== k.scope) setScopeId('');
              setKind(next);
            }}
          >
            {KINDS.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={k.scope === 'server' ? 'Server' : 'Node'} error={err?.field('serverId') ?? err?.field('nodeId')}>
          <select name="ruleScope" value={scopeId} onChange={(e) => setScopeId(e.target.value)}>
            <option value="">{k.scope === 'server' ? 'All servers' : 'All nodes of this domain'}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Severity" error={err?.field('severity')}>
          <select name="ruleSeverity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        {k.metric && (
          <>
            <Field label="Above (%)" error={err?.field('thresholdPercent')} hint={kind.startsWith('server.') ? "Of the server's own limit" : 'Of the machine'}>
              <input name="ruleThreshold" type="number" min={1} max={100} value={threshold} onChange={(e) => setThreshold(e.target.value)} required />
            </Field>
            <Field label="For (minutes)" error={err?.field('forMinutes')}>
              <input name="ruleFor" type="number" min={1} max={1440} value={forMinutes} onChange={(e) => setForMinutes(e.target.value)} required />
            </Field>
          </>
        )}
        <Field label="Cooldown (minutes)" error={err?.field('cooldownMinutes')} hint="Repeats within this time are grouped into one alert and one notification.">
          <input name="ruleCooldown" type="number" min={0} max={1440} value={cooldown} onChange={(e) => setCooldown(e.target.value)} required />
        </Field>
        <label className="check toggle">
          <input type="checkbox" name="ruleEnabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>Enabled</span>
        </label>
      </div>
      <div className="row">
        <button className="btn btn-primary" disabled={save.isPending}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

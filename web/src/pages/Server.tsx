import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { GameServer, GameServerState } from '../api/schema';
import { Bar, bytes, ErrorBox, Loading, NotAvailable, StateBadge, when } from '../components/ui';
import { Console } from './Console';
import { FileManager } from './Files';
import { Backups } from './Backups';
import { Schedules } from './Schedules';
import { ServerActivity } from './ServerActivity';
import { MetricsHistory, ServerSettings } from './ServerSettings';
import { ServerNetwork } from './ServerNetwork';
import { ServerStartup } from './ServerStartup';
import { ServerDeploy } from './ServerDeploy';
import { bannerText, currentNotice, dismissNotice } from './crashNotice';

const TRANSITIONS: GameServerState[] = ['installing', 'starting', 'stopping'];
type Action = 'start' | 'stop' | 'restart' | 'kill';

function allowed(action: Action, state: GameServerState): boolean {
  if (TRANSITIONS.includes(state) && action !== 'kill') return false;
  switch (action) {
    case 'start':
      return state === 'offline' || state === 'crashed';
    case 'stop':
      return state === 'running' || state === 'unknown';
    case 'restart':
      return state === 'running';
    case 'kill':
      return state === 'running' || state === 'starting' || state === 'stopping' || state === 'unknown';
  }
}

export function ServerPage() {
  const { id = '', tab = 'console' } = useParams();
  const caps = useCapabilities();
  const qc = useQueryClient();
  const { can } = usePermissions();
  const key = useDomainKey('server', id);
  const server = useQuery({
    queryKey: key,
    enabled: caps.has('/gameserver/{id}'),
    queryFn: () => unwrap(api.GET('/gameserver/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && TRANSITIONS.includes(q.state.data.data.state) ? 1500 : 5000),
  });
  const navigate = useNavigate();
  // The server row names its node by id; its name comes from the node, for members who may read nodes.
  const nodeId = server.data?.data.nodeId;
  const nodeQuery = useQuery({
    queryKey: useDomainKey('node', nodeId),
    enabled: !!nodeId && !server.data?.data.node && can('nodes.read') && caps.has('/node/{id}'),
    queryFn: () => unwrap(api.GET('/node/{id}', { params: { path: { id: nodeId! } } })),
    staleTime: 60_000,
  });
  const installKey = useDomainKey('install-log', id);
  const reinstall = useMutation({
    mutationFn: () => unwrap(api.POST('/gameserver/{id}/reinstall', { params: { path: { id } } })),
    onMutate: () => {
      // The API answers when the install is over; the page follows the state meanwhile.
      setTimeout(() => void qc.invalidateQueries({ queryKey: key }), 300);
      navigate(`/servers/${id}/install`);
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: installKey });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/gameserver/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      qc.removeQueries({ queryKey: key });
      void qc.invalidateQueries({ predicate: (q) => q.queryKey.includes('servers') });
      navigate('/servers');
    },
  });
  const power = useMutation({
    mutationFn: async (action: Action) => {
      const path = `/gameserver/{id}/${action}` as '/gameserver/{id}/start';
      return unwrap(api.POST(path, { params: { path: { id } } }));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });

  if (caps.loading) return <Loading />;
  if (!caps.has('/gameserver/{id}')) return <NotAvailable feature="Game servers" path="GET /gameserver/:id" />;
  if (server.isLoading) return <Loading what="Loading server" />;
  if (server.error) return <ErrorBox error={server.error} title="Could not load the server" />;
  const s = server.data!.data;
  const busy = TRANSITIONS.includes(s.state) || power.isPending;
  const setState = (state: GameServerState) => {
    if (state === s.state) return;
    qc.setQueryData(key, (old: typeof server.data) => (old ? { ...old, data: { ...old.data, state } } : old));
    // A state change carries more (crash history, exit code, reason): read the row again for the banner.
    void qc.invalidateQueries({ queryKey: key });
  };
  const powerButtons = (small: boolean) =>
    (['start', 'restart', 'stop', 'kill'] as Action[]).map((a) => (
      <button
        key={a}
        type="button"
        className={`btn ${small ? 'btn-small ' : ''}${a === 'start' ? 'btn-primary' : a === 'kill' ? 'btn-danger' : ''}`}
        disabled={(busy && a !== 'kill') || power.isPending || !allowed(a, s.state)}
        onClick={() => power.mutate(a)}
      >
        {a[0].toUpperCase() + a.slice(1)}
      </button>
    ));

  /** Every tab of the server page, in order; a URL naming anything else (or a tab not shown to this member) is not found. */
  const tabs: Array<{ key: string; label: string; shown: boolean }> = [
    { key: 'console', label: 'Console', shown: true },
    { key: 'files', label: 'Files', shown: true },
    { key: 'install', label: 'Install log', shown: true },
    { key: 'backups', label: 'Backups', shown: can('backups.read') },
    { key: 'schedules', label: 'Schedules', shown: can('schedules.read') },
    { key: 'network', label: 'Network', shown: can('gameserver.manage') },
    { key: 'startup', label: 'Startup', shown: can('gameserver.manage') },
    // Everyone who sees the server sees where its files come from; changing it needs deploy.manage (the tab says so).
    { key: 'deploy', label: 'Deploy', shown: true },
    { key: 'settings', label: 'Settings', shown: can('gameserver.manage') },
    { key: 'activity', label: 'Activity', shown: can('auditlog.read') },
  ];
  return (
    <>
      <div className="page-header server-header">
        <div>
          <div className="crumbs">
            <Link to="/servers">Servers</Link> /
          </div>
          <h1>
            {s.name} <StateBadge state={s.state} />
            {s.stateReason && (
              <span className="state-reason" data-testid="state-reason">
                {s.stateReason}
              </span>
            )}
          </h1>
          <div className="muted small server-where">
            <span data-testid="server-node">
              on{' '}
              {can('nodes.read') ? (
                <Link to={`/nodes/${s.nodeId}`} title="Open the node">
                  {s.node?.name ?? nodeQuery.data?.data.name ?? 'its node'}
                </Link>
              ) : (
                (s.node?.name ?? 'a node')
              )}
            </span>
            {s.allocations?.length ? <span> · {s.allocations.map((a) => `${a.ip ?? s.node?.address ?? ''}:${a.port}`).join(', ')}</span> : null}
          </div>
        </div>
        {can('gameserver.control') && (
          <div className="page-actions power" data-testid="power">
            {powerButtons(false)}
          </div>
        )}
      </div>
      <CrashBanner id={id} server={s} />
      <ErrorBox error={power.error} title="Power action failed" />
      <ErrorBox error={reinstall.error} title="Reinstall failed" />
      <ErrorBox error={remove.error} title="Could not delete the server" />
      <Stats id={id} server={s} />
      <nav className="tabs">
        {tabs
          .filter((t) => t.shown)
          .map((t) => (
            <NavLink key={t.key} to={`/servers/${id}/${t.key}`} className={() => (tab === t.key ? 'active' : '')}>
              {t.label}
            </NavLink>
          ))}
      </nav>
      {!tabs.some((t) => t.key === tab && t.shown) && (
        <div className="card tab-not-found" data-testid="tab-not-found" role="status">
          <h2>Page not found</h2>
          <p>
            {tabs.some((t) => t.key === tab) ? (
              <>Your role does not let you open the “{tab}” page of this server.</>
            ) : (
              <>This server has no “{tab}” page. The link may be mistyped, or the page may not exist in this version of Outpost.</>
            )}
          </p>
          <Link className="btn" to={`/servers/${id}/console`}>
            Back to the console
          </Link>
        </div>
      )}
      {tab === 'console' && (
        <Console id={id} state={s.state} onStatus={setState} canSend={can('gameserver.console')} controls={can('gameserver.control') ? powerButtons(true) : undefined} />
      )}
      {tab === 'activity' && can('auditlog.read') && <ServerActivity id={id} />}
      {tab === 'files' && <FileManager id={id} canWrite={can('files.write')} />}
      {tab === 'install' && <InstallLog id={id} state={s.state} />}
      {tab === 'backups' && can('backups.read') && <Backups server={s} />}
      {tab === 'schedules' && can('schedules.read') && <Schedules server={s} />}
      {tab === 'network' && can('gameserver.manage') && <ServerNetwork server={s} />}
      {tab === 'startup' && can('gameserver.manage') && <ServerStartup server={s} />}
      {tab === 'deploy' && <ServerDeploy server={s} />}
      {tab === 'settings' && can('gameserver.manage') && (
        <ServerSettings
          key={s.id}
          server={server.data!.data}
          busy={busy || reinstall.isPending || remove.isPending}
          onSaved={(fresh) => qc.setQueryData(key, (old: typeof server.data) => (old ? { ...old, data: { ...old.data, ...fresh } } : old))}
          onStop={can('gameserver.control') ? () => power.mutate('stop') : undefined}
          onReinstall={() => reinstall.mutate()}
          onDelete={() => remove.mutate()}
        />
      )}
    </>
  );
}

function Stats({ id, server }: { id: string; server: GameServer }) {
  const caps = useCapabilities();
  const running = server.state === 'running' || server.state === 'starting';
  const stats = useQuery({
    queryKey: useDomainKey('server-stats', id),
    enabled: running && caps.has('/gameserver/{id}/stats'),
    queryFn: () => unwrap(api.GET('/gameserver/{id}/stats', { params: { path: { id } } })),
    refetchInterval: 2000,
  });
  const st = stats.data?.data;
  const mib = 1024 * 1024;
  return (
    <div className="card stats" data-testid="stats">
      {!running ? (
        <div className="muted">
          Not running{server.lastExitCode != null ? ` · last exit code ${server.lastExitCode}` : ''}
          {server.oomKilled ? ' · killed: out of memory' : ''} · limits {server.memoryMiB} MiB, {server.cpuPercent}% CPU, {server.diskMiB} MiB disk
        </div>
      ) : stats.error ? (
        <ErrorBox error={stats.error} title="Stats unavailable" />
      ) : !st ? (
        <Loading what="Reading stats" />
      ) : (
        <div className="stat-grid">
          <Bar label="CPU" value={Math.round(st.cpuPercent * 10) / 10} max={server.cpuPercent} unit="%" />
          <Bar label="Memory" value={Math.round(st.memoryBytes / mib)} max={Math.round((st.memoryLimitBytes || server.memoryMiB * mib) / mib)} unit=" MiB" />
          <div className="stat-text">
            <div>
              <span className="muted">Network</span> ↓ {bytes(st.networkRxBytes)} ↑ {bytes(st.networkTxBytes)}
            </div>
            <div>
              <span className="muted">Disk</span> {bytes(st.diskUsedBytes)} of {server.diskMiB} MiB
            </div>
            <div>
              <span className="muted">Up</span> {st.uptimeSeconds != null ? uptime(st.uptimeSeconds) : `since ${when(server.startedAt)}`}
            </div>
          </div>
        </div>
      )}
      {caps.has('/gameserver/{id}/metrics') && <MetricsHistory id={id} running={running} limitBytes={server.memoryMiB * mib} />}
    </div>
  );
}

/** The last crash (with its automatic-restart outcome) until the member dismisses it; a new crash shows again. */
function CrashBanner({ id, server }: { id: string; server: GameServer }) {
  const [, setDismissed] = useState(0);
  const notice = currentNotice(id, server);
  if (!notice) return null;
  return (
    <div className="alert alert-crash" role="alert" data-testid="crash-banner">
      <span>
        <strong>{bannerText(notice)}</strong>
        {server.state === 'crashed' && server.stateReason ? <span className="muted small"> · {server.stateReason}</span> : null}
      </span>
      <button
        type="button"
        className="btn btn-ghost alert-close"
        aria-label="Dismiss the crash notice"
        onClick={() => {
          dismissNotice(id, notice.at);
          setDismissed((n) => n + 1);
        }}
      >
        ×
      </button>
    </div>
  );
}

function InstallLog({ id, state }: { id: string; state: GameServerState }) {
  const caps = useCapabilities();
  const log = useQuery({
    queryKey: useDomainKey('install-log', id),
    enabled: caps.has('/gameserver/{id}/install-logs'),
    queryFn: () => unwrap(api.GET('/gameserver/{id}/install-logs', { params: { path: { id } } })),
    refetchInterval: state === 'installing' ? 2000 : false,
  });
  // One more read when the state moves on (installing → offline / install failed) for the last lines.
  const { refetch } = log;
  useEffect(() => {
    void refetch();
  }, [state, refetch]);
  if (!caps.has('/gameserver/{id}/install-logs')) return <NotAvailable feature="Install logs" path="GET /gameserver/:id/install-logs" />;
  if (log.isLoading) return <Loading />;
  if (log.error) return <ErrorBox error={log.error} />;
  const text = log.data?.data.log ?? '';
  return (
    <div className="card">
      {state === 'installing' && (
        <div className="muted small install-live" role="status">
          <span className="spinner" aria-hidden /> Installing: this log refreshes every 2 seconds.
        </div>
      )}
      {text ? <pre className="log" data-testid="install-log">{text}</pre> : <div className="empty">This server has no install log (its workload has no install script, or it has not been installed yet).</div>}
    </div>
  );
}

function uptime(s: number): string {
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${Math.floor(s % 60)}s` : `${Math.floor(s)}s`;
}

import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { GameServer, GameServerState } from '../api/schema';
import { Bar, bytes, Empty, ErrorBox, Loading, NotAvailable, StateBadge, when } from '../components/ui';
import { Console } from './Console';
import { FileManager } from './Files';
import { Backups } from './Backups';
import { Schedules } from './Schedules';
import { MetricsHistory, ServerSettings } from './ServerSettings';

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
  const setState = (state: GameServerState) => qc.setQueryData(key, (old: typeof server.data) => (old ? { ...old, data: { ...old.data, state } } : old));

  /** Every tab of the server page, in order; a URL naming anything else (or a tab not shown to this member) is not found. */
  const tabs: Array<{ key: string; label: string; shown: boolean }> = [
    { key: 'console', label: 'Console', shown: true },
    { key: 'files', label: 'Files', shown: true },
    { key: 'install', label: 'Install log', shown: true },
    { key: 'backups', label: 'Backups', shown: can('backups.read') },
    { key: 'schedules', label: 'Schedules', shown: can('schedules.read') },
    { key: 'settings', label: 'Settings', shown: can('gameserver.manage') },
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
          <div className="muted small">
            {[
              s.node?.name ? `on ${s.node.name}` : '',
              s.allocations?.length ? s.allocations.map((a) => `${a.ip ?? s.node?.address ?? ''}:${a.port}`).join(', ') : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
        {can('gameserver.control') && (
          <div className="page-actions power" data-testid="power">
            {(['start', 'restart', 'stop', 'kill'] as Action[]).map((a) => (
              <button
                key={a}
                className={`btn ${a === 'start' ? 'btn-primary' : a === 'kill' ? 'btn-danger' : ''}`}
                disabled={(busy && a !== 'kill') || power.isPending || !allowed(a, s.state)}
                onClick={() => power.mutate(a)}
              >
                {a[0].toUpperCase() + a.slice(1)}
              </button>
            ))}
          </div>
        )}
      </div>
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
        <Empty>
          <span data-testid="tab-not-found">
            This server has no “{tab}” page{tabs.some((t) => t.key === tab) ? ' you may open' : ''}. <Link to={`/servers/${id}/console`}>Back to the console</Link>
          </span>
        </Empty>
      )}
      {tab === 'console' && <Console id={id} state={s.state} onStatus={setState} canSend={can('gameserver.console')} />}
      {tab === 'files' && <FileManager id={id} canWrite={can('files.write')} />}
      {tab === 'install' && <InstallLog id={id} state={s.state} />}
      {tab === 'backups' && can('backups.read') && <Backups server={s} />}
      {tab === 'schedules' && can('schedules.read') && <Schedules server={s} />}
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
      {caps.has('/gameserver/{id}/metrics') && <MetricsHistory id={id} running={running} />}
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

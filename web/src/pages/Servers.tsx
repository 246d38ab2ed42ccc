import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { GameServerState } from '../api/schema';
import { Empty, ErrorBox, Loading, NotAvailable, PageHeader, Pager, StateBadge } from '../components/ui';

export const STATES: GameServerState[] = ['running', 'starting', 'stopping', 'offline', 'crashed', 'installing', 'install_failed', 'unknown'];
const LIMIT = 20;

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ServersPage() {
  const caps = useCapabilities();
  const { can } = usePermissions();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<GameServerState | ''>('');
  const [page, setPage] = useState(0);
  const q = useDebounced(search.trim(), 250);
  const available = caps.has('/gameserver/search');
  const key = useDomainKey('servers', q, state, page);
  const servers = useQuery({
    queryKey: key,
    enabled: available,
    queryFn: () =>
      unwrap(
        api.POST('/gameserver/search', {
          body: {
            ...(q ? { search: { name: [q] } } : {}),
            ...(state ? { filters: { state: [state] } } : {}),
            page,
            limit: LIMIT,
            sortBy: 'name',
            sortDirection: 'asc',
            extend: ['node', 'workload'],
          } as never,
        }),
      ),
    placeholderData: (prev) => prev,
    refetchInterval: 5_000,
  });

  if (caps.loading) return <Loading />;
  return (
    <>
      <PageHeader title="Game servers">
        {available && can('gameserver.manage') && can('workloads.manage') && <Link to="/servers/import/pterodactyl" className="btn">Import from Pterodactyl</Link>}
        {available && can('gameserver.create') && (
          <Link to="/servers/new" className="btn btn-primary">
            New server
          </Link>
        )}
      </PageHeader>
      {!available ? (
        <NotAvailable feature="Game servers" path="POST /gameserver/search" />
      ) : (
        <div className="card">
          <div className="toolbar">
            <input
              className="search"
              type="search"
              name="serverSearch"
              aria-label="Search servers"
              placeholder="Search by name…"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(0);
              }}
            />
            <select
              name="stateFilter"
              aria-label="Filter by state"
              value={state}
              onChange={(e) => {
                setState(e.target.value as GameServerState | '');
                setPage(0);
              }}
            >
              <option value="">All states</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          {servers.isLoading ? (
            <Loading />
          ) : servers.error ? (
            <ErrorBox error={servers.error} />
          ) : !servers.data?.data.length ? (
            <Empty>{q || state ? 'No servers match.' : 'No game servers in this domain yet.'}</Empty>
          ) : (
            <>
              <table className="table" data-testid="servers-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>State</th>
                    <th className="hide-sm">Node</th>
                    <th className="hide-sm">Workload</th>
                    <th className="hide-sm">Limits</th>
                  </tr>
                </thead>
                <tbody>
                  {servers.data.data.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/servers/${s.id}`} className="strong">
                          {s.name}
                        </Link>
                      </td>
                      <td>
                        <StateBadge state={s.state} />
                      </td>
                      <td className="hide-sm">{s.node?.name ?? '—'}</td>
                      <td className="hide-sm">{s.workload?.name ?? '—'}</td>
                      <td className="hide-sm muted small">
                        {s.memoryMiB} MiB · {s.cpuPercent}% CPU · {s.diskMiB} MiB disk
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} limit={LIMIT} total={servers.data.meta.total ?? 0} onPage={setPage} />
            </>
          )}
        </div>
      )}
    </>
  );
}

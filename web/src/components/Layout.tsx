import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMe, usePermissions } from '../api/hooks';
import { session } from '../api/session';
import { ErrorBox } from './ui';

export function Layout() {
  const me = useMe().data!.data;
  const { can } = usePermissions();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const current = me.domains.find((d) => d.id === me.domain);

  const switchDomain = useMutation({
    mutationFn: async (id: string) => {
      await unwrap(api.POST('/selected-domain/{domainId}', { params: { path: { domainId: id } } }));
      return id;
    },
    onSuccess: (id) => {
      session.set({ domainId: id });
      // Refetch everything for the new tenant; the old tenant's cache is dropped.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'spec' && q.queryKey[0] !== 'bootstrap-status' });
    },
  });

  const logout = useMutation({
    mutationFn: async () => {
      const refreshToken = session.get().refreshToken;
      await api.POST('/logout', { body: refreshToken ? { refreshToken } : {} }).catch(() => undefined);
    },
    onSettled: () => {
      session.clear();
      qc.clear();
      navigate('/sign-in');
    },
  });

  const nav = [
    { to: '/servers', label: 'Servers', show: true },
    { to: '/workloads', label: 'Workloads', show: can('workloads.read') },
    { to: '/nodes', label: 'Nodes', show: can('nodes.read') },
    { to: '/members', label: 'Members', show: can('members.read') },
    { to: '/roles', label: 'Roles', show: can('members.read') || can('roles.manage') },
    { to: '/tokens', label: 'API tokens', show: can('apitokens.manage') },
    { to: '/backup-storage', label: 'Backup storage', show: can('backups.manage') },
    { to: '/audit', label: 'Audit log', show: can('auditlog.read') },
  ].filter((n) => n.show);

  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/servers" className="brand">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden>
            <rect width="32" height="32" rx="7" fill="#2f6f5e" />
            <path d="M16 6l9 20H7z" fill="#f4efe2" />
          </svg>
          <span>Outpost</span>
        </Link>
        <div className="domain-switcher">
          <label htmlFor="domain-select" className="sr-only">
            Domain
          </label>
          <select
            id="domain-select"
            data-testid="domain-select"
            value={me.domain ?? ''}
            disabled={switchDomain.isPending}
            onChange={(e) => switchDomain.mutate(e.target.value)}
          >
            {!me.domain && <option value="">No domain</option>}
            {me.domains.map((d) => (
              <option key={d.id} value={d.id} disabled={d.state !== 'ACTIVE'}>
                {d.name}
                {d.state !== 'ACTIVE' ? ` (${d.state.toLowerCase()})` : ''}
              </option>
            ))}
          </select>
          <Link to="/domains/new" className="btn btn-small btn-ghost" title="Create domain">
            + Domain
          </Link>
        </div>
        <div className="topbar-right">
          <span className="current-domain" data-testid="current-domain" title="Current domain">
            {current?.name ?? 'No domain'}
          </span>
          <span className="user muted">{me.user.username}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => logout.mutate()}>
            Log out
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidenav">
          {nav.map((n) => (
            <NavLink key={n.to} to={n.to} className={({ isActive }) => (isActive ? 'active' : '')}>
              {n.label}
            </NavLink>
          ))}
        </nav>
        <main className="content">
          {switchDomain.error && <ErrorBox error={switchDomain.error} title="Could not switch domain" />}
          <Outlet key={me.domain ?? 'none'} />
        </main>
      </div>
    </div>
  );
}

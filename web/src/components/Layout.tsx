import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMe, usePermissions } from '../api/hooks';
import { dismissOtherTabSwitch, session, useOtherTabSwitch, useSession } from '../api/session';
import { ErrorBox } from './ui';
import { AlertBell } from './AlertBell';

/** The domain the layout last showed; survives the remount a domain switch causes. */
let lastShownDomain: string | undefined;

export function Layout() {
  const me = useMe().data!.data;
  const { can } = usePermissions();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const current = me.domains.find((d) => d.id === me.domain);
  const location = useLocation();
  const { domainId } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const tabNotice = useOtherTabSwitch();

  // Detail pages belong to one domain: after a switch (here or in another tab) show the section's list,
  // not "Game server not found". The layout remounts while the new domain loads, hence module state.
  useEffect(() => {
    const before = lastShownDomain;
    lastShownDomain = domainId;
    if (before === undefined || before === domainId) return;
    const detail = /^\/(servers|workloads|nodes)\/(?!new$)[^/]+/.exec(location.pathname);
    if (detail) navigate(`/${detail[1]}`, { replace: true });
  }, [domainId, location.pathname, navigate]);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const noticeDomain = tabNotice ? me.domains.find((d) => d.id === tabNotice) : undefined;

  const switchDomain = useMutation({
    mutationFn: async (id: string) => {
      await unwrap(api.POST('/selected-domain/{domainId}', { params: { path: { domainId: id } } }));
      return id;
    },
    onSuccess: (id) => {
      dismissOtherTabSwitch();
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

  // One array: every page of the side menu (and of the mobile menu) is one line here.
  const nav = [
    { to: '/servers', label: 'Servers', show: true },
    { to: '/workloads', label: 'Workloads', show: can('workloads.read') },
    { to: '/nodes', label: 'Nodes', show: can('nodes.read') },
    { to: '/alerts', label: 'Alerts', show: can('alerts.read') },
    { to: '/integrations', label: 'Integrations', show: can('integrations.manage') || can('deploy.manage') },
    { to: '/members', label: 'Members', show: can('members.read') },
    { to: '/roles', label: 'Roles', show: can('members.read') || can('roles.manage') },
    { to: '/tokens', label: 'API tokens', show: can('apitokens.manage') },
    { to: '/backup-storage', label: 'Backup storage', show: can('backups.manage') },
    { to: '/audit', label: 'Audit log', show: can('auditlog.read') },
    { to: '/account', label: 'Your account', show: true },
    { to: '/instance/settings', label: 'Instance settings', show: me.user.isInstanceAdmin },
    { to: '/instance/users', label: 'Users (instance)', show: me.user.isInstanceAdmin },
    { to: '/instance/audit', label: 'Audit log (all domains)', show: me.user.isInstanceAdmin },
  ].filter((n) => n.show);

  return (
    <div className="shell">
      <header className="topbar">
        <button
          type="button"
          className="btn btn-small btn-ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="sidenav"
          data-testid="menu-toggle"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden>☰</span> Menu
        </button>
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
                {domainLabel(d, me.domains)}
                {d.state !== 'ACTIVE' ? ` (${d.state.toLowerCase()})` : ''}
              </option>
            ))}
          </select>
          {current && (
            <Link to="/domains/settings" className="btn btn-small btn-ghost" aria-label="Manage this domain" title="Rename or delete this domain" data-testid="domain-settings-link">
              Manage
            </Link>
          )}
          <Link to="/domains/new" className="btn btn-small btn-ghost" title="Create domain">
            + Domain
          </Link>
        </div>
        <div className="topbar-right">
          {can('alerts.read') && <AlertBell />}
          <span className="current-domain" data-testid="current-domain" title="Current domain">
            {current ? domainLabel(current, me.domains) : 'No domain'}
          </span>
          <Link to="/account" className="user muted" data-testid="account-link" title="Your account">{me.user.username}</Link>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => logout.mutate()}>
            Log out
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="sidenav" className={`sidenav ${menuOpen ? 'open' : ''}`} aria-label="Main">
          {nav.map((n) => (
            <NavLink key={n.to} to={n.to} className={({ isActive }) => (isActive ? 'active' : '')} onClick={() => setMenuOpen(false)}>
              {n.label}
            </NavLink>
          ))}
        </nav>
        <main className="content">
          {noticeDomain && (
            <div className="alert alert-info tab-notice" role="status" data-testid="tab-notice">
              Switched to {domainLabel(noticeDomain, me.domains)} in another tab.{' '}
              <button type="button" className="btn btn-small btn-ghost" onClick={dismissOtherTabSwitch}>
                OK
              </button>
            </div>
          )}
          {switchDomain.error && <ErrorBox error={switchDomain.error} title="Could not switch domain" />}
          <Outlet key={me.domain ?? 'none'} />
        </main>
      </div>
    </div>
  );
}

/** A domain's name, with a short id when another of the person's domains has the same name. */
export function domainLabel(d: { id: string; name: string }, all: Array<{ id: string; name: string }>): string {
  const twins = all.filter((x) => x.name.trim().toLowerCase() === d.name.trim().toLowerCase()).length;
  return twins > 1 ? `${d.name} · ${d.id.slice(0, 6)}` : d.name;
}

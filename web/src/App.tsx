import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes } from 'react-router-dom';
import { api, unwrap } from './api/client';
import { ApiError } from './api/errors';
import { useMe } from './api/hooks';
import { session, useSession } from './api/session';
import { ErrorBox, Loading } from './components/ui';
import { Layout } from './components/Layout';
import { FirstRunPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, WelcomePage } from './pages/Auth';
import { InstanceSettingsPage } from './pages/InstanceSettings';
import { ServersPage } from './pages/Servers';
import { PterodactylImportPage } from './pages/PterodactylImport';
import { ServerCreatePage } from './pages/ServerCreate';
import { ServerPage } from './pages/Server';
import { NodesPage } from './pages/Nodes';
import { NodeDetailPage } from './pages/NodeDetail';
import { MembersPage } from './pages/Members';
import { RolesPage } from './pages/Roles';
import { TokensPage } from './pages/Tokens';
import { AuditPage } from './pages/Audit';
import { AdminUsersPage } from './pages/AdminUsers';
import { AdminAuditPage } from './pages/AdminAudit';
import { DomainSettingsPage, NewDomainPage } from './pages/Domains';
import { WorkloadPage, WorkloadsPage } from './pages/Workloads';
import { BackupStoragePage } from './pages/BackupStorage';
import { InvitePage } from './pages/Invite';
import { AccountPage } from './pages/Account';
import { AlertsPage } from './pages/Alerts';
import { IntegrationsPage } from './pages/Integrations';

export function App() {
  const { token, domainId } = useSession();
  const status = useQuery({ queryKey: ['bootstrap-status'], queryFn: () => unwrap(api.GET('/auth/bootstrap/status')), staleTime: Infinity });
  const me = useMe();

  // A remembered domain we no longer belong to (403): forget it and let the API pick.
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 403 && domainId) session.set({ domainId: undefined });
  }, [me.error, domainId]);
  // Adopt the API's selected domain so every request names it explicitly.
  useEffect(() => {
    const selected = me.data?.data.domain;
    if (selected && selected !== domainId) session.set({ domainId: selected });
  }, [me.data, domainId]);

  if (status.isLoading) return <Loading what="Connecting to Outpost" />;
  if (status.error) return <div className="center-page"><ErrorBox error={status.error} title="The API did not answer" /></div>;
  if (status.data?.data.needed) return <FirstRunPage />;
  if (!token) {
    return (
      <Routes>
        <Route path="/sign-in" element={<LoginPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<Navigate to="/sign-in" replace />} />
      </Routes>
    );
  }
  if (me.isLoading) return <Loading what="Loading your account" />;
  if (me.error && !(me.error instanceof ApiError && me.error.status === 403)) {
    return (
      <div className="center-page">
        <ErrorBox error={me.error} />
        <button className="btn" onClick={() => session.clear()}>Sign in again</button>
      </div>
    );
  }
  if (!me.data) return <Loading what="Loading your account" />;

  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/" element={<Navigate to="/servers" replace />} />
        <Route path="/sign-in" element={<Navigate to="/servers" replace />} />
        <Route path="/servers" element={me.data.data.domains.length ? <ServersPage /> : <Navigate to="/welcome" replace />} />
        <Route path="/welcome" element={<WelcomePage />} />
        <Route path="/instance/settings" element={<InstanceSettingsPage />} />
        <Route path="/servers/new" element={<ServerCreatePage />} />
        <Route path="/servers/import/pterodactyl" element={<PterodactylImportPage />} />
        <Route path="/servers/:id" element={<ServerPage />} />
        <Route path="/servers/:id/:tab" element={<ServerPage />} />
        <Route path="/workloads" element={<WorkloadsPage />} />
        <Route path="/workloads/:id" element={<WorkloadPage />} />
        <Route path="/nodes" element={<NodesPage />} />
        <Route path="/nodes/:id" element={<NodeDetailPage />} />
        <Route path="/members" element={<MembersPage />} />
        <Route path="/roles" element={<RolesPage />} />
        <Route path="/tokens" element={<TokensPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/instance/users" element={<AdminUsersPage />} />
        <Route path="/instance/audit" element={<AdminAuditPage />} />
        <Route path="/alerts" element={<AlertsPage />} />
        <Route path="/integrations" element={<IntegrationsPage />} />
        <Route path="/backup-storage" element={<BackupStoragePage />} />
        <Route path="/domains/new" element={<NewDomainPage />} />
        <Route path="/domains/settings" element={<DomainSettingsPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/register" element={<Navigate to="/welcome" replace />} />
        <Route path="*" element={<div className="empty">Page not found.</div>} />
      </Route>
    </Routes>
  );
}

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMe, usePermissions } from '../api/hooks';
import { useDialogs } from '../components/dialogs';
import { Empty, ErrorBox, Loading, PageHeader, Pager, when } from '../components/ui';

const LIMIT = 50;
type Show = 'all' | 'active' | 'suspended';

/** Instance administrators: every account of the instance; suspend (all its credentials stop working) and unsuspend. */
export function AdminUsersPage() {
  const { isAdmin } = usePermissions();
  const me = useMe().data?.data;
  const dialogs = useDialogs();
  const qc = useQueryClient();
  const [page, setPage] = useState(0);
  const [name, setName] = useState('');
  const [show, setShow] = useState<Show>('all');
  const key = ['admin-users', page, name, show];
  const users = useQuery({
    queryKey: key,
    enabled: isAdmin,
    queryFn: () =>
      unwrap(
        api.POST('/user/search', {
          body: {
            page,
            limit: LIMIT,
            sortBy: 'username',
            sortDirection: 'asc',
            ...(name.trim() ? { search: { username: name.trim() } } : {}),
            ...(show === 'active' ? { filters: { suspendedAt: null } } : {}),
            ...(show === 'suspended' ? { greaterThan: { suspendedAt: '1970-01-01T00:00:00Z' } } : {}),
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin-users'] });
  const suspend = useMutation({
    mutationFn: (v: { id: string; reason: string }) => unwrap(api.POST('/user/{id}/suspend', { params: { path: { id: v.id } }, body: v.reason ? { reason: v.reason } : {} })),
    onSuccess: () => refresh(),
  });
  const unsuspend = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/user/{id}/unsuspend', { params: { path: { id } } })),
    onSuccess: () => refresh(),
  });
  if (!isAdmin) return <Navigate to="/servers" replace />;

  const askSuspend = async (u: { id: string; username: string }) => {
    const reason = await dialogs.prompt({
      title: `Suspend ${u.username}?`,
      label: 'Reason (optional; kept with the account and in the audit log). Their sign-ins, sessions, API tokens and consoles stop working at once; nothing is deleted.',
      confirmLabel: 'Suspend',
      validate: (v) => (v.length > 500 ? 'At most 500 characters' : null),
    });
    if (reason !== null) suspend.mutate({ id: u.id, reason });
  };
  const askUnsuspend = async (u: { id: string; username: string }) => {
    const ok = await dialogs.confirm({ title: `Unsuspend ${u.username}?`, body: 'Everything the account had works again: sign-in, sessions, API tokens.', confirmLabel: 'Unsuspend' });
    if (ok) unsuspend.mutate(u.id);
  };

  return (
    <>
      <PageHeader title="Users" />
      <div className="audit-filters" role="search">
        <input
          className="search"
          type="search"
          placeholder="Username…"
          aria-label="Username"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setPage(0);
          }}
        />
        <label>
          <span className="sr-only">Show</span>
          <select
            data-testid="admin-users-show"
            value={show}
            onChange={(e) => {
              setShow(e.target.value as Show);
              setPage(0);
            }}
          >
            <option value="all">All accounts</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </select>
        </label>
      </div>
      <ErrorBox error={suspend.error ?? unsuspend.error} title="Could not change the account" />
      <div className="card">
        {users.isLoading ? (
          <Loading />
        ) : users.error ? (
          <ErrorBox error={users.error} />
        ) : !users.data?.data.length ? (
          <Empty>No accounts match.</Empty>
        ) : (
          <>
            <table className="table" data-testid="admin-users-table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>State</th>
                  <th className="hide-sm">Last sign-in</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {users.data.data.map((u) => (
                  <tr key={u.id} data-testid="admin-user-row" data-suspended={u.suspendedAt ? 'true' : 'false'}>
                    <td>
                      <div className="strong">
                        {u.username}
                        {u.isInstanceAdmin && <span className="muted small"> · instance admin</span>}
                      </div>
                      <div className="muted small">{u.email}</div>
                    </td>
                    <td>
                      {u.suspendedAt ? (
                        <>
                          <span className="badge badge-bad">suspended</span>
                          <div className="muted small">
                            since {when(u.suspendedAt)}
                            {u.suspendedReason ? ` · ${u.suspendedReason}` : ''}
                          </div>
                        </>
                      ) : (
                        <span className="badge badge-ok">active</span>
                      )}
                    </td>
                    <td className="hide-sm muted">{u.lastLoginAt ? when(u.lastLoginAt) : 'never'}</td>
                    <td className="actions">
                      {u.id !== me?.user.id &&
                        (u.suspendedAt ? (
                          <button type="button" className="btn btn-small" disabled={unsuspend.isPending} onClick={() => void askUnsuspend(u)}>
                            Unsuspend
                          </button>
                        ) : (
                          <button type="button" className="btn btn-small btn-danger" disabled={suspend.isPending} onClick={() => void askSuspend(u)}>
                            Suspend
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} limit={LIMIT} total={users.data.meta.total ?? 0} onPage={setPage} />
          </>
        )}
      </div>
    </>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, useMe, usePermissions } from '../api/hooks';
import { Empty, ErrorBox, Field, Loading, PageHeader, SecretOnce, StateBadge, when } from '../components/ui';
import { useDialogs } from '../components/dialogs';
import { usePermissionCatalogue } from './Roles';
import type { components } from '../api/schema';

export function useRoles() {
  const key = useDomainKey('roles');
  return useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/role/search', { body: { limit: 1000, sortBy: 'name', sortDirection: 'asc' } })) });
}

export function MembersPage() {
  const dialogs = useDialogs();
  const qc = useQueryClient();
  const { can } = usePermissions();
  const me = useMe().data?.data;
  const key = useDomainKey('members');
  const members = useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/membership/search', { body: { extend: ['user', 'role'], limit: 1000 } })) });
  const roles = useRoles();
  const [email, setEmail] = useState('');
  const [roleId, setRoleId] = useState('');
  const [invite, setInvite] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });

  const inviteM = useMutation({
    mutationFn: () => unwrap(api.POST('/membership', { body: roleId ? { email, roleId } : { email } })),
    onSuccess: (r) => {
      setInvite(r.data.inviteToken);
      setEmail('');
      void refresh();
    },
  });
  const changeRole = useMutation({
    mutationFn: (v: { id: string; roleId: string }) => unwrap(api.PUT('/membership/{id}', { params: { path: { id: v.id } }, body: { roleId: v.roleId } })),
    onSuccess: () => refresh(),
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/membership/{id}', { params: { path: { id } } })),
    onSuccess: () => refresh(),
  });
  const manage = can('members.manage');

  function submit(e: FormEvent) {
    e.preventDefault();
    inviteM.mutate();
  }

  return (
    <>
      <PageHeader title="Members" />
      {manage && (
        <div className="card">
          <h2>Invite someone</h2>
          {invite ? (
            <SecretOnce
              title="Invitation created"
              value={`${location.origin}/invite/${invite}`}
              note="Send this link to the person: they can create their account from it, or sign in and join. It is shown only once and works for 7 days."
              onDone={() => setInvite(null)}
            />
          ) : (
            <form className="form form-inline" onSubmit={submit}>
              <Field label="Email" error={inviteM.error instanceof ApiError ? inviteM.error.field('email') : undefined}>
                <input name="inviteEmail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              </Field>
              <Field label="Role">
                <select name="inviteRole" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
                  <option value="">Member (default)</option>
                  {roles.data?.data.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </Field>
              <button className="btn btn-primary" disabled={inviteM.isPending}>
                Invite
              </button>
            </form>
          )}
          <ErrorBox error={inviteM.error} title="Could not invite" />
        </div>
      )}
      {manage && <CreateUser roles={roles.data?.data ?? []} onCreated={refresh} />}
      <ErrorBox error={changeRole.error ?? remove.error} title="Could not update the member" />
      {editing && <MemberPermissionsEditor key={editing} membershipId={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      <div className="card">
        {members.isLoading ? (
          <Loading />
        ) : members.error ? (
          <ErrorBox error={members.error} />
        ) : !members.data?.data.length ? (
          <Empty>No members yet.</Empty>
        ) : (
          <table className="table" data-testid="members-table">
            <thead>
              <tr>
                <th>User</th>
                <th>State</th>
                <th>Role</th>
                <th className="hide-sm">Since</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {members.data.data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <div className="strong">{m.user?.username ?? m.inviteEmail ?? '—'}</div>
                    <div className="muted small">{m.user?.email ?? (m.inviteEmail ? 'invited' : '')}</div>
                  </td>
                  <td>
                    <StateBadge state={m.state} />
                  </td>
                  <td>
                    {manage ? (
                      <select aria-label="Role" value={m.roleId} onChange={(e) => changeRole.mutate({ id: m.id, roleId: e.target.value })}>
                        {roles.data?.data.map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      m.role?.name
                    )}
                  </td>
                  <td className="hide-sm muted">{when(m.createdAt)}</td>
                  <td className="actions">
                    {manage && m.userId && (
                      <button type="button" className="btn btn-small" data-testid="member-permissions" onClick={() => setEditing(editing === m.id ? null : m.id)}>
                        Permissions
                      </button>
                    )}
                    {manage && m.userId !== me?.user.id && (
                      <button
                        className="btn btn-small btn-danger"
                        onClick={() =>
                          void dialogs.confirm({ title: `Remove ${m.user?.username ?? m.inviteEmail} from this domain?`, confirmLabel: 'Remove', danger: true }).then((ok) => ok && remove.mutate(m.id))
                        }
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

type PermissionChange = components['schemas']['MemberPermissionsUpdateDTO'];

/**
 * One member's permissions on top of their role: a checkbox per permission of the catalogue, checked
 * when the member holds it, marked as coming from the role, granted to them, or removed from them.
 * Only permissions the signed-in person holds can be changed (the API refuses the rest anyway).
 */
function MemberPermissionsEditor({ membershipId, onClose, onSaved }: { membershipId: string; onClose: () => void; onSaved: () => void }) {
  const { can, isAdmin } = usePermissions();
  const catalogue = usePermissionCatalogue();
  const key = useDomainKey('member-permissions', membershipId);
  const qc = useQueryClient();
  const current = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/membership/{id}/permissions', { params: { path: { id: membershipId } } })),
  });
  const [draft, setDraft] = useState<{ grant: string[]; revoke: string[] } | null>(null);
  const save = useMutation({
    mutationFn: (body: { grant: string[]; revoke: string[] }) =>
      unwrap(api.PUT('/membership/{id}/permissions', { params: { path: { id: membershipId } }, body: body as PermissionChange })),
    onSuccess: (r) => {
      qc.setQueryData(key, r);
      setDraft(null);
      onSaved();
    },
  });
  const data = current.data?.data;
  const grant = draft?.grant ?? data?.granted ?? [];
  const revoke = draft?.revoke ?? data?.revoked ?? [];
  const role = new Set<string>(data?.role ?? []);
  const isOwner = data?.roleName === 'Owner';

  function toggle(p: string, holds: boolean) {
    const g = grant.filter((x) => x !== p);
    const r = revoke.filter((x) => x !== p);
    // Checking: the role's permission comes back, or a grant is added; unchecking: the opposite.
    if (holds && !role.has(p)) g.push(p);
    if (!holds && role.has(p)) r.push(p);
    setDraft({ grant: g, revoke: r });
  }

  return (
    <div className="card" data-testid="member-permissions-editor">
      <div className="card-head">
        <h2>Permissions of {data?.username ?? 'member'}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {current.isLoading || catalogue.isLoading ? (
        <Loading />
      ) : current.error ? (
        <ErrorBox error={current.error} />
      ) : (
        <>
          <p className="muted small">
            Role <strong>{data?.roleName}</strong> gives the permissions marked “role”. Grant more to this member, or remove some of the role’s.
            {isOwner && ' An Owner holds every permission; change their role to narrow them.'}
          </p>
          <ErrorBox error={save.error} title="Could not change the permissions" />
          <div className="perm-grid">
            {catalogue.data?.data.map(({ key: p, description }) => {
              const holds = (role.has(p) || grant.includes(p)) && !revoke.includes(p);
              const source = revoke.includes(p) ? 'removed' : grant.includes(p) ? 'granted' : role.has(p) ? 'role' : null;
              // Only what the signed-in person holds can be given or taken (instance admins hold everything).
              const mine = isAdmin || can(p);
              return (
                <label key={p} className="check" title={mine ? description : 'You do not hold this permission, so you cannot change it'}>
                    <input type="checkbox" data-testid={`perm-${p}`} checked={holds} disabled={!mine || (isOwner && role.has(p))} onChange={(e) => toggle(p, e.target.checked)} />{' '}
                    <code>{p}</code> <span className="muted small">{description}</span>
                    {source && <span className={`badge ${source === 'removed' ? 'badge-bad' : source === 'granted' ? 'badge-busy' : 'badge-idle'}`}>{source}</span>}
                </label>
              );
            })}
          </div>
          <div className="row">
            <button type="button" className="btn btn-primary" disabled={!draft || save.isPending} onClick={() => draft && save.mutate(draft)}>
              Save permissions
            </button>
            <button type="button" className="btn btn-ghost" disabled={!draft} onClick={() => setDraft(null)}>
              Undo changes
            </button>
            <button type="button" className="btn btn-ghost" disabled={!grant.length && !revoke.length} onClick={() => setDraft({ grant: [], revoke: [] })}>
              Back to the role’s
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** Admins can also make an account directly (for someone who can't receive an invite link). */
function CreateUser({ roles, onCreated }: { roles: Array<{ id: string; name: string }>; onCreated: () => void }) {
  const empty = { username: '', email: '', password: '', roleId: '' };
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/user', { body: { username: form.username, email: form.email, password: form.password, ...(form.roleId ? { roleIds: [form.roleId] } : {}) } })),
    onSuccess: (r) => {
      setCreated(r.data.username);
      setForm(empty);
      setOpen(false);
      onCreated();
    },
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  return (
    <div className="card" data-testid="create-user">
      <div className="card-head">
        <h2>Create a user</h2>
        {!open && (
          <button type="button" className="btn btn-small" onClick={() => (setOpen(true), setCreated(null))}>
            Create user
          </button>
        )}
      </div>
      {created && !open && (
        <p className="muted" role="status">
          Account <strong>{created}</strong> created. Give them their password through a safe channel; they can change it on their account page.
        </p>
      )}
      {open && (
        <form className="form" onSubmit={submit}>
          <ErrorBox error={create.error} title="Could not create the user" />
          <div className="form-inline">
            <Field label="Username" error={err?.field('username')}>
              <input name="newUsername" value={form.username} onChange={set('username')} autoComplete="off" required />
            </Field>
            <Field label="Email" error={err?.field('email')}>
              <input name="newEmail" type="email" value={form.email} onChange={set('email')} autoComplete="off" required />
            </Field>
            <Field label="Password" error={err?.field('password')} hint="At least 10 characters.">
              <input name="newPassword" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={10} required />
            </Field>
            <Field label="Role">
              <select name="newRole" value={form.roleId} onChange={set('roleId')}>
                <option value="">Member (default)</option>
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="row">
            <button className="btn btn-primary" disabled={create.isPending}>
              Create user
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

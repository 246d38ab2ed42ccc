import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { Empty, ErrorBox, Field, Loading, PageHeader } from '../components/ui';
import { useRoles } from './Members';
import { useDialogs } from '../components/dialogs';

type Permission = components['schemas']['RoleCreateDTO']['permissions'][number];
type Role = components['schemas']['RoleOutputDTO'];

export function usePermissionCatalogue() {
  return useQuery({ queryKey: ['permissions'], queryFn: () => unwrap(api.GET('/permissions')), staleTime: Infinity });
}

export function PermissionPicker({ value, onChange, only }: { value: string[]; onChange: (v: string[]) => void; only?: string[] }) {
  const cat = usePermissionCatalogue();
  if (cat.isLoading) return <Loading what="Loading permissions" />;
  if (cat.error) return <ErrorBox error={cat.error} />;
  const list = (cat.data?.data ?? []).filter((p) => !only || only.includes(p.key));
  return (
    <div className="perm-grid">
      {list.map((p) => (
        <label key={p.key} className="check" title={p.description}>
          <input
            type="checkbox"
            name={`perm-${p.key}`}
            checked={value.includes(p.key)}
            onChange={(e) => onChange(e.target.checked ? [...value, p.key] : value.filter((x) => x !== p.key))}
          />
          <span>
            <code>{p.key}</code>
            <span className="muted small"> {p.description}</span>
          </span>
        </label>
      ))}
    </div>
  );
}

export function RolesPage() {
  const dialogs = useDialogs();
  const roles = useRoles();
  const { can } = usePermissions();
  const [name, setName] = useState('');
  const [perms, setPerms] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/role', { body: { name, permissions: perms as Permission[] } })),
    onSuccess: () => {
      setName('');
      setPerms([]);
      setOpen(false);
      void roles.refetch();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/role/{id}', { params: { path: { id } } })),
    onSuccess: () => roles.refetch(),
  });
  const manage = can('roles.manage');
  const [editing, setEditing] = useState<Role | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  return (
    <>
      <PageHeader title="Roles">
        {manage && !open && (
          <button className="btn btn-primary" onClick={() => setOpen(true)}>
            New role
          </button>
        )}
      </PageHeader>
      {open && (
        <div className="card">
          <h2>New role</h2>
          <form className="form" onSubmit={submit}>
            <ErrorBox error={create.error} title="Could not create the role" />
            <Field label="Name" error={create.error instanceof ApiError ? create.error.field('name') : undefined}>
              <input name="roleName" value={name} onChange={(e) => setName(e.target.value)} required />
            </Field>
            <PermissionPicker value={perms} onChange={setPerms} />
            <div className="row">
              <button className="btn btn-primary" disabled={create.isPending}>
                Create role
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      )}
      {editing && (
        <EditRole
          key={editing.id}
          role={editing}
          onDone={() => {
            setEditing(null);
            void roles.refetch();
          }}
        />
      )}
      <ErrorBox error={remove.error} title="Could not delete the role" />
      <div className="card">
        {roles.isLoading ? (
          <Loading />
        ) : roles.error ? (
          <ErrorBox error={roles.error} />
        ) : !roles.data?.data.length ? (
          <Empty>No roles.</Empty>
        ) : (
          <table className="table" data-testid="roles-table">
            <thead>
              <tr>
                <th>Role</th>
                <th>Permissions</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {roles.data.data.map((r) => (
                <tr key={r.id}>
                  <td className="strong">
                    {r.name} {r.system && <span className="badge badge-idle">built-in</span>}
                  </td>
                  <td>
                    <div className="chips">
                      {r.permissions.length === 0 ? <span className="muted">none</span> : r.permissions.map((p) => <span key={p} className="chip">{p}</span>)}
                    </div>
                  </td>
                  <td className="actions">
                    {manage && r.system && (
                      <span className="muted small" title="Built-in roles cannot be changed; create a custom role instead">
                        read-only
                      </span>
                    )}
                    {manage && !r.system && (
                      <div className="row row-end">
                        <button className="btn btn-small" onClick={() => setEditing(r)} disabled={editing?.id === r.id}>
                          Edit
                        </button>
                        <button className="btn btn-small btn-danger" onClick={() => void dialogs.confirm({ title: `Delete role ${r.name}?`, confirmLabel: 'Delete', danger: true }).then((ok) => ok && remove.mutate(r.id))}>
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
    </>
  );
}

function EditRole({ role, onDone }: { role: Role; onDone: () => void }) {
  const [name, setName] = useState(role.name);
  const [perms, setPerms] = useState<string[]>(role.permissions);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/role/{id}', { params: { path: { id: role.id } }, body: { name: name.trim(), permissions: perms as Permission[] } })),
    onSuccess: () => onDone(),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <div className="card" data-testid="edit-role">
      <h2>Edit role “{role.name}”</h2>
      <form className="form" onSubmit={submit}>
        <ErrorBox error={save.error} title="Could not save the role" />
        <Field label="Role name" error={save.error instanceof ApiError ? save.error.field('name') : undefined}>
          <input name="editRoleName" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <PermissionPicker value={perms} onChange={setPerms} />
        <div className="row">
          <button className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save role'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

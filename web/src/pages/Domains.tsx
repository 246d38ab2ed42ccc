import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { session } from '../api/session';
import { useMe, usePermissions } from '../api/hooks';
import { Empty, ErrorBox, Field, PageHeader } from '../components/ui';

export function NewDomainPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [switchTo, setSwitchTo] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await unwrap(api.POST('/domain', { body: { name } }));
      if (switchTo) {
        await unwrap(api.POST('/selected-domain/{domainId}', { params: { path: { domainId: created.data.id } } }));
        session.set({ domainId: created.data.id });
      }
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'spec' && q.queryKey[0] !== 'bootstrap-status' });
      navigate('/servers');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="Create a domain" />
      <div className="card narrow">
        <p className="muted">A domain is a tenant: its own servers, nodes, members, roles and tokens. You become its owner.</p>
        <form className="form" onSubmit={submit}>
          <ErrorBox error={error} title="Could not create the domain" />
          <Field label="Name" error={error instanceof ApiError ? error.field('name') : undefined}>
            <input name="domainName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
          </Field>
          <label className="check">
            <input type="checkbox" checked={switchTo} onChange={(e) => setSwitchTo(e.target.checked)} /> Switch to it now
          </label>
          <button className="btn btn-primary" disabled={busy}>
            Create domain
          </button>
        </form>
      </div>
    </>
  );
}

/** The selected domain's settings: rename (domain.manage) and delete (its Owner, typed-name confirm). */
export function DomainSettingsPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe().data!.data;
  const { can, isAdmin } = usePermissions();
  const domain = me.domains.find((d) => d.id === me.domain);
  const [name, setName] = useState(domain?.name ?? '');
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  // Deleting is the Owner's act (the API refuses anyone else); read our role to offer it only to them.
  const mine = useQuery({
    queryKey: [me.domain, 'my-membership'],
    enabled: !!domain && can('members.read'),
    queryFn: () =>
      unwrap(api.POST('/membership/search', { body: { filters: { userId: [me.user.id] }, extend: ['role'], limit: 1 } as never })) as Promise<{
        data: Array<{ role?: { name: string; system: boolean } }>;
      }>,
  });
  const isOwner = isAdmin || (mine.data?.data[0]?.role?.system === true && mine.data.data[0].role.name === 'Owner');

  const rename = useMutation({
    mutationFn: () => unwrap(api.PUT('/domain/{id}', { params: { path: { id: domain!.id } }, body: { name } })),
    onSuccess: (r) => {
      setName(r.data.name);
      setSaved(true);
      return qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/domain/{id}', { params: { path: { id: domain!.id } } })),
    onSuccess: () => {
      // The API picks another domain of ours (or none) on the next /me.
      session.set({ domainId: undefined });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'spec' && q.queryKey[0] !== 'bootstrap-status' });
      navigate('/servers');
    },
  });

  if (!domain) return <Empty>No domain is selected.</Empty>;
  const renameError = rename.error instanceof ApiError ? rename.error : null;

  return (
    <>
      <PageHeader title="Domain settings" />
      <div className="card narrow">
        <h2>Name</h2>
        {can('domain.manage') ? (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(false);
              rename.mutate();
            }}
          >
            <ErrorBox error={rename.error} title="Could not rename the domain" />
            <Field label="Domain name" error={renameError?.field('name')}>
              <input
                name="domainName"
                value={name}
                maxLength={100}
                onChange={(e) => {
                  setName(e.target.value);
                  setSaved(false);
                }}
              />
            </Field>
            <div className="row">
              <button className="btn btn-primary" disabled={rename.isPending}>
                Rename
              </button>
              {saved && (
                <span className="muted" role="status">
                  Saved.
                </span>
              )}
            </div>
          </form>
        ) : (
          <p>
            <strong>{domain.name}</strong> <span className="muted">(renaming needs the domain.manage permission)</span>
          </p>
        )}
        <p className="muted small">Domain id: {domain.id}</p>
      </div>
      {isOwner && (
        <div className="card narrow danger-zone" data-testid="delete-domain">
          <h2>Delete this domain</h2>
          <p>Deletes the domain with its servers, nodes, members, roles, tokens and audit log. This cannot be undone.</p>
          <ErrorBox error={remove.error} title="Could not delete the domain" />
          {!confirming ? (
            <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
              Delete domain…
            </button>
          ) : (
            <form
              className="form"
              onSubmit={(e) => {
                e.preventDefault();
                if (typed === domain.name) remove.mutate();
              }}
            >
              <Field label={`Type the domain name (${domain.name}) to confirm`}>
                <input name="confirmName" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" />
              </Field>
              <div className="row">
                <button className="btn btn-danger" disabled={typed !== domain.name || remove.isPending}>
                  Delete {domain.name} forever
                </button>
                <button
                  type="button"
                  className="btn btn-ghost"
                  onClick={() => {
                    setConfirming(false);
                    setTyped('');
                  }}
                >
                  Cancel
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </>
  );
}

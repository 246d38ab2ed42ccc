import { FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { session } from '../api/session';
import { ErrorBox, Field, PageHeader } from '../components/ui';

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

import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, useMe } from '../api/hooks';
import type { components } from '../api/schema';
import { Empty, ErrorBox, Field, Loading, PageHeader, SecretOnce, when } from '../components/ui';
import { PermissionPicker } from './Roles';
import { useDialogs } from '../components/dialogs';

type Permission = NonNullable<components['schemas']['ApiTokenCreateDTO']['permissions']>[number];

export function TokensPage() {
  const dialogs = useDialogs();
  const qc = useQueryClient();
  const me = useMe().data?.data;
  const key = useDomainKey('apitokens');
  const tokens = useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/apitoken/search', { body: { limit: 1000, sortBy: 'createdAt', sortDirection: 'desc' } })) });
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [perms, setPerms] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/apitoken', {
          body: { name, permissions: perms as Permission[], ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}) },
        }),
      ),
    onSuccess: (r) => {
      setSecret(r.data.token);
      setName('');
      setPerms([]);
      setExpires('');
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/apitoken/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  return (
    <>
      <PageHeader title="API tokens" />
      <div className="card">
        <h2>New token</h2>
        {secret ? (
          <SecretOnce title="Your new API token" value={secret} onDone={() => setSecret(null)} />
        ) : (
          <form className="form" onSubmit={submit}>
            <ErrorBox error={create.error} title="Could not create the token" />
            <div className="form-inline">
              <Field label="Name" error={create.error instanceof ApiError ? create.error.field('name') : undefined}>
                <input name="tokenName" value={name} onChange={(e) => setName(e.target.value)} placeholder="CI deploys" required />
              </Field>
              <Field label="Expires (optional)">
                <input name="tokenExpires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
              </Field>
            </div>
            <details>
              <summary>Limit permissions (default: all of your role's)</summary>
              <PermissionPicker value={perms} onChange={setPerms} only={me?.permissions} />
            </details>
            <button className="btn btn-primary" disabled={create.isPending}>
              Create token
            </button>
          </form>
        )}
      </div>
      <ErrorBox error={revoke.error} title="Could not revoke" />
      <div className="card">
        {tokens.isLoading ? (
          <Loading />
        ) : tokens.error ? (
          <ErrorBox error={tokens.error} />
        ) : !tokens.data?.data.length ? (
          <Empty>No API tokens yet. Tokens let scripts and the Takaro API client act in this domain.</Empty>
        ) : (
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Prefix</th>
                <th className="hide-sm">Last used</th>
                <th className="hide-sm">Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.data.data.map((t) => (
                <tr key={t.id} className={t.revokedAt ? 'revoked' : ''}>
                  <td className="strong">{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td className="hide-sm muted">{when(t.lastUsedAt)}</td>
                  <td className="hide-sm muted">{t.expiresAt ? when(t.expiresAt) : 'never'}</td>
                  <td className="actions">
                    {t.revokedAt ? (
                      <span className="badge badge-bad">revoked</span>
                    ) : (
                      <button className="btn btn-small btn-danger" onClick={() => void dialogs.confirm({ title: `Revoke ${t.name}?`, confirmLabel: 'Revoke', danger: true }).then((ok) => ok && revoke.mutate(t.id))}>
                        Revoke
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

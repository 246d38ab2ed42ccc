import { FormEvent, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePermissions } from '../api/hooks';
import { ApiError } from '../api/errors';
import { Empty, ErrorBox, Field, Loading, PageHeader, when } from '../components/ui';
import { callApi } from './Auth';

interface InstanceSettings {
  registrationEnabled: boolean;
  registrationEmailDomains: string[];
  updatedAt: string;
  updatedBy: string | null;
}

/** Instance administrators: self-registration on/off and its email-domain allow-list (GET/PUT /admin/settings). */
export function InstanceSettingsPage() {
  const { isAdmin } = usePermissions();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['admin-settings'], queryFn: () => callApi<InstanceSettings>('GET', '/admin/settings'), enabled: isAdmin });
  const [enabled, setEnabled] = useState(false);
  const [domains, setDomains] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!q.data) return;
    setEnabled(q.data.registrationEnabled);
    setDomains(q.data.registrationEmailDomains.join('\n'));
  }, [q.data]);

  if (!isAdmin) return <Empty>Only instance administrators can change instance settings.</Empty>;
  if (q.isLoading) return <Loading what="Loading instance settings" />;
  if (q.error) return <ErrorBox error={q.error} title="Could not load instance settings" />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const registrationEmailDomains = domains
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean);
      const next = await callApi<InstanceSettings>('PUT', '/admin/settings', { registrationEnabled: enabled, registrationEmailDomains });
      qc.setQueryData(['admin-settings'], next);
      await qc.invalidateQueries({ queryKey: ['public-settings'] });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const domainError = error instanceof ApiError ? error.details.find((d) => d.path?.startsWith('registrationEmailDomains'))?.message : undefined;
  return (
    <>
      <PageHeader title="Instance settings" />
      <div className="card narrow">
        <form className="form" onSubmit={submit} data-testid="instance-settings-form">
          <ErrorBox error={error} title="Could not save" />
          {saved && (
            <p className="alert alert-info" role="status">
              Saved.
            </p>
          )}
          <label className="check">
            <input type="checkbox" name="registrationEnabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <span>
              Anyone may create an account
              <br />
              <span className="muted">The sign-in page links to a registration form. New accounts belong to no domain: they create one or wait for an invite.</span>
            </span>
          </label>
          <Field label="Allowed email domains" error={domainError} hint="One per line, e.g. example.com (exact match; subdomains are separate entries). Empty: any email may register. At most 100.">
            <textarea name="registrationEmailDomains" rows={5} value={domains} onChange={(e) => setDomains(e.target.value)} placeholder="example.com" />
          </Field>
          <button className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          {q.data && <p className="muted">Last changed {when(q.data.updatedAt)}.</p>}
        </form>
      </div>
    </>
  );
}

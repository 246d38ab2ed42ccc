import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { components, GameServer } from '../api/schema';
import { useDialogs } from '../components/dialogs';
import { Empty, ErrorBox, Field, Loading, NotAvailable, when } from '../components/ui';

type Config = components['schemas']['GitDeployConfigDTO'];
type Sync = components['schemas']['GitSyncOutputDTO'];

const TONE: Record<string, string> = { succeeded: 'ok', running: 'busy', failed: 'bad' };

function SyncBadge({ status }: { status: Sync['status'] }) {
  return (
    <span className={`badge badge-${TONE[status] ?? 'idle'}`} data-testid="sync-status">
      {status === 'running' ? (
        <span className="badge-spin">
          <span className="spinner spinner-small" aria-hidden /> syncing
        </span>
      ) : (
        status
      )}
    </span>
  );
}

/** The server's Deploy tab: which repository its files come from, sync now, and the history of syncs. */
export function ServerDeploy({ server }: { server: GameServer }) {
  const id = server.id;
  const caps = useCapabilities();
  const { can } = usePermissions();
  const manage = can('deploy.manage');
  const qc = useQueryClient();
  const dialogs = useDialogs();
  const key = useDomainKey('git', id);
  const historyKey = useDomainKey('git-syncs', id);
  const git = useQuery({
    queryKey: key,
    enabled: caps.has('/gameserver/{id}/git'),
    queryFn: () => unwrap(api.GET('/gameserver/{id}/git', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.data.lastSync?.status === 'running' ? 1500 : 15_000),
  });
  const lastSync = git.data?.data.lastSync;
  const running = lastSync?.status === 'running';
  const history = useQuery({
    // Keyed by the latest sync and its status: when it moves on (running → failed), the history is read
    // again; a key of just "running or not" would come back to a cached page that still says running.
    queryKey: [...historyKey, lastSync?.id ?? null, lastSync?.status ?? null],
    enabled: caps.has('/gameserver/{id}/git/syncs'),
    queryFn: () => unwrap(api.GET('/gameserver/{id}/git/syncs', { params: { path: { id } } })),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: historyKey });
  };
  const sync = useMutation({
    mutationFn: () => unwrap(api.POST('/gameserver/{id}/git/sync', { params: { path: { id } } })),
    onSettled: refresh,
  });
  // The form keeps its fields across saves (a first save must not remount it); a removal starts it afresh.
  const [formKey, setFormKey] = useState(0);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/gameserver/{id}/git', { params: { path: { id } } })),
    onSuccess: () => setFormKey((k) => k + 1),
    onSettled: refresh,
  });

  if (!caps.has('/gameserver/{id}/git')) return <NotAvailable feature="Git deploys" path="GET /gameserver/:id/git" />;
  if (git.isLoading) return <Loading what="Loading the deploy settings" />;
  if (git.error) return <ErrorBox error={git.error} title="Could not load the deploy settings" />;
  const config = git.data!.data.config;
  const last = git.data!.data.lastSync;
  const syncs = history.data?.data ?? [];

  return (
    <div className="deploy" data-testid="server-deploy">
      {!manage && (
        <div className="hint-box deploy-hint" data-testid="deploy-readonly">
          Your role can see this server’s git deploy but not change or sync it (that needs the “deploy.manage” permission).
        </div>
      )}
      <div className="card">
        <div className="card-head">
          <h2>Repository</h2>
          {config && manage && (
            <div className="row">
              <button className="btn btn-primary" disabled={sync.isPending || running} onClick={() => sync.mutate()}>
                {running ? 'Syncing…' : 'Sync now'}
              </button>
            </div>
          )}
        </div>
        <ErrorBox error={sync.error} title="Could not start the sync" />
        <ErrorBox error={remove.error} title="Could not remove the git deploy" />
        {config && (
          <div className="deploy-status" data-testid="deploy-status">
            {last ? (
              <>
                <SyncBadge status={last.status} /> <span className="muted small">{last.trigger === 'webhook' ? 'by a webhook' : 'by hand'}, {when(last.finishedAt ?? last.startedAt)}</span>
                {last.commit && (
                  <span className="small">
                    {' '}
                    · <code>{last.commit.slice(0, 10)}</code> {last.commitMessage}
                  </span>
                )}
                {last.error && <div className="alert alert-error small deploy-error">{last.error}</div>}
              </>
            ) : (
              <span className="muted">Never synced yet.</span>
            )}
          </div>
        )}
        <DeployForm
          key={formKey}
          serverId={id}
          config={config}
          disabled={!manage}
          onSaved={(fresh) => {
            qc.setQueryData(key, fresh);
            void qc.invalidateQueries({ queryKey: historyKey });
          }}
          onRemove={() =>
            void dialogs
              .confirm({ title: `Stop deploying ${server.name} from git?`, body: 'The settings and the stored access token are removed. The server’s files stay as they are.', confirmLabel: 'Remove', danger: true })
              .then((ok) => ok && remove.mutate())
          }
        />
      </div>
      <div className="card deploy-webhook-hint">
        <h3>Deploy on push</h3>
        <p className="muted small">
          With “Auto deploy” on, a push to <code>{config?.branch ?? 'the branch'}</code> of this repository syncs the server. Create a webhook token on the{' '}
          <Link to="/integrations#webhooks">Integrations page</Link>, then in GitHub (Settings → Webhooks: payload URL, content type application/json, the token’s secret) or GitLab (Settings → Webhooks: URL and secret token) add its
          URL for push events.
        </p>
      </div>
      <div className="card">
        <h2>Sync history</h2>
        {history.isLoading ? (
          <Loading />
        ) : history.error ? (
          <ErrorBox error={history.error} title="Could not load the history" />
        ) : syncs.length === 0 ? (
          <Empty>No syncs yet.</Empty>
        ) : (
          <table className="table stack-sm" data-testid="sync-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Status</th>
                <th>Commit</th>
                <th>Trigger</th>
              </tr>
            </thead>
            <tbody>
              {syncs.map((s) => (
                <tr key={s.id} data-testid="sync-row" data-status={s.status}>
                  <td className="muted">{when(s.startedAt)}</td>
                  <td>
                    <SyncBadge status={s.status} />
                    {s.error && <div className="warn-text small wrap">{s.error}</div>}
                  </td>
                  <td className="wrap">
                    {s.commit ? <code>{s.commit.slice(0, 10)}</code> : <span className="muted">—</span>} {s.commitMessage}
                  </td>
                  <td>{s.trigger === 'webhook' ? 'webhook' : 'by hand'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function DeployForm({
  serverId,
  config,
  disabled,
  onSaved,
  onRemove,
}: {
  serverId: string;
  config: Config | null;
  disabled: boolean;
  onSaved: (fresh: { data: components['schemas']['GitDeployOutputDTO'] }) => void;
  onRemove: () => void;
}) {
  const [url, setUrl] = useState(config?.url ?? '');
  const [branch, setBranch] = useState(config?.branch ?? 'main');
  const [subdirectory, setSubdirectory] = useState(config?.subdirectory ?? '');
  const [targetDirectory, setTargetDirectory] = useState(config?.targetDirectory ?? '');
  const [token, setToken] = useState('');
  const [dropToken, setDropToken] = useState(false);
  const [restartOnSync, setRestartOnSync] = useState(config?.restartOnSync ?? false);
  const [autoDeploy, setAutoDeploy] = useState(config?.autoDeploy ?? true);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      // The token is write-only: empty keeps the stored one (for the same URL), the checkbox removes it.
      const tokenPart = dropToken ? { token: null } : token ? { token } : {};
      return unwrap(
        api.PUT('/gameserver/{id}/git', {
          params: { path: { id: serverId } },
          body: { url: url.trim(), branch: branch.trim(), subdirectory: subdirectory.trim(), targetDirectory: targetDirectory.trim(), restartOnSync, autoDeploy, ...tokenPart },
        }),
      );
    },
    onMutate: () => setSaved(false),
    onSuccess: (r) => {
      setSaved(true);
      setToken('');
      setDropToken(false);
      onSaved(r);
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const urlChanged = !!config && url.trim() !== config.url;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={submit} data-testid="deploy-form">
      {!config && <p className="muted">This server does not track a repository. Its files can come from a git branch: on every sync the repository’s files are copied into the server’s data.</p>}
      <ErrorBox error={save.error} title="Could not save the git deploy" />
      {saved && !save.isPending && (
        <div className="alert alert-ok" role="status" data-testid="deploy-saved">
          Saved.
        </div>
      )}
      <fieldset disabled={disabled} className="plain-fieldset">
        <div className="grid-2">
          <Field label="Repository URL" error={err?.field('url')} hint="https://, http:// or git:// (no SSH or local paths)">
            <input name="gitUrl" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2048} required placeholder="https://github.com/acme/server-config.git" />
          </Field>
          <Field label="Branch" error={err?.field('branch')}>
            <input name="gitBranch" value={branch} onChange={(e) => setBranch(e.target.value)} maxLength={255} required />
          </Field>
          <Field label="Sub-directory of the repository" error={err?.field('subdirectory')} hint="Empty: the whole repository">
            <input name="gitSubdirectory" value={subdirectory} onChange={(e) => setSubdirectory(e.target.value)} maxLength={1024} placeholder="config/" />
          </Field>
          <Field label="Target directory on the server" error={err?.field('targetDirectory')} hint="Empty: the server’s root. Files of the same path are overwritten, others are left alone.">
            <input name="gitTarget" value={targetDirectory} onChange={(e) => setTargetDirectory(e.target.value)} maxLength={1024} placeholder="plugins/" />
          </Field>
          <Field
            label="Access token (private repositories)"
            error={err?.field('token')}
            hint={config?.hasToken ? (urlChanged && !token ? 'A token is set; it is dropped when the URL changes unless you enter it again.' : 'A token is set. Leave empty to keep it.') : 'Stored encrypted, never shown again.'}
          >
            <input
              name="gitToken"
              type="password"
              autoComplete="new-password"
              value={token}
              disabled={dropToken}
              onChange={(e) => setToken(e.target.value)}
              maxLength={1000}
              placeholder={config?.hasToken ? '•••••••• (a token is set)' : ''}
            />
          </Field>
          <div className="deploy-checks">
            {config?.hasToken && (
              <label className="check">
                <input type="checkbox" name="gitDropToken" checked={dropToken} onChange={(e) => setDropToken(e.target.checked)} />
                <span>Remove the stored token</span>
              </label>
            )}
            <label className="check">
              <input type="checkbox" name="gitRestart" checked={restartOnSync} onChange={(e) => setRestartOnSync(e.target.checked)} />
              <span>Restart on sync (stop before, start after, if it runs)</span>
            </label>
            <label className="check">
              <input type="checkbox" name="gitAuto" checked={autoDeploy} onChange={(e) => setAutoDeploy(e.target.checked)} />
              <span>Auto deploy on push (webhooks)</span>
            </label>
          </div>
        </div>
        {!disabled && (
          <div className="row">
            <button className="btn btn-primary" disabled={save.isPending}>
              {config ? 'Save' : 'Set up git deploy'}
            </button>
            {config && (
              <button type="button" className="btn btn-danger" onClick={onRemove}>
                Remove
              </button>
            )}
          </div>
        )}
      </fieldset>
    </form>
  );
}

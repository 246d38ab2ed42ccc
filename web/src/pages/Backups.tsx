import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { components, GameServer } from '../api/schema';
import { bytes, Empty, ErrorBox, Field, Loading, NotAvailable, when } from '../components/ui';
import { ConfirmDialog, useDialogs } from '../components/dialogs';

type Backup = components['schemas']['BackupOutputDTO'];

const MAX_IGNORE = 100;

function BackupState({ b }: { b: Backup }) {
  if (b.state === 'creating')
    return (
      <span className="badge badge-busy badge-spin" data-testid="backup-state">
        <span className="spinner spinner-small" aria-hidden /> in progress
      </span>
    );
  if (b.state === 'failed')
    return (
      <span className="badge badge-bad" data-testid="backup-state">
        failed
      </span>
    );
  return (
    <span className="badge badge-ok" data-testid="backup-state">
      completed
    </span>
  );
}

function RestoreNote({ b }: { b: Backup }) {
  if (b.restoreState === 'restoring')
    return (
      <div className="restore-note busy-text" data-testid="restore-state">
        <span className="spinner spinner-small" aria-hidden /> Restoring…
      </div>
    );
  if (b.restoreState === 'restored')
    return (
      <div className="restore-note ok-text" data-testid="restore-state">
        Restored {when(b.restoredAt)}
      </div>
    );
  if (b.restoreState === 'failed')
    return (
      <div className="restore-note field-error" data-testid="restore-state">
        Restore failed{b.restoreError ? `: ${b.restoreError}` : ''}
      </div>
    );
  return null;
}

export function Backups({ server }: { server: GameServer }) {
  const dialogs = useDialogs();
  const id = server.id;
  const caps = useCapabilities();
  const { can } = usePermissions();
  const manage = can('backups.manage');
  const qc = useQueryClient();
  const key = useDomainKey('backups', id);
  const list = useQuery({
    queryKey: key,
    enabled: caps.has('/backup/search'),
    queryFn: () =>
      unwrap(
        api.POST('/backup/search', {
          body: { filters: { gameserverId: [id] }, limit: 1000, sortBy: 'createdAt', sortDirection: 'desc' } as never,
        }),
      ),
    // Poll while an archive is being made or restored; otherwise a slow refresh.
    refetchInterval: (q) => (q.state.data?.data.some((b) => b.state === 'creating' || b.restoreState === 'restoring') ? 1000 : 10_000),
  });
  const target = useQuery({
    queryKey: useDomainKey('backup-target'),
    enabled: caps.has('/backup-config/active'),
    queryFn: () => unwrap(api.GET('/backup-config/active')),
  });

  const [name, setName] = useState('');
  const [ignore, setIgnore] = useState('');
  const [showCreate, setShowCreate] = useState(false);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [error, setError] = useState<{ title: string; error: unknown } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });

  const patterns = ignore
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/backup', {
          body: { gameserverId: id, ...(name.trim() ? { name: name.trim() } : {}), ...(patterns.length ? { ignore: patterns } : {}) },
        }),
      ),
    onSuccess: () => {
      setName('');
      setIgnore('');
      setShowCreate(false);
      void refresh();
    },
  });
  const act = useMutation({
    mutationFn: async ({ run }: { title: string; run: () => Promise<unknown> }) => run(),
    onMutate: () => setError(null),
    onError: (e, v) => setError({ title: v.title, error: e }),
    onSettled: () => void refresh(),
  });
  const restore = useMutation({
    mutationFn: (b: Backup) => unwrap(api.POST('/backup/{id}/restore', { params: { path: { id: b.id } } })),
    onMutate: () => setError(null),
    onSuccess: () => {
      setRestoring(null);
      void refresh();
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'server' && q.queryKey[2] === id });
    },
  });

  async function download(b: Backup) {
    setError(null);
    try {
      const link = await unwrap(api.POST('/backup/{id}/download', { params: { path: { id: b.id } } }));
      // A one-use link that needs no credentials: the browser downloads it (Content-Disposition).
      window.location.assign(link.data.url);
    } catch (e) {
      setError({ title: 'Could not download the backup', error: e });
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  if (!caps.has('/backup/search')) return <NotAvailable feature="Backups" path="POST /backup/search" />;
  const backups = list.data?.data ?? [];
  // What the per-server limit counts: backups being made or completed (failed ones do not).
  const held = backups.filter((b) => b.state !== 'failed').length;
  const limit = target.data?.data.maxBackupsPerServer;
  const createError = create.error instanceof ApiError ? create.error : undefined;

  return (
    <div className="card backups" data-testid="backups">
      <div className="toolbar">
        <div>
          <h2 className="inline-h">Backups</h2>{' '}
          {limit != null && (
            <span className="muted small" data-testid="backup-limit">
              {held} of {limit} backups
              {target.data?.data.kind ? ` · stored on ${target.data.data.kind === 's3' ? 'S3' : 'the node’s disk'}` : ''}
            </span>
          )}
        </div>
        {manage && !showCreate && (
          <button className="btn btn-primary" onClick={() => setShowCreate(true)}>
            Create backup
          </button>
        )}
      </div>
      {showCreate && (
        <form className="form create-backup" onSubmit={submit} data-testid="create-backup">
          <ErrorBox error={create.error} title="Could not create the backup" />
          <Field label="Backup name" hint="Optional: defaults to the date and time" error={createError?.field('name')}>
            <input name="backupName" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="Before the 1.21 update" />
          </Field>
          <Field
            label="Ignored files"
            hint={
              <>
                One pattern per line, <code>.gitignore</code> syntax (like <code>.pteroignore</code>), besides the template’s. {patterns.length}/{MAX_IGNORE}
              </>
            }
            error={createError?.field('ignore') ?? (patterns.length > MAX_IGNORE ? `At most ${MAX_IGNORE} patterns` : undefined)}
          >
            <textarea name="backupIgnore" className="code ignore-text" rows={4} value={ignore} onChange={(e) => setIgnore(e.target.value)} placeholder={'logs/\n*.tmp'} />
          </Field>
          <div className="row">
            <button className="btn btn-primary" disabled={create.isPending || patterns.length > MAX_IGNORE}>
              {create.isPending ? 'Starting…' : 'Start backup'}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setShowCreate(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && <ErrorBox error={error.error} title={error.title} />}
      <ErrorBox error={restore.error} title="Could not restore the backup" />
      {list.isLoading ? (
        <Loading what="Loading backups" />
      ) : list.error ? (
        <ErrorBox error={list.error} title="Could not load the backups" />
      ) : backups.length === 0 ? (
        <Empty>No backups of {server.name} yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table backup-table stack-sm" data-testid="backup-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>State</th>
                <th className="hide-sm">Created</th>
                <th>Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.id} data-testid="backup-row" data-name={b.name}>
                  <td>
                    <div className="strong backup-name">
                      {b.locked && (
                        <span className="lock" title="Locked: cannot be deleted, by hand or by retention" role="img" aria-label="Locked" data-testid="locked">
                          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
                            <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
                            <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
                          </svg>
                        </span>
                      )}
                      {b.name}
                    </div>
                    <div className="muted small show-sm">{when(b.createdAt)}</div>
                    {b.state === 'failed' && b.error && (
                      <div className="field-error small" data-testid="backup-error">
                        {b.error}
                      </div>
                    )}
                    <RestoreNote b={b} />
                  </td>
                  <td>
                    <BackupState b={b} />
                  </td>
                  <td className="hide-sm muted">{when(b.createdAt)}</td>
                  <td className="muted" data-testid="backup-size">
                    {b.state === 'completed' ? bytes(b.sizeBytes) : '—'}
                  </td>
                  <td className="actions">
                    {manage && (
                      <div className="row row-end backup-actions">
                        <button className="btn btn-small" disabled={b.state !== 'completed'} onClick={() => download(b)}>
                          Download
                        </button>
                        <button
                          className="btn btn-small"
                          disabled={b.state !== 'completed' || b.restoreState === 'restoring' || restore.isPending}
                          onClick={() => {
                            restore.reset();
                            setRestoring(b);
                          }}
                        >
                          Restore
                        </button>
                        <button
                          className="btn btn-small"
                          disabled={act.isPending}
                          onClick={() =>
                            act.mutate({
                              title: b.locked ? 'Could not unlock the backup' : 'Could not lock the backup',
                              run: () => unwrap(api.POST(b.locked ? '/backup/{id}/unlock' : '/backup/{id}/lock', { params: { path: { id: b.id } } })),
                            })
                          }
                        >
                          {b.locked ? 'Unlock' : 'Lock'}
                        </button>
                        <span title={b.locked ? 'Locked backups cannot be deleted: unlock it first' : undefined} className="tip-wrap">
                          <button
                            className="btn btn-small btn-danger"
                            disabled={b.locked || b.state === 'creating' || act.isPending}
                            onClick={() =>
                              void dialogs.confirm({ title: `Delete the backup “${b.name}” of ${server.name}? Its archive is removed; this cannot be undone.`, confirmLabel: 'Delete', danger: true }).then((ok) => ok && act.mutate({ title: 'Could not delete the backup', run: () => unwrap(api.DELETE('/backup/{id}', { params: { path: { id: b.id } } })) }))
                            }
                          >
                            Delete
                          </button>
                        </span>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {restoring && (
        <ConfirmDialog
          testId="restore-dialog"
          title={`Restore “${restoring.name}”?`}
          confirmLabel={restore.isPending ? 'Restoring…' : 'Replace all files'}
          danger
          busy={restore.isPending}
          onCancel={() => setRestoring(null)}
          onConfirm={() => restore.mutate(restoring)}
        >
          <p>
            This restores the backup <strong>{restoring.name}</strong> made on <strong>{when(restoring.createdAt)}</strong>
            {restoring.sizeBytes != null ? ` (${bytes(restoring.sizeBytes)})` : ''}.
          </p>
          <p className="warn-text">
            All current files of <strong>{server.name}</strong> will be replaced by the files in this backup. Files created or changed since then are lost.
          </p>
          <p className="muted">The server is stopped for the restore and started again if it was running. The archive’s checksum is verified first: if it does not match, nothing is changed.</p>
          <ErrorBox error={restore.error} title="Could not restore the backup" />
        </ConfirmDialog>
      )}
    </div>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { Empty, ErrorBox, Field, Loading, NotAvailable, PageHeader } from '../components/ui';
import { useDialogs } from '../components/dialogs';

type Config = components['schemas']['BackupConfigOutputDTO'];
type CreateBody = components['schemas']['BackupConfigCreateDTO'];
type UpdateBody = components['schemas']['BackupConfigUpdateDTO'];
type Kind = CreateBody['kind'];

interface Draft {
  name: string;
  kind: Kind;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  maxBackupsPerServer: string;
  keepLast: string;
  maxAgeDays: string;
  activate: boolean;
}

function draftOf(c?: Config): Draft {
  return {
    name: c?.name ?? '',
    kind: (c?.kind as Kind) ?? 'local',
    endpoint: c?.endpoint ?? '',
    region: c?.region ?? '',
    bucket: c?.bucket ?? '',
    prefix: c?.prefix ?? '',
    forcePathStyle: c?.forcePathStyle ?? true,
    accessKeyId: '',
    secretAccessKey: '',
    maxBackupsPerServer: String(c?.maxBackupsPerServer ?? 10),
    keepLast: c?.keepLast != null ? String(c.keepLast) : '',
    maxAgeDays: c?.maxAgeDays != null ? String(c.maxAgeDays) : '',
    activate: !c,
  };
}

const num = (s: string) => (s.trim() === '' ? null : Number(s));

function limits(c: { maxBackupsPerServer: number; keepLast?: number | null; maxAgeDays?: number | null }): string {
  return [`max ${c.maxBackupsPerServer} per server`, c.keepLast ? `keep last ${c.keepLast}` : '', c.maxAgeDays ? `delete after ${c.maxAgeDays} days` : ''].filter(Boolean).join(' · ');
}

export function BackupStoragePage() {
  const dialogs = useDialogs();
  const caps = useCapabilities();
  const { can } = usePermissions();
  const manage = can('backups.manage');
  const qc = useQueryClient();
  const key = useDomainKey('backup-configs');
  const targetKey = useDomainKey('backup-target');
  const available = caps.has('/backup-config/search');
  const configs = useQuery({
    queryKey: key,
    enabled: available,
    queryFn: () => unwrap(api.POST('/backup-config/search', { body: { limit: 100, sortBy: 'createdAt', sortDirection: 'asc' } as never })),
  });
  const target = useQuery({ queryKey: targetKey, enabled: available, queryFn: () => unwrap(api.GET('/backup-config/active')) });
  const [editing, setEditing] = useState<Config | 'new' | null>(null);
  const [error, setError] = useState<{ title: string; error: unknown } | null>(null);
  const [tested, setTested] = useState<Record<string, { ok: boolean; message: string }>>({});
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: targetKey });
  };
  const act = useMutation({
    mutationFn: async ({ run }: { title: string; run: () => Promise<unknown> }) => run(),
    onMutate: () => setError(null),
    onError: (e, v) => setError({ title: v.title, error: e }),
    onSettled: refresh,
  });
  const test = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/backup-config/{id}/test', { params: { path: { id } } })),
    onMutate: (id) => {
      setError(null);
      setTested((t) => {
        const next = { ...t };
        delete next[id];
        return next;
      });
    },
    onSuccess: (r, id) => setTested((t) => ({ ...t, [id]: r.data })),
    onError: (e) => setError({ title: 'Could not test the connection', error: e }),
  });

  if (caps.loading) return <Loading />;
  if (!available) return <NotAvailable feature="Backup storage settings" path="POST /backup-config/search" />;
  const t = target.data?.data;
  const list = configs.data?.data ?? [];

  return (
    <>
      <PageHeader title="Backup storage">
        {manage && !editing && (
          <button className="btn btn-primary" onClick={() => setEditing('new')}>
            Add storage
          </button>
        )}
      </PageHeader>
      <div className="card" data-testid="backup-target">
        <h2>Where new backups go</h2>
        {target.isLoading ? (
          <Loading />
        ) : target.error ? (
          <ErrorBox error={target.error} />
        ) : t ? (
          <p className="lead">
            {t.config ? (
              <>
                <strong>{t.config.name}</strong> ({t.kind === 's3' ? `S3 bucket ${t.config.bucket ?? ''}` : 'the node’s local disk'})
              </>
            ) : (
              <>Nothing configured: each backup is kept on the disk of the node that runs the server.</>
            )}{' '}
            <span className="muted">· {limits(t)}</span>
          </p>
        ) : null}
      </div>
      {editing && (
        <ConfigEditor
          key={editing === 'new' ? 'new' : editing.id}
          config={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      {error && <ErrorBox error={error.error} title={error.title} />}
      <div className="card">
        {configs.isLoading ? (
          <Loading />
        ) : configs.error ? (
          <ErrorBox error={configs.error} title="Could not load the backup storage" />
        ) : list.length === 0 ? (
          <Empty>No storage configured. Add an S3-compatible bucket to keep backups off the game machines.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="backup-config-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Storage</th>
                  <th className="hide-sm">Limits</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id} data-testid="backup-config-row" data-name={c.name}>
                    <td>
                      <div className="strong">
                        {c.name} {c.active && <span className="badge badge-ok">active</span>}
                      </div>
                      {tested[c.id] && (
                        <div className={`small ${tested[c.id].ok ? 'ok-text' : 'field-error'}`} data-testid="test-result">
                          {tested[c.id].ok ? '✓ ' : '✗ '}
                          {tested[c.id].message}
                        </div>
                      )}
                    </td>
                    <td className="small">
                      {c.kind === 's3' ? (
                        <>
                          S3 <code>{c.bucket}</code>
                          {c.prefix ? <code>/{c.prefix}</code> : null}
                          <div className="muted wrap">{c.endpoint ?? 'AWS'}</div>
                          <div className="muted">{c.hasCredentials ? `key …${c.accessKeyIdLast4 ?? ''}` : 'no credentials'}</div>
                        </>
                      ) : (
                        'Node’s local disk'
                      )}
                    </td>
                    <td className="hide-sm muted small">{limits(c)}</td>
                    <td className="actions">
                      {manage && (
                        <div className="row row-end">
                          {!c.active && (
                            <button
                              className="btn btn-small btn-primary"
                              disabled={act.isPending}
                              onClick={() => act.mutate({ title: 'Could not activate', run: () => unwrap(api.POST('/backup-config/{id}/activate', { params: { path: { id: c.id } } })) })}
                            >
                              Activate
                            </button>
                          )}
                          <button className="btn btn-small" disabled={test.isPending} onClick={() => test.mutate(c.id)}>
                            {test.isPending && test.variables === c.id ? 'Testing…' : 'Test'}
                          </button>
                          <button className="btn btn-small" onClick={() => setEditing(c)}>
                            Edit
                          </button>
                          <button
                            className="btn btn-small btn-danger"
                            disabled={act.isPending}
                            onClick={() =>
                              void dialogs.confirm({ title: `Delete the backup storage “${c.name}”?`, confirmLabel: 'Delete', danger: true }).then((ok) => ok && act.mutate({ title: 'Could not delete the backup storage', run: () => unwrap(api.DELETE('/backup-config/{id}', { params: { path: { id: c.id } } })) }))
                            }
                          >
                            Delete
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}

function ConfigEditor({ config, onDone }: { config?: Config; onDone: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(config));
  const set = (patch: Partial<Draft>) => setD((o) => ({ ...o, ...patch }));
  const s3 = d.kind === 's3';
  const save = useMutation({
    mutationFn: () => {
      const common = {
        maxBackupsPerServer: Number(d.maxBackupsPerServer),
        keepLast: num(d.keepLast),
        maxAgeDays: num(d.maxAgeDays),
        ...(s3
          ? {
              endpoint: d.endpoint.trim() || null,
              ...(d.region.trim() ? { region: d.region.trim() } : {}),
              bucket: d.bucket.trim(),
              prefix: d.prefix.trim(),
              forcePathStyle: d.forcePathStyle,
              // Empty on edit = keep the stored credentials.
              ...(d.accessKeyId ? { accessKeyId: d.accessKeyId } : {}),
              ...(d.secretAccessKey ? { secretAccessKey: d.secretAccessKey } : {}),
            }
          : {}),
      };
      if (config) return unwrap(api.PUT('/backup-config/{id}', { params: { path: { id: config.id } }, body: { name: d.name.trim(), ...common } as UpdateBody }));
      return unwrap(api.POST('/backup-config', { body: { name: d.name.trim(), kind: d.kind, activate: d.activate, ...common } as CreateBody }));
    },
    onSuccess: onDone,
  });
  const err = save.error instanceof ApiError ? save.error : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  return (
    <form className="card form" onSubmit={submit} data-testid="backup-config-editor">
      <h2>{config ? `Edit ${config.name}` : 'Add backup storage'}</h2>
      <ErrorBox error={save.error} title="Could not save the backup storage" />
      <div className="grid-2">
        <Field label="Storage name" error={err?.field('name')}>
          <input name="configName" value={d.name} maxLength={100} required onChange={(e) => set({ name: e.target.value })} placeholder="Offsite S3" />
        </Field>
        <Field label="Kind" error={err?.field('kind')}>
          <select name="configKind" value={d.kind} disabled={!!config} onChange={(e) => set({ kind: e.target.value as Kind })}>
            <option value="local">Node’s local disk</option>
            <option value="s3">S3-compatible bucket</option>
          </select>
        </Field>
      </div>
      {s3 && (
        <>
          <div className="grid-2">
            <Field label="Endpoint" hint="Empty for AWS; e.g. https://s3.eu-central-003.backblazeb2.com or http://minio:9000" error={err?.field('endpoint')}>
              <input name="endpoint" value={d.endpoint} maxLength={2048} onChange={(e) => set({ endpoint: e.target.value })} placeholder="https://…" />
            </Field>
            <Field label="Region" hint="Default us-east-1" error={err?.field('region')}>
              <input name="region" value={d.region} maxLength={64} onChange={(e) => set({ region: e.target.value })} placeholder="us-east-1" />
            </Field>
            <Field label="Bucket" error={err?.field('bucket')}>
              <input name="bucket" value={d.bucket} maxLength={63} required onChange={(e) => set({ bucket: e.target.value })} placeholder="game-backups" />
            </Field>
            <Field label="Prefix" hint="Prepended to every object key, e.g. outpost/" error={err?.field('prefix')}>
              <input name="prefix" value={d.prefix} maxLength={256} onChange={(e) => set({ prefix: e.target.value })} />
            </Field>
            <Field label="Access key id" hint={config?.hasCredentials ? `Stored (…${config.accessKeyIdLast4 ?? ''}); leave both empty to keep, or enter both to replace` : undefined} error={err?.field('accessKeyId')}>
              <input name="accessKeyId" autoComplete="off" value={d.accessKeyId} maxLength={256} required={!config?.hasCredentials} onChange={(e) => set({ accessKeyId: e.target.value })} />
            </Field>
            <Field label="Secret access key" hint={config?.hasCredentials ? 'Never shown; leave both empty to keep the stored pair' : 'Stored encrypted, never shown again'} error={err?.field('secretAccessKey')}>
              <input name="secretAccessKey" type="password" autoComplete="new-password" value={d.secretAccessKey} maxLength={256} required={!config?.hasCredentials} onChange={(e) => set({ secretAccessKey: e.target.value })} />
            </Field>
          </div>
          <label className="check">
            <input type="checkbox" name="forcePathStyle" checked={d.forcePathStyle} onChange={(e) => set({ forcePathStyle: e.target.checked })} /> Path-style URLs (bucket in the path), as most S3-compatible servers need
          </label>
        </>
      )}
      <div className="grid-3">
        <Field label="Max backups per server" error={err?.field('maxBackupsPerServer')}>
          <input name="maxBackupsPerServer" type="number" min={1} max={1000} required value={d.maxBackupsPerServer} onChange={(e) => set({ maxBackupsPerServer: e.target.value })} />
        </Field>
        <Field label="Keep last" hint="Newest N unlocked; empty = no count limit" error={err?.field('keepLast')}>
          <input name="keepLast" type="number" min={1} max={1000} value={d.keepLast} onChange={(e) => set({ keepLast: e.target.value })} />
        </Field>
        <Field label="Max age (days)" hint="Empty = keep forever; locked backups are never deleted" error={err?.field('maxAgeDays')}>
          <input name="maxAgeDays" type="number" min={1} max={3650} value={d.maxAgeDays} onChange={(e) => set({ maxAgeDays: e.target.value })} />
        </Field>
      </div>
      {!config && (
        <label className="check">
          <input type="checkbox" name="activate" checked={d.activate} onChange={(e) => set({ activate: e.target.checked })} /> Make it the active storage for new backups
        </label>
      )}
      <div className="row">
        <button className="btn btn-primary" disabled={save.isPending}>
          {config ? 'Save storage' : 'Add storage'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

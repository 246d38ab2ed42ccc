import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authHeaders, refreshSession, unwrap } from '../api/client';
import { ApiError, toApiError } from '../api/errors';
import { useCapabilities, useDomainKey } from '../api/hooks';
import { bytes, Empty, ErrorBox, Loading, NotAvailable, when } from '../components/ui';
import { useDialogs } from '../components/dialogs';

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
const TEXT_LIMIT = 2 * 1024 * 1024;

/** Multipart upload with progress (XMLHttpRequest: fetch has no upload progress). Retries once after a refresh on 401. */
function upload(id: string, dir: string, files: File[], onProgress: (pct: number) => void): Promise<void> {
  const send = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/gameserver/${encodeURIComponent(id)}/files/upload?path=${encodeURIComponent(dir)}`);
      authHeaders().forEach((v, k) => xhr.setRequestHeader(k, v));
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(new Error('Upload failed: network error'));
      const form = new FormData();
      for (const f of files) form.append('file', f, f.name);
      xhr.send(form);
    });
  return (async () => {
    let r = await send();
    if (r.status === 401 && (await refreshSession())) r = await send();
    if (r.status >= 400) throw toApiError(r.body, new Response(null, { status: r.status }));
  })();
}

export function FileManager({ id, canWrite }: { id: string; canWrite: boolean }) {
  const dialogs = useDialogs();
  const caps = useCapabilities();
  const qc = useQueryClient();
  const [dir, setDir] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const key = useDomainKey('files', id, dir);
  const list = useQuery({
    queryKey: key,
    enabled: caps.has('/gameserver/{id}/files'),
    queryFn: () => unwrap(api.GET('/gameserver/{id}/files', { params: { path: { id }, query: { path: dir } } })),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const act = useMutation({
    mutationFn: async (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      setSelected(new Set());
      void refresh();
    },
  });

  if (!caps.has('/gameserver/{id}/files')) return <NotAvailable feature="Files" path="GET /gameserver/:id/files" />;
  if (editing) return <Editor id={id} path={editing} canWrite={canWrite} onClose={() => setEditing(null)} />;

  const entries = (list.data?.data ?? []).slice().sort((a, b) => (a.type === 'directory' ? 0 : 1) - (b.type === 'directory' ? 0 : 1) || a.name.localeCompare(b.name));
  const crumbs = dir ? dir.split('/') : [];

  async function download(path: string) {
    setError(null);
    const { data, error: err, response } = await api.GET('/gameserver/{id}/files/download', { params: { path: { id }, query: { path } }, parseAs: 'blob' });
    if (!response.ok) {
      const e = err as unknown;
      return setError(toApiError(e instanceof Blob ? JSON.parse((await e.text().catch(() => '')) || '{}') : e, response));
    }
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = path.split('/').pop() ?? 'download';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function onUpload(files: FileList | null) {
    if (!files?.length) return;
    setError(null);
    setProgress(0);
    try {
      await upload(id, dir, [...files], setProgress);
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <div className="card files" data-testid="files">
      <div className="toolbar files-toolbar">
        <div className="crumbs path">
          <button className="linklike" onClick={() => setDir('')}>
            /
          </button>
          {crumbs.map((c, i) => (
            <span key={i}>
              <button className="linklike" onClick={() => setDir(crumbs.slice(0, i + 1).join('/'))}>
                {c}
              </button>
              /
            </span>
          ))}
        </div>
        {canWrite && (
          <div className="row">
            <button
              className="btn btn-small"
              onClick={() => {
                void dialogs.prompt({ title: `New folder in ${dir || '/'}`, label: 'Folder name', confirmLabel: 'Create' }).then((name) => name && act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/mkdir', { params: { path: { id } }, body: { path: join(dir, name) } }))));
              }}
            >
              New folder
            </button>
            <button
              className="btn btn-small"
              onClick={() => {
                void dialogs.prompt({ title: `New file in ${dir || '/'}`, label: 'File name', confirmLabel: 'Create' }).then((name) => name && act.mutate(async () => {
                  await unwrap(api.PUT('/gameserver/{id}/files/content', { params: { path: { id } }, body: { path: join(dir, name), content: '' } }));
                  setEditing(join(dir, name));
                }));
              }}
            >
              New file
            </button>
            <label className="btn btn-small btn-primary">
              Upload
              <input ref={fileInput} type="file" multiple hidden name="upload" onChange={(e) => onUpload(e.target.files)} />
            </label>
            <button
              className="btn btn-small btn-danger"
              disabled={selected.size === 0}
              onClick={() =>
                void dialogs.confirm({ title: `Delete ${selected.size} item(s)?`, confirmLabel: 'Delete', danger: true }).then((ok) => ok && act.mutate(() => unwrap(api.DELETE('/gameserver/{id}/files', { params: { path: { id } }, body: { paths: [...selected] } }))))
              }
            >
              Delete{selected.size ? ` (${selected.size})` : ''}
            </button>
          </div>
        )}
      </div>
      {progress !== null && (
        <div className="upload-progress" data-testid="upload-progress">
          Uploading… {progress}%
          <div className="bar-track">
            <div className="bar-fill" style={{ width: `${progress}%` }} />
          </div>
        </div>
      )}
      <ErrorBox error={error ?? act.error} title="File operation failed" />
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : entries.length === 0 ? (
        <Empty>This folder is empty.</Empty>
      ) : (
        <table className="table file-table" data-testid="file-table">
          <thead>
            <tr>
              {canWrite && <th className="check-col" />}
              <th>Name</th>
              <th className="hide-sm">Size</th>
              <th className="hide-sm">Modified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {dir && (
              <tr>
                {canWrite && <td />}
                <td colSpan={4}>
                  <button className="linklike" onClick={() => setDir(crumbs.slice(0, -1).join('/'))}>
                    ↩ ..
                  </button>
                </td>
              </tr>
            )}
            {entries.map((f) => {
              const path = f.path || join(dir, f.name);
              return (
                <tr key={path}>
                  {canWrite && (
                    <td className="check-col">
                      <input
                        type="checkbox"
                        aria-label={`Select ${f.name}`}
                        checked={selected.has(path)}
                        onChange={(e) => {
                          const n = new Set(selected);
                          if (e.target.checked) n.add(path);
                          else n.delete(path);
                          setSelected(n);
                        }}
                      />
                    </td>
                  )}
                  <td>
                    {f.type === 'directory' ? (
                      <button className="linklike strong" onClick={() => setDir(path)}>
                        <span className="ficon ficon-dir" aria-hidden /> {f.name}
                      </button>
                    ) : (
                      <button className="linklike" onClick={() => (f.size > TEXT_LIMIT ? download(path) : setEditing(path))} title={f.size > TEXT_LIMIT ? 'Too large to edit: downloads' : 'Open in editor'}>
                        <span className="ficon" aria-hidden /> {f.name}
                      </button>
                    )}
                  </td>
                  <td className="hide-sm muted">{f.type === 'directory' ? '—' : bytes(f.size)}</td>
                  <td className="hide-sm muted">{when(f.modifiedAt)}</td>
                  <td className="actions">
                    {f.type !== 'directory' && (
                      <button className="btn btn-small btn-ghost" onClick={() => download(path)}>
                        Download
                      </button>
                    )}
                    {canWrite && (
                      <button
                        className="btn btn-small btn-ghost"
                        onClick={() => {
                          void dialogs.prompt({ title: `Rename ${f.name}`, label: 'New name', initial: f.name, confirmLabel: 'Rename' }).then((to) => to && to !== f.name && act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/rename', { params: { path: { id } }, body: { from: path, to: join(dir, to) } }))));
                        }}
                      >
                        Rename
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Editor({ id, path, canWrite, onClose }: { id: string; path: string; canWrite: boolean; onClose: () => void }) {
  const key = useDomainKey('file', id, path);
  const qc = useQueryClient();
  const file = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/gameserver/{id}/files/content', { params: { path: { id }, query: { path } } })),
    staleTime: Infinity,
  });
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const content = text ?? (file.data?.data as { content?: string } | undefined)?.content ?? '';
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/gameserver/{id}/files/content', { params: { path: { id } }, body: { path, content } })),
    onSuccess: () => {
      setSaved(true);
      qc.setQueryData(key, (old: unknown) => (old ? { ...(old as object), data: { content } } : old));
      setTimeout(() => setSaved(false), 2000);
    },
  });
  return (
    <div className="card editor" data-testid="editor">
      <div className="toolbar">
        <div className="strong">
          <code>/{path}</code>
        </div>
        <div className="row">
          {saved && <span className="ok-text">Saved ✓</span>}
          {canWrite && (
            <button className="btn btn-small btn-primary" disabled={save.isPending || file.isLoading} onClick={() => save.mutate()}>
              Save
            </button>
          )}
          <button className="btn btn-small btn-ghost" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <ErrorBox error={save.error} title="Could not save" />
      {file.isLoading ? (
        <Loading />
      ) : file.error ? (
        <ErrorBox error={file.error} title={file.error instanceof ApiError && file.error.status === 415 ? 'Not a text file' : 'Could not open'} />
      ) : (
        <textarea
          className="code"
          name="fileContent"
          spellCheck={false}
          value={content}
          readOnly={!canWrite}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === 's') {
              e.preventDefault();
              save.mutate();
            }
          }}
        />
      )}
    </div>
  );
}

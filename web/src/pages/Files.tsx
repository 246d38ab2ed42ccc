import { ReactNode, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authHeaders, refreshSession, unwrap } from '../api/client';
import { ApiError, toApiError } from '../api/errors';
import { useCapabilities, useDomainKey } from '../api/hooks';
import { bytes, Empty, ErrorBox, Loading, NotAvailable, when } from '../components/ui';
import { useDialogs } from '../components/dialogs';
import { saveBlob } from '../components/saveBlob';

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
const TEXT_LIMIT = 2 * 1024 * 1024;
const ARCHIVE = /\.(zip|tar\.gz|tgz|tar)$/i;
const baseName = (path: string) => path.split('/').pop() ?? path;
/** A path typed in a dialog: "/x/y" is from the server's root, anything else is relative to the folder shown. */
const resolvePath = (dir: string, typed: string) => (typed.startsWith('/') ? typed.replace(/^\/+/, '').replace(/\/+$/, '') : join(dir, typed.replace(/\/+$/, '')));
/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > 3) return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
/** "server copy.properties" for "server.properties": the copy lands next to the original. */
function copyName(name: string): string {
  const m = /^(.+?)((?:\.tar)?\.[^.]+)?$/.exec(name);
  return m ? `${m[1]} copy${m[2] ?? ''}` : `${name} copy`;
}

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
  const [dir, setDirState] = useState('');
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

  const setDir = (d: string) => {
    setDirState(d);
    // A selection is of the folder it was made in.
    setSelected(new Set());
  };

  if (!caps.has('/gameserver/{id}/files')) return <NotAvailable feature="Files" path="GET /gameserver/:id/files" />;
  if (editing) return <Editor id={id} path={editing} canWrite={canWrite} onClose={() => setEditing(null)} />;

  const entries = (list.data?.data ?? []).slice().sort((a, b) => (a.type === 'directory' ? 0 : 1) - (b.type === 'directory' ? 0 : 1) || a.name.localeCompare(b.name));
  const crumbs = dir ? dir.split('/') : [];

  async function download(path: string) {
    setError(null);
    try {
      await saveBlob(await api.GET('/gameserver/{id}/files/download', { params: { path: { id }, query: { path } }, parseAs: 'blob' }), baseName(path) || 'download');
    } catch (e) {
      setError(e);
    }
  }

  const typeOf = (path: string) => entries.find((e) => (e.path || join(dir, e.name)) === path)?.type;
  const label = (path: string) => `${baseName(path)}${typeOf(path) === 'directory' ? '/' : ''}`;

  /** Asks before deleting, naming what goes and warning about folders that are not empty. */
  async function remove(paths: string[]) {
    setError(null);
    const dirs = paths.filter((p) => typeOf(p) === 'directory');
    const full: string[] = [];
    for (const d of dirs) {
      const r = await api.GET('/gameserver/{id}/files', { params: { path: { id }, query: { path: d } } }).catch(() => null);
      // Unknown contents count as not empty: the warning is the safe side.
      if (!r?.data || r.data.data.length > 0) full.push(d);
    }
    const ok = await dialogs.confirm({
      title: `Delete ${listNames(paths.map(label))}?`,
      body: (
        <div data-testid="delete-body">
          {full.length > 0 && (
            <p className="warn-text">
              <strong>{listNames(full.map(label))}</strong> {full.length === 1 ? 'is a folder that is' : 'are folders that are'} not empty: everything inside is deleted too.
            </p>
          )}
          <p>This cannot be undone.</p>
        </div>
      ),
      confirmLabel: 'Delete',
      danger: true,
    });
    if (ok) act.mutate(() => unwrap(api.DELETE('/gameserver/{id}/files', { params: { path: { id } }, body: { paths } })));
  }

  async function compress(paths: string[]) {
    const initial = `${paths.length === 1 ? baseName(paths[0]) : 'archive'}.tar.gz`;
    const name = await dialogs.prompt({
      title: `Compress ${listNames(paths.map(label))}`,
      label: 'Archive name',
      initial,
      confirmLabel: 'Compress',
      validate: (v) => (/\.(zip|tar\.gz|tgz)$/i.test(v) ? null : 'End the name with .tar.gz or .zip (that picks the format)'),
    });
    if (!name) return;
    const format = /\.zip$/i.test(name) ? 'zip' : 'tar.gz';
    act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/compress', { params: { path: { id } }, body: { paths, destination: resolvePath(dir, name), format } })));
  }

  async function decompress(path: string) {
    const to = await dialogs.prompt({ title: `Extract ${baseName(path)}`, label: 'Into folder (/ is the server root)', initial: `/${dir}`, confirmLabel: 'Extract' });
    if (!to) return;
    act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/decompress', { params: { path: { id } }, body: { archive: path, destination: resolvePath('', to) } })));
  }

  async function copy(path: string) {
    const to = await dialogs.prompt({ title: `Copy ${label(path)}`, label: 'Copy to (in this folder, or /path from the root)', initial: copyName(baseName(path)), confirmLabel: 'Copy' });
    if (!to) return;
    act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/copy', { params: { path: { id } }, body: { from: path, to: resolvePath(dir, to) } })));
  }

  async function chmod(path: string, mode: string) {
    const next = await dialogs.prompt({
      title: `Permissions of ${label(path)}`,
      label: 'Mode (octal, e.g. 0644)',
      initial: mode,
      confirmLabel: 'Change',
      validate: (v) => (/^0?[0-7]{3}$/.test(v) ? null : 'Use three octal digits (0-7), e.g. 644 or 0755'),
    });
    if (!next || next.padStart(4, '0') === mode.padStart(4, '0')) return;
    act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/chmod', { params: { path: { id } }, body: { path, mode: next.padStart(4, '0') } })));
  }

  async function rename(path: string) {
    const name = baseName(path);
    const to = await dialogs.prompt({ title: `Rename ${name}`, label: 'New name', initial: name, confirmLabel: 'Rename' });
    if (to && to !== name) act.mutate(() => unwrap(api.POST('/gameserver/{id}/files/rename', { params: { path: { id } }, body: { from: path, to: join(dir, to) } })));
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
            <button className="btn btn-small" disabled={selected.size === 0 || act.isPending} onClick={() => void compress([...selected])}>
              Compress{selected.size ? ` (${selected.size})` : ''}
            </button>
            <button className="btn btn-small btn-danger" disabled={selected.size === 0 || act.isPending} onClick={() => void remove([...selected])}>
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
              <th className="hide-sm">Mode</th>
              <th className="hide-sm">Modified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {dir && (
              <tr>
                {canWrite && <td />}
                <td colSpan={5}>
                  <button className="linklike" onClick={() => setDir(crumbs.slice(0, -1).join('/'))}>
                    ↩ ..
                  </button>
                </td>
              </tr>
            )}
            {entries.map((f) => {
              const path = f.path || join(dir, f.name);
              return (
                <tr key={path} data-testid="file-row" data-name={f.name}>
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
                  <td className="hide-sm muted">
                    <code>{f.mode}</code>
                  </td>
                  <td className="hide-sm muted">{when(f.modifiedAt)}</td>
                  <td className="actions">
                    {f.type !== 'directory' && (
                      <button className={`btn btn-small btn-ghost${canWrite ? ' hide-sm' : ''}`} onClick={() => download(path)}>
                        Download
                      </button>
                    )}
                    {canWrite && (
                      <RowMenu label={`More actions for ${f.name}`}>
                        {(close) => (
                          <>
                            {f.type !== 'directory' && (
                              <MenuItem close={close} onClick={() => void download(path)}>
                                Download
                              </MenuItem>
                            )}
                            <MenuItem close={close} onClick={() => void rename(path)}>
                              Rename
                            </MenuItem>
                            <MenuItem close={close} onClick={() => void copy(path)}>
                              Copy
                            </MenuItem>
                            <MenuItem close={close} onClick={() => void chmod(path, f.mode)}>
                              Permissions
                            </MenuItem>
                            <MenuItem close={close} onClick={() => void compress([path])}>
                              Compress
                            </MenuItem>
                            {f.type === 'file' && ARCHIVE.test(f.name) && (
                              <MenuItem close={close} onClick={() => void decompress(path)}>
                                Extract
                              </MenuItem>
                            )}
                            <MenuItem close={close} danger onClick={() => void remove([path])}>
                              Delete
                            </MenuItem>
                          </>
                        )}
                      </RowMenu>
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

/** A small "⋯" menu of row actions: one button per row keeps the table narrow at phone width. */
function RowMenu({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  // Fixed to the viewport at the button: the table's card scrolls sideways and would clip a dropdown.
  const [at, setAt] = useState<React.CSSProperties | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const open = at !== null;
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setAt(null);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setAt(null);
    const moved = () => setAt(place());
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    window.addEventListener('scroll', moved, true);
    window.addEventListener('resize', moved);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
      window.removeEventListener('scroll', moved, true);
      window.removeEventListener('resize', moved);
    };
  }, [open]);
  const toggle = () => setAt(open ? null : place());
  /** Below the button, or above it when the menu (about 270 px) would not fit below; follows scrolling. */
  function place(): React.CSSProperties | null {
    const r = button.current?.getBoundingClientRect();
    if (!r) return null;
    const right = Math.max(8, window.innerWidth - r.right);
    return r.bottom + 270 > window.innerHeight ? { right, bottom: window.innerHeight - r.top + 4 } : { right, top: r.bottom + 4 };
  }
  return (
    <div className="row-menu" ref={box}>
      <button ref={button} type="button" className="btn btn-small btn-ghost" aria-label={label} aria-haspopup="menu" aria-expanded={open} onClick={toggle}>
        ⋯
      </button>
      {open && (
        <div className="row-menu-list" role="menu" style={at}>
          {children(() => setAt(null))}
        </div>
      )}
    </div>
  );
}

function MenuItem({ close, onClick, danger, children }: { close: () => void; onClick: () => void; danger?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      role="menuitem"
      className={`row-menu-item${danger ? ' danger-text' : ''}`}
      onClick={() => {
        close();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

/**
 * Asks before unsaved changes are lost: closing the tab or reloading (the browser's own
 * `beforeunload` prompt; it is the one question browsers do not let a page style) and following
 * any in-app link (an in-page dialog, then the navigation).
 */
function useUnsavedGuard(dirty: boolean, what: string) {
  const dialogs = useDialogs();
  const navigate = useNavigate();
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    // Capture phase on document runs before React Router's own click handling on the root.
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target === '_blank' || a.hasAttribute('download')) return;
      const to = new URL(a.href, location.href);
      if (to.origin !== location.origin) return;
      e.preventDefault();
      e.stopPropagation();
      void dialogs
        .confirm({ title: 'Discard unsaved changes?', body: `Your changes to ${what} are not saved.`, confirmLabel: 'Discard changes', danger: true })
        .then((ok) => ok && navigate(to.pathname + to.search + to.hash));
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, what, dialogs, navigate]);
}

function Editor({ id, path, canWrite, onClose }: { id: string; path: string; canWrite: boolean; onClose: () => void }) {
  const dialogs = useDialogs();
  const key = useDomainKey('file', id, path);
  const qc = useQueryClient();
  const file = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/gameserver/{id}/files/content', { params: { path: { id }, query: { path } } })),
    staleTime: Infinity,
  });
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const loaded = (file.data?.data as { content?: string } | undefined)?.content ?? '';
  const content = text ?? loaded;
  const dirty = canWrite && text !== null && text !== loaded;
  useUnsavedGuard(dirty, `/${path}`);
  const save = useMutation({
    mutationFn: (body: string) => unwrap(api.PUT('/gameserver/{id}/files/content', { params: { path: { id } }, body: { path, content: body } })),
    onSuccess: (_r, body) => {
      setSaved(true);
      qc.setQueryData(key, (old: unknown) => (old ? { ...(old as object), data: { ...((old as { data?: object }).data ?? {}), content: body } } : old));
      setTimeout(() => setSaved(false), 2000);
    },
  });
  async function close() {
    if (dirty && !(await dialogs.confirm({ title: 'Discard unsaved changes?', body: `Your changes to /${path} are not saved.`, confirmLabel: 'Discard changes', danger: true }))) return;
    onClose();
  }
  return (
    <div className="card editor" data-testid="editor">
      <div className="toolbar">
        <div className="strong">
          <code>/{path}</code>
          {dirty && (
            <span className="muted small unsaved" data-testid="unsaved">
              {' '}
              · unsaved changes
            </span>
          )}
        </div>
        <div className="row">
          {saved && <span className="ok-text">Saved ✓</span>}
          {canWrite && (
            <button className="btn btn-small btn-primary" disabled={save.isPending || file.isLoading} onClick={() => save.mutate(content)}>
              Save
            </button>
          )}
          <button className="btn btn-small btn-ghost" onClick={() => void close()}>
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
              save.mutate(content);
            }
          }}
        />
      )}
    </div>
  );
}

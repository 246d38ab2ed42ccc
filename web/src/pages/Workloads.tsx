import { ChangeEvent, FormEvent, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { Workload } from '../api/schema';
import { downloadJson, eggFileName } from '../api/workloads';
import { Empty, ErrorBox, Field, Loading, NotAvailable, PageHeader, Pager, when } from '../components/ui';
import { useDebounced } from './Servers';
import { ruleHint } from './rules';
import { useDialogs } from '../components/dialogs';

const LIMIT = 20;

function sourceLabel(w: Workload): string {
  if (w.template) return `template: ${w.template}`;
  const format = w.definition.source?.format;
  if (!format || format === 'outpost') return 'custom';
  return `${format} egg`;
}

export function WorkloadsPage() {
  const caps = useCapabilities();
  const qc = useQueryClient();
  const { can } = usePermissions();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [panel, setPanel] = useState<'import' | 'template' | null>(null);
  const [added, setAdded] = useState<{ id: string; name: string } | null>(null);
  const q = useDebounced(search.trim(), 250);
  const available = caps.has('/workload/search');
  const workloads = useQuery({
    queryKey: useDomainKey('workloads', 'page', q, page),
    enabled: available && can('workloads.read'),
    queryFn: () =>
      unwrap(
        api.POST('/workload/search', {
          body: { ...(q ? { search: { name: [q] } } : {}), page, limit: LIMIT, sortBy: 'name', sortDirection: 'asc' },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const manage = can('workloads.manage');
  const onAdded = (w: { id: string; name: string }) => {
    setPanel(null);
    setAdded(w);
    void qc.invalidateQueries({ predicate: (x) => x.queryKey.includes('workloads') });
  };

  if (caps.loading) return <Loading />;
  if (!can('workloads.read')) return <Empty>You don't have permission to see this domain's workloads.</Empty>;
  return (
    <>
      <PageHeader title="Workloads">
        {available && manage && (
          <>
            <button className="btn" onClick={() => setPanel(panel === 'template' ? null : 'template')} aria-pressed={panel === 'template'}>
              From template
            </button>
            <button className="btn btn-primary" onClick={() => setPanel(panel === 'import' ? null : 'import')} aria-pressed={panel === 'import'}>
              Import egg
            </button>
          </>
        )}
      </PageHeader>
      {!available ? (
        <NotAvailable feature="Workloads" path="POST /workload/search" />
      ) : (
        <>
          {added && (
            <div className="alert alert-ok" role="status" data-testid="workload-added">
              <span>
                Added <strong>{added.name}</strong>. <Link to={`/workloads/${added.id}`}>View its definition →</Link>
              </span>
              <button type="button" className="btn btn-small btn-ghost alert-close" aria-label="Dismiss" onClick={() => setAdded(null)}>
                ×
              </button>
            </div>
          )}
          {panel === 'import' && <ImportEgg onDone={onAdded} onCancel={() => setPanel(null)} />}
          {panel === 'template' && <FromTemplate onDone={onAdded} onCancel={() => setPanel(null)} />}
          <div className="card">
            <div className="toolbar">
              <input
                className="search"
                type="search"
                name="workloadSearch"
                aria-label="Search workloads"
                placeholder="Search by name…"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(0);
                }}
              />
            </div>
            {workloads.isLoading ? (
              <Loading />
            ) : workloads.error ? (
              <ErrorBox error={workloads.error} />
            ) : !workloads.data?.data.length ? (
              <Empty>{q ? 'No workloads match.' : manage ? 'No workloads in this domain yet: import an egg or start from a built-in template.' : 'No workloads in this domain yet.'}</Empty>
            ) : (
              <>
                <table className="table" data-testid="workloads-table">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th className="hide-sm">Source</th>
                      <th>Variables</th>
                      <th className="hide-sm">Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {workloads.data.data.map((w) => {
                      const vars = w.definition.variables;
                      return (
                        <tr key={w.id}>
                          <td>
                            <Link to={`/workloads/${w.id}`} className="strong">
                              {w.name}
                            </Link>
                            <div className="muted small clamp">{w.description}</div>
                          </td>
                          <td className="hide-sm nowrap-chip">
                            <span className="chip">{sourceLabel(w)}</span>
                          </td>
                          <td>
                            <div className="chips">
                              {vars.length === 0 ? <span className="muted small">none</span> : vars.map((v) => <code key={v.envVariable} className="var-chip">{v.envVariable}</code>)}
                            </div>
                          </td>
                          <td className="hide-sm muted small nowrap">{when(w.updatedAt)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <Pager page={page} limit={LIMIT} total={workloads.data.meta.total ?? 0} onPage={setPage} />
              </>
            )}
          </div>
        </>
      )}
    </>
  );
}

function ImportEgg({ onDone, onCancel }: { onDone: (w: { id: string; name: string }) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const importM = useMutation({
    mutationFn: (egg: Record<string, unknown>) => unwrap(api.POST('/workload/import', { body: { egg } })),
    onSuccess: (r) => onDone({ id: r.data.id, name: r.data.name }),
  });

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setLocalError(null);
    importM.reset();
    if (file.size > 1024 * 1024) {
      setLocalError(`${file.name} is larger than 1 MiB; eggs are small JSON files.`);
      return;
    }
    setFileName(file.name);
    setText(await file.text());
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    importM.reset();
    let egg: unknown;
    try {
      egg = JSON.parse(text);
    } catch (err) {
      setLocalError(`This is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (!egg || typeof egg !== 'object' || Array.isArray(egg)) {
      setLocalError('An egg is a JSON object (as exported by Pterodactyl or Pelican).');
      return;
    }
    importM.mutate(egg as Record<string, unknown>);
  }

  return (
    <div className="card" data-testid="import-egg">
      <h2>Import a Pterodactyl or Pelican egg</h2>
      <p className="muted small">
        Choose an exported egg file (<code>PTDL_v1</code>, <code>PTDL_v2</code>, <code>PLCN_v1</code>–<code>PLCN_v3</code>) or paste its JSON. Outpost checks it and
        keeps its images, startup command, variables and rules, stop command and install script.
      </p>
      <form className="form" onSubmit={submit}>
        {localError && (
          <div className="alert alert-error" role="alert">
            <strong>Could not read the egg:</strong> {localError}
          </div>
        )}
        <ErrorBox error={importM.error} title="Could not import the egg" />
        <Field label="Egg file" hint={fileName ? `Loaded ${fileName}; you can still edit it below.` : 'A .json file exported from a panel.'}>
          <input type="file" name="eggFile" accept="application/json,.json" onChange={pick} />
        </Field>
        <Field label="Egg JSON">
          <textarea
            name="eggJson"
            className="code egg-text"
            spellCheck={false}
            placeholder='{ "meta": { "version": "PTDL_v2" }, "name": "…", … }'
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setLocalError(null);
            }}
          />
        </Field>
        <div className="row">
          <button className="btn btn-primary" disabled={importM.isPending || !text.trim()}>
            {importM.isPending ? 'Importing…' : 'Import'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function FromTemplate({ onDone, onCancel }: { onDone: (w: { id: string; name: string }) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const dialogs = useDialogs();
  // A synchronous latch: a double click fires twice before `isPending` re-renders the button disabled.
  const busy = useRef(false);
  const templates = useQuery({ queryKey: ['workload-templates'], queryFn: () => unwrap(api.GET('/workload/templates')), staleTime: Infinity });
  const create = useMutation({
    mutationFn: async (t: { id: string; name: string }) => {
      // A second "Use template" is usually a slip: say that one exists and create another only when asked.
      const existing = await unwrap(api.POST('/workload/search', { body: { filters: { template: [t.id] }, limit: 1 } }));
      if (existing.data.length > 0) {
        const again = await dialogs.confirm({
          title: `You already have a workload from ${t.name}`,
          body: `"${existing.data[0].name}" was made from this template. Create another one?`,
          confirmLabel: 'Create another',
        });
        if (!again) return null;
      }
      return unwrap(api.POST('/workload/from-template', { body: { template: t.id, ...(name.trim() ? { name: name.trim() } : {}) } }));
    },
    onSuccess: (r) => r && onDone({ id: r.data.id, name: r.data.name }),
    onSettled: () => {
      busy.current = false;
    },
  });
  const use = (t: { id: string; name: string }) => {
    if (busy.current) return;
    busy.current = true;
    create.mutate(t);
  };
  return (
    <div className="card" data-testid="from-template">
      <h2>Start from a built-in template</h2>
      <div className="form">
        <ErrorBox error={create.error} title="Could not create the workload" />
        <Field label="Name (optional)" hint="Leave empty to use the template's name.">
          <input name="workloadName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </Field>
        {templates.isLoading ? (
          <Loading what="Loading templates" />
        ) : templates.error ? (
          <ErrorBox error={templates.error} />
        ) : !templates.data?.data.length ? (
          <Empty>This Outpost has no built-in templates.</Empty>
        ) : (
          <div className="pick-list">
            {templates.data.data.map((t) => (
              <div key={t.id} className="pick" data-testid={`template-${t.id}`}>
                <span className="strong">{t.name}</span>
                <span className="muted small">{t.description}</span>
                <span className="muted small">
                  {t.images.length} image{t.images.length === 1 ? '' : 's'}
                </span>
                <button type="button" className="btn btn-small" disabled={create.isPending} onClick={() => use(t)}>
                  Create from this template
                </button>
              </div>
            ))}
          </div>
        )}
        <div className="row">
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

export function WorkloadPage() {
  const dialogs = useDialogs();
  const { id = '' } = useParams();
  const caps = useCapabilities();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const workload = useQuery({
    queryKey: useDomainKey('workload', id),
    enabled: can('workloads.read'),
    queryFn: () => unwrap(api.GET('/workload/{id}', { params: { path: { id } } })),
  });
  const exportM = useMutation({
    mutationFn: async (w: Workload) => {
      const r = await unwrap(api.GET('/workload/{id}/export', { params: { path: { id: w.id } } }));
      downloadJson(r.data, eggFileName(w.name));
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/workload/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ predicate: (x) => x.queryKey.includes('workloads') });
      navigate('/workloads');
    },
  });

  if (caps.loading) return <Loading />;
  if (!can('workloads.read')) return <Empty>You don't have permission to see this domain's workloads.</Empty>;
  if (workload.isLoading) return <Loading what="Loading workload" />;
  if (workload.error) return <ErrorBox error={workload.error} title="Could not load the workload" />;
  const w = workload.data!.data;
  const d = w.definition;
  const vars = d.variables;
  const defaults = d.defaults;
  const ports = defaults.ports;

  return (
    <>
      <div className="page-header">
        <div>
          <div className="crumbs">
            <Link to="/workloads">Workloads</Link> /
          </div>
          <h1>
            {w.name} <span className="badge badge-idle badge-raw">{sourceLabel(w)}</span>
          </h1>
        </div>
        <div className="page-actions">
          {caps.has('/workload/{id}/export') && (
            <button className="btn" onClick={() => exportM.mutate(w)} disabled={exportM.isPending} title="Download as a PTDL_v2 egg (Pterodactyl, Pelican, Outpost)">
              Export egg
            </button>
          )}
          {can('workloads.manage') && (
            <button className="btn btn-danger" disabled={remove.isPending} onClick={() => void dialogs.confirm({ title: `Delete the workload ${w.name}? Servers must not use it any more.`, confirmLabel: 'Delete', danger: true }).then((ok) => ok && remove.mutate())}>
              Delete
            </button>
          )}
        </div>
      </div>
      <ErrorBox error={exportM.error} title="Could not export the workload" />
      <ErrorBox error={remove.error} title="Could not delete the workload" />
      <div className="card" data-testid="workload-definition">
        {w.description && <p className="lead">{w.description}</p>}
        <dl className="facts">
          {d.author && (
            <>
              <dt>Author</dt>
              <dd>{d.author}</dd>
            </>
          )}
          <dt>Images</dt>
          <dd>
            {d.images.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="plain">
                {d.images.map((i) => (
                  <li key={i.ref}>
                    {i.label && i.label !== i.ref && <span className="muted small">{i.label}: </span>}
                    <code className="wrap">{i.ref}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Startup</dt>
          <dd>
            <pre className="snippet" data-testid="startup">{d.startup || '—'}</pre>
          </dd>
          <dt>Stop</dt>
          <dd>{d.stop ? d.stop.type === 'signal' ? <>signal <code>{d.stop.value}</code></> : <>console command <code>{d.stop.value}</code></> : '—'}</dd>
          <dt>Started when</dt>
          <dd>
            {d.startupDone.length === 0 ? (
              <span className="muted">the container is up (no startup-done pattern)</span>
            ) : (
              <div className="chips">
                {d.startupDone.map((p) => (
                  <code key={p} className="var-chip">
                    {p}
                  </code>
                ))}
              </div>
            )}
          </dd>
          <dt>Install script</dt>
          <dd data-testid="install-script">
            {d.install ? (
              <>
                runs in <code className="wrap">{d.install.image}</code> with <code>{d.install.entrypoint}</code> ({d.install.script.split('\n').length} lines)
                <details>
                  <summary>Show the script</summary>
                  <pre className="log">{d.install.script}</pre>
                </details>
              </>
            ) : (
              <span className="muted">none: the image is used as it is</span>
            )}
          </dd>
          {d.configFiles.length > 0 && (
            <>
              <dt>Config files</dt>
              <dd>
                <div className="chips">
                  {d.configFiles.map((c) => (
                    <span key={c.file} className="chip">
                      {c.file} ({c.parser})
                    </span>
                  ))}
                </div>
              </dd>
            </>
          )}
          {d.features.length > 0 && (
            <>
              <dt>Features</dt>
              <dd>
                <div className="chips">
                  {d.features.map((f) => (
                    <span key={f} className="chip">
                      {f}
                    </span>
                  ))}
                </div>
              </dd>
            </>
          )}
          <dt>Updated</dt>
          <dd>{when(w.updatedAt)}</dd>
        </dl>
      </div>

      <div className="card">
        <h2>Default resources</h2>
        <div className="resource-row" data-testid="workload-defaults">
          <Resource label="Memory" value={defaults.memoryMiB} unit="MiB" />
          <Resource label="CPU" value={defaults.cpuPercent} unit="%" />
          <Resource label="Disk" value={defaults.diskMiB} unit="MiB" />
          <Resource label="Processes" value={defaults.pids} unit="PIDs" />
        </div>
        <h3>Ports</h3>
        {ports.length === 0 ? (
          <div className="muted small">No ports.</div>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Container port</th>
                <th>Protocol</th>
              </tr>
            </thead>
            <tbody>
              {ports.map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td>{p.containerPort === 0 ? <span className="muted">same as the allocated port</span> : p.containerPort}</td>
                  <td>{p.protocol.toUpperCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <div className="card">
        <h2>Variables</h2>
        {vars.length === 0 ? (
          <Empty>This workload has no variables.</Empty>
        ) : (
          <div className="var-grid" data-testid="workload-variables">
            {vars.map((v) => (
              <div key={v.envVariable} className="var-card" data-testid={`variable-${v.envVariable}`}>
                <div className="var-head">
                  <span className="strong">{v.name}</span>
                  <code>{v.envVariable}</code>
                </div>
                {v.description && <div className="muted small">{v.description}</div>}
                <div className="small">
                  <span className="muted">Default </span>
                  {v.defaultValue === '' ? <span className="muted">(empty)</span> : <code className="wrap">{v.defaultValue}</code>}
                </div>
                <div className="small">
                  <span className="muted">Rules </span>
                  {v.rules ? <code className="wrap" title={ruleHint(v.rules)}>{v.rules}</code> : <span className="muted">none</span>}
                </div>
                <div className="chips">
                  {!v.userViewable ? (
                    <span className="chip chip-warn">hidden from users</span>
                  ) : v.userEditable ? (
                    <span className="chip chip-ok">users can edit</span>
                  ) : (
                    <span className="chip">users can view</span>
                  )}
                </div>
              </div>
            ))}
          </div>
        )}
      </div>
    </>
  );
}

function Resource({ label, value, unit }: { label: string; value?: number; unit: string }) {
  return (
    <div className="resource">
      <span className="muted small">{label}</span>
      <span className="strong">{value == null ? '—' : `${value.toLocaleString('en')} ${unit}`}</span>
    </div>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { Empty, ErrorBox, Field, Loading, NotAvailable, PageHeader } from '../components/ui';

type Facts = components['schemas']['PanelFactsDTO'];
type PanelServer = components['schemas']['PanelServerDTO'];
type Report = components['schemas']['ImportReportDTO'];
type ServerReport = components['schemas']['ImportServerReportDTO'];

const STATUS_TONE: Record<ServerReport['status'], string> = { ready: 'ok', imported: 'ok', alreadyImported: 'idle', failed: 'bad', notFound: 'bad' };

/**
 * Import from Pterodactyl: panel URL + application API key → validate → the panel's servers with
 * checkboxes → a node → a dry-run report → the import. The key stays in this page's memory only.
 */
export function PterodactylImportPage() {
  const caps = useCapabilities();
  const { can } = usePermissions();
  const qc = useQueryClient();
  const [url, setUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [facts, setFacts] = useState<Facts | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [nodeId, setNodeId] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const access = { url, apiKey };

  const nodes = useQuery({
    queryKey: useDomainKey('nodes'),
    enabled: can('nodes.read'),
    queryFn: () => unwrap(api.POST('/node/search', { body: { limit: 1000 } })),
  });
  const validate = useMutation({
    mutationFn: () => unwrap(api.POST('/import/pterodactyl/validate', { body: access })),
    onSuccess: (r) => {
      setFacts(r.data);
      setReport(null);
      list.mutate();
    },
  });
  const list = useMutation({ mutationFn: () => unwrap(api.POST('/import/pterodactyl/servers', { body: access })) });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => unwrap(api.POST('/import/pterodactyl/import', { body: { ...access, serverIds: [...selected], nodeId, dryRun } })),
    onSuccess: (r) => {
      setReport(r.data);
      if (!r.data.dryRun) {
        void qc.invalidateQueries();
        list.mutate();
      }
    },
  });

  if (caps.loading) return <Loading />;
  if (!caps.has('/import/pterodactyl/validate')) return <NotAvailable feature="Pterodactyl import" path="POST /import/pterodactyl/validate" />;
  const allowed = can('gameserver.manage') && can('workloads.manage');
  const servers: PanelServer[] = list.data?.data.servers ?? [];
  // A dry run stands for one selection on one node: changing either asks for a new one.
  const toggle = (id: number) => {
    setReport(null);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const onValidate = (e: FormEvent) => {
    e.preventDefault();
    validate.mutate();
  };

  return (
    <>
      <PageHeader title="Import from Pterodactyl">
        <Link to="/servers" className="btn">
          Back to servers
        </Link>
      </PageHeader>
      {!allowed && <div className="hint-box">Importing needs the “gameserver.manage” and “workloads.manage” permissions.</div>}
      <div className="card">
        <h2>1. Panel</h2>
        <form onSubmit={onValidate} data-testid="ptero-validate">
          <Field label="Panel URL" hint="e.g. https://panel.example.com">
            <input name="url" type="url" required maxLength={2048} value={url} onChange={(e) => setUrl(e.target.value)} />
          </Field>
          <Field label="Application API key" hint="Admin → Application API; read access to servers, nodes, allocations, nests and eggs. Used for these requests only, never stored.">
            <input name="apiKey" type="password" autoComplete="off" required maxLength={255} value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
          </Field>
          <button className="btn btn-primary" disabled={!allowed || validate.isPending}>
            {validate.isPending ? 'Checking…' : 'Connect'}
          </button>
        </form>
        <ErrorBox error={validate.error} title="The panel could not be used" />
        {facts && (
          <p className="muted small" data-testid="ptero-facts">
            Connected to {facts.panelUrl}: {facts.serverCount} servers, {facts.nestCount} nests.
          </p>
        )}
      </div>

      {facts && (
        <div className="card">
          <h2>2. Servers</h2>
          <ErrorBox error={list.error} title="Could not list the panel's servers" />
          {list.isPending ? (
            <Loading what="Reading the panel's servers" />
          ) : servers.length === 0 ? (
            <Empty>The panel has no servers.</Empty>
          ) : (
            <table className="table" data-testid="ptero-servers">
              <thead>
                <tr>
                  <th />
                  <th>Name</th>
                  <th>Egg</th>
                  <th>Memory / CPU / Disk</th>
                  <th>Ports</th>
                  <th>Here</th>
                </tr>
              </thead>
              <tbody>
                {servers.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${s.name}`} checked={selected.has(s.id)} disabled={!!s.importedAs} onChange={() => toggle(s.id)} />
                    </td>
                    <td className="strong">{s.name}</td>
                    <td>{s.eggName ?? `egg ${s.eggId}`}</td>
                    <td className="small">
                      {s.limits.memory || '∞'} MiB / {s.limits.cpu || '∞'} % / {s.limits.disk || '∞'} MiB
                    </td>
                    <td className="small">{s.allocations.map((a) => `${a.port}${a.primary ? '*' : ''}`).join(', ')}</td>
                    <td>{s.importedAs ? <Link to={`/servers/${s.importedAs}`}>imported</Link> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.data?.data.truncated && <p className="muted small">Only the first pages are shown.</p>}
        </div>
      )}

      {facts && (
        <div className="card">
          <h2>3. Node and import</h2>
          <Field label="Node" hint="Ports inside its range that are free keep their numbers; the others are listed in the report.">
            <select name="nodeId" value={nodeId} onChange={(e) => {
                setReport(null);
                setNodeId(e.target.value);
              }}>
              <option value="">Choose a node…</option>
              {(nodes.data?.data ?? []).map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name} (ports {n.portRangeStart}-{n.portRangeEnd})
                </option>
              ))}
            </select>
          </Field>
          <div className="row">
            <button className="btn" disabled={!allowed || !nodeId || selected.size === 0 || run.isPending} onClick={() => run.mutate(true)}>
              Dry run
            </button>
            <button className="btn btn-primary" disabled={!allowed || !report?.dryRun || run.isPending} onClick={() => run.mutate(false)}>
              {run.isPending ? 'Working…' : `Import ${selected.size} server${selected.size === 1 ? '' : 's'}`}
            </button>
          </div>
          <ErrorBox error={run.error} title="The import could not run" />
          {report && <ImportReport report={report} />}
        </div>
      )}
    </>
  );
}

function ImportReport({ report }: { report: Report }) {
  return (
    <div data-testid="ptero-report">
      <h3>{report.dryRun ? 'Dry run: nothing was created' : 'Import result'}</h3>
      <div className="hint-box">
        <ul>
          {report.notCarried.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </div>
      {report.servers.map((s) => (
        <div key={s.sourceId} className="card">
          <div className="card-head">
            <strong>{s.name || `Server ${s.sourceId}`}</strong>{' '}
            <span className={`badge badge-${STATUS_TONE[s.status]}`}>{s.status}</span>
            {s.gameserverId && <Link to={`/servers/${s.gameserverId}`}> open</Link>}
          </div>
          {s.error && <div className="alert alert-error small">{s.error}</div>}
          {s.template && (
            <p className="small">
              Template: {s.template.action === 'import' ? 'import the egg' : 'reuse the template of'} “{s.template.eggName}”
            </p>
          )}
          {s.limits && (
            <p className="small">
              Limits: {s.limits.memoryMiB} MiB memory, {s.limits.cpuPercent} % CPU, {s.limits.diskMiB} MiB disk
            </p>
          )}
          {Object.keys(s.variables).length > 0 && (
            <p className="small">
              Variables:{' '}
              {Object.entries(s.variables)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}
            </p>
          )}
          {s.ports.length > 0 && <p className="small">Ports: {s.ports.map((p) => `${p.port}${p.primary ? ' (primary)' : ''}`).join(', ')}</p>}
          {s.droppedPorts.length > 0 && (
            <ul className="small">
              {s.droppedPorts.map((p) => (
                <li key={p.port}>
                  Port {p.port} not carried: {p.reason}
                </li>
              ))}
            </ul>
          )}
          {s.notes.length > 0 && (
            <ul className="small muted">
              {s.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

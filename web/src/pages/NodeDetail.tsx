import { FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { useDialogs } from '../components/dialogs';
import { bytes, CopyButton, Empty, ErrorBox, Loading, PageHeader, StateBadge, when } from '../components/ui';
import { nodeBody, nodeFormOf, NodeFormFields, NodeFormValues } from './nodeForm';
import { Sparkline } from './ServerSettings';

type Node = components['schemas']['NodeOutputDTO'];
type RegisterToken = components['schemas']['RegisterTokenOutputDTO'];

/** One way to run the agent on a machine: a title, a short note and the text to copy. */
interface RegisterOption {
  kind: 'script' | 'docker' | 'node' | 'systemd';
  title: string;
  note: string;
  text: string;
}

/**
 * The copy-paste ways to start the agent, each with the token, the API URL and the data directory.
 * The URL is the API's configured public URL, else this page's origin (the dashboard is served by the API).
 */
export function registerOptions(reg: Pick<RegisterToken, 'token' | 'apiUrl' | 'dataDir'>, origin = window.location.origin): RegisterOption[] {
  const url = reg.apiUrl ?? origin;
  const dir = reg.dataDir;
  // The token goes in the environment, never the arguments: other users of the machine see arguments in ps.
  const args = `--url ${url} --data-dir ${dir}`;
  const env = `OUTPOST_TOKEN=${reg.token}`;
  return [
    {
      kind: 'script',
      title: 'Install script',
      note: 'Needs Node.js 20+ and Docker. Downloads the agent, checks its sha256 and runs it; add --systemd to install it as a service instead.',
      text: `curl -fsSL ${url}/agent/install.sh | ${env} sh -s -- ${args}`,
    },
    {
      kind: 'docker',
      title: 'Docker',
      note: 'The agent image (docker/Dockerfile.agent) next to the Docker socket. The data directory must have the same path inside and outside.',
      text: `docker run -d --name outpost-agent --restart unless-stopped -e ${env} -v /var/run/docker.sock:/var/run/docker.sock -v ${dir}:${dir} outpost-agent ${args}`,
    },
    {
      kind: 'node',
      title: 'Node.js',
      note: 'The agent is one file; it runs with plain node (20+), no install step.',
      text: `curl -fsSLO ${url}/agent/outpost-agent.cjs && ${env} node outpost-agent.cjs ${args}`,
    },
    {
      kind: 'systemd',
      title: 'systemd unit',
      note: `Save as /etc/systemd/system/outpost-agent.service after downloading ${url}/agent/outpost-agent.cjs to ${dir}/, then: systemctl enable --now outpost-agent`,
      text: [
        '[Unit]',
        'Description=Outpost node agent',
        'Wants=network-online.target',
        'After=network-online.target docker.service',
        '',
        '[Service]',
        `Environment=OUTPOST_TOKEN=${reg.token}`,
        `ExecStart=/usr/bin/node ${dir}/outpost-agent.cjs --url ${url} --data-dir ${dir}`,
        'Restart=always',
        'RestartSec=5',
        '# 78: the token was refused; restarting would not help.',
        'RestartPreventExitStatus=78',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
      ].join('\n'),
    },
  ];
}

/** The register token's commands, one tab per way to run the agent. Shown once: the token is not stored readable. */
export function RegisterCommands({ reg, onDone }: { reg: RegisterToken; onDone: () => void }) {
  const options = registerOptions(reg);
  const [kind, setKind] = useState<RegisterOption['kind']>('script');
  const current = options.find((o) => o.kind === kind) ?? options[0];
  return (
    <div className="secret register-commands" data-testid="register-commands">
      <h3>Connect the machine</h3>
      <p className="muted">
        Run one of these on the game machine. The one-time token in them is shown only now and expires {when(reg.expiresAt)}. The agent keeps its identity in <code>{reg.dataDir}</code>.
      </p>
      <div className="register-tabs" role="tablist">
        {options.map((o) => (
          <button key={o.kind} type="button" role="tab" aria-selected={o.kind === kind} className={`btn btn-small${o.kind === kind ? ' btn-primary' : ''}`} onClick={() => setKind(o.kind)}>
            {o.title}
          </button>
        ))}
      </div>
      <div className="register-option" data-testid={`register-option-${current.kind}`}>
        <pre className="register-text">{current.text}</pre>
        <div className="row">
          <CopyButton text={current.text} label={`Copy ${current.title.toLowerCase()}`} />
          <span className="muted small">{current.note}</span>
        </div>
      </div>
      <button type="button" className="btn" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

function MetricsCard({ node }: { node: Node }) {
  const metrics = useQuery({
    queryKey: useDomainKey('node-metrics', node.id),
    queryFn: () => unwrap(api.GET('/node/{id}/metrics', { params: { path: { id: node.id } } })),
    enabled: node.state !== 'pending',
    refetchInterval: 10_000,
  });
  const points = metrics.data?.data ?? [];
  const last = points.at(-1);
  return (
    <div className="card" data-testid="node-metrics">
      <h2>Last hour</h2>
      {metrics.error ? (
        <ErrorBox error={metrics.error} title="Metrics unavailable" />
      ) : !last || points.length < 2 ? (
        <div className="muted small">{node.state === 'pending' ? 'No metrics until the agent connects.' : 'Not enough samples yet (the agent reports every few seconds).'}</div>
      ) : (
        <div className="sparklines">
          <Sparkline label="CPU" values={points.map((p) => p.cpuPercent)} max={100} display={`${last.cpuPercent.toFixed(1)}%`} />
          <Sparkline label="Memory" values={points.map((p) => p.memoryUsedBytes)} max={last.memoryTotalBytes} display={`${bytes(last.memoryUsedBytes)} / ${bytes(last.memoryTotalBytes)}`} />
          <Sparkline label="Disk" values={points.map((p) => p.diskUsedBytes)} max={last.diskTotalBytes} display={`${bytes(last.diskUsedBytes)} / ${bytes(last.diskTotalBytes)}`} />
          <Sparkline label="Load (1 min)" values={points.map((p) => p.load1)} display={last.load1.toFixed(2)} />
        </div>
      )}
    </div>
  );
}

function InventoryCard({ node }: { node: Node }) {
  const inv = useQuery({
    queryKey: useDomainKey('node-inventory', node.id),
    queryFn: () => unwrap(api.GET('/node/{id}/inventory', { params: { path: { id: node.id } } })),
    enabled: node.state !== 'pending',
    refetchInterval: 30_000,
    retry: false,
  });
  const data = inv.data?.data;
  return (
    <div className="card" data-testid="node-inventory">
      <h2>Machine</h2>
      {node.state === 'pending' ? (
        <div className="muted small">The agent has not connected yet: the machine reports itself once it does.</div>
      ) : inv.isLoading ? (
        <Loading />
      ) : inv.error ? (
        <div className="muted small">{inv.error instanceof ApiError && inv.error.status === 404 ? 'The agent has not reported its inventory yet.' : inv.error.message}</div>
      ) : data ? (
        <>
          <dl className="node-facts">
            {data.system.hostname && (
              <>
                <dt>Hostname</dt>
                <dd>{data.system.hostname}</dd>
              </>
            )}
            <dt>System</dt>
            <dd>
              {data.system.os} · {data.system.platform}/{data.system.arch} · kernel {data.system.kernel}
            </dd>
            <dt>CPU</dt>
            <dd>
              {data.system.cpuCount} × {data.system.cpuModel}
            </dd>
            <dt>Memory</dt>
            <dd>{bytes(data.system.memoryBytes)}</dd>
            <dt>Docker</dt>
            <dd>{data.docker ? `${data.docker.version} (API ${data.docker.apiVersion})` : 'not answering'}</dd>
            <dt>Disks</dt>
            <dd>{data.disks.map((d) => `${d.mount}: ${bytes(d.freeBytes)} free of ${bytes(d.totalBytes)}`).join(' · ') || '—'}</dd>
            {data.network.length > 0 && (
              <>
                <dt>Network</dt>
                <dd>
                  {data.network
                    .filter((n) => n.addresses.some((a) => !a.internal))
                    .map((n) => `${n.name}: ${n.addresses.filter((a) => !a.internal).map((a) => a.address).join(', ')}`)
                    .join(' · ') || 'loopback only'}
                </dd>
              </>
            )}
            <dt>Reported</dt>
            <dd>{when(data.reportedAt)}</dd>
          </dl>
          {data.scope === 'domain' && <p className="muted small">A shared machine: you see your own servers' containers only.</p>}
        </>
      ) : null}
    </div>
  );
}

/** Every container on the machine, live from the agent (node managers only). */
function ContainersCard({ node }: { node: Node }) {
  const online = node.status === 'online';
  const list = useQuery({
    queryKey: useDomainKey('node-containers', node.id),
    queryFn: () => unwrap(api.GET('/node/{id}/containers', { params: { path: { id: node.id } } })),
    enabled: online,
    refetchInterval: 15_000,
    retry: false,
  });
  return (
    <div className="card" data-testid="node-containers">
      <h2>Containers</h2>
      {!online ? (
        <div className="muted small">Shown while the node is online.</div>
      ) : list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : !list.data?.data.length ? (
        <Empty>No containers on this machine.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table stack-sm">
            <thead>
              <tr>
                <th>Name</th>
                <th>Image</th>
                <th>State</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((c) => (
                <tr key={c.id}>
                  <td className="mono">{c.name}</td>
                  <td className="mono small">{c.image}</td>
                  <td>
                    <span className="badge badge-raw badge-idle">{c.state}</span>
                  </td>
                  <td className="muted small">{c.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ServersCard({ node }: { node: Node }) {
  const servers = useQuery({
    queryKey: useDomainKey('node-servers', node.id),
    queryFn: () => unwrap(api.POST('/gameserver/search', { body: { filters: { nodeId: [node.id] }, limit: 100, sortBy: 'name', sortDirection: 'asc' } })),
    refetchInterval: 15_000,
  });
  const rows = servers.data?.data ?? [];
  return (
    <div className="card" data-testid="node-servers">
      <h2>Game servers{servers.data ? ` (${servers.data.meta.total ?? rows.length})` : ''}</h2>
      {servers.isLoading ? (
        <Loading />
      ) : servers.error ? (
        <ErrorBox error={servers.error} />
      ) : !rows.length ? (
        <Empty>{node.shared ? 'None of your servers run on this node.' : 'No game servers on this node.'}</Empty>
      ) : (
        <table className="table stack-sm">
          <thead>
            <tr>
              <th>Name</th>
              <th>State</th>
              <th>Limits</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/servers/${s.id}`}>{s.name}</Link>
                </td>
                <td>
                  <StateBadge state={s.state} />
                </td>
                <td className="muted small">
                  {s.memoryMiB} MiB · {s.cpuPercent}% CPU
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function EditCard({ node, onSaved }: { node: Node; onSaved: () => void }) {
  const [form, setForm] = useState<NodeFormValues>(() => nodeFormOf(node));
  const [dirty, setDirty] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/node/{id}', {
          params: { path: { id: node.id } },
          body: nodeBody(form),
        }),
      ),
    onSuccess: () => {
      setDirty(false);
      onSaved();
    },
  });
  const fe = (f: string) => (save.error instanceof ApiError ? save.error.field(f) : undefined);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <div className="card" data-testid="node-edit">
      <h2>Settings</h2>
      <form className="form" onSubmit={submit}>
        <ErrorBox error={save.error} title="Could not save the node" />
        <NodeFormFields
          form={form}
          onChange={(k, v) => {
            setForm({ ...form, [k]: v });
            setDirty(true);
          }}
          fieldError={fe}
        />
        <div className="row">
          <button className="btn btn-primary" disabled={save.isPending}>
            Save changes
          </button>
          {save.isSuccess && !dirty && <span className="muted small">Saved.</span>}
        </div>
      </form>
    </div>
  );
}

export function NodeDetailPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const dialogs = useDialogs();
  const { can, isAdmin } = usePermissions();
  const key = useDomainKey('node', id);
  const node = useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/node/{id}', { params: { path: { id } } })), refetchInterval: 10_000 });
  const [reg, setReg] = useState<RegisterToken | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const act = useMutation({
    mutationFn: async (action: 'cordon' | 'uncordon' | 'drain' | 'delete' | 'token') => {
      const path = { params: { path: { id } } };
      if (action === 'cordon') return unwrap(api.POST('/node/{id}/cordon', path));
      if (action === 'uncordon') return unwrap(api.POST('/node/{id}/uncordon', path));
      if (action === 'drain') return unwrap(api.POST('/node/{id}/drain', path));
      if (action === 'token') return setReg((await unwrap(api.POST('/node/{id}/register-token', path))).data);
      await unwrap(api.DELETE('/node/{id}', path));
      navigate('/nodes');
    },
    onSuccess: refresh,
  });

  if (!can('nodes.read')) return <Empty>You don't have permission to see this domain's nodes.</Empty>;
  if (node.isLoading) return <Loading />;
  if (node.error) return <ErrorBox error={node.error} title="Could not load the node" />;
  const n = node.data!.data;
  // Shared nodes are changed by instance administrators only (the API says so too).
  const manage = can('nodes.manage') && (!n.shared || isAdmin);

  async function remove() {
    const ok = await dialogs.confirm({
      title: `Delete node "${n.name}"?`,
      body: 'The node and its agent token are removed; the agent on the machine can no longer connect. A node that still has game servers is kept.',
      confirmLabel: 'Delete node',
      danger: true,
    });
    if (ok) act.mutate('delete');
  }
  async function drain() {
    const ok = await dialogs.confirm({
      title: `Drain node "${n.name}"?`,
      body: 'No new servers are placed here; the servers on it keep running until you move them.',
      confirmLabel: 'Drain',
    });
    if (ok) act.mutate('drain');
  }

  return (
    <>
      <PageHeader title={n.name}>
        <StateBadge state={n.state} />
        {n.shared && (
          <span className="badge badge-busy" data-testid="shared-badge" title="Every domain may place servers on this node">
            Shared
          </span>
        )}
      </PageHeader>
      <p className="muted small node-breadcrumb">
        <Link to="/nodes">← All nodes</Link>
      </p>
      {manage && (
        <div className="card node-actions" data-testid="node-actions">
          <div className="row">
            {n.scheduling === 'active' ? (
              <>
                <button className="btn" onClick={() => act.mutate('cordon')} disabled={act.isPending} title="No new servers are placed here">
                  Cordon
                </button>
                <button className="btn" onClick={drain} disabled={act.isPending}>
                  Drain
                </button>
              </>
            ) : (
              <button className="btn" onClick={() => act.mutate('uncordon')} disabled={act.isPending}>
                {n.scheduling === 'draining' ? 'Stop draining' : 'Uncordon'}
              </button>
            )}
            <button className="btn" onClick={() => act.mutate('token')} disabled={act.isPending}>
              {n.state === 'pending' ? 'Get register command' : 'New register command'}
            </button>
            <button className="btn btn-danger" onClick={remove} disabled={act.isPending}>
              Delete node
            </button>
          </div>
          <ErrorBox error={act.error} title="That did not work" />
        </div>
      )}
      {reg && (
        <div className="card">
          <RegisterCommands reg={reg} onDone={() => setReg(null)} />
        </div>
      )}
      <div className="card" data-testid="node-overview">
        <dl className="node-facts">
          <dt>Address</dt>
          <dd>{n.address}</dd>
          {n.location && (
            <>
              <dt>Location</dt>
              <dd>{n.location}</dd>
            </>
          )}
          <dt>Game ports</dt>
          <dd>
            {n.portRangeStart}–{n.portRangeEnd}
          </dd>
          <dt>Allocatable</dt>
          <dd>
            {n.memoryMiB.toLocaleString('en')} MiB RAM · {n.diskMiB.toLocaleString('en')} MiB disk · {n.cpuPercent}% CPU
            {n.overallocationPercent ? ` (+${n.overallocationPercent}% overallocation)` : ''}
          </dd>
          <dt>Scheduling</dt>
          <dd>{n.scheduling === 'active' ? 'New servers may be placed here' : n.scheduling === 'cordoned' ? 'Cordoned: no new servers' : 'Draining: no new servers; move the existing ones'}</dd>
          <dt>Agent</dt>
          <dd>
            {n.agentVersion ? `${n.agentVersion} · ` : ''}last heartbeat {when(n.lastHeartbeatAt)}
          </dd>
          {n.tags.length > 0 && (
            <>
              <dt>Tags</dt>
              <dd>{n.tags.join(', ')}</dd>
            </>
          )}
        </dl>
      </div>
      <MetricsCard node={n} />
      <InventoryCard node={n} />
      <ServersCard node={n} />
      {manage && <ContainersCard node={n} />}
      {manage && <EditCard key={n.id} node={n} onSaved={refresh} />}
      {reg === null && n.state === 'pending' && !manage && <p className="muted small">Waiting for the machine's agent to connect.</p>}
    </>
  );
}

import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { Bar, Empty, ErrorBox, Loading, PageHeader, StateBadge, when } from '../components/ui';
import { RegisterCommands } from './NodeDetail';
import { NEW_NODE, nodeBody, NodeFormFields, NodeFormValues } from './nodeForm';

type Node = components['schemas']['NodeOutputDTO'];
type RegisterToken = components['schemas']['RegisterTokenOutputDTO'];

function NodeCard({ node, manage, onToken }: { node: Node; manage: boolean; onToken: (reg: RegisterToken) => void }) {
  const key = useDomainKey('node-metrics', node.id);
  const metrics = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/node/{id}/metrics', { params: { path: { id: node.id } } })),
    enabled: node.state !== 'pending',
    refetchInterval: 10_000,
  });
  const last = metrics.data?.data.at(-1);
  const token = useMutation({
    mutationFn: () => unwrap(api.POST('/node/{id}/register-token', { params: { path: { id: node.id } } })),
    onSuccess: (r) => onToken(r.data),
  });
  const mib = 1024 * 1024;
  return (
    <div className="card node-card" data-testid="node-card">
      <div className="node-head">
        <div>
          <h3>
            <Link to={`/nodes/${node.id}`}>{node.name}</Link>
          </h3>
          <div className="muted small">
            {node.address}
            {node.location ? ` · ${node.location}` : ''} · ports {node.portRangeStart}–{node.portRangeEnd}
          </div>
        </div>
        <div className="row">
          {node.shared && (
            <span className="badge badge-busy" data-testid="shared-badge" title="Every domain may place servers on this node">
              Shared
            </span>
          )}
          <StateBadge state={node.state} />
        </div>
      </div>
      {node.tags.length > 0 && (
        <div className="chips">
          {node.tags.map((t) => (
            <span key={t} className="chip">
              {t}
            </span>
          ))}
        </div>
      )}
      <div className="bars">
        <Bar label="Memory" value={last ? Math.round(last.memoryUsedBytes / mib) : 0} max={last ? Math.round(last.memoryTotalBytes / mib) : node.memoryMiB} unit=" MiB" />
        <Bar label="Disk" value={last ? Math.round(last.diskUsedBytes / mib) : 0} max={last ? Math.round(last.diskTotalBytes / mib) : node.diskMiB} unit=" MiB" />
        <Bar label="CPU" value={last ? Math.round(last.cpuPercent) : 0} max={100} unit="%" />
      </div>
      <div className="muted small">
        Allocatable: {node.memoryMiB.toLocaleString('en')} MiB RAM · {node.diskMiB.toLocaleString('en')} MiB disk · {node.cpuPercent}% CPU
        {node.overallocationPercent ? ` (+${node.overallocationPercent}% overallocation)` : ''}
      </div>
      <div className="muted small">
        {node.agentVersion ? `Agent ${node.agentVersion} · ` : ''}last heartbeat {when(node.lastHeartbeatAt)}
      </div>
      {manage && (
        <div className="row">
          <button className="btn btn-small" onClick={() => token.mutate()} disabled={token.isPending}>
            {node.state === 'pending' ? 'Get register command' : 'New register command'}
          </button>
        </div>
      )}
      <ErrorBox error={token.error} title="Could not create a register token" />
    </div>
  );
}

export function NodesPage() {
  const qc = useQueryClient();
  const { can, isAdmin } = usePermissions();
  const key = useDomainKey('nodes');
  const nodes = useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/node/search', { body: { limit: 1000, sortBy: 'name', sortDirection: 'asc' } })), refetchInterval: 10_000 });
  const [open, setOpen] = useState(false);
  const [reg, setReg] = useState<RegisterToken | null>(null);
  const [form, setForm] = useState<NodeFormValues>(NEW_NODE);
  const [shared, setShared] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/node', {
          body: { ...nodeBody(form), ...(shared ? { shared: true } : {}) },
        }),
      ),
    onSuccess: async (r) => {
      setOpen(false);
      setForm({ ...form, name: '', address: '' });
      await qc.invalidateQueries({ queryKey: key });
      const tok = await unwrap(api.POST('/node/{id}/register-token', { params: { path: { id: r.data.id } } }));
      setReg(tok.data);
    },
  });
  const manage = can('nodes.manage');
  if (!can('nodes.read')) return <Empty>You don't have permission to see this domain's nodes.</Empty>;
  const fe = (f: string) => (create.error instanceof ApiError ? create.error.field(f) : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  return (
    <>
      <PageHeader title="Nodes">
        {manage && !open && (
          <button className="btn btn-primary" onClick={() => setOpen(true)}>
            Add node
          </button>
        )}
      </PageHeader>
      {reg && (
        <div className="card">
          <RegisterCommands reg={reg} onDone={() => setReg(null)} />
        </div>
      )}
      {open && (
        <div className="card">
          <h2>Add a node</h2>
          <form className="form" onSubmit={submit}>
            <ErrorBox error={create.error} title="Could not create the node" />
            <NodeFormFields form={form} onChange={(k, v) => setForm({ ...form, [k]: v })} fieldError={fe} />
            {isAdmin && (
              <label className="check">
                <input type="checkbox" name="node-shared" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Shared node: every domain of this
                instance may place servers on it (instance administrators manage it)
              </label>
            )}
            <div className="row">
              <button className="btn btn-primary" disabled={create.isPending}>
                Create node
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      )}
      {nodes.isLoading ? (
        <Loading />
      ) : nodes.error ? (
        <ErrorBox error={nodes.error} />
      ) : !nodes.data?.data.length ? (
        <Empty>No nodes in this domain yet. Add one and run the agent on it to host game servers.</Empty>
      ) : (
        <div className="node-grid">
          {nodes.data.data.map((n) => (
            <NodeCard key={n.id} node={n} manage={manage && (!n.shared || isAdmin)} onToken={setReg} />
          ))}
        </div>
      )}
    </>
  );
}

import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useCapabilities, useDomainKey, usePermissions } from '../api/hooks';
import type { Workload } from '../api/schema';
import { Empty, ErrorBox, Field, Loading, NotAvailable, PageHeader } from '../components/ui';
import { checkRules, ruleHint } from './rules';

export function ServerCreatePage() {
  const caps = useCapabilities();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const wkey = useDomainKey('workloads');
  const workloads = useQuery({
    queryKey: wkey,
    enabled: caps.has('/workload/search'),
    queryFn: () => unwrap(api.POST('/workload/search', { body: { limit: 1000 } })),
  });
  const templates = useQuery({
    queryKey: ['workload-templates'],
    enabled: caps.has('/workload/templates'),
    queryFn: () => unwrap(api.GET('/workload/templates')),
    staleTime: Infinity,
  });
  const nodes = useQuery({
    queryKey: useDomainKey('nodes'),
    enabled: can('nodes.read'),
    queryFn: () => unwrap(api.POST('/node/search', { body: { limit: 1000 } })),
  });
  const [workloadId, setWorkloadId] = useState('');
  const fromTemplate = useMutation({
    mutationFn: (template: string) => unwrap(api.POST('/workload/from-template', { body: { template } })),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: wkey });
      setWorkloadId(r.data.id);
    },
  });
  const workload = workloads.data?.data.find((w) => w.id === workloadId);

  if (caps.loading) return <Loading />;
  if (!caps.has('/gameserver')) return <NotAvailable feature="Game servers" path="POST /gameserver" />;

  return (
    <>
      <PageHeader title="New game server" />
      <div className="card">
        <h2>1. Choose what to run</h2>
        {workloads.isLoading ? (
          <Loading what="Loading workloads" />
        ) : workloads.error ? (
          <ErrorBox error={workloads.error} />
        ) : (
          <>
            {workloads.data?.data.length ? (
              <div className="pick-list" role="radiogroup" aria-label="Workload">
                {workloads.data.data.map((w) => (
                  <label key={w.id} className={`pick ${w.id === workloadId ? 'picked' : ''}`}>
                    <input type="radio" name="workload" value={w.id} checked={w.id === workloadId} onChange={() => setWorkloadId(w.id)} />
                    <span className="strong">{w.name}</span>
                    <span className="muted small">{w.description}</span>
                  </label>
                ))}
              </div>
            ) : (
              <Empty>No workloads in this domain yet: start from a built-in template.</Empty>
            )}
            {templates.data && templates.data.data.length > 0 && (
              <div className="templates">
                <h3>Built-in templates</h3>
                <div className="pick-list">
                  {templates.data.data.map((t) => (
                    <div key={t.id} className="pick" data-testid={`template-${t.id}`}>
                      <span className="strong">{t.name}</span>
                      <span className="muted small">{t.description}</span>
                      <button type="button" className="btn btn-small" disabled={fromTemplate.isPending} onClick={() => fromTemplate.mutate(t.id)}>
                        Use template
                      </button>
                    </div>
                  ))}
                </div>
              </div>
            )}
            <ErrorBox error={fromTemplate.error ?? templates.error} title="Could not use the template" />
          </>
        )}
      </div>
      {workload && (
        <ServerForm
          key={workload.id}
          workload={workload}
          nodes={(nodes.data?.data ?? []).map((n) => ({ id: n.id, name: n.name, state: n.state }))}
          onCreated={(id) => {
            void qc.invalidateQueries();
            navigate(`/servers/${id}`);
          }}
        />
      )}
    </>
  );
}

function ServerForm({ workload, nodes, onCreated }: { workload: Workload; nodes: Array<{ id: string; name: string; state: string }>; onCreated: (id: string) => void }) {
  const vars = useMemo(() => workload.definition.variables.filter((v) => v.userViewable), [workload]);
  const defaults = workload.definition.defaults;
  const [name, setName] = useState('');
  const [nodeId, setNodeId] = useState('');
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(vars.map((v) => [v.envVariable, v.defaultValue ?? ''])));
  const [limits, setLimits] = useState({ memoryMiB: String(defaults.memoryMiB ?? ''), cpuPercent: String(defaults.cpuPercent ?? ''), diskMiB: String(defaults.diskMiB ?? '') });
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!nodeId && nodes.length === 1) setNodeId(nodes[0].id);
  }, [nodes, nodeId]);
  const localErrors = Object.fromEntries(vars.filter((v) => v.userEditable).map((v) => [v.envVariable, checkRules(values[v.envVariable] ?? '', v.rules ?? '')]));
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/gameserver', {
          body: {
            name,
            workloadId: workload.id,
            ...(nodeId ? { nodeId } : {}),
            variables: Object.fromEntries(vars.filter((v) => v.userEditable).map((v) => [v.envVariable, values[v.envVariable] ?? ''])),
            ...(limits.memoryMiB ? { memoryMiB: Number(limits.memoryMiB) } : {}),
            ...(limits.cpuPercent ? { cpuPercent: Number(limits.cpuPercent) } : {}),
            ...(limits.diskMiB ? { diskMiB: Number(limits.diskMiB) } : {}),
          } as never,
        }),
      ),
    onSuccess: (r) => onCreated((r.data as { id: string }).id),
  });
  const apiErr = create.error instanceof ApiError ? create.error : undefined;
  const fieldErr = (path: string) => apiErr?.field(path);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (Object.values(localErrors).some(Boolean)) return;
    create.mutate();
  }

  return (
    <div className="card">
      <h2>2. Configure “{workload.name}”</h2>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBox error={create.error} title="Could not create the server" />
        <div className="grid-2">
          <Field label="Server name" error={fieldErr('name')}>
            <input name="serverName" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field label="Node" error={fieldErr('nodeId')} hint="Leave on automatic to let Outpost pick a node with room.">
            <select name="nodeId" value={nodeId} onChange={(e) => setNodeId(e.target.value)}>
              <option value="">Automatic</option>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name} ({n.state})
                </option>
              ))}
            </select>
          </Field>
        </div>
        {vars.length > 0 && <h3>Variables</h3>}
        <div className="grid-2">
          {vars.map((v) => (
            <Field
              key={v.envVariable}
              label={v.name}
              error={fieldErr(`variables.${v.envVariable}`) ?? (touched ? localErrors[v.envVariable] : undefined)}
              hint={
                <>
                  {v.description} <code>{v.envVariable}</code> {v.rules ? <span className="muted">({ruleHint(v.rules)})</span> : null}
                </>
              }
            >
              <input
                name={`var-${v.envVariable}`}
                value={values[v.envVariable] ?? ''}
                disabled={!v.userEditable}
                onChange={(e) => setValues({ ...values, [v.envVariable]: e.target.value })}
              />
            </Field>
          ))}
        </div>
        <h3>Limits</h3>
        <div className="grid-3">
          <Field label="Memory (MiB)" error={fieldErr('memoryMiB')}>
            <input name="memoryMiB" type="number" value={limits.memoryMiB} placeholder="template default" onChange={(e) => setLimits({ ...limits, memoryMiB: e.target.value })} />
          </Field>
          <Field label="CPU (%)" error={fieldErr('cpuPercent')}>
            <input name="cpuPercent" type="number" value={limits.cpuPercent} placeholder="template default" onChange={(e) => setLimits({ ...limits, cpuPercent: e.target.value })} />
          </Field>
          <Field label="Disk (MiB)" error={fieldErr('diskMiB')}>
            <input name="diskMiB" type="number" value={limits.diskMiB} placeholder="template default" onChange={(e) => setLimits({ ...limits, diskMiB: e.target.value })} />
          </Field>
        </div>
        <button className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create server'}
        </button>
      </form>
    </div>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey } from '../api/hooks';
import type { components, GameServer } from '../api/schema';
import { Empty, ErrorBox, Field, Loading } from '../components/ui';
import { useDialogs } from '../components/dialogs';

type Allocation = components['schemas']['AllocationOutputDTO'];
type AllocationList = components['schemas']['AllocationListOutputDTO'];

const NOTES_MAX = 256;

/** The server's ports (Pterodactyl's Network tab): add, make primary, notes, remove. Changes reach the container at its next start. */
export function ServerNetwork({ server }: { server: GameServer }) {
  const qc = useQueryClient();
  const dialogs = useDialogs();
  const key = useDomainKey('server-allocations', server.id);
  const serverKey = useDomainKey('server', server.id);
  const list = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/gameserver/{id}/allocations', { params: { path: { id: server.id } } })),
  });
  const path = { params: { path: { id: server.id } } };
  /** Every change answers with the whole list: it replaces the cached one, and the header's ports follow. */
  const settle = (r: { data: AllocationList }) => {
    qc.setQueryData(key, r);
    void qc.invalidateQueries({ queryKey: serverKey });
  };

  const [mode, setMode] = useState<'auto' | 'port'>('auto');
  const [port, setPort] = useState('');
  const [protocol, setProtocol] = useState<'tcp' | 'udp'>('tcp');
  const [notes, setNotes] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/gameserver/{id}/allocations', {
          ...path,
          body: { protocol, ...(mode === 'port' ? { port: Number(port) } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}) },
        }),
      ),
    onSuccess: (r) => {
      settle(r);
      setPort('');
      setNotes('');
    },
  });
  const primary = useMutation({
    mutationFn: (a: Allocation) => unwrap(api.POST('/gameserver/{id}/allocations/{allocationId}/primary', { params: { path: { id: server.id, allocationId: a.id } } })),
    onSuccess: settle,
  });
  const remove = useMutation({
    mutationFn: (a: Allocation) => unwrap(api.DELETE('/gameserver/{id}/allocations/{allocationId}', { params: { path: { id: server.id, allocationId: a.id } } })),
    onSuccess: settle,
  });

  if (list.isLoading) return <Loading what="Loading ports" />;
  if (list.error) return <ErrorBox error={list.error} title="Could not load the ports" />;
  const data = list.data!.data;
  const full = data.allocations.length >= data.limit;
  const addError = add.error instanceof ApiError ? add.error : undefined;
  const portInvalid = mode === 'port' && port !== '' && !(Number(port) >= data.portRangeStart && Number(port) <= data.portRangeEnd);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (mode === 'port' && (port === '' || portInvalid)) return;
    add.mutate();
  }

  return (
    <div data-testid="server-network">
      <div className="card">
        <div className="card-head">
          <h2>Ports</h2>
          <span className="muted small" data-testid="port-count">
            {data.allocations.length} of {data.limit}
          </span>
        </div>
        <div className={data.restartRequired ? 'hint-box' : 'muted small network-note'} data-testid="network-note" role={data.restartRequired ? 'status' : undefined}>
          {data.restartRequired ? (
            <span>
              <strong>Restart needed.</strong> The server still uses its previous ports: {data.note.replace(/^Port changes take effect at the next start: /, 'at its next start ')}
            </span>
          ) : (
            <span>{data.note}</span>
          )}
        </div>
        <ErrorBox error={primary.error} title="Could not change the primary port" />
        <ErrorBox error={remove.error} title="Could not remove the port" />
        {data.allocations.length === 0 ? (
          <Empty>This server has no ports yet. Add one below.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table allocation-table stack-sm" data-testid="allocation-table">
              <thead>
                <tr>
                  <th>Address</th>
                  <th>Container port</th>
                  <th>Notes</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.allocations.map((a) => (
                  <tr key={a.id} data-testid="allocation-row" data-port={a.port} data-protocol={a.protocol}>
                    <td>
                      <code className="allocation-address">
                        {a.ip}:{a.port}
                      </code>{' '}
                      <span className="badge badge-idle badge-raw">{a.protocol}</span>{' '}
                      {a.primary && (
                        <span className="badge badge-ok" data-testid="primary-badge" title="SERVER_PORT: the port the game listens on">
                          primary
                        </span>
                      )}
                    </td>
                    <td className="muted">
                      <span className="show-sm">container </span>→ {a.containerPort}
                    </td>
                    <td className="allocation-notes">
                      <NotesEditor server={server} allocation={a} onSaved={settle} />
                    </td>
                    <td className="actions">
                      <div className="row">
                        {!a.primary && (
                          <button type="button" className="btn btn-small" disabled={primary.isPending} onClick={() => primary.mutate(a)}>
                            Make primary
                          </button>
                        )}
                        {!a.primary && (
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={remove.isPending}
                            onClick={() =>
                              void dialogs
                                .confirm({
                                  title: `Remove port ${a.port}/${a.protocol} from ${server.name}?`,
                                  body: 'The server keeps it until its next start; then the port is free for other servers on this node.',
                                  confirmLabel: 'Remove port',
                                  danger: true,
                                })
                                .then((ok) => ok && remove.mutate(a))
                            }
                          >
                            Remove
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <form className="card form" onSubmit={submit} noValidate data-testid="add-allocation">
        <h2>Add a port</h2>
        <p className="muted small">
          From this node’s range {data.portRangeStart}–{data.portRangeEnd}. Inside the container the port number is the same.
        </p>
        <div className="segmented" role="radiogroup" aria-label="Which port">
          <label className={mode === 'auto' ? 'on' : ''}>
            <input type="radio" name="portMode" value="auto" checked={mode === 'auto'} onChange={() => setMode('auto')} /> First free port
          </label>
          <label className={mode === 'port' ? 'on' : ''}>
            <input type="radio" name="portMode" value="port" checked={mode === 'port'} onChange={() => setMode('port')} /> Choose a port
          </label>
        </div>
        <div className="grid-3">
          {mode === 'port' && (
            <Field label="Port" error={addError?.field('port') ?? (portInvalid ? `Choose a port between ${data.portRangeStart} and ${data.portRangeEnd}` : undefined)}>
              <input name="port" type="number" inputMode="numeric" min={data.portRangeStart} max={data.portRangeEnd} value={port} onChange={(e) => setPort(e.target.value)} required />
            </Field>
          )}
          <Field label="Protocol" error={addError?.field('protocol')}>
            <select name="protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as 'tcp' | 'udp')}>
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
            </select>
          </Field>
          <Field label="Notes (optional)" error={addError?.field('notes')}>
            <input name="notes" value={notes} maxLength={NOTES_MAX} placeholder="e.g. query port" onChange={(e) => setNotes(e.target.value)} />
          </Field>
        </div>
        <ErrorBox error={add.error} title="Could not add the port" />
        <div className="row">
          <button className="btn btn-primary" disabled={add.isPending || full || (mode === 'port' && (port === '' || portInvalid))}>
            {add.isPending ? 'Adding…' : 'Add port'}
          </button>
          {full && <span className="muted small">A server can have at most {data.limit} ports.</span>}
        </div>
      </form>
    </div>
  );
}

/** Notes edited in place: saved on Enter or when the field loses focus, Escape puts the old text back. */
function NotesEditor({ server, allocation, onSaved }: { server: GameServer; allocation: Allocation; onSaved: (r: { data: AllocationList }) => void }) {
  const [value, setValue] = useState(allocation.notes);
  const save = useMutation({
    mutationFn: (notes: string) => unwrap(api.PUT('/gameserver/{id}/allocations/{allocationId}', { params: { path: { id: server.id, allocationId: allocation.id } }, body: { notes } })),
    onSuccess: onSaved,
  });
  const commit = () => {
    const notes = value.trim();
    if (notes !== allocation.notes) save.mutate(notes);
  };
  const error = save.error instanceof ApiError ? (save.error.field('notes') ?? save.error.message) : save.error ? String(save.error) : undefined;
  return (
    <div className="notes-editor">
      <input
        aria-label={`Notes for port ${allocation.port}/${allocation.protocol}`}
        name="allocationNotes"
        value={value}
        maxLength={NOTES_MAX}
        placeholder="Add a note"
        onChange={(e) => {
          setValue(e.target.value);
          if (save.error) save.reset();
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') setValue(allocation.notes);
        }}
      />
      {save.isPending ? (
        <span className="muted small">Saving…</span>
      ) : save.isSuccess && value.trim() === allocation.notes ? (
        <span className="ok-text small" role="status">
          Saved ✓
        </span>
      ) : null}
      {error && <div className="field-error small">{error}</div>}
    </div>
  );
}

import { FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { useDialogs } from '../components/dialogs';
import { CopyButton, Empty, ErrorBox, Field, Loading, PageHeader, SecretOnce, when } from '../components/ui';

type Integration = components['schemas']['IntegrationOutputDTO'];
type IntegrationType = Integration['type'];
type IntegrationEvent = Integration['events'][number];
type TestResult = components['schemas']['IntegrationTestOutputDTO'];
type WebhookTokenCreated = components['schemas']['WebhookTokenCreatedDTO'];

const TYPES: Array<{ value: IntegrationType; label: string; hint: string }> = [
  { value: 'discord', label: 'Discord', hint: 'A channel’s incoming-webhook URL (Channel settings → Integrations → Webhooks).' },
  { value: 'slack', label: 'Slack', hint: 'An incoming-webhook URL of a Slack app.' },
  { value: 'webhook', label: 'Webhook', hint: 'Any HTTP(S) endpoint: Outpost POSTs signed JSON to it.' },
  { value: 'email', label: 'Email', hint: 'Sent with the instance’s mail server unless you give your own.' },
];
export const EVENTS: Array<{ value: IntegrationEvent; label: string }> = [
  { value: 'alert.fired', label: 'Alert fired' },
  { value: 'alert.resolved', label: 'Alert resolved' },
  { value: 'server.crashed', label: 'Server crashed' },
  { value: 'server.state', label: 'Server state changed' },
  { value: 'backup.completed', label: 'Backup completed' },
  { value: 'backup.failed', label: 'Backup failed' },
  { value: 'member.joined', label: 'Member joined' },
  { value: 'member.left', label: 'Member left' },
  { value: 'node.online', label: 'Node online' },
  { value: 'node.offline', label: 'Node offline' },
];
const DEFAULT_EVENTS: IntegrationEvent[] = ['alert.fired', 'alert.resolved'];
const SIGNATURE_NOTE =
  'Copy it now: it won’t be shown again. Each request carries X-Outpost-Timestamp and X-Outpost-Signature (v1= HMAC-SHA256 of "<timestamp>.<raw body>" with this secret); docs/webhooks.md in the Outpost repository shows how to verify them.';

const STATUS_TONE: Record<string, string> = { succeeded: 'ok', pending: 'busy', failed: 'bad' };

export function IntegrationsPage() {
  const { can } = usePermissions();
  const location = useLocation();
  // Links from the Deploy tab land on the webhook tokens.
  useEffect(() => {
    if (location.hash === '#webhooks') document.getElementById('webhooks')?.scrollIntoView();
  }, [location.hash]);
  return (
    <>
      <PageHeader title="Integrations" />
      {can('integrations.manage') && <IntegrationsCard />}
      {can('deploy.manage') && <WebhookTokens />}
    </>
  );
}

function IntegrationsCard() {
  const dialogs = useDialogs();
  const qc = useQueryClient();
  const key = useDomainKey('integrations');
  const list = useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/integration/search', { body: { limit: 1000, sortBy: 'createdAt', sortDirection: 'asc' } })) });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [log, setLog] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult>>({});
  const [failed, setFailed] = useState<{ title: string; error: unknown } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const act = useMutation({
    mutationFn: ({ run }: { title: string; run: () => Promise<unknown> }) => run(),
    onMutate: () => setFailed(null),
    onError: (error, v) => setFailed({ title: v.title, error }),
    onSettled: () => void refresh(),
  });
  const test = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/integration/{id}/test', { params: { path: { id } } })),
    onMutate: () => setFailed(null),
    onSuccess: (r, id) => {
      setTests((t) => ({ ...t, [id]: r.data }));
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'deliveries' && q.queryKey[2] === id });
    },
    onError: (error) => setFailed({ title: 'Could not send the test', error }),
  });
  const rows = list.data?.data ?? [];
  const logOf = rows.find((i) => i.id === log);

  return (
    <>
      <div className="card" data-testid="integrations">
        <div className="toolbar">
          <h2 className="inline-h">Notifications</h2>
          {!creating && !secret && (
            <button className="btn btn-primary" onClick={() => setCreating(true)}>
              New integration
            </button>
          )}
        </div>
        <p className="muted small lead">Send alerts and events of this domain to Discord, Slack, your own HTTP endpoint or email.</p>
        {secret && <SecretOnce title={`Signing secret of ${secret.name}`} value={secret.value} note={SIGNATURE_NOTE} onDone={() => setSecret(null)} />}
        {creating && (
          <IntegrationEditor
            onCancel={() => setCreating(false)}
            onSaved={(created) => {
              setCreating(false);
              if (created?.signingSecret) setSecret({ name: created.name, value: created.signingSecret });
              void refresh();
            }}
          />
        )}
        {failed && <ErrorBox error={failed.error} title={failed.title} />}
        {list.isLoading ? (
          <Loading what="Loading integrations" />
        ) : list.error ? (
          <ErrorBox error={list.error} title="Could not load the integrations" />
        ) : rows.length === 0 ? (
          !creating && <Empty>No integrations yet. Alerts show in the dashboard only.</Empty>
        ) : (
          <table className="table stack-sm" data-testid="integration-table">
            <thead>
              <tr>
                <th>Integration</th>
                <th>Events</th>
                <th>Enabled</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <IntegrationRow
                  key={i.id}
                  i={i}
                  busy={act.isPending}
                  editing={editing === i.id}
                  testing={test.isPending && test.variables === i.id}
                  result={tests[i.id]}
                  logOpen={log === i.id}
                  onEdit={() => setEditing(editing === i.id ? null : i.id)}
                  onSaved={() => {
                    setEditing(null);
                    void refresh();
                  }}
                  onToggle={(enabled) => act.mutate({ title: 'Could not change the integration', run: () => unwrap(api.PUT('/integration/{id}', { params: { path: { id: i.id } }, body: { enabled } })) })}
                  onTest={() => test.mutate(i.id)}
                  onLog={() => setLog(log === i.id ? null : i.id)}
                  onRotate={() =>
                    void dialogs
                      .confirm({ title: `New signing secret for ${i.name}?`, body: 'The current secret stops working at once: update your receiver with the new one.', confirmLabel: 'Rotate secret', danger: true })
                      .then(
                        (ok) =>
                          ok &&
                          act.mutate({
                            title: 'Could not rotate the secret',
                            run: async () => {
                              const r = await unwrap(api.POST('/integration/{id}/rotate-secret', { params: { path: { id: i.id } } }));
                              setSecret({ name: i.name, value: r.data.signingSecret });
                            },
                          }),
                      )
                  }
                  onDelete={() =>
                    void dialogs
                      .confirm({ title: `Delete the integration “${i.name}”?`, body: 'Nothing more is sent to it; its delivery log goes too.', confirmLabel: 'Delete', danger: true })
                      .then((ok) => ok && act.mutate({ title: 'Could not delete the integration', run: () => unwrap(api.DELETE('/integration/{id}', { params: { path: { id: i.id } } })) }))
                  }
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {logOf && <DeliveryLog integration={logOf} onClose={() => setLog(null)} />}
    </>
  );
}

function IntegrationRow(p: {
  i: Integration;
  busy: boolean;
  editing: boolean;
  testing: boolean;
  result?: TestResult;
  logOpen: boolean;
  onEdit: () => void;
  onSaved: () => void;
  onToggle: (enabled: boolean) => void;
  onTest: () => void;
  onLog: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const { i, result } = p;
  return (
    <>
      <tr data-testid="integration-row" data-name={i.name}>
        <td>
          <div className="strong">{i.name}</div>
          <div className="muted small wrap">
            {TYPES.find((t) => t.value === i.type)?.label ?? i.type} · {i.type === 'email' ? i.recipients.join(', ') : i.target}
          </div>
          {result && (
            <div className={`small test-result ${result.ok ? 'ok-text' : 'warn-text'}`} data-testid="test-result" role="status">
              {result.ok ? `Test delivered${result.statusCode != null ? ` (HTTP ${result.statusCode})` : ''}` : `Test failed: ${result.error ?? (result.statusCode != null ? `HTTP ${result.statusCode}` : 'no answer')}`}
            </div>
          )}
        </td>
        <td>
          <div className="chips">
            {i.events.map((e) => (
              <span key={e} className="chip">
                {e}
              </span>
            ))}
          </div>
        </td>
        <td>
          <label className="check">
            <input type="checkbox" aria-label={`Enable ${i.name}`} checked={i.enabled} disabled={p.busy} onChange={(e) => p.onToggle(e.target.checked)} />
            <span>{i.enabled ? 'enabled' : 'disabled'}</span>
          </label>
        </td>
        <td className="actions">
          <div className="row row-end integration-actions">
            <button className="btn btn-small" disabled={p.testing} onClick={p.onTest}>
              {p.testing ? 'Sending…' : 'Send test'}
            </button>
            <button className="btn btn-small" onClick={p.onLog} aria-expanded={p.logOpen}>
              {p.logOpen ? 'Hide deliveries' : 'Deliveries'}
            </button>
            <button className="btn btn-small" onClick={p.onEdit}>
              {p.editing ? 'Close' : 'Edit'}
            </button>
            {i.type === 'webhook' && (
              <button className="btn btn-small" disabled={p.busy} onClick={p.onRotate}>
                Rotate secret
              </button>
            )}
            <button className="btn btn-small btn-danger" disabled={p.busy} onClick={p.onDelete}>
              Delete
            </button>
          </div>
        </td>
      </tr>
      {p.editing && (
        <tr className="editor-row">
          <td colSpan={4}>
            <IntegrationEditor integration={i} onCancel={p.onEdit} onSaved={p.onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Create (no `integration`) or edit one; secrets (URL, SMTP URL) are write-only: empty keeps the stored one. */
function IntegrationEditor({
  integration,
  onCancel,
  onSaved,
}: {
  integration?: Integration;
  onCancel: () => void;
  onSaved: (created?: components['schemas']['IntegrationCreatedOutputDTO']) => void;
}) {
  const [type, setType] = useState<IntegrationType>(integration?.type ?? 'webhook');
  const [name, setName] = useState(integration?.name ?? '');
  const [url, setUrl] = useState('');
  const [recipients, setRecipients] = useState(integration?.recipients.join('\n') ?? '');
  const [smtpUrl, setSmtpUrl] = useState('');
  const [smtpFrom, setSmtpFrom] = useState(integration?.smtpFrom ?? '');
  const [events, setEvents] = useState<IntegrationEvent[]>(integration?.events ?? DEFAULT_EVENTS);
  const [enabled, setEnabled] = useState(integration?.enabled ?? true);
  const save = useMutation({
    mutationFn: async () => {
      const list = recipients
        .split(/[\s,;]+/)
        .map((r) => r.trim())
        .filter(Boolean);
      const email = type === 'email';
      const smtp = email && smtpUrl.trim() ? { smtpUrl: smtpUrl.trim(), smtpFrom: smtpFrom.trim() || null } : {};
      if (integration) {
        const body = { name: name.trim(), events, enabled, ...(email ? { recipients: list } : url.trim() ? { url: url.trim() } : {}), ...smtp };
        await unwrap(api.PUT('/integration/{id}', { params: { path: { id: integration.id } }, body }));
        return undefined;
      }
      const body = { name: name.trim(), type, events, enabled, ...(email ? { recipients: list } : { url: url.trim() }), ...smtp };
      return (await unwrap(api.POST('/integration', { body }))).data;
    },
    onSuccess: (created) => onSaved(created),
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const hint = TYPES.find((t) => t.value === type)!.hint;
  return (
    <form className="form create-backup" onSubmit={submit} data-testid="integration-editor">
      <h3>{integration ? `Edit “${integration.name}”` : 'New integration'}</h3>
      <ErrorBox error={save.error} title="Could not save the integration" />
      {!integration && (
        <div className="segmented" role="radiogroup" aria-label="Type">
          {TYPES.map((t) => (
            <label key={t.value} className={type === t.value ? 'on' : ''}>
              <input type="radio" name="integration-type" value={t.value} checked={type === t.value} onChange={() => setType(t.value)} />
              {t.label}
            </label>
          ))}
        </div>
      )}
      <div className="grid-2">
        <Field label="Name" error={err?.field('name')}>
          <input name="integrationName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="Ops channel" />
        </Field>
        {type === 'email' ? (
          <Field label="Recipients" error={err?.field('recipients')} hint="One address a line (at most 20)">
            <textarea name="integrationRecipients" rows={3} value={recipients} onChange={(e) => setRecipients(e.target.value)} required placeholder="ops@example.com" />
          </Field>
        ) : (
          <Field label="URL" error={err?.field('url')} hint={integration ? `Now ${integration.target ?? 'set'}; leave empty to keep it.` : hint}>
            <input name="integrationUrl" type="url" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2048} required={!integration} placeholder="https://" />
          </Field>
        )}
      </div>
      {type === 'email' && (
        <details>
          <summary>Own mail server (optional)</summary>
          <div className="grid-2">
            <Field label="SMTP URL" error={err?.field('smtpUrl')} hint={integration?.smtpHost ? `Now ${integration.smtpHost}; leave empty to keep it.` : 'smtp(s)://user:password@host:port; empty: the instance’s'}>
              <input name="integrationSmtpUrl" value={smtpUrl} onChange={(e) => setSmtpUrl(e.target.value)} maxLength={2048} placeholder="smtps://user:pass@mail.example.com:465" />
            </Field>
            <Field label="From" error={err?.field('smtpFrom')}>
              <input name="integrationSmtpFrom" value={smtpFrom} onChange={(e) => setSmtpFrom(e.target.value)} maxLength={200} placeholder="Outpost <alerts@example.com>" />
            </Field>
          </div>
        </details>
      )}
      <fieldset className="events-picker">
        <legend className="field-label">Events</legend>
        <div className="perm-grid">
          {EVENTS.map((ev) => (
            <label key={ev.value} className="check">
              <input
                type="checkbox"
                name="integrationEvent"
                value={ev.value}
                checked={events.includes(ev.value)}
                onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, ev.value] : cur.filter((x) => x !== ev.value)))}
              />
              <span>
                {ev.label} <code className="small">{ev.value}</code>
              </span>
            </label>
          ))}
        </div>
        {err?.field('events') && <span className="field-error">{err.field('events')}</span>}
      </fieldset>
      <label className="check">
        <input type="checkbox" name="integrationEnabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <span>Enabled</span>
      </label>
      <div className="row">
        <button className="btn btn-primary" disabled={save.isPending || events.length === 0}>
          {integration ? 'Save integration' : 'Create integration'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        {events.length === 0 && <span className="muted small">Choose at least one event.</span>}
      </div>
    </form>
  );
}

function DeliveryLog({ integration, onClose }: { integration: Integration; onClose: () => void }) {
  const qc = useQueryClient();
  const key = useDomainKey('deliveries', integration.id);
  const log = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.POST('/integration/{id}/deliveries/search', { params: { path: { id: integration.id } }, body: { limit: 50, sortBy: 'createdAt', sortDirection: 'desc' } })),
    refetchInterval: (q) => (q.state.data?.data.some((d) => d.status === 'pending') ? 2000 : 15_000),
  });
  const retry = useMutation({
    mutationFn: (deliveryId: string) => unwrap(api.POST('/integration/{id}/deliveries/{deliveryId}/retry', { params: { path: { id: integration.id, deliveryId } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
  const rows = log.data?.data ?? [];
  return (
    <div className="card" data-testid="delivery-log">
      <div className="toolbar">
        <h2 className="inline-h">Deliveries of {integration.name}</h2>
        <button className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorBox error={retry.error} title="Could not retry" />
      {log.isLoading ? (
        <Loading what="Loading deliveries" />
      ) : log.error ? (
        <ErrorBox error={log.error} title="Could not load the deliveries" />
      ) : rows.length === 0 ? (
        <Empty>Nothing sent yet. “Send test” sends one now.</Empty>
      ) : (
        <table className="table stack-sm" data-testid="delivery-table">
          <thead>
            <tr>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last answer</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-status={d.status} data-event={d.event}>
                <td>
                  <code>{d.event}</code>
                </td>
                <td>
                  <span className={`badge badge-${STATUS_TONE[d.status] ?? 'idle'}`} data-testid="delivery-status">
                    {d.status}
                  </span>
                  {d.status === 'pending' && d.attempts > 0 && <span className="muted small block">next try {when(d.nextAttemptAt)}</span>}
                </td>
                <td>
                  <span className="show-sm-inline muted">Attempts: </span>
                  {d.attempts}
                </td>
                <td className="wrap">
                  {d.lastStatusCode != null && <code>HTTP {d.lastStatusCode}</code>} {d.lastError && !d.lastError.startsWith(`HTTP ${d.lastStatusCode}`) && <span className="warn-text small">{d.lastError}</span>}
                  {d.lastStatusCode == null && !d.lastError && <span className="muted">—</span>}
                </td>
                <td className="muted">{when(d.createdAt)}</td>
                <td className="actions">
                  {d.status === 'failed' && (
                    <button className="btn btn-small" disabled={retry.isPending} onClick={() => retry.mutate(d.id)}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function WebhookTokens() {
  const dialogs = useDialogs();
  const qc = useQueryClient();
  const key = useDomainKey('webhook-tokens');
  const list = useQuery({ queryKey: key, queryFn: () => unwrap(api.POST('/webhooktoken/search', { body: { limit: 1000, sortBy: 'createdAt', sortDirection: 'desc' } })) });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<WebhookTokenCreated | null>(null);
  const [events, setEvents] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/webhooktoken', { body: { name: name.trim() } })),
    onSuccess: (r) => {
      setCreated(r.data);
      setName('');
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/webhooktoken/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
  const rows = list.data?.data ?? [];
  const err = create.error instanceof ApiError ? create.error : undefined;
  return (
    <div className="card" id="webhooks" data-testid="webhook-tokens">
      <h2>Incoming git webhooks</h2>
      <p className="muted small lead">
        A webhook token lets GitHub or GitLab announce pushes. Servers with git deploy (their Deploy tab) and “Auto deploy” on sync when a push to their repository and branch arrives.
      </p>
      {created ? (
        <div className="secret" data-testid="webhook-token-secret">
          <h3>Webhook token “{created.name}”</h3>
          <p className="muted">Copy the secret now: it won’t be shown again. The URLs stay visible in the list.</p>
          <span className="field-label">Secret (GitHub “Secret”, GitLab “Secret token”)</span>
          <div className="secret-row">
            <code className="secret-value" data-testid="webhook-secret">
              {created.secret}
            </code>
            <CopyButton text={created.secret} />
          </div>
          <span className="field-label">GitHub payload URL (content type application/json)</span>
          <div className="secret-row">
            <code className="secret-value" data-testid="github-url">
              {created.githubUrl}
            </code>
            <CopyButton text={created.githubUrl} />
          </div>
          <span className="field-label">GitLab URL</span>
          <div className="secret-row">
            <code className="secret-value" data-testid="gitlab-url">
              {created.gitlabUrl}
            </code>
            <CopyButton text={created.gitlabUrl} />
          </div>
          <button type="button" className="btn" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : (
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field label="Token name" error={err?.field('name')}>
            <input name="webhookTokenName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="GitHub: acme/server-config" />
          </Field>
          <button className="btn btn-primary" disabled={create.isPending}>
            Create webhook token
          </button>
        </form>
      )}
      <ErrorBox error={create.error} title="Could not create the webhook token" />
      <ErrorBox error={revoke.error} title="Could not revoke" />
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} title="Could not load the webhook tokens" />
      ) : rows.length === 0 ? (
        <Empty>No webhook tokens yet.</Empty>
      ) : (
        <table className="table stack-sm webhook-table" data-testid="webhook-token-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>URLs</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={w.id} data-testid="webhook-token-row" data-name={w.name}>
                <td className="strong">{w.name}</td>
                <td>
                  <div className="webhook-urls">
                    <span className="row">
                      <span className="muted small">GitHub</span> <code className="wrap small">{w.githubUrl}</code> <CopyButton text={w.githubUrl} />
                    </span>
                    <span className="row">
                      <span className="muted small">GitLab</span> <code className="wrap small">{w.gitlabUrl}</code> <CopyButton text={w.gitlabUrl} />
                    </span>
                  </div>
                </td>
                <td className="muted">
                  <span className="show-sm-inline">Last used: </span>
                  {w.lastUsedAt ? when(w.lastUsedAt) : 'never'}
                </td>
                <td className="actions">
                  <div className="row row-end">
                    <button className="btn btn-small" onClick={() => setEvents(events === w.id ? null : w.id)}>
                      {events === w.id ? 'Hide events' : 'Events'}
                    </button>
                    <button
                      className="btn btn-small btn-danger"
                      disabled={revoke.isPending}
                      onClick={() =>
                        void dialogs
                          .confirm({ title: `Revoke the webhook token “${w.name}”?`, body: 'Pushes announced with it are refused from now on.', confirmLabel: 'Revoke', danger: true })
                          .then((ok) => ok && revoke.mutate(w.id))
                      }
                    >
                      Revoke
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events && rows.some((w) => w.id === events) && <WebhookEvents id={events} name={rows.find((w) => w.id === events)!.name} />}
    </div>
  );
}

function WebhookEvents({ id, name }: { id: string; name: string }) {
  const events = useQuery({
    queryKey: useDomainKey('webhook-events', id),
    queryFn: () => unwrap(api.GET('/webhooktoken/{id}/events', { params: { path: { id } } })),
    refetchInterval: 10_000,
  });
  const rows = events.data?.data ?? [];
  const tone: Record<string, string> = { synced: 'ok', ignored: 'idle', refused: 'bad' };
  return (
    <div className="webhook-events" data-testid="webhook-events">
      <h3>Recent pushes to “{name}”</h3>
      {events.isLoading ? (
        <Loading />
      ) : events.error ? (
        <ErrorBox error={events.error} />
      ) : rows.length === 0 ? (
        <Empty>Nothing received yet.</Empty>
      ) : (
        <table className="table stack-sm">
          <thead>
            <tr>
              <th>Received</th>
              <th>From</th>
              <th>Push</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-testid="webhook-event-row" data-outcome={e.outcome}>
                <td className="muted">{when(e.createdAt)}</td>
                <td>
                  {e.provider}
                  {e.event ? <span className="muted small"> · {e.event}</span> : null}
                </td>
                <td className="wrap">
                  {e.repository ?? '—'}
                  {e.branch ? <span className="muted"> @ {e.branch}</span> : null}
                  {e.commit ? <code className="small"> {e.commit.slice(0, 10)}</code> : null}
                </td>
                <td>
                  <span className={`badge badge-${tone[e.outcome] ?? 'idle'}`}>{e.outcome}</span>
                  {e.reason && <span className="muted small block">{e.reason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

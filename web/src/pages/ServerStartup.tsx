import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useDomainKey, usePermissions } from '../api/hooks';
import type { components, GameServer } from '../api/schema';
import { ErrorBox, Field, Loading } from '../components/ui';
import { useDialogs } from '../components/dialogs';
import { checkRules, ruleHint } from './rules';

type Startup = components['schemas']['StartupOutputDTO'];
type Update = components['schemas']['StartupUpdateDTO'];
type Variable = components['schemas']['StartupVariableDTO'];

const STARTUP_MAX = 4096;

/** The server's startup (Pterodactyl's Startup tab): command, image, variables. Changes reach the container at its next start. */
export function ServerStartup({ server }: { server: GameServer }) {
  const key = useDomainKey('server-startup', server.id);
  const startup = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/gameserver/{id}/startup', { params: { path: { id: server.id } } })),
  });
  if (startup.isLoading) return <Loading what="Loading the startup settings" />;
  if (startup.error) return <ErrorBox error={startup.error} title="Could not load the startup settings" />;
  return <StartupForm key={server.id} server={server} data={startup.data!.data} queryKey={key} />;
}

function StartupForm({ server, data, queryKey }: { server: GameServer; data: Startup; queryKey: unknown[] }) {
  const qc = useQueryClient();
  // The command can print every variable, hidden ones included: only template authors choose it (the API says the same).
  const canEditCommand = usePermissions().can('workloads.manage');
  const dialogs = useDialogs();
  const serverKey = useDomainKey('server', server.id);
  const [command, setCommand] = useState(data.startup);
  const [image, setImage] = useState(data.image);
  const [values, setValues] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const valueOf = (v: Variable) => values[v.envVariable] ?? v.value;

  const patch: Update = {};
  if (command.trim() !== data.startup) patch.startup = command.trim();
  if (image !== data.image) patch.image = image;
  const changedVars = Object.fromEntries(data.variables.filter((v) => v.editable && valueOf(v) !== v.value).map((v) => [v.envVariable, valueOf(v)]));
  if (Object.keys(changedVars).length) patch.variables = changedVars;
  const dirty = Object.keys(patch).length > 0;
  const localErrors = Object.fromEntries(data.variables.filter((v) => v.envVariable in changedVars).map((v) => [v.envVariable, checkRules(valueOf(v), v.rules)]));
  const commandError = command.trim() === '' ? 'Enter a startup command' : command.length > STARTUP_MAX ? `At most ${STARTUP_MAX} characters` : undefined;

  /** The form starts again from what the API answered (a template command is shown as such after a reset). */
  const onSaved = (r: { data: Startup }) => {
    setCommand(r.data.startup);
    setImage(r.data.image);
    setValues({});
    setTouched(false);
    qc.setQueryData(queryKey, r);
    void qc.invalidateQueries({ queryKey: serverKey });
  };
  const save = useMutation({
    mutationFn: (body: Update) => unwrap(api.PUT('/gameserver/{id}/startup', { params: { path: { id: server.id } }, body })),
    onSuccess: onSaved,
  });
  const reset = useMutation({
    mutationFn: () => unwrap(api.POST('/gameserver/{id}/startup/reset', { params: { path: { id: server.id } } })),
    onSuccess: onSaved,
  });
  const apiErr = save.error instanceof ApiError ? save.error : undefined;
  const fe = (path: string) => apiErr?.field(path);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (commandError || Object.values(localErrors).some(Boolean)) return;
    save.mutate(patch);
  }

  return (
    <form className="startup-page" onSubmit={submit} noValidate data-testid="server-startup">
      <div className="card form">
        <div className="card-head">
          <h2>Startup command</h2>
          {data.custom ? (
            <span className="badge badge-warn badge-raw" data-testid="startup-custom">
              custom
            </span>
          ) : (
            <span className="badge badge-idle badge-raw" data-testid="startup-template">
              from the template
            </span>
          )}
        </div>
        <div className={data.restartRequired ? 'hint-box' : 'muted small network-note'} data-testid="startup-note" role={data.restartRequired ? 'status' : undefined}>
          {data.restartRequired ? (
            <span>
              <strong>Restart needed.</strong> The server still runs with its previous settings; the saved ones apply at its next start.
            </span>
          ) : (
            <span>{data.note}</span>
          )}
        </div>
        <Field
          label="Command"
          error={fe('startup') ?? (touched ? commandError : undefined)}
          hint={
            canEditCommand ? (
              <>
                Use <code>{'{{VARIABLE}}'}</code> for the variables below and <code>{'{{SERVER_PORT}}'}</code>, <code>{'{{SERVER_MEMORY}}'}</code>, <code>{'{{SERVER_IP}}'}</code>.
              </>
            ) : (
              <span data-testid="startup-readonly">Only members who manage templates (workloads.manage) change the command: it can read every variable, hidden ones included.</span>
            )
          }
        >
          <textarea
            name="startup"
            className="mono startup-command"
            rows={3}
            maxLength={STARTUP_MAX}
            value={command}
            readOnly={!canEditCommand}
            spellCheck={false}
            onChange={(e) => setCommand(e.target.value)}
          />
        </Field>
        <div className="startup-preview" data-testid="startup-preview">
          <div className="muted small">Runs as (saved settings; secret values hidden)</div>
          {data.resolved !== null ? <pre className="mono">{data.resolved}</pre> : <div className="field-error small">{data.resolveError}</div>}
        </div>
        <div className="row">
          <button
            type="button"
            className="btn btn-small"
            disabled={!data.custom || reset.isPending}
            title={data.custom ? undefined : 'The server already uses the template’s command'}
            onClick={() =>
              void dialogs
                .confirm({ title: `Use the template’s startup command for ${server.name}?`, body: <code className="block">{data.templateStartup}</code>, confirmLabel: 'Reset to template' })
                .then((ok) => ok && reset.mutate())
            }
          >
            Reset to template
          </button>
        </div>
        <ErrorBox error={reset.error} title="Could not reset the command" />
      </div>

      <div className="card form">
        <h2>Image</h2>
        <Field label="Docker image" error={fe('image')} hint="Only the template’s images can be used.">
          <select name="image" value={image} onChange={(e) => setImage(e.target.value)}>
            {data.images.map((i) => (
              <option key={i.ref} value={i.ref}>
                {i.label} — {i.ref}
              </option>
            ))}
            {!data.images.some((i) => i.ref === data.image) && <option value={data.image}>{data.image} (not one of the template’s images)</option>}
          </select>
        </Field>
      </div>

      <div className="card form">
        <h2>Variables</h2>
        {data.variables.length === 0 ? (
          <div className="muted small">This server’s template has no variables you can see.</div>
        ) : (
          <div className="grid-2">
            {data.variables.map((v) => (
              <Field
                key={v.envVariable}
                label={v.name}
                error={fe(`variables.${v.envVariable}`) ?? (touched ? localErrors[v.envVariable] : undefined)}
                hint={
                  <>
                    {v.description} <code>{v.envVariable}</code> {v.rules ? <span className="muted">({ruleHint(v.rules)})</span> : null}
                    {!v.editable ? <span className="muted"> · read-only</span> : v.secret ? <span className="muted"> · hidden in the preview</span> : null}
                  </>
                }
              >
                <input
                  name={`var-${v.envVariable}`}
                  value={valueOf(v)}
                  disabled={!v.editable}
                  onChange={(e) => {
                    setValues({ ...values, [v.envVariable]: e.target.value });
                    if (save.error) save.reset();
                  }}
                />
              </Field>
            ))}
          </div>
        )}
      </div>

      <div className="card startup-actions">
        <ErrorBox error={save.error} title="Could not save" />
        <div className="row">
          <button className="btn btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save startup settings'}
          </button>
          {dirty && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                setCommand(data.startup);
                setImage(data.image);
                setValues({});
                setTouched(false);
                save.reset();
              }}
            >
              Discard
            </button>
          )}
          {save.isSuccess && !dirty && (
            <span className="ok-text" role="status">
              Saved ✓ — applies at the next start
            </span>
          )}
        </div>
      </div>
    </form>
  );
}

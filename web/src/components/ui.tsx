import { ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';

export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const [, rerender] = useState(0);
  // The form's fields render after this banner and claim their details (ApiError.field); once they
  // have, re-render (before paint) without them, so each error shows once: under its field.
  useLayoutEffect(() => {
    if (error instanceof ApiError && error.claimed.size > 0) rerender((n) => n + 1);
  }, [error]);
  if (!error) return null;
  if (error instanceof ApiError && error.details.length > 0) {
    const rest = error.unclaimed();
    if (rest.length === 0) return null;
    // The validation pipe's summary repeats class-validator's wording; a service's own sentence is kept.
    const generic = error.message.startsWith('Validation failed');
    return (
      <div className="alert alert-error" role="alert">
        <strong>{title ?? 'Something went wrong'}:</strong> {generic ? (rest.length === 1 ? rest[0] : null) : error.message}
        {rest.length > 1 && (
          <ul>
            {rest.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      <strong>{title ?? 'Something went wrong'}:</strong> {errorMessage(error)}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden /> {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function NotAvailable({ feature, path }: { feature: string; path: string }) {
  return (
    <div className="notice" data-testid="not-available">
      <h3>{feature} are not available yet</h3>
      <p>
        This Outpost API does not offer <code>{path}</code> yet. This page comes alive as soon as the API has it; nothing
        here is made up in the meantime.
      </p>
    </div>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Clipboard API refused (http origin): fall back to a selection copy.
          const ta = document.createElement('textarea');
          ta.value = text;
          document.body.appendChild(ta);
          ta.select();
          document.execCommand('copy');
          ta.remove();
        }
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {done ? 'Copied ✓' : label}
    </button>
  );
}

/** A secret shown exactly once (API token, register token). */
export function SecretOnce({ title, value, note, onDone }: { title: string; value: string; note?: string; onDone: () => void }) {
  return (
    <div className="secret" data-testid="secret">
      <h3>{title}</h3>
      <p className="muted">{note ?? "Copy it now: it won't be shown again."}</p>
      <div className="secret-row">
        <code className="secret-value">{value}</code>
        <CopyButton text={value} />
      </div>
      <button type="button" className="btn" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

const STATE_TONE: Record<string, string> = {
  running: 'ok',
  online: 'ok',
  ACTIVE: 'ok',
  starting: 'busy',
  stopping: 'busy',
  installing: 'busy',
  pending: 'busy',
  INVITED: 'busy',
  draining: 'warn',
  cordoned: 'warn',
  offline: 'idle',
  crashed: 'bad',
  install_failed: 'bad',
  unknown: 'warn',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`badge badge-${STATE_TONE[state] ?? 'idle'}`} data-testid="state-badge">
      {state.replace('_', ' ')}
    </span>
  );
}

export function Bar({ label, value, max, unit }: { label: string; value: number; max: number; unit?: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="bar">
      <div className="bar-label">
        <span>{label}</span>
        <span className="muted">
          {fmt(value)}
          {unit} / {fmt(max)}
          {unit}
        </span>
      </div>
      <div className="bar-track" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className={`bar-fill ${pct > 90 ? 'bar-hot' : pct > 70 ? 'bar-warm' : ''}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(1);
}

export function bytes(n: number | undefined | null): string {
  if (n == null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function Pager({ page, limit, total, onPage }: { page: number; limit: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <div className="pager">
      <button type="button" className="btn btn-small" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span className="muted" data-testid="pager-info">
        Page {page + 1} of {pages} · {total} total
      </span>
      <button type="button" className="btn btn-small" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </div>
  );
}

/**
 * A labelled input. Its error disappears as soon as the person edits the field (a stale error
 * next to a corrected value misleads) and comes back only with the next submit's answer.
 */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  const [edited, setEdited] = useState(false);
  const ref = useRef<HTMLLabelElement>(null);
  useEffect(() => setEdited(false), [error]);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    const onSubmit = () => setEdited(false);
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, []);
  const shown = edited ? undefined : error;
  return (
    <label ref={ref} className={`field ${shown ? 'field-invalid' : ''}`} onChange={() => error && setEdited(true)}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !shown && <span className="field-hint">{hint}</span>}
      {shown && (
        <span className="field-error" role="alert" data-testid="field-error">
          {shown}
        </span>
      )}
    </label>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <div className="page-actions">{children}</div>
    </div>
  );
}

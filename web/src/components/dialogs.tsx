import { createContext, FormEvent, ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

/**
 * In-page dialogs. The browser's confirm()/prompt() block the page, cannot be styled or tested like the
 * rest of the dashboard and look like a phishing prompt; every question the dashboard asks goes through here.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-testid={testId}>
        <h2 id="dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="row row-end">
          <button ref={cancel} type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={`btn ${danger ? 'btn-danger-solid' : 'btn-primary'}`} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export interface ConfirmOptions {
  title: string;
  body?: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
}
export interface PromptOptions {
  title: string;
  label: string;
  initial?: string;
  confirmLabel?: string;
  /** Returns a message when the value cannot be used; the dialog stays open and shows it. */
  validate?: (value: string) => string | null;
}
interface Dialogs {
  /** Resolves true when confirmed, false when cancelled (button, Escape or a click outside). */
  confirm(o: ConfirmOptions): Promise<boolean>;
  /** Resolves the trimmed value, or null when cancelled. */
  prompt(o: PromptOptions): Promise<string | null>;
}

type Open = { kind: 'confirm'; o: ConfirmOptions; done: (v: boolean) => void } | { kind: 'prompt'; o: PromptOptions; done: (v: string | null) => void };

const DialogContext = createContext<Dialogs | null>(null);

export function DialogProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open | null>(null);
  const confirm = useCallback((o: ConfirmOptions) => new Promise<boolean>((resolve) => setOpen({ kind: 'confirm', o, done: resolve })), []);
  const prompt = useCallback((o: PromptOptions) => new Promise<string | null>((resolve) => setOpen({ kind: 'prompt', o, done: resolve })), []);
  const [value] = useState(() => ({ confirm, prompt }));
  return (
    <DialogContext.Provider value={value}>
      {children}
      {open?.kind === 'confirm' && (
        <ConfirmDialog
          testId="confirm-dialog"
          title={open.o.title}
          confirmLabel={open.o.confirmLabel ?? 'OK'}
          danger={open.o.danger}
          onCancel={() => {
            setOpen(null);
            open.done(false);
          }}
          onConfirm={() => {
            setOpen(null);
            open.done(true);
          }}
        >
          {typeof open.o.body === 'string' ? <p>{open.o.body}</p> : open.o.body}
        </ConfirmDialog>
      )}
      {open?.kind === 'prompt' && (
        <PromptDialog
          o={open.o}
          onDone={(v) => {
            setOpen(null);
            open.done(v);
          }}
        />
      )}
    </DialogContext.Provider>
  );
}

function PromptDialog({ o, onDone }: { o: PromptOptions; onDone: (v: string | null) => void }) {
  const [value, setValue] = useState(o.initial ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onDone(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDone]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    const why = v === '' ? `${o.label} is required` : (o.validate?.(v) ?? null);
    if (why) return setProblem(why);
    onDone(v);
  };
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onDone(null)}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-testid="prompt-dialog" onSubmit={submit}>
        <h2 id="dialog-title">{o.title}</h2>
        <label className="field">
          <span>{o.label}</span>
          <input
            ref={input}
            value={value}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setProblem(null);
            }}
          />
          {problem && <span className="field-error">{problem}</span>}
        </label>
        <div className="row row-end">
          <button type="button" className="btn" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            {o.confirmLabel ?? 'OK'}
          </button>
        </div>
      </form>
    </div>
  );
}

export function useDialogs(): Dialogs {
  const d = useContext(DialogContext);
  if (!d) throw new Error('useDialogs needs a DialogProvider');
  return d;
}

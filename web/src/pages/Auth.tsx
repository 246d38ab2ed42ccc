import { FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { session } from '../api/session';
import { ErrorBox, Field } from '../components/ui';

export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden>
            <rect width="32" height="32" rx="7" fill="#2f6f5e" />
            <path d="M16 6l9 20H7z" fill="#f4efe2" />
          </svg>
          <span>Outpost</span>
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
      </div>
    </div>
  );
}

export function startSession(data: { token?: string; refreshToken?: string }) {
  session.set({ token: data.token, refreshToken: data.refreshToken, domainId: undefined });
}

export function FirstRunPage() {
  const qc = useQueryClient();
  const [form, setForm] = useState({ username: 'admin', email: '', password: '', domainName: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const err = error instanceof ApiError ? error : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(api.POST('/auth/bootstrap', { body: form }));
      startSession(r.data);
      await qc.invalidateQueries({ queryKey: ['bootstrap-status'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <AuthCard title="Welcome to Outpost" subtitle="First run: create the administrator and your first domain (a community, a customer, a team).">
      <form onSubmit={submit} className="form">
        <ErrorBox error={error} title="Could not set up Outpost" />
        <Field label="Username" error={err?.field('username')}>
          <input name="username" value={form.username} onChange={set('username')} autoComplete="username" required />
        </Field>
        <Field label="Email" error={err?.field('email')}>
          <input name="email" type="email" value={form.email} onChange={set('email')} autoComplete="email" required />
        </Field>
        <Field label="Password" error={err?.field('password')} hint="At least 10 characters.">
          <input name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={10} required />
        </Field>
        <Field label="First domain name" error={err?.field('domainName')}>
          <input name="domainName" value={form.domainName} onChange={set('domainName')} placeholder="My Community" required />
        </Field>
        <button className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
      </form>
    </AuthCard>
  );
}

/** Where to go after signing in: `?next=` when it is a path of this dashboard (an invite link), else the servers. */
function nextPath(params: URLSearchParams): string {
  const next = params.get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/servers';
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (challenge) {
        const r = await unwrap(api.POST('/auth/mfa/verify', { body: { challengeToken: challenge, code: code.trim() } }));
        startSession(r.data);
      } else {
        const r = await unwrap(api.POST('/login', { body: { username, password } }));
        if (r.data.mfaRequired && r.data.challengeToken) {
          setChallenge(r.data.challengeToken);
          return;
        }
        startSession(r.data);
      }
      navigate(nextPath(params));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (challenge) {
    return (
      <AuthCard title="Two-factor authentication" subtitle="Enter the 6-digit code from your authenticator app (or a recovery code).">
        <form onSubmit={submit} className="form">
          <ErrorBox error={error} title="Could not verify" />
          <Field label="Code">
            <input name="code" value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" autoFocus required />
          </Field>
          <button className="btn btn-primary" disabled={busy}>
            Verify
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setChallenge(null)}>
            Back
          </button>
        </form>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Sign in" subtitle="Game servers for your communities, on your own machines.">
      <form onSubmit={submit} className="form">
        <ErrorBox error={error} title="Could not sign in" />
        <Field label="Username or email">
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
        </Field>
        <Field label="Password">
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </Field>
        <button className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}

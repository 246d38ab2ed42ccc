import { FormEvent, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, authFetch, unwrap } from '../api/client';
import { ApiError, toApiError } from '../api/errors';
import { useMe } from '../api/hooks';
import { session } from '../api/session';
import { ErrorBox, Field, Loading } from '../components/ui';

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
      <SignInLinks />
    </AuthCard>
  );
}

/** GET /settings: what the signed-out pages need (registration on/off, password reset available). */
export interface PublicSettings {
  registrationEnabled: boolean;
  registrationRestricted: boolean;
  domainCreation: 'everyone' | 'admins';
  passwordResetEnabled: boolean;
}

/** A JSON call outside the generated client (routes newer than web/src/api/schema.ts); the envelope's data, or the API's error. */
export async function callApi<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await authFetch(new Request(location.origin + path, init));
  const json = (await res.json().catch(() => undefined)) as { data?: T } | undefined;
  if (!res.ok) throw toApiError(json, res);
  return json?.data as T;
}

export function usePublicSettings() {
  return useQuery({ queryKey: ['public-settings'], queryFn: () => callApi<PublicSettings>('GET', '/settings'), staleTime: 60_000 });
}

function SignInLinks() {
  const settings = usePublicSettings().data;
  if (!settings?.passwordResetEnabled && !settings?.registrationEnabled) return null;
  return (
    <p className="muted auth-links">
      {settings.passwordResetEnabled && (
        <Link to="/forgot-password" data-testid="forgot-password-link">
          Forgot your password?
        </Link>
      )}
      {settings.passwordResetEnabled && settings.registrationEnabled && ' · '}
      {settings.registrationEnabled && (
        <Link to="/register" data-testid="register-link">
          Create an account
        </Link>
      )}
    </p>
  );
}

/** Self-registration (when an instance administrator allows it); signs the new account in right away. */
export function RegisterPage() {
  const navigate = useNavigate();
  const settings = usePublicSettings();
  const [form, setForm] = useState({ username: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const err = error instanceof ApiError ? error : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await callApi('POST', '/auth/register', form);
      const r = await unwrap(api.POST('/login', { body: { username: form.username, password: form.password } }));
      startSession(r.data);
      navigate('/welcome');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (settings.isLoading) return <Loading what="Loading" />;
  if (!settings.data?.registrationEnabled) {
    return (
      <AuthCard title="Registration is closed" subtitle="This Outpost does not take new accounts. Ask a domain administrator to invite you.">
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthCard>
    );
  }
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <AuthCard
      title="Create an account"
      subtitle={settings.data.registrationRestricted ? 'Registration is open to some email domains only: use your work or community address.' : undefined}
    >
      <form onSubmit={submit} className="form" data-testid="register-form">
        <ErrorBox error={error} title="Could not create the account" />
        <Field label="Username" error={err?.field('username')} hint="3-32 characters: letters, digits, _ . -">
          <input name="username" value={form.username} onChange={set('username')} autoComplete="username" maxLength={32} required autoFocus />
        </Field>
        <Field label="Email" error={err?.field('email')}>
          <input name="email" type="email" value={form.email} onChange={set('email')} autoComplete="email" maxLength={254} required />
        </Field>
        <Field label="Password" error={err?.field('password')} hint="At least 10 characters.">
          <input name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={10} maxLength={256} required />
        </Field>
        <button className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="muted auth-links">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await callApi<{ message: string }>('POST', '/auth/forgot-password', { email });
      setSent(r.message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Forgot your password?" subtitle="We email you a link to choose a new one.">
      {sent ? (
        <p className="alert alert-info" role="status" data-testid="forgot-password-sent">
          {sent} The link works once, for a short time.
        </p>
      ) : (
        <form onSubmit={submit} className="form">
          <ErrorBox error={error} title="Could not send the link" />
          <Field label="Email" error={error instanceof ApiError ? error.field('email') : undefined}>
            <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" maxLength={254} required autoFocus />
          </Field>
          <button className="btn btn-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Email me a link'}
          </button>
        </form>
      )}
      <p className="muted auth-links">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}

/** The emailed link, `/reset-password?token=…`: a new password, then every session of the account is over. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setError(new Error('The two passwords are not the same'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await callApi('POST', '/auth/reset-password', { token, newPassword: password });
      // The reset ended every session, this browser's too.
      session.clear();
      qc.clear();
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <AuthCard title="Password changed" subtitle="Every session of your account was signed out.">
        <p data-testid="reset-password-done">
          <Link to="/sign-in" className="btn btn-primary">
            Sign in with the new password
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      {!token ? (
        <p className="alert alert-info">This page opens from the link in the password-reset email.</p>
      ) : (
        <form onSubmit={submit} className="form" data-testid="reset-password-form">
          <ErrorBox error={error} title="Could not change the password" />
          <Field label="New password" error={error instanceof ApiError ? error.field('newPassword') : undefined} hint="At least 10 characters.">
            <input name="newPassword" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" minLength={10} maxLength={256} required autoFocus />
          </Field>
          <Field label="New password, again">
            <input name="confirmPassword" type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" minLength={10} maxLength={256} required />
          </Field>
          <button className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      )}
      <p className="muted auth-links">
        <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}

/** A signed-in account that belongs to no domain yet (e.g. just registered): create one, or wait for an invite. */
export function WelcomePage() {
  const me = useMe().data?.data;
  const settings = usePublicSettings();
  if (!me || settings.isLoading) return <Loading what="Loading" />;
  if (me.domains.length) {
    return (
      <div className="card narrow">
        <p>
          You are a member of {me.domains.length} domain{me.domains.length > 1 ? 's' : ''}. <Link to="/servers">Go to your servers</Link>
        </p>
      </div>
    );
  }
  const mayCreate = me.user.isInstanceAdmin || settings.data?.domainCreation !== 'admins';
  return (
    <div className="card narrow" data-testid="welcome">
      <h1>Welcome, {me.user.username}</h1>
      {mayCreate ? (
        <>
          <p>You are not in any domain yet. A domain is a tenant — a community, a customer, a team — with its own servers, nodes and members.</p>
          <p>
            <Link to="/domains/new" className="btn btn-primary" data-testid="welcome-create-domain">
              Create your first domain
            </Link>
          </p>
          <p className="muted">Or ask someone to invite you to theirs, at {me.user.email}.</p>
        </>
      ) : (
        <p data-testid="welcome-ask-invite">
          You are not in any domain yet, and on this Outpost only administrators create domains. Ask a domain administrator to invite you at <strong>{me.user.email}</strong>; the
          invite link signs you in to it.
        </p>
      )}
    </div>
  );
}

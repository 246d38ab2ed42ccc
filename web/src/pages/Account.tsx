import { FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import QRCode from 'qrcode';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useMe } from '../api/hooks';
import { session } from '../api/session';
import { useDialogs } from '../components/dialogs';
import { CopyButton, Empty, ErrorBox, Field, Loading, PageHeader, when } from '../components/ui';

/** The signed-in person's own account: profile, password, two-factor authentication, sessions. */
export function AccountPage() {
  return (
    <>
      <PageHeader title="Your account" />
      <Profile />
      <PasswordChange />
      <Mfa />
      <Sessions />
      <div className="card">
        <h2>API tokens</h2>
        <p className="muted">
          Scripts and bots use API tokens instead of your password. They belong to a domain: <Link to="/tokens">manage API tokens</Link>.
        </p>
      </div>
    </>
  );
}

function Profile() {
  const qc = useQueryClient();
  const user = useMe().data!.data.user;
  const [form, setForm] = useState({ username: user.username, email: user.email, currentPassword: '' });
  const [saved, setSaved] = useState(false);
  const emailChanged = form.email.trim().toLowerCase() !== user.email.toLowerCase();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/user/{id}', {
          params: { path: { id: user.id } },
          body: {
            ...(form.username !== user.username ? { username: form.username } : {}),
            ...(emailChanged ? { email: form.email, currentPassword: form.currentPassword } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setSaved(true);
      setForm((f) => ({ ...f, currentPassword: '' }));
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm({ ...form, [k]: e.target.value });
    setSaved(false);
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <div className="card" data-testid="account-profile">
      <h2>Profile</h2>
      <form className="form" onSubmit={submit}>
        <ErrorBox error={save.error} title="Could not save your profile" />
        {saved && (
          <div className="alert alert-ok" role="status">
            Profile saved.
          </div>
        )}
        <div className="form-inline">
          <Field label="Username" error={err?.field('username')}>
            <input name="username" value={form.username} onChange={set('username')} autoComplete="username" required />
          </Field>
          <Field label="Email" error={err?.field('email')}>
            <input name="email" type="email" value={form.email} onChange={set('email')} autoComplete="email" required />
          </Field>
          {emailChanged && (
            <Field label="Current password" error={err?.field('currentPassword')} hint="Needed to change your email.">
              <input name="profileCurrentPassword" type="password" value={form.currentPassword} onChange={set('currentPassword')} autoComplete="current-password" required />
            </Field>
          )}
        </div>
        <button className="btn btn-primary" disabled={save.isPending || (form.username === user.username && !emailChanged)}>
          Save profile
        </button>
      </form>
    </div>
  );
}

function PasswordChange() {
  const qc = useQueryClient();
  const dialogs = useDialogs();
  const user = useMe().data!.data.user;
  const [form, setForm] = useState({ current: '', next: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: async () => {
      await unwrap(api.PUT('/user/{id}', { params: { path: { id: user.id } }, body: { password: form.next, currentPassword: form.current } }));
      // The API ended every session of the account, this one too: sign in again with the new password at once.
      const again = await unwrap(api.POST('/login', { body: { username: user.username, password: form.next } }));
      return again.data;
    },
    onSuccess: async (login) => {
      setForm({ current: '', next: '', confirm: '' });
      if (login.token) {
        session.set({ token: login.token, refreshToken: login.refreshToken });
        setDone(true);
        void qc.invalidateQueries();
        return;
      }
      // Two-factor accounts need their code: back to the sign-in page.
      await dialogs.confirm({ title: 'Password changed', body: 'Sign in again with your new password and your authenticator code.', confirmLabel: 'Sign in' });
      session.clear();
      qc.clear();
    },
  });
  const err = change.error instanceof ApiError ? change.error : undefined;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm({ ...form, [k]: e.target.value });
    setMismatch(false);
    setDone(false);
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.next !== form.confirm) return setMismatch(true);
    change.mutate();
  }
  return (
    <div className="card" data-testid="account-password">
      <h2>Password</h2>
      <form className="form" onSubmit={submit}>
        <ErrorBox error={change.error} title="Could not change your password" />
        {done && (
          <div className="alert alert-ok" role="status" data-testid="password-changed">
            Password changed. Every other session was signed out; this one was signed in again.
          </div>
        )}
        <div className="form-inline">
          <Field label="Current password" error={err?.field('currentPassword')}>
            <input name="currentPassword" type="password" value={form.current} onChange={set('current')} autoComplete="current-password" required />
          </Field>
          <Field label="New password" error={err?.field('password')} hint="At least 10 characters.">
            <input name="newPassword" type="password" value={form.next} onChange={set('next')} autoComplete="new-password" minLength={10} required />
          </Field>
          <Field label="Confirm new password" error={mismatch ? 'The two passwords are different' : undefined}>
            <input name="confirmPassword" type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" minLength={10} required />
          </Field>
        </div>
        <button className="btn btn-primary" disabled={change.isPending}>
          Change password
        </button>
      </form>
    </div>
  );
}

function Mfa() {
  const qc = useQueryClient();
  const dialogs = useDialogs();
  const status = useQuery({ queryKey: ['mfa-status'], queryFn: () => unwrap(api.GET('/auth/mfa/status')) });
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['mfa-status'] }), qc.invalidateQueries({ queryKey: ['me'] })]);

  useEffect(() => {
    if (!enrolment) return setQr(null);
    let live = true;
    QRCode.toDataURL(enrolment.otpauthUri, { margin: 1, width: 200 }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [enrolment]);

  const enroll = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/mfa/enroll')),
    onSuccess: (r) => {
      setEnrolment(r.data);
      setCode('');
    },
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/mfa/confirm', { body: { code: code.trim() } })),
    onSuccess: (r) => {
      setRecovery(r.data.recoveryCodes);
      setEnrolment(null);
      setCode('');
      void refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/mfa/disable', { body: { code: code.trim() } })),
    onSuccess: () => {
      setCode('');
      void refresh();
    },
  });
  const enabled = status.data?.data.enabled;

  return (
    <div className="card" data-testid="account-mfa">
      <div className="card-head">
        <h2>Two-factor authentication</h2>
        {status.data && (
          <span className={`badge ${enabled ? 'badge-ok' : 'badge-idle'}`} data-testid="mfa-state">
            {enabled ? 'on' : 'off'}
          </span>
        )}
      </div>
      {status.isLoading && <Loading />}
      <ErrorBox error={status.error ?? enroll.error ?? confirm.error ?? disable.error} title="Two-factor authentication" />
      {recovery && (
        <div className="secret" data-testid="recovery-codes">
          <h3>Your recovery codes</h3>
          <p className="muted">Each one signs you in once if you lose your authenticator. Store them somewhere safe: they are shown only now.</p>
          <ul className="recovery-codes">
            {recovery.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <div className="row">
            <CopyButton text={recovery.join('\n')} label="Copy all" />
            <button type="button" className="btn" onClick={() => setRecovery(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {status.data && !enabled && !enrolment && !recovery && (
        <>
          <p className="muted">Sign-ins will also ask for a code from an authenticator app (any TOTP app).</p>
          <button type="button" className="btn btn-primary" onClick={() => enroll.mutate()} disabled={enroll.isPending}>
            Set up two-factor authentication
          </button>
        </>
      )}
      {enrolment && (
        <form
          className="form mfa-enrol"
          onSubmit={(e) => {
            e.preventDefault();
            confirm.mutate();
          }}
        >
          <p>Scan this code with your authenticator app, then type the 6-digit code it shows.</p>
          <div className="mfa-qr">{qr ? <img src={qr} alt="QR code for your authenticator app" width={200} height={200} data-testid="mfa-qr" /> : <Loading what="Drawing the QR code" />}</div>
          <p className="muted small">
            Can't scan? Enter this key: <code data-testid="mfa-secret">{enrolment.secret}</code>
          </p>
          <Field label="Code from the app">
            <input name="mfaCode" value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
          </Field>
          <div className="row">
            <button className="btn btn-primary" disabled={confirm.isPending}>
              Turn on
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setEnrolment(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {enabled && !recovery && (
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void dialogs
              .confirm({ title: 'Turn off two-factor authentication?', body: 'Sign-ins will only need your password.', confirmLabel: 'Turn off', danger: true })
              .then((ok) => ok && disable.mutate());
          }}
        >
          <Field label="Code (or a recovery code)">
            <input name="mfaDisableCode" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" maxLength={32} required />
          </Field>
          <button className="btn btn-danger" disabled={disable.isPending}>
            Turn off
          </button>
        </form>
      )}
    </div>
  );
}

function Sessions() {
  const qc = useQueryClient();
  const dialogs = useDialogs();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: () => unwrap(api.GET('/me/sessions')) });
  const end = useMutation({
    mutationFn: async (s: { id: string; current: boolean }) => {
      await unwrap(api.DELETE('/me/sessions/{id}', { params: { path: { id: s.id } } }));
      return s.current;
    },
    onSuccess: (wasCurrent) => {
      if (wasCurrent) {
        session.clear();
        qc.clear();
        return;
      }
      void qc.invalidateQueries({ queryKey: ['my-sessions'] });
    },
  });
  return (
    <div className="card" data-testid="account-sessions">
      <h2>Sessions</h2>
      <p className="muted">Every browser or script signed in as you. Ending one signs it out at once.</p>
      <ErrorBox error={end.error} title="Could not end the session" />
      {sessions.isLoading ? (
        <Loading />
      ) : sessions.error ? (
        <ErrorBox error={sessions.error} />
      ) : !sessions.data?.data.length ? (
        <Empty>No sessions.</Empty>
      ) : (
        <table className="table stack-sm" data-testid="sessions-table">
          <thead>
            <tr>
              <th>Signed in</th>
              <th>Last active</th>
              <th className="hide-sm">Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.data.data.map((s) => (
              <tr key={s.id}>
                <td>
                  {when(s.createdAt)} {s.current && <span className="badge badge-ok">this session</span>}
                </td>
                <td className="muted">
                  <span className="session-label">Last active </span>
                  {when(s.lastUsedAt)}
                </td>
                <td className="hide-sm muted">{when(s.expiresAt)}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() =>
                      void dialogs
                        .confirm({
                          title: s.current ? 'End the session you are using?' : 'End this session?',
                          body: s.current ? 'This is the session you are using now: you will be signed out.' : `Signed in ${when(s.createdAt)}. It is signed out at once.`,
                          confirmLabel: 'End session',
                          danger: true,
                        })
                        .then((ok) => ok && end.mutate(s))
                    }
                  >
                    End session
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

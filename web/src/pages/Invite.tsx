import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { useMe } from '../api/hooks';
import { session, useSession } from '../api/session';
import { ErrorBox, Field, Loading, when } from '../components/ui';
import { AuthCard, startSession } from './Auth';

function useInvite(token: string) {
  return useQuery({
    queryKey: ['invite', token],
    queryFn: () => unwrap(api.GET('/membership/invite/{token}', { params: { path: { token } } })),
    retry: false,
    staleTime: Infinity,
  });
}

/**
 * An invite link, `/invite/<token>`. Signed out: create the account from the invite, or sign in and
 * come back here. Signed in: join the domain. Either way the new member lands in that domain's servers.
 */
export function InvitePage() {
  const { token = '' } = useParams();
  const { token: signedIn } = useSession();
  const invite = useInvite(token);
  const inner = invite.isLoading ? (
    <Loading what="Opening the invite" />
  ) : invite.error ? (
    <div data-testid="invite-invalid">
      <ErrorBox error={invite.error} title="This invite can't be used" />
      {!signedIn && (
        <p>
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      )}
    </div>
  ) : signedIn ? (
    <JoinAsMe token={token} invite={invite.data!.data} />
  ) : (
    <Register token={token} invite={invite.data!.data} />
  );
  const domain = invite.data?.data.domainName;
  if (signedIn) {
    return (
      <div className="card narrow invite-card" data-testid="invite-page">
        <h1>{domain ? `Join ${domain}` : 'Invitation'}</h1>
        {inner}
      </div>
    );
  }
  return (
    <AuthCard title={domain ? `You're invited to ${domain}` : 'Invitation'}>
      <div data-testid="invite-page">{inner}</div>
    </AuthCard>
  );
}

type Preview = { domainName: string; roleName: string; email: string | null; expiresAt: string | null };

function InviteFacts({ invite }: { invite: Preview }) {
  return (
    <dl className="invite-facts" data-testid="invite-facts">
      <dt>Domain</dt>
      <dd className="strong">{invite.domainName}</dd>
      <dt>Role</dt>
      <dd>{invite.roleName}</dd>
      {invite.email && (
        <>
          <dt>Invited email</dt>
          <dd>{invite.email}</dd>
        </>
      )}
      {invite.expiresAt && (
        <>
          <dt>Valid until</dt>
          <dd>{when(invite.expiresAt)}</dd>
        </>
      )}
    </dl>
  );
}

function Register({ token, invite }: { token: string; invite: Preview }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form, setForm] = useState({ username: '', password: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/membership/invite/{token}/register', { params: { path: { token } }, body: { username: form.username, password: form.password } })),
    onSuccess: (r) => {
      // The invited domain is the new account's only one: the API selects it.
      startSession(r.data);
      qc.removeQueries({ queryKey: ['invite', token] });
      navigate('/servers', { replace: true });
    },
  });
  const err = create.error instanceof ApiError ? create.error : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) return setMismatch(true);
    create.mutate();
  }
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm({ ...form, [k]: e.target.value });
    if (k !== 'username') setMismatch(false);
  };

  return (
    <>
      <InviteFacts invite={invite} />
      <h2>Create your account</h2>
      <form className="form" onSubmit={submit} data-testid="invite-register">
        <ErrorBox error={create.error} title="Could not create your account" />
        {invite.email && (
          <Field label="Email" hint="Your account gets the address the invite was sent to.">
            <input name="email" type="email" value={invite.email} readOnly />
          </Field>
        )}
        <Field label="Username" error={err?.field('username')} hint="3–32 characters: letters, digits, _ . -">
          <input name="username" value={form.username} onChange={set('username')} autoComplete="username" autoFocus required />
        </Field>
        <Field label="Password" error={err?.field('password')} hint="At least 10 characters.">
          <input name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={10} required />
        </Field>
        <Field label="Confirm password" error={mismatch ? 'The two passwords are different' : undefined}>
          <input name="confirm" type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" minLength={10} required />
        </Field>
        <button className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create account and join'}
        </button>
      </form>
      <p className="muted invite-alt">
        Already have an account?{' '}
        <Link to={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`} data-testid="invite-sign-in">
          Sign in to accept
        </Link>
      </p>
    </>
  );
}

function JoinAsMe({ token, invite }: { token: string; invite: Preview }) {
  const me = useMe().data?.data;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const join = useMutation({
    mutationFn: async () => {
      const m = await unwrap(api.POST('/membership/accept', { body: { token } }));
      await unwrap(api.POST('/selected-domain/{domainId}', { params: { path: { domainId: m.data.domainId } } }));
      return m.data.domainId;
    },
    onSuccess: (domainId) => {
      session.set({ domainId });
      // Everything cached belongs to the previous domain (or to no domain at all).
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'spec' && q.queryKey[0] !== 'bootstrap-status' });
      navigate('/servers', { replace: true });
    },
  });
  const otherEmail = invite.email && me && invite.email.toLowerCase() !== me.user.email.toLowerCase();
  return (
    <>
      <InviteFacts invite={invite} />
      {otherEmail && (
        <div className="alert invite-warn" data-testid="invite-other-email">
          This invite was sent to <strong>{invite.email}</strong>, but you are signed in as <strong>{me.user.email}</strong>. Sign in with that account to accept it.
        </div>
      )}
      <ErrorBox error={join.error} title="Could not join" />
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => join.mutate()} disabled={join.isPending} data-testid="invite-join">
          {join.isPending ? 'Joining…' : `Join ${invite.domainName}`}
        </button>
        <Link to="/servers" className="btn btn-ghost">
          Not now
        </Link>
      </div>
    </>
  );
}

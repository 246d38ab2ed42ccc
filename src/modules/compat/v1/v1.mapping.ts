import type { LoginOutputDTO } from '../../auth/dto/auth.dto';
import type { ApiTokenCreatedDTO, ApiTokenOutputDTO } from '../../apitoken/dto/api-token.dto';
import type { DomainOutputDTO } from '../../domain/dto/domain.dto';
import type { InviteOutputDTO, MembershipOutputDTO } from '../../membership/dto/membership.dto';
import type { UserOutputDTO } from '../../user/dto/user.dto';
import type { V1ApiTokenCreatedDTO, V1ApiTokenDTO, V1InviteCreatedDTO, V1InviteDTO, V1LoginDTO, V1MemberDTO, V1MfaChallengeDTO, V1OrganizationDTO, V1UserDTO } from './v1.dto';

/**
 * Outpost's camelCase DTOs → the Shardlyn `/v1` dialect's snake_case replies (seed 001). Pure
 * functions: no I/O, no clock unless passed in.
 */

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

/** Login, refresh, bootstrap and MFA challenge replies: tokens, or the MFA challenge when the account has MFA. */
export function toLoginReply(out: LoginOutputDTO): V1LoginDTO | V1MfaChallengeDTO {
  if (out.mfaRequired) return { mfa_required: true, challenge_token: out.challengeToken! };
  return { access_token: out.token!, refresh_token: out.refreshToken!, expires_in: out.expiresIn!, token_type: 'Bearer' };
}

export function toUser(u: UserOutputDTO): V1UserDTO {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    is_admin: u.isInstanceAdmin,
    mfa_enabled: u.mfaEnabled,
    last_login_at: iso(u.lastLoginAt),
    created_at: iso(u.createdAt)!,
    updated_at: iso(u.updatedAt)!,
  };
}

export function toApiToken(t: ApiTokenOutputDTO): V1ApiTokenDTO {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    permissions: t.permissions,
    expires_at: iso(t.expiresAt),
    last_used_at: iso(t.lastUsedAt),
    created_at: iso(t.createdAt)!,
  };
}

export function toApiTokenCreated(t: ApiTokenCreatedDTO): V1ApiTokenCreatedDTO {
  return { id: t.id, name: t.name, token: t.token, expires_at: iso(t.expiresAt), created_at: iso(t.createdAt)! };
}

/** Seed 001's `expires_in` (seconds from now) → Outpost's `expiresAt`; absent or 0 = never expires. */
export function expiresInToDate(expiresIn: number | undefined, nowMs: number): string | undefined {
  if (expiresIn === undefined || expiresIn === 0) return undefined;
  return new Date(nowMs + expiresIn * 1000).toISOString();
}

export function toOrganization(d: DomainOutputDTO): V1OrganizationDTO {
  return { id: d.id, name: d.name, state: d.state.toLowerCase(), created_at: iso(d.createdAt)!, updated_at: iso(d.updatedAt)! };
}

/** An ACTIVE membership (with its user and role loaded) as a member row. */
export function toMember(m: MembershipOutputDTO): V1MemberDTO {
  return {
    user_id: m.userId!,
    username: m.user?.username ?? null,
    email: m.user?.email ?? null,
    role_id: m.roleId,
    role: m.role?.name ?? null,
    joined_at: iso(m.createdAt)!,
  };
}

export function toInvite(m: MembershipOutputDTO): V1InviteDTO {
  return { id: m.id, email: m.inviteEmail, role_id: m.roleId, role: m.role?.name ?? null, expires_at: iso(m.inviteExpiresAt), created_at: iso(m.createdAt)! };
}

export function toInviteCreated(m: InviteOutputDTO): V1InviteCreatedDTO {
  return { ...toInvite(m), token: m.inviteToken, emailed: m.emailed };
}

/**
 * A role named in a request: its id, or its name in any letter case (seed clients send "admin",
 * "member"). Returns the role's id, or null when no role matches.
 */
export function pickRole(roles: ReadonlyArray<{ id: string; name: string }>, ref: string): string | null {
  const byId = roles.find((r) => r.id === ref);
  if (byId) return byId.id;
  const lower = ref.trim().toLowerCase();
  return roles.find((r) => r.name.toLowerCase() === lower)?.id ?? null;
}

/**
 * Outpost usernames are 3-32 of letters, digits, `_ . -`; seed clients create users by email
 * alone. The email's local part, unsupported characters replaced by `_`, padded or cut to fit.
 */
export function usernameFromEmail(email: string): string {
  let name = (email.split('@')[0] ?? '').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 32);
  while (name.length < 3) name += '_';
  return name;
}

/**
 * @nestjs/throttler's `X-RateLimit-Reset` is seconds until the window resets; the seed shows an
 * epoch time in seconds. Anything that is not a whole number of seconds is left as it was.
 */
export function resetHeaderToEpoch(value: unknown, nowMs: number): string | undefined {
  const text: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  if (!/^\d{1,9}$/.test(String(text))) return undefined;
  return String(Math.ceil(nowMs / 1000) + Number(text));
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import passport from 'passport';
import { sha256 } from '../../../core/crypto/hash';
import { ApiTokenRepository } from '../../apitoken/api-token.repository';
import { looksLikeApiToken, parseApiToken } from '../../apitoken/api-token.credentials';
import { UserRepository } from '../../user/user.repository';
import type { Principal } from '../auth-context';
import { verifySecret } from '../password';
import { StrategyRegistry, UNREGISTERED } from './unregistered';

export const API_TOKEN_STRATEGY = 'apitoken';

const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;
const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The API token a request presents: `Authorization: Bearer outpost_…`, else `x-api-key: outpost_…`.
 * Like the guard, an Authorization header wins over x-api-key; anything not shaped like an API token is none.
 */
export function apiTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  const token = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : headers['x-api-key'];
  return typeof token === 'string' && looksLikeApiToken(token) ? token : undefined;
}

type Verified = (err: unknown, principal?: Principal | false | null) => void;

/**
 * A passport strategy (the shape `passport-custom` has, without the dependency): finds the API token
 * and hands it to `verify`, which `PassportStrategy` wires to `validate()`. Built once; passport
 * derives a per-request object from it for `success` / `fail` / `error`.
 */
class ApiTokenCredentialStrategy extends passport.Strategy {
  override name = API_TOKEN_STRATEGY;

  constructor(private readonly verify: (token: string, done: Verified) => void) {
    super();
  }

  override authenticate(req: { headers: IncomingHttpHeaders }): void {
    const token = apiTokenOf(req.headers);
    if (!token) return this.fail(401);
    this.verify(token, (err, principal) => (err ? this.error(err) : principal ? this.success(principal) : this.fail(401)));
  }
}

/**
 * An API token (`outpost_<id>_<secret>`): its row is read on every request, so revocation and
 * expiry apply at once; the argon2id check of its secret is skipped for a token verified in the
 * last 60 s (a sha256 of it is remembered, never the token). Its owner must still exist (and not
 * be suspended). A token speaks for an instance admin only when it is instance-wide and has no
 * permission subset. Refusals are `null`: the guard turns them into 401 "Invalid, expired or revoked API token".
 */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(ApiTokenCredentialStrategy, API_TOKEN_STRATEGY) {
  /** sha256(token) → until when its secret counts as verified. */
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly users: UserRepository,
    private readonly apiTokens: ApiTokenRepository,
  ) {
    super();
  }

  async validate(token: string): Promise<Principal | null> {
    const parsed = parseApiToken(token);
    const row = parsed ? await this.apiTokens.findForAuth(parsed.id) : null;
    if (!parsed || !row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
    const key = sha256(token);
    const until = this.verified.get(key);
    if (!until || until < Date.now()) {
      if (!(await verifySecret(row.secretHash, parsed.secret))) return null;
      if (this.verified.size > VERIFIED_MAX) this.verified.clear();
      this.verified.set(key, Date.now() + VERIFIED_TTL_MS);
      void this.apiTokens.touch(row.id).catch(() => undefined);
    }
    const user = await this.users.principalById(row.userId);
    if (!user) return null;
    return {
      kind: 'apitoken',
      userId: user.id,
      username: user.username,
      // Only an instance-wide token without a permission subset speaks for an instance admin; a restricted one is a plain member.
      isInstanceAdmin: user.isInstanceAdmin && row.domainId === null && row.permissions.length === 0,
      tokenDomainId: row.domainId,
      tokenId: row.id,
      tokenName: row.name,
      tokenPermissions: row.permissions,
    };
  }

  /** Not passport's singleton: see `UNREGISTERED`. */
  getPassportInstance(): StrategyRegistry {
    return UNREGISTERED;
  }
}

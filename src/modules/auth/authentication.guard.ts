import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { sha256, sha256Bytes } from '../../core/crypto/hash';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { IS_PUBLIC } from '../../core/http/public.decorator';
import { AppError } from '../../core/errors/app-error';
import { UserRepository } from '../user/user.repository';
import { ApiTokenRepository } from '../apitoken/api-token.repository';
import { looksLikeApiToken, parseApiToken } from '../apitoken/api-token.credentials';
import { AuthedRequest, Principal } from './auth-context';
import { verifySecret } from './password';
import { TokenService } from './token.service';
import { METRICS_TOKEN_ALLOWED } from './operator.decorator';

const VERIFIED_TTL_MS = 60_000;

/**
 * Who is calling: a user's access JWT, or an API token (`Authorization: Bearer outpost_…`
 * or `x-api-key`). Runs once per request; public routes skip it.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  /** sha256(token) → expiry: skips argon2 for a token verified moments ago. Revocation is still read per request. */
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly apiTokens: ApiTokenRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const credential = this.credentialOf(req);
    if (!credential) throw AppError.unauthorized('Authentication required: send Authorization: Bearer <token> or x-api-key');
    // The operator token has no principal: DomainGuard and PermissionGuard let a request without req.auth through.
    if (this.isMetricsToken(context, credential)) return true;
    const principal = looksLikeApiToken(credential) ? await this.fromApiToken(credential) : await this.fromAccessToken(credential);
    req.auth = { principal, permissions: new Set() };
    return true;
  }

  /** METRICS_TOKEN, on a route that accepts it (@OperatorOnly), compared in constant time. */
  private isMetricsToken(context: ExecutionContext, credential: string): boolean {
    const expected = this.config.METRICS_TOKEN;
    if (!expected || !this.reflector.getAllAndOverride<boolean>(METRICS_TOKEN_ALLOWED, [context.getHandler(), context.getClass()])) return false;
    return timingSafeEqual(sha256Bytes(credential), sha256Bytes(expected));
  }

  private credentialOf(req: AuthedRequest): string | undefined {
    const header = req.headers.authorization;
    if (typeof header === 'string') {
      const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
      if (!m) throw AppError.unauthorized('Malformed Authorization header: expected "Bearer <token>"');
      return m[1];
    }
    const apiKey = req.headers['x-api-key'];
    return typeof apiKey === 'string' && apiKey ? apiKey : undefined;
  }

  private async fromAccessToken(token: string): Promise<Principal> {
    const identity = this.tokens.verifyAccess(token);
    if (!identity) throw AppError.unauthorized('Invalid or expired access token');
    const [user, revoked] = await Promise.all([this.users.principalById(identity.userId), this.tokens.isSessionRevoked(identity.sessionId)]);
    if (!user || revoked) throw AppError.unauthorized('Invalid or expired access token');
    return { kind: 'user', userId: user.id, username: user.username, isInstanceAdmin: user.isInstanceAdmin, sessionId: identity.sessionId };
  }

  private async fromApiToken(token: string): Promise<Principal> {
    const parsed = parseApiToken(token);
    const row = parsed ? await this.apiTokens.findForAuth(parsed.id) : null;
    if (!parsed || !row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) {
      throw AppError.unauthorized('Invalid, expired or revoked API token');
    }
    const key = sha256(token);
    const until = this.verified.get(key);
    if (!until || until < Date.now()) {
      if (!(await verifySecret(row.secretHash, parsed.secret))) throw AppError.unauthorized('Invalid, expired or revoked API token');
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(key, Date.now() + VERIFIED_TTL_MS);
      void this.apiTokens.touch(row.id).catch(() => undefined);
    }
    const user = await this.users.principalById(row.userId);
    if (!user) throw AppError.unauthorized('Invalid, expired or revoked API token');
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
}

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, randomUUID } from 'node:crypto';
import { DomainId, isUuid, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { looksLikeApiToken } from '../apitoken/api-token.credentials';
import { ApiTokenService } from '../apitoken/api-token.service';
import { RequestAuth } from '../auth/auth-context';
import { DomainAccessService } from '../auth/domain-access.service';
import { Permission } from '../auth/permissions';
import { TokenService } from '../auth/token.service';
import { UserService } from '../user/user.service';
import { GameServerService } from '../gameserver/gameserver.service';

export const CONSOLE_TOKEN_TTL_SECONDS = 10 * 60;

interface ConsoleClaims {
  sub: string;
  typ: 'console';
  dom: string;
  srv: string;
  perms: string[];
  /** The session (user) or API token it was issued under: revoking that ends the console token too. */
  sid?: string;
  tok?: string;
  exp: number;
}

/** Who is on a console socket, for which server, with which permissions, until when. */
export interface ConsoleGrant {
  userId: string;
  domainId: DomainId;
  serverId: string;
  permissions: Set<Permission>;
  /** Epoch ms. */
  expiresAt: number;
  via: 'console-token' | 'access-token';
  /** What the grant stands on, checked again while the socket is open (recheck). */
  issuer: ConsoleIssuer;
}

/** The session or API token behind a console grant, and the permissions a console token was narrowed to. */
export interface ConsoleIssuer {
  sessionId?: string;
  tokenId?: string;
  within?: string[];
}

/**
 * Console credentials. A console token is an HS256 JWT signed with a key derived from
 * JWT_SECRET (so neither kind of token verifies as the other), bound to user, domain, server
 * and the permissions the user had when it was issued, valid 10 minutes. The socket also takes
 * a normal access JWT; then the domain comes from the server row. Either way membership,
 * domain state and permissions are resolved on every connect and renewal by DomainAccessService
 * (the DomainGuard's rules); a console token's permissions are narrowed to those it was issued with.
 */
@Injectable()
export class ConsoleAuthService {
  private readonly jwt: JwtService;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokenService,
    private readonly users: UserService,
    private readonly access: DomainAccessService,
    private readonly gameServers: GameServerService,
    private readonly apiTokens: ApiTokenService,
  ) {
    if (!config.JWT_SECRET) throw new Error('JWT_SECRET is not set');
    this.jwt = new JwtService({ secret: createHmac('sha256', config.JWT_SECRET).update('outpost console token v1').digest('hex') });
  }

  issue(auth: RequestAuth, domainId: DomainId, serverId: string, ttlSeconds = CONSOLE_TOKEN_TTL_SECONDS): { token: string; expiresAt: Date } {
    const claims = { sub: auth.principal.userId, typ: 'console', dom: domainId, srv: serverId, perms: [...auth.permissions], sid: auth.principal.sessionId, tok: auth.principal.tokenId };
    const token = this.jwt.sign(claims, { expiresIn: ttlSeconds, jwtid: randomUUID(), algorithm: 'HS256' });
    return { token, expiresAt: new Date((this.jwt.decode<ConsoleClaims>(token).exp ?? 0) * 1000) };
  }

  /** Throws AppError 401 / 403 / 404; the socket upgrade answers with that status. */
  async authenticate(serverId: string, token: string | undefined): Promise<ConsoleGrant> {
    if (!isUuid(serverId)) throw AppError.notFound('Game server');
    if (!token) throw AppError.unauthorized('Send ?token= with a console token (POST /gameserver/:id/console-token) or an access token');
    if (looksLikeApiToken(token)) throw AppError.unauthorized('API tokens cannot open the console directly: get a console token from POST /gameserver/:id/console-token');
    const consoleClaims = this.verifyConsole(token);
    if (consoleClaims) {
      if (consoleClaims.srv !== serverId) throw AppError.forbidden('This console token is for another game server');
      const issuer: ConsoleIssuer = { sessionId: consoleClaims.sid, tokenId: consoleClaims.tok, within: consoleClaims.perms };
      if (!(await this.issuerStillValid(issuer))) throw AppError.unauthorized('The session or API token this console token came from has ended');
      const domainId = trustedDomainId(consoleClaims.dom);
      const permissions = await this.memberPermissions(domainId, consoleClaims.sub, issuer);
      return { userId: consoleClaims.sub, domainId, serverId, permissions, expiresAt: consoleClaims.exp * 1000, via: 'console-token', issuer };
    }
    const identity = this.tokens.verifyAccess(token);
    if (!identity || (await this.tokens.isSessionRevoked(identity.sessionId)) || !(await this.users.exists(identity.userId))) throw AppError.unauthorized('Invalid or expired token');
    const userId = identity.userId;
    const exp = this.jwt.decode<{ exp?: number } | null>(token)?.exp ?? 0;
    const domain = await this.gameServers.domainOf(serverId);
    // Not a member of the server's domain: answered like a missing server, so ids of other tenants don't show.
    if (!domain) throw AppError.notFound('Game server');
    const domainId = trustedDomainId(domain);
    const permissions = await this.access.permissionsIn(domainId, userId);
    if (!permissions) throw AppError.notFound('Game server');
    if (!permissions.has('gameserver.read')) throw AppError.forbidden('Missing permission gameserver.read', { permission: 'gameserver.read' });
    return { userId, domainId, serverId, permissions, expiresAt: exp * 1000, via: 'access-token', issuer: { sessionId: identity.sessionId } };
  }

  /**
   * The grant of an open socket, checked again (every CONSOLE_RECHECK_MS, and before every command
   * or power action): the account is not suspended or deleted, its session or API token has not
   * ended, it is still a member with gameserver.read. Answers the grant with today's permissions;
   * throws AppError 401/403 when it no longer stands.
   */
  async recheck(grant: ConsoleGrant): Promise<ConsoleGrant> {
    if (!(await this.users.exists(grant.userId))) throw AppError.unauthorized('This account is suspended or no longer exists');
    if (!(await this.issuerStillValid(grant.issuer))) throw AppError.unauthorized('The session or API token of this console has ended');
    return { ...grant, permissions: await this.memberPermissions(grant.domainId, grant.userId, grant.issuer) };
  }

  private async memberPermissions(domainId: DomainId, userId: string, issuer: ConsoleIssuer): Promise<Set<Permission>> {
    const permissions = await this.access.permissionsIn(domainId, userId, issuer.within);
    if (!permissions) throw AppError.forbidden('You are no longer a member of this domain');
    if (!permissions.has('gameserver.read')) throw AppError.forbidden('Missing permission gameserver.read', { permission: 'gameserver.read' });
    return permissions;
  }

  /** A console grant lives no longer than the session or API token it was issued under. */
  private async issuerStillValid(issuer: ConsoleIssuer): Promise<boolean> {
    if (issuer.sessionId) return isUuid(issuer.sessionId) && !(await this.tokens.isSessionRevoked(issuer.sessionId));
    if (issuer.tokenId) return this.apiTokens.isActive(issuer.tokenId);
    return false;
  }

  private verifyConsole(token: string): ConsoleClaims | null {
    try {
      const claims = this.jwt.verify<ConsoleClaims>(token, { algorithms: ['HS256'] });
      return claims.typ === 'console' && typeof claims.sub === 'string' && typeof claims.srv === 'string' && Array.isArray(claims.perms) ? claims : null;
    } catch {
      return null;
    }
  }
}

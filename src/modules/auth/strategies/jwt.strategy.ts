import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { isUuid } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../../core/config/app-config';
import { UserRepository } from '../../user/user.repository';
import type { Principal } from '../auth-context';
import { TokenService } from '../token.service';
import { StrategyRegistry, UNREGISTERED } from './unregistered';

export const JWT_STRATEGY = 'jwt';

/** The claims `TokenService` signs; anything else in a verified token is ignored. */
interface AccessClaims {
  sub?: unknown;
  typ?: unknown;
  sid?: unknown;
}

function accessKey(config: AppConfig) {
  if (!config.JWT_SECRET) throw new Error('JWT_SECRET is not set');
  // A KeyObject built once, as in TokenService: with a string, jsonwebtoken derives a key (and throws and catches) on every verify.
  // passport-jwt hands it to jsonwebtoken untouched; its typings only name string | Buffer.
  return createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer;
}

/**
 * A user's access JWT, `Authorization: Bearer <jwt>`: HS256 with JWT_SECRET (the key TokenService
 * signs with), unexpired, `typ: 'access'`, naming its session (`sid`). The session is read on every
 * request, so logout, a password change or refresh-token theft end its access tokens at once; a
 * user who is gone (or suspended: `principalById`) is refused too. Refusals are `null`: the guard
 * turns them into 401 "Invalid or expired access token".
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: accessKey(config), algorithms: ['HS256'] });
  }

  async validate(claims: AccessClaims): Promise<Principal | null> {
    const { sub, typ, sid } = claims;
    if (typ !== 'access' || typeof sub !== 'string' || !isUuid(sid)) return null;
    const [user, revoked] = await Promise.all([this.users.principalById(sub), this.tokens.isSessionRevoked(sid)]);
    if (!user || revoked) return null;
    return { kind: 'user', userId: user.id, username: user.username, isInstanceAdmin: user.isInstanceAdmin, sessionId: sid };
  }

  /** Not passport's singleton: see `UNREGISTERED`. */
  getPassportInstance(): StrategyRegistry {
    return UNREGISTERED;
  }
}

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import passport from 'passport';
import { sha256Bytes } from '../../core/crypto/hash';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { IS_PUBLIC } from '../../core/http/public.decorator';
import { AppError } from '../../core/errors/app-error';
import { looksLikeApiToken } from '../apitoken/api-token.credentials';
import { AuthedRequest, Principal } from './auth-context';
import { METRICS_TOKEN_ALLOWED } from './operator.decorator';
import { API_TOKEN_STRATEGY, ApiTokenStrategy } from './strategies/api-token.strategy';
import { JWT_STRATEGY, JwtStrategy } from './strategies/jwt.strategy';

const ACCESS_TOKEN_REFUSED = 'Invalid or expired access token';
const API_TOKEN_REFUSED = 'Invalid, expired or revoked API token';
/** No sessions, nothing written to the request by passport beyond its own helpers: the guard sets `req.auth`. */
const AUTHENTICATE_OPTIONS = Object.freeze({ session: false });

/** What `authenticate(name, options, callback)` returns; passport's typings say `any`. */
type PassportMiddleware = (req: AuthedRequest, reply: FastifyReply, next: (err?: unknown) => void) => void;

/**
 * Who is calling, through passport: a user's access JWT (`JwtStrategy`, `Authorization: Bearer
 * <jwt>`) or an API token (`ApiTokenStrategy`, `Authorization: Bearer outpost_…` or `x-api-key`),
 * chosen by the credential's shape so one strategy runs per request. Runs once per request; public
 * routes skip it; `@OperatorOnly` routes also take METRICS_TOKEN.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  /** This app's own authenticator holding this app's strategies (built once), not passport's process-wide one. */
  private readonly passport = new passport.Authenticator();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    jwt: JwtStrategy,
    apiToken: ApiTokenStrategy,
  ) {
    this.passport.use(JWT_STRATEGY, jwt);
    this.passport.use(API_TOKEN_STRATEGY, apiToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthedRequest>();
    const credential = this.credentialOf(req);
    if (!credential) throw AppError.unauthorized('Authentication required: send Authorization: Bearer <token> or x-api-key');
    // The operator token has no principal: DomainGuard and PermissionGuard let a request without req.auth through.
    if (this.isMetricsToken(context, credential)) return true;
    const principal = looksLikeApiToken(credential)
      ? await this.authenticate(API_TOKEN_STRATEGY, API_TOKEN_REFUSED, req, http.getResponse<FastifyReply>())
      : await this.authenticate(JWT_STRATEGY, ACCESS_TOKEN_REFUSED, req, http.getResponse<FastifyReply>());
    req.auth = { principal, permissions: new Set() };
    return true;
  }

  /** Runs one strategy; what it settles goes through `handleRequest`. */
  private authenticate(strategy: string, refusal: string, req: AuthedRequest, reply: FastifyReply): Promise<Principal> {
    return new Promise<Principal>((resolve, reject) => {
      const settle = (err: unknown, principal?: Principal | false | null) => {
        try {
          resolve(this.handleRequest(err, principal, refusal));
        } catch (e) {
          reject(e instanceof Error ? e : new Error('Authentication failed', { cause: e }));
        }
      };
      const run = this.passport.authenticate(strategy, AUTHENTICATE_OPTIONS, settle) as PassportMiddleware;
      run(req, reply, (err?: unknown) => settle(err ?? null, null));
    });
  }

  /**
   * What passport settled, as the API answers it: a refusal (bad signature, expired, wrong type,
   * revoked session or token, unknown user) is 401 with the strategy's message; an error thrown while
   * checking (the database) stays that error.
   */
  handleRequest(err: unknown, principal: Principal | false | null | undefined, refusal: string): Principal {
    if (err) throw err instanceof Error ? err : new Error('Authentication failed', { cause: err });
    if (!principal) throw AppError.unauthorized(refusal);
    return principal;
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
}

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../../core/crypto/hash';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { isUuid } from '@libs/tenancy/domain-id';
import { RefreshTokenRepository } from './refresh-token.repository';

export const ACCESS_TTL_SECONDS = 15 * 60;
const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;
const MFA_CHALLENGE_TTL_SECONDS = 5 * 60;

interface Claims {
  sub: string;
  typ: 'access' | 'mfa';
  /** Access tokens: the session (refresh-token family) they belong to; revoking it ends them. */
  sid?: string;
  iat: number;
  exp: number;
  jti: string;
}

export interface AccessIdentity {
  userId: string;
  sessionId: string;
}

export interface MfaChallenge {
  userId: string;
  challengeId: string;
  expiresAt: number;
}

/**
 * Access tokens are HS256 JWTs (15 min) naming their session; refresh tokens are random, stored
 * as sha256, rotated on use, and a session is one rotation family. Presenting a used refresh token
 * revokes its family (theft detection). A revoked session (logout, password change, theft) ends its
 * access tokens at once: authentication reads the family's state on every request.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {
    if (!config.JWT_SECRET) throw new Error('JWT_SECRET is not set');
    // A KeyObject built once: with a plain string secret, jsonwebtoken re-derives (and throws/catches) on every verify.
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as never });
  }

  private sign(claims: Pick<Claims, 'sub' | 'typ' | 'sid'>, ttlSeconds: number): string {
    return this.jwt.sign({ ...claims }, { expiresIn: ttlSeconds, jwtid: randomUUID(), algorithm: 'HS256' });
  }

  private verify(token: string, typ: Claims['typ']): Claims | null {
    try {
      const claims = this.jwt.verify<Claims>(token, { algorithms: ['HS256'] });
      return claims.typ === typ && typeof claims.sub === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  issueAccess(userId: string, sessionId: string): string {
    return this.sign({ sub: userId, typ: 'access', sid: sessionId }, ACCESS_TTL_SECONDS);
  }

  /** The user and session a validly signed, unexpired access token names; callers also check `isSessionRevoked`. */
  verifyAccess(token: string): AccessIdentity | null {
    const claims = this.verify(token, 'access');
    return claims && typeof claims.sid === 'string' && isUuid(claims.sid) ? { userId: claims.sub, sessionId: claims.sid } : null;
  }

  /** Logout, a password change or refresh-token theft revoke the session; its access tokens end with it. */
  isSessionRevoked(sessionId: string): Promise<boolean> {
    return this.refreshTokens.isFamilyRevoked(sessionId);
  }

  issueMfaChallenge(userId: string): string {
    return this.sign({ sub: userId, typ: 'mfa' }, MFA_CHALLENGE_TTL_SECONDS);
  }

  verifyMfaChallenge(token: string): MfaChallenge | null {
    const claims = this.verify(token, 'mfa');
    return claims ? { userId: claims.sub, challengeId: claims.jti, expiresAt: claims.exp * 1000 } : null;
  }

  /** A new session: its family id, first refresh token and access token. */
  async startSession(userId: string): Promise<{ sessionId: string; accessToken: string; refreshToken: string }> {
    const sessionId = randomUUID();
    return { sessionId, accessToken: this.issueAccess(userId, sessionId), refreshToken: await this.issueRefresh(userId, sessionId) };
  }

  private async issueRefresh(userId: string, familyId: string): Promise<string> {
    const token = `outpost_rt_${randomBytes(32).toString('base64url')}`;
    await this.refreshTokens.insert({ userId, familyId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + REFRESH_TTL_MS) });
    return token;
  }

  /** Rotates a refresh token: returns the user, its session and a new refresh token of the same family. */
  async rotateRefresh(token: string): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
    const row = await this.refreshTokens.findByHash(sha256(token));
    if (!row || row.revokedAt || row.expiresAt.getTime() < Date.now()) throw AppError.unauthorized('Refresh token is invalid or expired');
    if (row.usedAt) {
      // Reuse of a rotated token means it leaked: revoke every token of this login.
      await this.revokeFamily(row.familyId);
      throw AppError.unauthorized('Refresh token was already used; the session has been revoked');
    }
    if (!(await this.refreshTokens.claim(row.id))) {
      await this.revokeFamily(row.familyId);
      throw AppError.unauthorized('Refresh token was already used; the session has been revoked');
    }
    return { userId: row.userId, sessionId: row.familyId, refreshToken: await this.issueRefresh(row.userId, row.familyId) };
  }

  /** Revokes the session of `token` when it belongs to `userId` (nobody logs out someone else). */
  async revokeByToken(token: string, userId: string): Promise<void> {
    const row = await this.refreshTokens.findByHash(sha256(token));
    if (row && row.userId === userId) await this.revokeFamily(row.familyId);
  }

  revokeFamily(familyId: string): Promise<void> {
    return this.refreshTokens.revokeFamily(familyId);
  }

  revokeAllForUser(userId: string): Promise<void> {
    return this.refreshTokens.revokeAllForUser(userId);
  }
}

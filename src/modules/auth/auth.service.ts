import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { authenticator } from 'otplib';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { sha256 } from '../../core/crypto/hash';
import { toOutput } from '../../core/http/output';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { DomainRepository } from '../domain/domain.repository';
import { DomainService } from '../domain/domain.service';
import { MembershipRepository } from '../membership/membership.repository';
import { User } from '../user/entities/user.entity';
import { UserOutputDTO } from '../user/dto/user.dto';
import { UserRepository } from '../user/user.repository';
import { AuditService } from '../auditlog/audit.service';
import { RateLimitStore } from './rate-limit.store';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionOutputDTO } from './dto/session.dto';
import { dummyHash, hashSecret, verifySecret } from './password';
import { SecretBox } from './secret-box';
import { ACCESS_TTL_SECONDS, TokenService } from './token.service';
import { BootstrapDTO, LoginOutputDTO, MeOutputDTO, MfaConfirmOutputDTO, MfaEnrollOutputDTO } from './dto/auth.dto';
import { Principal, RequestAuth } from './auth-context';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const LOGIN_MAX_FAILURES = 5;
const MFA_WINDOW_MS = 60 * 1000;
const MFA_MAX_TRIES = 5;

const TOTP_STEP_SECONDS = 30;
authenticator.options = { window: 1, step: TOTP_STEP_SECONDS };

/** A suspended account's login or refresh: its own code, so clients can tell it from a wrong password. */
const accountSuspended = () => new AppError(ErrorCode.AccountSuspendedError, 'This account is suspended');

@Injectable()
export class AuthService {
  private readonly mfaBox: SecretBox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly domains: DomainRepository,
    private readonly domainService: DomainService,
    private readonly memberships: MembershipRepository,
    private readonly tokens: TokenService,
    private readonly limits: RateLimitStore,
    private readonly audit: AuditService,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {
    this.mfaBox = new SecretBox(config.JWT_SECRET!, 'mfa-secret');
  }

  async bootstrapNeeded(): Promise<boolean> {
    return (await this.users.count()) === 0;
  }

  /** First admin + first domain, only while the instance has no user at all. */
  async bootstrap(input: BootstrapDTO, ip: string): Promise<LoginOutputDTO & { domainId: string }> {
    // Serialise concurrent bootstrap attempts so exactly one can win.
    const user = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(727001)');
      const count = await tx.getRepository(User).count();
      if (count > 0) throw AppError.conflict('This instance is already set up; log in instead');
      return tx
        .getRepository(User)
        .save(tx.getRepository(User).create({ username: input.username, email: input.email.toLowerCase(), passwordHash: await hashSecret(input.password), isInstanceAdmin: true }));
    });
    const domain = await this.domainService.create({ name: input.domainName }, user.id);
    await this.audit.instanceEvent({ actorType: 'user', actorId: user.id, action: 'auth.bootstrap', targetType: 'domain', targetId: domain.id, ip });
    return { ...(await this.issueSession(user.id)), domainId: domain.id };
  }

  /**
   * Two independent limits: LOGIN_RATE_LIMIT_PER_MINUTE attempts per client address (`ip` is
   * request.ip, X-Forwarded-For only from TRUST_PROXY), and a per-account lockout that ignores
   * the address and which identifier was typed: 5 failures with no more than 15 minutes between
   * them lock the account
   * (429 + Retry-After, even for the right password) for 15 minutes.
   */
  async login(login: string, password: string, ip: string): Promise<LoginOutputDTO> {
    const perIp = await this.limits.hit(`login-ip:${normalizeIp(ip)}`, 60_000);
    if (perIp.count > this.config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      throw AppError.tooManyRequests('Too many login attempts from your address; wait a minute', Math.ceil(perIp.ttlMs / 1000));
    }
    const user = await this.users.findForLogin(login);
    // The account, whichever name or email was typed; unknown names lock on their own (lower-cased) spelling.
    const account = user ? `user:${user.id}` : `name:${login.toLowerCase()}`;
    const lockKey = `login-lock:${account}`;
    const failKey = `login-fail:${account}`;
    const locked = (ttlMs: number) => AppError.tooManyRequests('Too many failed logins for this account; try again later', Math.max(1, Math.ceil(ttlMs / 1000)));
    const lock = await this.limits.peek(lockKey);
    if (lock.count > 0) throw locked(lock.ttlMs);
    // Each attempt takes a slot before the password is checked, so parallel guesses can't overshoot the budget.
    // Sliding: the count lives 15 minutes after the latest attempt, so spacing guesses out doesn't reset it.
    const attempt = await this.limits.hit(failKey, LOGIN_WINDOW_MS, true);
    if (attempt.count > LOGIN_MAX_FAILURES) {
      const set = await this.limits.hit(lockKey, LOGIN_WINDOW_MS);
      throw locked(set.ttlMs);
    }
    const ok = await verifySecret(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok) {
      if (attempt.count >= LOGIN_MAX_FAILURES) await this.limits.hit(lockKey, LOGIN_WINDOW_MS);
      throw AppError.unauthorized('Invalid username or password');
    }
    await this.limits.reset(failKey);
    // Only after the right password: a wrong one doesn't learn that the account is suspended.
    if (user.suspendedAt) throw accountSuspended();
    if (user.mfaEnabled) return { mfaRequired: true, challengeToken: this.tokens.issueMfaChallenge(user.id) };
    await this.users.update(user.id, { lastLoginAt: new Date() });
    return this.issueSession(user.id);
  }

  async verifyMfaLogin(challengeToken: string, code: string): Promise<LoginOutputDTO> {
    const challenge = this.tokens.verifyMfaChallenge(challengeToken);
    if (!challenge) throw AppError.unauthorized('MFA challenge is invalid or expired; log in again');
    const userId = challenge.userId;
    const hit = await this.limits.hit(`mfa:${userId}`, MFA_WINDOW_MS);
    if (hit.count > MFA_MAX_TRIES) throw AppError.tooManyRequests('Too many MFA attempts; wait a minute', Math.ceil(hit.ttlMs / 1000));
    const user = await this.users.findWithSecrets(userId);
    if (!user || !user.mfaEnabled || !user.mfaSecret) throw AppError.unauthorized('MFA challenge is invalid or expired; log in again');
    if (user.suspendedAt) throw accountSuspended();
    // A challenge logs in once: a second use (even with a fresh code) must log in again. Checked
    // before the code so a used challenge spends no code, and claimed after it so a typo doesn't burn it.
    const used = `mfa-challenge:${challenge.challengeId}`;
    if ((await this.limits.peek(used)).count > 0) throw AppError.unauthorized('MFA challenge was already used; log in again');
    if (!(await this.checkMfaCode(user, code))) throw AppError.unauthorized('Invalid MFA code');
    if (!(await this.limits.once(used, challenge.expiresAt - Date.now()))) throw AppError.unauthorized('MFA challenge was already used; log in again');
    await this.users.update(user.id, { lastLoginAt: new Date() });
    return this.issueSession(user.id);
  }

  /** A TOTP code (its time step spent once) or a recovery code (spent once). */
  private async checkMfaCode(user: User, code: string): Promise<boolean> {
    const secret = this.mfaBox.open(user.mfaSecret!);
    if (/^\d{6}$/.test(code)) return this.spendTotp(user.id, secret, code);
    for (const hashed of user.mfaRecoveryCodes) {
      if (await verifySecret(hashed, code)) return this.users.claimRecoveryCode(user.id, hashed);
    }
    return false;
  }

  /** Valid in the ±1 step window and not a step this user already spent (replay). */
  private async spendTotp(userId: string, secret: string, code: string): Promise<boolean> {
    const delta = authenticator.checkDelta(code, secret);
    if (delta === null) return false;
    const step = Math.floor(Date.now() / 1000 / TOTP_STEP_SECONDS) + delta;
    return this.users.claimMfaStep(userId, step);
  }

  private async issueSession(userId: string): Promise<LoginOutputDTO> {
    const session = await this.tokens.startSession(userId);
    return { token: session.accessToken, refreshToken: session.refreshToken, expiresIn: ACCESS_TTL_SECONDS };
  }

  async refresh(refreshToken: string): Promise<LoginOutputDTO> {
    // Checked before rotating, so the refresh token still works once the account is unsuspended.
    const presented = await this.refreshTokens.findByHash(sha256(refreshToken));
    if (presented && (await this.users.findById(presented.userId))?.suspendedAt) throw accountSuspended();
    const { userId, sessionId, refreshToken: next } = await this.tokens.rotateRefresh(refreshToken);
    if (!(await this.users.findById(userId))) throw AppError.unauthorized('Refresh token is invalid or expired');
    return { token: this.tokens.issueAccess(userId, sessionId), refreshToken: next, expiresIn: ACCESS_TTL_SECONDS };
  }

  /**
   * Ends this session (its refresh tokens and every access token of it) and the session of
   * `refreshToken` when given; without a refresh token, every session of the account.
   */
  async logout(principal: Principal, refreshToken?: string): Promise<void> {
    if (!refreshToken) return this.tokens.revokeAllForUser(principal.userId);
    await this.tokens.revokeByToken(refreshToken, principal.userId);
    if (principal.sessionId) await this.tokens.revokeFamily(principal.sessionId);
  }

  /** The caller's own live sessions; `current` marks the one this request came with. */
  async sessions(principal: Principal): Promise<SessionOutputDTO[]> {
    const rows = await this.refreshTokens.liveSessionsOf(principal.userId);
    return rows.map((r) => ({ ...r, current: r.id === principal.sessionId }));
  }

  /** Ends one of the caller's own sessions (its access tokens stop at once); anyone else's is 404. */
  async endSession(principal: Principal, sessionId: string): Promise<void> {
    if (!(await this.refreshTokens.revokeFamilyOf(principal.userId, sessionId))) throw AppError.notFound('Session');
  }

  async me(auth: RequestAuth): Promise<MeOutputDTO> {
    const user = await this.users.findById(auth.principal.userId);
    if (!user) throw AppError.unauthorized();
    let domains = await this.domains.forUser(user.id);
    if (auth.principal.kind === 'apitoken' && auth.principal.tokenDomainId) domains = domains.filter((d) => d.id === auth.principal.tokenDomainId);
    return {
      user: toOutput(UserOutputDTO, user),
      domains: domains.map((d) => ({ id: d.id, name: d.name, state: d.state })),
      domain: auth.domainId ?? null,
      permissions: [...auth.permissions].sort(),
    };
  }

  /** 404 when the domain doesn't exist, 403 when the caller isn't an active member. */
  async assertSelectable(auth: RequestAuth, domainId: string): Promise<DomainId> {
    const domain = await this.domains.findById(domainId);
    if (!domain) throw AppError.notFound('Domain');
    if (auth.principal.kind === 'apitoken' && auth.principal.tokenDomainId && auth.principal.tokenDomainId !== domainId) {
      throw AppError.forbidden('This API token is bound to another domain');
    }
    const id = trustedDomainId(domainId);
    if (!(await this.memberships.activeWithRole(id, auth.principal.userId))) throw AppError.forbidden('You are not a member of this domain');
    if (domain.state === 'DISABLED') throw AppError.forbidden('This domain is disabled');
    return id;
  }

  async mfaStatus(userId: string): Promise<{ enabled: boolean }> {
    const user = await this.users.findById(userId);
    return { enabled: !!user?.mfaEnabled };
  }

  async mfaEnroll(userId: string): Promise<MfaEnrollOutputDTO> {
    const user = await this.users.findById(userId);
    if (!user) throw AppError.unauthorized();
    if (user.mfaEnabled) throw AppError.conflict('MFA is already enabled; disable it first');
    const secret = authenticator.generateSecret();
    await this.users.update(userId, { mfaSecret: this.mfaBox.seal(secret) });
    return { secret, otpauthUri: authenticator.keyuri(user.email, 'Outpost', secret) };
  }

  async mfaConfirm(userId: string, code: string): Promise<MfaConfirmOutputDTO> {
    const user = await this.users.findWithSecrets(userId);
    if (!user?.mfaSecret) throw AppError.badRequest('Start enrolment first: POST /auth/mfa/enroll');
    if (user.mfaEnabled) throw AppError.conflict('MFA is already enabled');
    await this.limitMfa(userId);
    if (!/^\d{6}$/.test(code) || !(await this.spendTotp(userId, this.mfaBox.open(user.mfaSecret), code))) {
      throw AppError.validation('Invalid MFA code', [{ path: 'code', code: 'invalidCode', message: 'code does not match (or was already used)' }]);
    }
    const recoveryCodes = Array.from({ length: 10 }, () => randomBytes(8).toString('hex'));
    await this.users.update(userId, { mfaEnabled: true, mfaRecoveryCodes: await Promise.all(recoveryCodes.map(hashSecret)) });
    return { enabled: true, recoveryCodes };
  }

  async mfaDisable(userId: string, code: string): Promise<{ enabled: boolean }> {
    const user = await this.users.findWithSecrets(userId);
    if (!user?.mfaEnabled) throw AppError.badRequest('MFA is not enabled');
    await this.limitMfa(userId);
    if (!(await this.checkMfaCode(user, code))) throw AppError.validation('Invalid MFA code', [{ path: 'code', code: 'invalidCode', message: 'code does not match' }]);
    await this.users.update(userId, { mfaEnabled: false, mfaSecret: null, mfaRecoveryCodes: [] });
    return { enabled: false };
  }

  /** Enrolment and disabling have their own budget, separate from login verification. */
  private async limitMfa(userId: string) {
    const hit = await this.limits.hit(`mfa-manage:${userId}`, MFA_WINDOW_MS);
    if (hit.count > MFA_MAX_TRIES) throw AppError.tooManyRequests('Too many MFA attempts; wait a minute', Math.ceil(hit.ttlMs / 1000));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { authenticator } from 'otplib';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { toOutput } from '../../core/http/output';
import { DomainId, trustedDomainId } from '../../../libs/tenancy/domain-id';
import { DomainRepository } from '../domain/domain.repository';
import { DomainService } from '../domain/domain.service';
import { MembershipRepository } from '../membership/membership.repository';
import { User } from '../user/entities/user.entity';
import { UserOutputDTO } from '../user/dto/user.dto';
import { UserRepository } from '../user/user.repository';
import { AuditService } from '../auditlog/audit.service';
import { RateLimitStore } from './rate-limit.store';
import { dummyHash, hashSecret, verifySecret } from './password';
import { SecretBox } from './secret-box';
import { ACCESS_TTL_SECONDS, TokenService } from './token.service';
import { BootstrapDTO, LoginOutputDTO, MeOutputDTO, MfaConfirmOutputDTO, MfaEnrollOutputDTO } from './dto/auth.dto';
import { RequestAuth } from './auth-context';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const LOGIN_MAX_FAILURES = 5;
const MFA_WINDOW_MS = 60 * 1000;
const MFA_MAX_TRIES = 5;

authenticator.options = { window: 1 };

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
      return tx.getRepository(User).save(
        tx.getRepository(User).create({ username: input.username, email: input.email.toLowerCase(), passwordHash: await hashSecret(input.password), isInstanceAdmin: true }),
      );
    });
    const domain = await this.domainService.create({ name: input.domainName }, user.id);
    await this.audit.instanceEvent({ actorType: 'user', actorId: user.id, action: 'auth.bootstrap', targetType: 'domain', targetId: domain.id, ip });
    return { ...(await this.issueSession(user.id)), domainId: domain.id };
  }

  async login(login: string, password: string, ip: string): Promise<LoginOutputDTO> {
    const perIp = await this.limits.hit(`login-ip:${ip}`, 60_000);
    if (perIp.count > this.config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      throw AppError.tooManyRequests('Too many login attempts from your address; wait a minute', Math.ceil(perIp.ttlMs / 1000));
    }
    const key = `login:${login.toLowerCase()}:${ip}`;
    const prior = await this.limits.peek(key);
    if (prior.count >= LOGIN_MAX_FAILURES) {
      throw AppError.tooManyRequests('Too many failed logins for this account from your address; try again later', Math.ceil(prior.ttlMs / 1000));
    }
    const user = await this.users.findForLogin(login);
    const ok = await verifySecret(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok) {
      await this.limits.hit(key, LOGIN_WINDOW_MS);
      throw AppError.unauthorized('Invalid username or password');
    }
    await this.limits.reset(key);
    if (user.mfaEnabled) return { mfaRequired: true, challengeToken: this.tokens.issueMfaChallenge(user.id) };
    await this.users.update(user.id, { lastLoginAt: new Date() });
    return this.issueSession(user.id);
  }

  async verifyMfaLogin(challengeToken: string, code: string): Promise<LoginOutputDTO> {
    const userId = this.tokens.verifyMfaChallenge(challengeToken);
    if (!userId) throw AppError.unauthorized('MFA challenge is invalid or expired; log in again');
    const hit = await this.limits.hit(`mfa:${userId}`, MFA_WINDOW_MS);
    if (hit.count > MFA_MAX_TRIES) throw AppError.tooManyRequests('Too many MFA attempts; wait a minute', Math.ceil(hit.ttlMs / 1000));
    const user = await this.users.findWithSecrets(userId);
    if (!user || !user.mfaEnabled || !user.mfaSecret) throw AppError.unauthorized('MFA challenge is invalid or expired; log in again');
    if (!(await this.checkMfaCode(user, code))) throw AppError.unauthorized('Invalid MFA code');
    await this.users.update(user.id, { lastLoginAt: new Date() });
    return this.issueSession(user.id);
  }

  private async checkMfaCode(user: User, code: string): Promise<boolean> {
    const secret = this.mfaBox.open(user.mfaSecret!);
    if (/^\d{6}$/.test(code)) return authenticator.verify({ token: code, secret });
    // A recovery code works once.
    for (const [i, hashed] of user.mfaRecoveryCodes.entries()) {
      if (await verifySecret(hashed, code)) {
        const remaining = user.mfaRecoveryCodes.filter((_, j) => j !== i);
        await this.users.update(user.id, { mfaRecoveryCodes: remaining });
        return true;
      }
    }
    return false;
  }

  private async issueSession(userId: string): Promise<LoginOutputDTO> {
    return { token: this.tokens.issueAccess(userId), refreshToken: await this.tokens.issueRefresh(userId), expiresIn: ACCESS_TTL_SECONDS };
  }

  async refresh(refreshToken: string): Promise<LoginOutputDTO> {
    const { userId, refreshToken: next } = await this.tokens.rotateRefresh(refreshToken);
    if (!(await this.users.findById(userId))) throw AppError.unauthorized('Refresh token is invalid or expired');
    return { token: this.tokens.issueAccess(userId), refreshToken: next, expiresIn: ACCESS_TTL_SECONDS };
  }

  async logout(userId: string, refreshToken?: string): Promise<void> {
    if (refreshToken) await this.tokens.revokeByToken(refreshToken);
    else await this.tokens.revokeAllForUser(userId);
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
    if (!authenticator.verify({ token: code, secret: this.mfaBox.open(user.mfaSecret) })) throw AppError.validation('Invalid MFA code', [{ path: 'code', code: 'invalidCode', message: 'code does not match' }]);
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

import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { sha256 } from '../../core/crypto/hash';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { MailService } from '../../core/mail/mail.service';
import { AuditService } from '../auditlog/audit.service';
import { UserRepository } from '../user/user.repository';
import { hashSecret } from './password';
import { PasswordResetTokenRepository } from './password-reset-token.repository';
import { RateLimitStore } from './rate-limit.store';
import { TokenService } from './token.service';

/** The one reply to a forgot-password request, whatever the email. */
export const FORGOT_PASSWORD_REPLY = 'If an account with this email exists, a link to reset its password has been sent to it.';

/** At most this many reset emails per account per window (the route's throttle limits per address). */
const MAILS_PER_ACCOUNT = 3;
const MAIL_WINDOW_MS = 15 * 60 * 1000;

function invalidToken(): AppError {
  return new AppError(ErrorCode.PasswordResetTokenInvalidError, 'This password-reset link is invalid, expired or already used; ask for a new one');
}

/**
 * Forgot / reset password. A request answers at once and the same way for every email: the lookup,
 * the token and the email happen after the reply (nothing in the reply or its timing says whether
 * the account exists). A token is random (256 bits), stored as sha256, works once and for
 * PASSWORD_RESET_TTL_MINUTES; using it sets the password and ends every session and every other
 * outstanding reset token of the account.
 */
@Injectable()
export class PasswordResetService implements OnModuleDestroy {
  private readonly logger = new Logger('PasswordReset');
  /** Requests still being worked on after their reply; shutdown waits for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly resets: PasswordResetTokenRepository,
    private readonly tokens: TokenService,
    private readonly mail: MailService,
    private readonly limits: RateLimitStore,
    private readonly audit: AuditService,
  ) {}

  /** Takes the request; the work runs after the caller has answered. Never throws. */
  request(email: string, ip: string | null): void {
    if (!this.mail.configured) {
      // Same reply either way; the operator learns why nobody gets the email.
      this.logger.warn('A password reset was requested but SMTP_URL is not set: no email is sent');
      return;
    }
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.sendLink(email.trim().toLowerCase(), ip))
      .catch((err: unknown) => this.logger.error({ err }, 'password-reset email failed'))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async sendLink(email: string, ip: string | null): Promise<void> {
    const user = await this.users.findByField('email', email);
    if (!user) return;
    const budget = await this.limits.hit(`password-reset-mail:${user.id}`, MAIL_WINDOW_MS);
    if (budget.count > MAILS_PER_ACCOUNT) {
      this.logger.warn(`Password-reset email for user ${user.id} not sent: more than ${MAILS_PER_ACCOUNT} requests in ${MAIL_WINDOW_MS / 60_000} minutes`);
      return;
    }
    const token = `outpost_pwr_${randomBytes(32).toString('base64url')}`;
    const ttlMinutes = this.config.PASSWORD_RESET_TTL_MINUTES;
    await this.resets.deleteDeadOf(user.id);
    await this.resets.insert({ userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMinutes * 60_000) });
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/+$/, '');
    const link = `${base}/reset-password?token=${encodeURIComponent(token)}`;
    await this.mail.send({
      to: [user.email],
      subject: 'Reset your Outpost password',
      text: [
        `Someone (hopefully you) asked to reset the password of the Outpost account "${user.username}".`,
        '',
        `Open this link to choose a new password (it works once, for ${ttlMinutes} minutes):`,
        link,
        '',
        'Resetting the password signs the account out everywhere.',
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ].join('\n'),
    });
    await this.audit.instanceEvent({
      actorType: 'user',
      actorId: null,
      action: 'auth.passwordResetRequested',
      targetType: 'user',
      targetId: user.id,
      targetName: user.username,
      ip,
      status: 202,
    });
  }

  /** Sets the new password with a token from the email; 400 (one code) for an unknown, used or expired token. */
  async reset(token: string, newPassword: string, ip: string | null): Promise<void> {
    const row = await this.resets.findUsable(sha256(token));
    if (!row) throw invalidToken();
    const passwordHash = await hashSecret(newPassword);
    if (!(await this.resets.claim(row.id))) throw invalidToken();
    await this.users.update(row.userId, { passwordHash });
    await this.resets.spendAllOf(row.userId);
    // Every session ends: refresh tokens are revoked and, through them, access tokens issued before.
    await this.tokens.revokeAllForUser(row.userId);
    const user = await this.users.findById(row.userId);
    await this.audit.instanceEvent({
      actorType: 'user',
      actorId: row.userId,
      actorName: user?.username ?? null,
      action: 'auth.passwordReset',
      targetType: 'user',
      targetId: row.userId,
      targetName: user?.username ?? null,
      ip,
      status: 200,
    });
  }
}

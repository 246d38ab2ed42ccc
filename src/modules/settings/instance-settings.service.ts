import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { toOutput } from '../../core/http/output';
import { MailService } from '../../core/mail/mail.service';
import { AuditService } from '../auditlog/audit.service';
import type { Principal } from '../auth/auth-context';
import { InstanceSettingsRepository } from './instance-settings.repository';
import { InstanceSettingsOutputDTO, PublicSettingsOutputDTO } from './dto/settings.dto';

export interface InstanceSettingsPatch {
  registrationEnabled?: boolean;
  registrationEmailDomains?: string[];
}

/** The domain part of an email address, lower-case ('' when there is none). */
export function emailDomainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/**
 * Instance-wide settings that instance administrators change (self-registration and its email-domain
 * allow-list), and the rule registration applies. Plain inputs and outputs: both API dialects call it.
 */
@Injectable()
export class InstanceSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: InstanceSettingsRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async get(): Promise<InstanceSettingsOutputDTO> {
    return toOutput(InstanceSettingsOutputDTO, await this.settings.get());
  }

  /** For the sign-in page (public): on/off switches only, never the allow-list. */
  async publicView(): Promise<PublicSettingsOutputDTO> {
    const s = await this.settings.get();
    return {
      registrationEnabled: s.registrationEnabled,
      registrationRestricted: s.registrationEmailDomains.length > 0,
      domainCreation: this.config.DOMAIN_CREATION,
      passwordResetEnabled: this.mail.configured,
    };
  }

  /** Instance administrators only (the route says so); written to the instance audit log with what changed. */
  async update(principal: Principal, patch: InstanceSettingsPatch, ip: string | null): Promise<InstanceSettingsOutputDTO> {
    if (!principal.isInstanceAdmin) throw AppError.forbidden('Only instance administrators can change instance settings');
    const before = await this.settings.get();
    const changes: InstanceSettingsPatch = {};
    if (patch.registrationEnabled !== undefined) changes.registrationEnabled = patch.registrationEnabled;
    if (patch.registrationEmailDomains !== undefined) changes.registrationEmailDomains = [...new Set(patch.registrationEmailDomains.map((d) => d.trim().toLowerCase()))].sort();
    const after = await this.settings.update(changes, principal.userId);
    await this.audit.instanceEvent({
      actorType: principal.kind,
      actorId: principal.kind === 'apitoken' ? (principal.tokenId ?? null) : principal.userId,
      actorName: principal.username,
      tokenName: principal.kind === 'apitoken' ? (principal.tokenName ?? null) : null,
      action: 'settings.update',
      targetType: 'instance_settings',
      targetName: 'instance',
      ip,
      status: 200,
      details: {
        before: { registrationEnabled: before.registrationEnabled, registrationEmailDomains: before.registrationEmailDomains },
        after: { registrationEnabled: after.registrationEnabled, registrationEmailDomains: after.registrationEmailDomains },
      },
    });
    return toOutput(InstanceSettingsOutputDTO, after);
  }

  /** Refuses (403) when registration is off, or the email's domain is not on a non-empty allow-list. */
  async assertMayRegister(email: string): Promise<void> {
    const s = await this.settings.get();
    if (!s.registrationEnabled) {
      throw new AppError(ErrorCode.RegistrationDisabledError, 'Registration is closed on this instance; ask an administrator for an invite');
    }
    if (s.registrationEmailDomains.length && !s.registrationEmailDomains.includes(emailDomainOf(email))) {
      throw new AppError(ErrorCode.RegistrationEmailDomainError, 'Registration on this instance is limited to some email domains, and this email address is not at one of them');
    }
  }
}

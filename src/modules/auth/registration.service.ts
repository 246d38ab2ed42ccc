import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { toOutput } from '../../core/http/output';
import { AuditService } from '../auditlog/audit.service';
import { emailDomainOf, InstanceSettingsService } from '../settings/instance-settings.service';
import { UserOutputDTO } from '../user/dto/user.dto';
import { UserRepository } from '../user/user.repository';
import { hashSecret } from './password';

export interface RegistrationInput {
  username: string;
  email: string;
  password: string;
}

/**
 * Self-registration: an account with no domain, when an instance administrator switched it on (and,
 * with an allow-list, only for its email domains). The new user then signs in and creates a domain
 * (DOMAIN_CREATION=everyone) or waits for an invite.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly settings: InstanceSettingsService,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  async register(input: RegistrationInput, ip: string | null): Promise<UserOutputDTO> {
    const email = input.email.trim().toLowerCase();
    await this.settings.assertMayRegister(email);
    // Friendly sentences first; a race between two registrations still ends in the unique indexes (409 centrally).
    if (await this.users.findByField('username', input.username)) throw AppError.conflict('That username is taken; choose another');
    if (await this.users.findByField('email', email)) throw AppError.conflict('An account with this email already exists; sign in, or reset your password');
    const created = await this.users.create({ username: input.username, email, passwordHash: await hashSecret(input.password) });
    await this.audit.instanceEvent({
      actorType: 'user',
      actorId: created.id,
      actorName: created.username,
      action: 'auth.register',
      targetType: 'user',
      targetId: created.id,
      targetName: created.username,
      ip,
      status: 201,
      details: { emailDomain: emailDomainOf(email) },
    });
    return toOutput(UserOutputDTO, (await this.users.findById(created.id))!);
  }
}

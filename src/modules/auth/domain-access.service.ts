import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { DomainState } from '../domain/entities/domain.entity';
import { MembershipRepository } from '../membership/membership.repository';
import { isPermission, Permission } from './permissions';

/**
 * Which permissions a user has in a domain, by the one set of rules every way in applies (HTTP
 * requests through DomainGuard, console sockets): an ACTIVE membership; its role's permissions,
 * narrowed to `within` when the credential carries a subset (API token, console token); a
 * DISABLED domain refuses everyone; a domain in MAINTENANCE admits only holders of domain.manage.
 */
@Injectable()
export class DomainAccessService {
  constructor(private readonly memberships: MembershipRepository) {}

  /** null: not an active member (each caller words that refusal). Throws 403 for a disabled domain or maintenance. */
  async permissionsIn(domainId: DomainId, userId: string, within?: readonly string[]): Promise<Set<Permission> | null> {
    const access = await this.memberships.accessOf(domainId, userId);
    if (!access) return null;
    let permissions = access.permissions.filter(isPermission);
    if (within) permissions = permissions.filter((p) => within.includes(p));
    if (access.domainState === DomainState.DISABLED) throw AppError.forbidden('This domain is disabled');
    if (access.domainState === DomainState.MAINTENANCE && !permissions.includes('domain.manage')) {
      throw AppError.forbidden('This domain is in maintenance; only its administrators can use it right now');
    }
    return new Set(permissions);
  }
}

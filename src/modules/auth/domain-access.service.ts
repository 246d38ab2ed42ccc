import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { DomainState } from '../domain/entities/domain.entity';
import { MembershipRepository } from '../membership/membership.repository';
import { ALL_PERMISSIONS, Permission } from './permissions';

/**
 * A member's permissions: the role's, plus the member's own grants, minus the member's removals
 * (unknown keys dropped), in catalogue order. The one formula; the policy and the member routes use it too.
 */
export function effectivePermissions(role: readonly string[], granted: readonly string[] = [], revoked: readonly string[] = []): Permission[] {
  const held = new Set([...role, ...granted]);
  for (const p of revoked) held.delete(p);
  return ALL_PERMISSIONS.filter((p) => held.has(p));
}

/**
 * Which permissions a user has in a domain, by the one set of rules every way in applies (HTTP
 * requests through DomainGuard, console sockets): an ACTIVE membership of an account that is not
 * suspended; its role's permissions with the member's grants and removals (`effectivePermissions`),
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
    let permissions = effectivePermissions(access.rolePermissions, access.granted, access.revoked);
    if (within) permissions = permissions.filter((p) => within.includes(p));
    if (access.domainState === DomainState.DISABLED) throw AppError.forbidden('This domain is disabled');
    if (access.domainState === DomainState.MAINTENANCE && !permissions.includes('domain.manage')) {
      throw AppError.forbidden('This domain is in maintenance; only its administrators can use it right now');
    }
    return new Set(permissions);
  }
}

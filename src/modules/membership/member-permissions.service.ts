import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { RequestAuth } from '../auth/auth-context';
import { effectivePermissions } from '../auth/domain-access.service';
import { isPermission } from '../auth/permissions';
import { PrivilegePolicy } from '../auth/privilege-policy';
import { RoleService } from '../role/role.service';
import type { Role } from '../role/entities/role.entity';
import { UserRepository } from '../user/user.repository';
import type { Membership } from './entities/membership.entity';
import { MembershipService } from './membership.service';
import { MemberPermissionsOutputDTO } from './dto/membership.dto';

/** Keys in exactly one of the two lists. */
function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  return [...a.filter((p) => !b.includes(p)), ...b.filter((p) => !a.includes(p))];
}

/**
 * Per-member permission grants and removals on top of the role (effective = role + granted - revoked,
 * resolved by DomainAccessService on every request and console connect), under the privilege ceiling.
 */
@Injectable()
export class MemberPermissionsService {
  constructor(
    private readonly memberships: MembershipService,
    private readonly roles: RoleService,
    private readonly users: UserRepository,
    private readonly policy: PrivilegePolicy,
  ) {}

  /** The member's role permissions, own grants and removals, and what they add up to. */
  async permissions(domainId: DomainId, id: string): Promise<MemberPermissionsOutputDTO> {
    const m = await this.memberships.find(domainId, id);
    return this.describePermissions(m, await this.roles.find(domainId, m.roleId));
  }

  /**
   * Replaces the member's grants and removals. The privilege ceiling applies: the member must not be
   * stronger than the caller, every permission whose grant or removal changes must be one the caller
   * holds, and an Owner is never narrowed. The next request of the member (and their next console
   * connect or renewal) resolves the new set: nothing is cached.
   */
  async setPermissions(auth: RequestAuth, domainId: DomainId, id: string, input: { grant: readonly string[]; revoke: readonly string[] }): Promise<MemberPermissionsOutputDTO> {
    const grant = effectivePermissions(input.grant);
    const revoke = effectivePermissions(input.revoke);
    const both = grant.filter((p) => revoke.includes(p));
    if (both.length) {
      throw AppError.validation(`A permission can't be granted and removed at once: ${both.join(', ')}`, [{ path: 'revoke', code: 'overlap', message: `also in grant: ${both.join(', ')}` }]);
    }
    const m = await this.memberships.find(domainId, id);
    const role = await this.policy.assertMayManageMember(auth, domainId, m);
    const changed = [...symmetricDifference(m.permissionsGranted, grant), ...symmetricDifference(m.permissionsRevoked, revoke)];
    this.policy.assertMayChangeMemberPermissions(auth, role, changed, revoke);
    const updated = await this.memberships.underOwnerLock(domainId, auth, role, (repo) => repo.update(domainId, id, { permissionsGranted: grant, permissionsRevoked: revoke }));
    if (!updated) throw AppError.notFound('Membership');
    return this.describePermissions(updated, role);
  }

  /** One key at a time (the seed's set/remove permission routes): 'grant', 'revoke', or 'inherit' (back to the role's). */
  async setPermission(auth: RequestAuth, domainId: DomainId, id: string, key: string, mode: 'grant' | 'revoke' | 'inherit'): Promise<MemberPermissionsOutputDTO> {
    if (!isPermission(key)) throw AppError.validation(`Unknown permission ${key.slice(0, 64)}`, [{ path: 'key', code: 'isIn', message: 'must be a known key (GET /permissions)' }]);
    const m = await this.memberships.find(domainId, id);
    const grant = m.permissionsGranted.filter((p) => p !== key);
    const revoke = m.permissionsRevoked.filter((p) => p !== key);
    if (mode === 'grant') grant.push(key);
    if (mode === 'revoke') revoke.push(key);
    return this.setPermissions(auth, domainId, id, { grant, revoke });
  }

  private async describePermissions(m: Membership, role: Role): Promise<MemberPermissionsOutputDTO> {
    const user = m.userId ? await this.users.findById(m.userId) : null;
    return {
      membershipId: m.id,
      userId: m.userId,
      username: user?.username ?? null,
      roleId: role.id,
      roleName: role.name,
      role: effectivePermissions(role.permissions),
      granted: effectivePermissions(m.permissionsGranted),
      revoked: effectivePermissions(m.permissionsRevoked),
      effective: effectivePermissions(role.permissions, m.permissionsGranted, m.permissionsRevoked),
    };
  }
}

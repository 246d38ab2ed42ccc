import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { MembershipRepository } from '../membership/membership.repository';
import type { Membership } from '../membership/entities/membership.entity';
import type { Role } from '../role/entities/role.entity';
import { RoleRepository } from '../role/role.repository';
import { Principal, RequestAuth } from './auth-context';
import { ALL_PERMISSIONS, Permission } from './permissions';
import { effectivePermissions } from './domain-access.service';

/** The built-in role that owns a domain (custom roles can't take its name: names are unique per domain). */
export function isOwnerRole(role: Pick<Role, 'name' | 'system'>): boolean {
  return role.system && role.name === 'Owner';
}

/**
 * The one place that decides privilege ceilings inside a domain (OWASP API5). Membership,
 * role, user, invite, API-token and Skyport paths all ask it; none carries its own copy.
 *
 * - Nobody grants what they do not hold: a role assigned, a role created or edited, or an API
 *   token minted, or a member's own grant or removal, may only carry permissions the caller holds
 *   in this request (an API token's subset counts, not its owner's full role).
 * - Nobody changes or removes a member stronger than themselves (role plus the member's grants).
 * - An Owner's permissions are never narrowed per member: a domain's Owners hold every
 *   permission, so it always keeps one that does.
 * - Only an Owner makes, changes or removes an Owner; an API token speaks for an Owner only when
 *   it carries every permission.
 * - Instance administrators are above the ceilings (they run the instance), not above the rule
 *   that a domain keeps an Owner, which MembershipService enforces under a lock.
 */
@Injectable()
export class PrivilegePolicy {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleRepository,
  ) {}

  /** A role, token or invite may only carry permissions the caller holds; `refusal` says what was refused. */
  assertMayGrant(auth: RequestAuth, permissions: readonly string[], refusal: string): void {
    if (auth.principal.isInstanceAdmin) return;
    const beyond = [...new Set(permissions)].filter((p) => !auth.permissions.has(p as Permission));
    if (beyond.length) throw AppError.forbidden(`${refusal}: ${beyond.join(', ')}`, { permissions: beyond });
  }

  /** Giving someone `role` (membership change, new user, invite). */
  async assertMayAssign(auth: RequestAuth, domainId: DomainId, role: Role): Promise<void> {
    if (auth.principal.isInstanceAdmin) return;
    if (isOwnerRole(role) && !(await this.callerIsOwner(auth, domainId))) throw AppError.forbidden('Only an Owner can make someone an Owner');
    this.assertMayGrant(auth, role.permissions, `You cannot assign the role ${role.name}: it has permissions you do not hold`);
  }

  /** Changing or removing `target`'s membership: it must not be stronger than the caller. Returns the target's role. */
  async assertMayManageMember(auth: RequestAuth, domainId: DomainId, target: Membership): Promise<Role> {
    const role = await this.roles.findById(domainId, target.roleId);
    if (!role) throw AppError.notFound('Role');
    if (auth.principal.isInstanceAdmin) return role;
    if (isOwnerRole(role) && !(await this.callerIsOwner(auth, domainId))) throw AppError.forbidden('Only an Owner can change or remove an Owner');
    this.assertMayGrant(auth, role.permissions, `You cannot change or remove a member whose role (${role.name}) has permissions you do not hold`);
    // The member's own grants count too: what they hold is the role plus those, minus their removals.
    const granted = effectivePermissions([], target.permissionsGranted ?? [], target.permissionsRevoked ?? []);
    this.assertMayGrant(auth, granted, 'You cannot change or remove a member who was granted permissions you do not hold');
    return role;
  }

  /**
   * Changing a member's own grants or removals: every permission whose grant or removal is added or
   * taken away must be one the caller holds (giving it, taking it, or handing it back all decide who
   * holds it). Call after `assertMayManageMember`.
   */
  assertMayChangeMemberPermissions(auth: RequestAuth, targetRole: Role, changed: readonly string[], revoked: readonly string[]): void {
    // Instance admins included: an Owner narrowed per member would leave the domain without a full Owner.
    if (isOwnerRole(targetRole) && revoked.length) {
      throw AppError.conflict('An Owner holds every permission; give them another role before removing permissions from them', { permissions: [...revoked] });
    }
    this.assertMayGrant(auth, changed, 'You cannot grant or remove permissions you do not hold');
  }

  /**
   * The Owner check again, read through `memberships` (bound to the caller's transaction under the
   * domain's owner lock): an Owner demoted by a concurrent request no longer passes.
   */
  async assertStillOwner(auth: RequestAuth, domainId: DomainId, memberships: MembershipRepository): Promise<void> {
    if (auth.principal.isInstanceAdmin) return;
    if (!(await this.callerIsOwner(auth, domainId, memberships))) throw AppError.forbidden('Only an Owner can change or remove an Owner');
  }

  /** Editing or deleting `role`: it must not be stronger than the caller (its members would be changed). */
  assertMayChangeRole(auth: RequestAuth, role: Role): void {
    this.assertMayGrant(auth, role.permissions, `You cannot change the role ${role.name}: it has permissions you do not hold`);
  }

  /** Owner-only acts (deleting the domain): a signed-in Owner, or an instance admin. */
  async assertOwner(principal: Principal, domainId: DomainId, refusal: string): Promise<void> {
    if (principal.isInstanceAdmin) return;
    const mine = principal.kind === 'user' ? await this.memberships.activeWithRole(domainId, principal.userId) : null;
    if (!mine?.role || !isOwnerRole(mine.role)) throw AppError.forbidden(refusal);
  }

  private async callerIsOwner(auth: RequestAuth, domainId: DomainId, memberships = this.memberships): Promise<boolean> {
    if (auth.principal.kind === 'apitoken' && ALL_PERMISSIONS.some((p) => !auth.permissions.has(p))) return false;
    const mine = await memberships.activeWithRole(domainId, auth.principal.userId);
    return !!mine?.role && isOwnerRole(mine.role);
  }
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import type { Membership } from '../membership/entities/membership.entity';
import type { MembershipRepository } from '../membership/membership.repository';
import type { Role } from '../role/entities/role.entity';
import type { RoleRepository } from '../role/role.repository';
import type { Principal, RequestAuth } from './auth-context';
import { ALL_PERMISSIONS, isPermission, Permission, PERMISSIONS, SYSTEM_ROLES } from './permissions';
import { isOwnerRole, PrivilegePolicy } from './privilege-policy';

// The policy's rules on their own: the repositories are in-memory stand-ins answering the two
// questions it asks (the caller's active membership with its role; a role by id).
const DOMAIN = '11111111-1111-4111-8111-111111111111' as DomainId;

function role(name: string, permissions: Permission[], system = false, id = `role-${name}`): Role {
  return { id, domainId: DOMAIN, name, permissions, system } as unknown as Role;
}
const OWNER = role('Owner', ALL_PERMISSIONS, true);
const ADMIN = role('Admin', ALL_PERMISSIONS, true);
const VIEWER = role('Viewer', SYSTEM_ROLES.Viewer, true);

function auth(permissions: Permission[], principal: Partial<Principal> = {}): RequestAuth {
  return { principal: { kind: 'user', userId: 'caller', username: 'caller', isInstanceAdmin: false, ...principal }, domainId: DOMAIN, permissions: new Set(permissions) };
}

/** A policy whose caller ('caller') holds `callerRole` in DOMAIN (none: not a member). */
function policy(callerRole: Role | null, roles: Role[] = [OWNER, ADMIN, VIEWER]) {
  const asked: Array<{ domainId: string; userId: string }> = [];
  const memberships = {
    activeWithRole: (domainId: DomainId, userId: string) => {
      asked.push({ domainId, userId });
      return Promise.resolve(callerRole && domainId === DOMAIN && userId === 'caller' ? ({ userId, domainId, roleId: callerRole.id, role: callerRole } as unknown as Membership) : null);
    },
  } as unknown as MembershipRepository;
  const roleRepo = { findById: (domainId: DomainId, id: string) => Promise.resolve(roles.find((r) => r.id === id && domainId === DOMAIN) ?? null) } as unknown as RoleRepository;
  return { policy: new PrivilegePolicy(memberships, roleRepo), memberships, asked };
}

/** The AppError a call must throw: its code, message and details (a refusal must say why). */
async function refused(fn: () => unknown, code: ErrorCode, message: string, details?: unknown) {
  await assert.rejects(
    async () => fn(),
    (err: unknown) => {
      assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
      assert.equal(err.code, code);
      assert.equal(err.message, message);
      if (details !== undefined) assert.deepEqual(err.details, details);
      return true;
    },
  );
}

const member = (roleId: string) => ({ userId: 'target', domainId: DOMAIN, roleId }) as unknown as Membership;

describe('privilege policy', () => {
  describe('permissions and system roles', () => {
    it('isPermission accepts exactly the declared keys (not inherited object keys)', () => {
      for (const p of Object.keys(PERMISSIONS)) assert.equal(isPermission(p), true, p);
      for (const p of ['toString', 'constructor', '__proto__', 'files', 'files.read ', '']) assert.equal(isPermission(p), false, p);
      assert.deepEqual(ALL_PERMISSIONS, Object.keys(PERMISSIONS));
    });

    it('Owner and Admin hold every permission; Member and Viewer exactly their lists', () => {
      assert.deepEqual(SYSTEM_ROLES.Owner, ALL_PERMISSIONS);
      assert.deepEqual(SYSTEM_ROLES.Admin, ALL_PERMISSIONS);
      assert.deepEqual(SYSTEM_ROLES.Member, [
        'members.read',
        'nodes.read',
        'workloads.read',
        'gameserver.read',
        'gameserver.create',
        'gameserver.control',
        'gameserver.console',
        'files.read',
        'files.write',
        'backups.read',
        'schedules.read',
        'alerts.read',
      ]);
      assert.deepEqual(SYSTEM_ROLES.Viewer, ['members.read', 'nodes.read', 'workloads.read', 'gameserver.read', 'files.read', 'backups.read', 'schedules.read', 'alerts.read']);
    });

    it('only the system role named Owner is the Owner role (a custom role cannot pose as one)', () => {
      assert.equal(isOwnerRole({ name: 'Owner', system: true }), true);
      assert.equal(isOwnerRole({ name: 'Owner', system: false }), false);
      assert.equal(isOwnerRole({ name: 'Admin', system: true }), false);
    });
  });

  describe('assertMayGrant', () => {
    it('allows a subset of what the caller holds', () => {
      const { policy: p } = policy(null);
      p.assertMayGrant(auth(['files.read', 'files.write']), ['files.read', 'files.read'], 'refused');
      p.assertMayGrant(auth([]), [], 'refused');
    });

    it('refuses with 403, naming each permission beyond the caller once', async () => {
      const { policy: p } = policy(null);
      await refused(() => p.assertMayGrant(auth(['files.read']), ['files.read', 'nodes.manage', 'nodes.manage', 'roles.manage'], 'No'), ErrorCode.ForbiddenError, 'No: nodes.manage, roles.manage', {
        permissions: ['nodes.manage', 'roles.manage'],
      });
    });

    it('an instance administrator may grant anything', () => {
      const { policy: p } = policy(null);
      p.assertMayGrant(auth([], { isInstanceAdmin: true }), ALL_PERMISSIONS, 'refused');
    });
  });

  describe('assertMayAssign', () => {
    it('only an Owner makes someone an Owner (an Admin holding every permission is refused)', async () => {
      await refused(() => policy(ADMIN).policy.assertMayAssign(auth(ALL_PERMISSIONS), DOMAIN, OWNER), ErrorCode.ForbiddenError, 'Only an Owner can make someone an Owner');
      await policy(OWNER).policy.assertMayAssign(auth(ALL_PERMISSIONS), DOMAIN, OWNER);
    });

    it('an Owner is asked about in the request domain, as the calling user', async () => {
      const { policy: p, asked } = policy(OWNER);
      await p.assertMayAssign(auth(ALL_PERMISSIONS), DOMAIN, OWNER);
      assert.deepEqual(asked, [{ domainId: DOMAIN, userId: 'caller' }]);
    });

    it('an API token speaks for an Owner only when it carries every permission', async () => {
      const token = { kind: 'apitoken' as const };
      await refused(
        () =>
          policy(OWNER).policy.assertMayAssign(
            auth(
              ALL_PERMISSIONS.filter((x) => x !== 'backups.manage'),
              token,
            ),
            DOMAIN,
            OWNER,
          ),
        ErrorCode.ForbiddenError,
        'Only an Owner can make someone an Owner',
      );
      await policy(OWNER).policy.assertMayAssign(auth(ALL_PERMISSIONS, token), DOMAIN, OWNER);
    });

    it('a non-Owner role is assigned only when the caller holds its permissions', async () => {
      const { policy: p, asked } = policy(null);
      await p.assertMayAssign(auth(SYSTEM_ROLES.Viewer), DOMAIN, VIEWER);
      assert.deepEqual(asked, [], 'no Owner lookup for a non-Owner role');
      const strong = role('Ops', ['nodes.manage', 'files.read']);
      await refused(() => p.assertMayAssign(auth(['files.read']), DOMAIN, strong), ErrorCode.ForbiddenError, 'You cannot assign the role Ops: it has permissions you do not hold: nodes.manage', {
        permissions: ['nodes.manage'],
      });
    });

    it('an instance administrator assigns Owner without being a member', async () => {
      const { policy: p, asked } = policy(null);
      await p.assertMayAssign(auth([], { isInstanceAdmin: true }), DOMAIN, OWNER);
      assert.deepEqual(asked, []);
    });
  });

  describe('assertMayManageMember', () => {
    it("returns the target's role when the caller is at least as strong", async () => {
      const { policy: p } = policy(ADMIN);
      assert.equal(await p.assertMayManageMember(auth(ALL_PERMISSIONS), DOMAIN, member(VIEWER.id)), VIEWER);
    });

    it('a target whose role does not exist is 404 (even for an instance administrator)', async () => {
      await refused(() => policy(OWNER).policy.assertMayManageMember(auth([], { isInstanceAdmin: true }), DOMAIN, member('gone')), ErrorCode.NotFoundError, 'Role not found');
    });

    it('only an Owner changes or removes an Owner', async () => {
      await refused(() => policy(ADMIN).policy.assertMayManageMember(auth(ALL_PERMISSIONS), DOMAIN, member(OWNER.id)), ErrorCode.ForbiddenError, 'Only an Owner can change or remove an Owner');
      assert.equal(await policy(OWNER).policy.assertMayManageMember(auth(ALL_PERMISSIONS), DOMAIN, member(OWNER.id)), OWNER);
    });

    it('a member stronger than the caller is refused, naming the role and the permissions', async () => {
      await refused(
        () => policy(VIEWER).policy.assertMayManageMember(auth(SYSTEM_ROLES.Viewer.concat('members.manage')), DOMAIN, member(ADMIN.id)),
        ErrorCode.ForbiddenError,
        `You cannot change or remove a member whose role (Admin) has permissions you do not hold: ${ALL_PERMISSIONS.filter((x) => !SYSTEM_ROLES.Viewer.includes(x) && x !== 'members.manage').join(', ')}`,
      );
    });

    it('an instance administrator manages an Owner without holding anything', async () => {
      assert.equal(await policy(null).policy.assertMayManageMember(auth([], { isInstanceAdmin: true }), DOMAIN, member(OWNER.id)), OWNER);
    });
  });

  describe('per-member grants and removals', () => {
    it("a member's own grants count toward their strength", async () => {
      const granted = { ...member(VIEWER.id), permissionsGranted: ['nodes.manage'], permissionsRevoked: [] } as unknown as Membership;
      await refused(
        () => policy(VIEWER).policy.assertMayManageMember(auth(SYSTEM_ROLES.Viewer.concat('members.manage')), DOMAIN, granted),
        ErrorCode.ForbiddenError,
        'You cannot change or remove a member who was granted permissions you do not hold: nodes.manage',
        { permissions: ['nodes.manage'] },
      );
      // A removal makes them weaker, not stronger.
      const narrowed = { ...member(VIEWER.id), permissionsGranted: [], permissionsRevoked: ['files.read'] } as unknown as Membership;
      assert.equal(await policy(VIEWER).policy.assertMayManageMember(auth(SYSTEM_ROLES.Viewer.concat('members.manage')), DOMAIN, narrowed), VIEWER);
    });

    it('every permission whose grant or removal changes must be held by the caller', () => {
      const p = policy(VIEWER).policy;
      assert.throws(
        () => p.assertMayChangeMemberPermissions(auth(['members.manage', 'files.read']), VIEWER, ['files.read', 'gameserver.manage'], []),
        (err: unknown) => err instanceof AppError && err.code === ErrorCode.ForbiddenError && err.message === 'You cannot grant or remove permissions you do not hold: gameserver.manage',
      );
      p.assertMayChangeMemberPermissions(auth(['members.manage', 'files.read']), VIEWER, ['files.read'], ['files.read']);
      p.assertMayChangeMemberPermissions(auth([], { isInstanceAdmin: true }), VIEWER, ALL_PERMISSIONS, []);
    });

    it('an Owner is never narrowed, not even by an instance administrator; grants to an Owner are harmless', () => {
      const p = policy(OWNER).policy;
      for (const caller of [auth(ALL_PERMISSIONS), auth([], { isInstanceAdmin: true })]) {
        assert.throws(
          () => p.assertMayChangeMemberPermissions(caller, OWNER, ['nodes.manage'], ['nodes.manage']),
          (err: unknown) => err instanceof AppError && err.code === ErrorCode.ConflictError && /An Owner holds every permission/.test(err.message),
        );
      }
      p.assertMayChangeMemberPermissions(auth(ALL_PERMISSIONS), OWNER, ['nodes.manage'], []);
    });
  });

  describe('assertStillOwner', () => {
    it('reads through the repository it is given (the locked transaction), not its own', async () => {
      const { policy: p } = policy(OWNER);
      const demoted = policy(ADMIN).memberships;
      await refused(() => p.assertStillOwner(auth(ALL_PERMISSIONS), DOMAIN, demoted), ErrorCode.ForbiddenError, 'Only an Owner can change or remove an Owner');
      await policy(ADMIN).policy.assertStillOwner(auth(ALL_PERMISSIONS), DOMAIN, policy(OWNER).memberships);
    });

    it("a signed-in user is an Owner by membership alone; only an API token's permission subset limits it", async () => {
      await policy(OWNER).policy.assertStillOwner(auth(['files.read']), DOMAIN, policy(OWNER).memberships);
      await refused(
        () => policy(OWNER).policy.assertStillOwner(auth(['files.read'], { kind: 'apitoken' }), DOMAIN, policy(OWNER).memberships),
        ErrorCode.ForbiddenError,
        'Only an Owner can change or remove an Owner',
      );
    });

    it('an instance administrator passes without a membership', async () => {
      await policy(null).policy.assertStillOwner(auth([], { isInstanceAdmin: true }), DOMAIN, policy(null).memberships);
    });
  });

  describe('assertMayChangeRole', () => {
    it('a role stronger than the caller cannot be edited; one within their permissions can', async () => {
      const { policy: p } = policy(null);
      p.assertMayChangeRole(auth(['files.read', 'files.write']), role('Files', ['files.read']));
      await refused(
        () => p.assertMayChangeRole(auth(['files.read']), role('Files', ['files.read', 'files.write'])),
        ErrorCode.ForbiddenError,
        'You cannot change the role Files: it has permissions you do not hold: files.write',
        {
          permissions: ['files.write'],
        },
      );
    });
  });

  describe('assertOwner', () => {
    const user: Principal = { kind: 'user', userId: 'caller', username: 'caller', isInstanceAdmin: false };
    it('a signed-in Owner passes; an Admin, a non-member and an API token are refused with the given message', async () => {
      await policy(OWNER).policy.assertOwner(user, DOMAIN, 'owners only');
      await refused(() => policy(ADMIN).policy.assertOwner(user, DOMAIN, 'owners only'), ErrorCode.ForbiddenError, 'owners only');
      await refused(() => policy(null).policy.assertOwner(user, DOMAIN, 'owners only'), ErrorCode.ForbiddenError, 'owners only');
      await refused(() => policy(OWNER).policy.assertOwner({ ...user, kind: 'apitoken' }, DOMAIN, 'owners only'), ErrorCode.ForbiddenError, 'owners only');
    });

    it('an instance administrator passes', async () => {
      await policy(null).policy.assertOwner({ ...user, isInstanceAdmin: true }, DOMAIN, 'owners only');
    });
  });
});

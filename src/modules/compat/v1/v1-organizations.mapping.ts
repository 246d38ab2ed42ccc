import type { MemberPermissionsOutputDTO } from '../../membership/dto/membership.dto';
import type { V1MemberPermissionsDTO } from './v1-organizations.dto';

/** Outpost's member permissions (role, granted, revoked, effective) → seed 001's snake_case reply. */
export function toMemberPermissions(p: MemberPermissionsOutputDTO): V1MemberPermissionsDTO {
  return { user_id: p.userId!, username: p.username, role_id: p.roleId, role: p.roleName, role_permissions: p.role, granted: p.granted, revoked: p.revoked, permissions: p.effective };
}

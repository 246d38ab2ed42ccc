import { AppError } from '../../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { RoleService } from '../../role/role.service';
import { pickRole } from './v1.mapping';

/** A role named by id or name (any letter case) in the organization → its id; 400 when none matches. */
export async function resolveRole(roles: RoleService, domainId: DomainId, ref: string): Promise<string> {
  const all = await roles.search(domainId, { limit: 1000 });
  const id = pickRole(all.items, ref);
  if (!id) throw AppError.badRequest(`Unknown role "${ref.slice(0, 100)}": use a role id or one of ${all.items.map((r) => r.name.toLowerCase()).join(', ')}`);
  return id;
}

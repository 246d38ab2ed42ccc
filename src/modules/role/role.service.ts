import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { RequestAuth } from '../auth/auth-context';
import { PrivilegePolicy } from '../auth/privilege-policy';
import { MembershipRepository } from '../membership/membership.repository';
import { Role } from './entities/role.entity';
import { RoleRepository } from './role.repository';
import { ROLE_SEARCH, RoleCreateDTO, RoleOutputDTO, RoleUpdateDTO } from './dto/role.dto';

@Injectable()
export class RoleService {
  constructor(
    private readonly roles: RoleRepository,
    private readonly memberships: MembershipRepository,
    private readonly policy: PrivilegePolicy,
  ) {}

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<RoleOutputDTO>> {
    const r = await new SearchEngine(ROLE_SEARCH).execute(this.roles.queryBuilder(domainId, 'r'), 'r', query);
    return Paged.of(RoleOutputDTO, r);
  }

  async get(domainId: DomainId, id: string): Promise<RoleOutputDTO> {
    return toOutput(RoleOutputDTO, await this.find(domainId, id));
  }

  async find(domainId: DomainId, id: string): Promise<Role> {
    const role = await this.roles.findById(domainId, id);
    if (!role) throw AppError.notFound('Role');
    return role;
  }

  async findByName(domainId: DomainId, name: string): Promise<Role | null> {
    return this.roles.findOne(domainId, { name });
  }

  async create(auth: RequestAuth, domainId: DomainId, input: RoleCreateDTO): Promise<RoleOutputDTO> {
    this.policy.assertMayGrant(auth, input.permissions, 'A role cannot have permissions you do not hold');
    await this.assertNameFree(domainId, input.name);
    const role = await this.roles.insert(domainId, { name: input.name.trim(), permissions: [...new Set(input.permissions)], system: false });
    return toOutput(RoleOutputDTO, role);
  }

  async update(auth: RequestAuth, domainId: DomainId, id: string, patch: RoleUpdateDTO): Promise<RoleOutputDTO> {
    const role = await this.find(domainId, id);
    if (role.system) throw AppError.forbidden('Built-in roles cannot be changed; create a custom role instead');
    this.policy.assertMayChangeRole(auth, role);
    if (patch.permissions !== undefined) this.policy.assertMayGrant(auth, patch.permissions, 'A role cannot have permissions you do not hold');
    if (patch.name !== undefined && patch.name.toLowerCase() !== role.name.toLowerCase()) await this.assertNameFree(domainId, patch.name);
    const updated = await this.roles.update(domainId, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.permissions !== undefined ? { permissions: [...new Set(patch.permissions)] } : {}),
    });
    return toOutput(RoleOutputDTO, updated!);
  }

  async remove(auth: RequestAuth, domainId: DomainId, id: string): Promise<void> {
    const role = await this.find(domainId, id);
    if (role.system) throw AppError.forbidden('Built-in roles cannot be deleted');
    this.policy.assertMayChangeRole(auth, role);
    if ((await this.memberships.count(domainId, { roleId: id })) > 0) throw AppError.conflict('The role is still assigned to members; reassign them first');
    await this.roles.delete(domainId, id);
  }

  private async assertNameFree(domainId: DomainId, name: string) {
    const existing = await this.roles.queryBuilder(domainId, 'r').andWhere('lower(r.name) = lower(:name)', { name: name.trim() }).getOne();
    if (existing) throw AppError.conflict(`A role named "${name.trim()}" already exists`);
  }
}

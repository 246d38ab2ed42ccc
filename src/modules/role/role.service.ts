import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '../../../libs/search/search-engine';
import { SearchQuery } from '../../../libs/search/search-spec';
import { DomainId } from '../../../libs/tenancy/domain-id';
import { MembershipRepository } from '../membership/membership.repository';
import { Role } from './entities/role.entity';
import { RoleRepository } from './role.repository';
import { ROLE_SEARCH, RoleCreateDTO, RoleOutputDTO, RoleUpdateDTO } from './dto/role.dto';

@Injectable()
export class RoleService {
  constructor(
    private readonly roles: RoleRepository,
    private readonly memberships: MembershipRepository,
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

  async create(domainId: DomainId, input: RoleCreateDTO): Promise<RoleOutputDTO> {
    await this.assertNameFree(domainId, input.name);
    const role = await this.roles.insert(domainId, { name: input.name.trim(), permissions: [...new Set(input.permissions)], system: false });
    return toOutput(RoleOutputDTO, role);
  }

  async update(domainId: DomainId, id: string, patch: RoleUpdateDTO): Promise<RoleOutputDTO> {
    const role = await this.find(domainId, id);
    if (role.system) throw AppError.forbidden('Built-in roles cannot be changed; create a custom role instead');
    if (patch.name !== undefined && patch.name.toLowerCase() !== role.name.toLowerCase()) await this.assertNameFree(domainId, patch.name);
    const updated = await this.roles.update(domainId, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.permissions !== undefined ? { permissions: [...new Set(patch.permissions)] } : {}),
    });
    return toOutput(RoleOutputDTO, updated!);
  }

  async remove(domainId: DomainId, id: string): Promise<void> {
    const role = await this.find(domainId, id);
    if (role.system) throw AppError.forbidden('Built-in roles cannot be deleted');
    if ((await this.memberships.count(domainId, { roleId: id })) > 0) throw AppError.conflict('The role is still assigned to members; reassign them first');
    await this.roles.delete(domainId, id);
  }

  private async assertNameFree(domainId: DomainId, name: string) {
    const existing = await this.roles.queryBuilder(domainId, 'r').andWhere('lower(r.name) = lower(:name)', { name: name.trim() }).getOne();
    if (existing) throw AppError.conflict(`A role named "${name.trim()}" already exists`);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { DataSource } from 'typeorm';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { Principal } from '../auth/auth-context';
import { SYSTEM_ROLES } from '../auth/permissions';
import { PrivilegePolicy } from '../auth/privilege-policy';
import { Membership, MembershipState } from '../membership/entities/membership.entity';
import { MembershipRepository } from '../membership/membership.repository';
import { Role } from '../role/entities/role.entity';
import { Domain, DomainState } from './entities/domain.entity';
import { DomainRepository } from './domain.repository';
import { DOMAIN_SEARCH, DomainCreateDTO, DomainOutputDTO, DomainUpdateDTO } from './dto/domain.dto';
import { effectivePermissions } from '../auth/domain-access.service';

@Injectable()
export class DomainService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly domains: DomainRepository,
    private readonly memberships: MembershipRepository,
    private readonly policy: PrivilegePolicy,
  ) {}

  /** Instance setting DOMAIN_CREATION=admins reserves creating domains to instance administrators. */
  assertMayCreate(principal: Principal): void {
    if (this.config.DOMAIN_CREATION === 'admins' && !principal.isInstanceAdmin) throw AppError.forbidden('Only instance administrators may create domains on this instance');
  }

  /** Creates the domain, its built-in roles, and makes the creator its Owner — atomically. */
  async create(input: DomainCreateDTO, creatorUserId: string): Promise<DomainOutputDTO> {
    const domain = await this.dataSource.transaction(async (tx) => {
      const d = await tx.getRepository(Domain).save(tx.getRepository(Domain).create({ name: input.name.trim(), state: DomainState.ACTIVE }));
      const roles = await tx.getRepository(Role).save(Object.entries(SYSTEM_ROLES).map(([name, permissions]) => tx.getRepository(Role).create({ domainId: d.id, name, permissions, system: true })));
      const owner = roles.find((r) => r.name === 'Owner')!;
      await tx.getRepository(Membership).insert({ domainId: d.id, userId: creatorUserId, roleId: owner.id, state: MembershipState.ACTIVE });
      return d;
    });
    return toOutput(DomainOutputDTO, domain);
  }

  async search(principal: Principal, query: SearchQuery): Promise<Paged<DomainOutputDTO>> {
    const qb = principal.isInstanceAdmin ? this.domains.all('d') : this.domains.forUserQuery(principal.userId, 'd');
    const r = await new SearchEngine(DOMAIN_SEARCH).execute(qb, 'd', query);
    return Paged.of(DomainOutputDTO, r);
  }

  async get(principal: Principal, id: string): Promise<DomainOutputDTO> {
    const domain = await this.visible(principal, id);
    return toOutput(DomainOutputDTO, domain);
  }

  /**
   * DISABLED is an instance administrator's decision: nobody else disables a domain, re-enables
   * it, or changes anything of a disabled one. Domain managers move between ACTIVE and MAINTENANCE.
   */
  async update(principal: Principal, id: string, patch: DomainUpdateDTO): Promise<DomainOutputDTO> {
    const domain = await this.manageable(principal, id);
    if (!principal.isInstanceAdmin && patch.state !== undefined && patch.state !== domain.state && patch.state === DomainState.DISABLED) {
      throw AppError.forbidden('Only instance administrators can disable a domain');
    }
    if (patch.name !== undefined) domain.name = patch.name.trim();
    if (patch.state !== undefined) domain.state = patch.state;
    return toOutput(DomainOutputDTO, await this.domains.save(domain));
  }

  /** Deleting a domain (and everything in it) is its Owner's decision, not an Admin's. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.manageable(principal, id);
    await this.policy.assertOwner(principal, trustedDomainId(id), 'Only an Owner can delete the domain');
    await this.domains.delete(id);
  }

  /** A domain the caller is a member of (any state), else 404 — existence isn't revealed. */
  private async visible(principal: Principal, id: string): Promise<Domain> {
    const domain = await this.domains.findById(id);
    if (!domain) throw AppError.notFound('Domain');
    if (principal.isInstanceAdmin) return domain;
    if (principal.kind === 'apitoken' && principal.tokenDomainId && principal.tokenDomainId !== id) throw AppError.notFound('Domain');
    const m = await this.memberships.activeWithRole(trustedDomainId(id), principal.userId);
    if (!m) throw AppError.notFound('Domain');
    return domain;
  }

  private async manageable(principal: Principal, id: string): Promise<Domain> {
    const domain = await this.visible(principal, id);
    if (principal.isInstanceAdmin) return domain;
    if (domain.state === DomainState.DISABLED) throw AppError.forbidden('This domain is disabled by an instance administrator; only they can change or re-enable it');
    const m = await this.memberships.activeWithRole(trustedDomainId(id), principal.userId);
    // The member's own grants and removals count here as everywhere (DomainAccessService's rule).
    const perms = m?.role ? effectivePermissions(m.role.permissions, m.permissionsGranted, m.permissionsRevoked) : [];
    const subset = principal.tokenPermissions?.length ? principal.tokenPermissions : null;
    if (!perms.includes('domain.manage') || (subset && !subset.includes('domain.manage'))) throw AppError.forbidden('Missing permission domain.manage');
    return domain;
  }
}

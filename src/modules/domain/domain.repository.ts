import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { isUuid } from '@libs/tenancy/domain-id';
import { Domain } from './entities/domain.entity';

/** Domains are the tenants themselves: instance-wide by nature. */
@Injectable()
export class DomainRepository {
  constructor(@InjectRepository(Domain) private readonly repo: Repository<Domain>) {}

  findById(id: string): Promise<Domain | null> {
    return isUuid(id) ? this.repo.findOne({ where: { id } }) : Promise.resolve(null);
  }

  /** Domains where the user has an ACTIVE membership, oldest first. */
  forUser(userId: string): Promise<Domain[]> {
    return this.repo
      .createQueryBuilder('d')
      .innerJoin('membership', 'm', 'm."domainId" = d.id AND m."userId" = :userId AND m.state = \'ACTIVE\'', { userId })
      .orderBy('m."createdAt"', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
  }

  /** Domains the user is an active member of, as a query for search. */
  forUserQuery(userId: string, alias = 'd'): SelectQueryBuilder<Domain> {
    return this.repo.createQueryBuilder(alias).where(`EXISTS (SELECT 1 FROM membership m WHERE m."domainId" = ${alias}.id AND m."userId" = :__userId AND m.state = 'ACTIVE')`, { __userId: userId });
  }

  all(alias = 'd'): SelectQueryBuilder<Domain> {
    return this.repo.createQueryBuilder(alias);
  }

  save(domain: Partial<Domain>): Promise<Domain> {
    return this.repo.save(this.repo.create(domain));
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.repo.delete({ id });
    return (r.affected ?? 0) > 0;
  }
}

import { DeepPartial, EntityManager, FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { DomainId, MissingDomainError, isUuid } from './domain-id';

export interface DomainOwned extends ObjectLiteral {
  id: string;
  domainId: string;
}

function requireDomain(domainId: DomainId): DomainId {
  if (!domainId || !isUuid(domainId)) throw new MissingDomainError();
  return domainId;
}

/**
 * The only way to reach a domain-owned table: every method takes the DomainId first, inserts
 * stamp it, updates and deletes are keyed by (domainId, id). There is no unscoped write.
 */
export class ScopedRepository<E extends DomainOwned> {
  constructor(protected readonly repository: Repository<E>) {}

  /** The same repository inside a transaction. */
  withManager(manager: EntityManager): this {
    const Ctor = this.constructor as new (repo: Repository<E>) => this;
    return new Ctor(manager.getRepository<E>(this.repository.target));
  }

  get target() {
    return this.repository.target;
  }

  private scopedWhere(domainId: DomainId, where: FindOptionsWhere<E> = {}): FindOptionsWhere<E> {
    return { ...where, domainId: requireDomain(domainId) } as FindOptionsWhere<E>;
  }

  find(domainId: DomainId, where?: FindOptionsWhere<E>, order?: FindOptionsOrder<E>): Promise<E[]> {
    return this.repository.find({ where: this.scopedWhere(domainId, where), order });
  }

  findOne(domainId: DomainId, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.repository.findOne({ where: this.scopedWhere(domainId, where) });
  }

  findById(domainId: DomainId, id: string): Promise<E | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.findOne(domainId, { id } as FindOptionsWhere<E>);
  }

  count(domainId: DomainId, where?: FindOptionsWhere<E>): Promise<number> {
    return this.repository.count({ where: this.scopedWhere(domainId, where) });
  }

  async insert(domainId: DomainId, values: DeepPartial<E>): Promise<E> {
    const entity = this.repository.create({ ...values, domainId: requireDomain(domainId) } as DeepPartial<E>);
    return this.repository.save(entity);
  }

  /** Applies the patch to the row of this domain; null when no such row. domainId can't be changed. */
  async update(domainId: DomainId, id: string, patch: DeepPartial<E>): Promise<E | null> {
    const current = await this.findById(domainId, id);
    if (!current) return null;
    const { domainId: _ignored, id: _id, ...rest } = patch as DeepPartial<E> & { domainId?: unknown; id?: unknown };
    this.repository.merge(current, rest as DeepPartial<E>);
    return this.repository.save(current);
  }

  async delete(domainId: DomainId, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repository.delete(this.scopedWhere(domainId, { id } as FindOptionsWhere<E>));
    return (result.affected ?? 0) > 0;
  }

  /** A query builder already restricted to the domain, for searches and reports. */
  queryBuilder(domainId: DomainId, alias: string): SelectQueryBuilder<E> {
    return this.repository.createQueryBuilder(alias).where(`${alias}."domainId" = :__domainId`, { __domainId: requireDomain(domainId) });
  }
}

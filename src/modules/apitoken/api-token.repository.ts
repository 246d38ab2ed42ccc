import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUuid } from '../../../libs/tenancy/domain-id';
import { ScopedRepository } from '../../../libs/tenancy/scoped-repository';
import { ApiToken } from './entities/api-token.entity';

@Injectable()
export class ApiTokenRepository extends ScopedRepository<ApiToken & { domainId: string }> {
  constructor(@InjectRepository(ApiToken) repo: Repository<ApiToken & { domainId: string }>) {
    super(repo as never);
  }

  /** Authentication looks a presented token up by its id before any domain is known. */
  findForAuth(id: string): Promise<ApiToken | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repository.createQueryBuilder('t').addSelect('t.secretHash').where('t.id = :id', { id }).getOne();
  }

  /** Instance-wide tokens (no domain) belong to their creator. */
  async insertInstanceWide(values: Partial<ApiToken>): Promise<ApiToken> {
    const entity = this.repository.create({ ...values, domainId: null } as never) as unknown as ApiToken & { domainId: string };
    return this.repository.save(entity);
  }

  async touch(id: string): Promise<void> {
    await this.repository.update({ id } as never, { lastUsedAt: new Date() } as never);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUuid } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { ApiToken } from './entities/api-token.entity';

@Injectable()
export class ApiTokenRepository extends ScopedRepository<ApiToken & { domainId: string }> {
  constructor(@InjectRepository(ApiToken) repo: Repository<ApiToken & { domainId: string }>) {
    super(repo);
  }

  /** Authentication looks a presented token up by its id before any domain is known. */
  findForAuth(id: string): Promise<ApiToken | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.crossDomain('credentialLookup').queryBuilder('t').addSelect('t.secretHash').where('t.id = :id', { id }).getOne();
  }

  /** Instance-wide tokens (no domain) belong to their creator. */
  insertInstanceWide(values: Partial<ApiToken>): Promise<ApiToken> {
    return this.insertInstanceRow(values as Partial<ApiToken & { domainId: string }>);
  }

  /** After authentication, by the id the presented token proved (its domain may be none). */
  async touch(id: string): Promise<void> {
    await this.crossDomain('credentialLookup').update({ id }, { lastUsedAt: new Date() });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery, SearchResult } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { AuditLog } from './entities/audit-log.entity';
import { ADMIN_AUDIT_LOG_SEARCH, AUDIT_LOG_SEARCH } from './dto/audit-log.dto';

/** One domain's rows, or (null) every domain's and the instance's own: an instance administrator's export. */
export type AuditExportScope = DomainId | null;

@Injectable()
export class AuditLogRepository extends ScopedRepository<AuditLog & { domainId: string }> {
  constructor(@InjectRepository(AuditLog) repo: Repository<AuditLog & { domainId: string }>) {
    super(repo);
  }

  /** Instance-level events (bootstrap, login) have no domain. */
  insertInstanceEvent(values: Partial<AuditLog>): Promise<void> {
    return this.insertInstanceRows([values as Partial<AuditLog & { domainId: string }>]);
  }

  /** The newest name an earlier row recorded for this target (a delete's reply has none). */
  async lastTargetName(domainId: DomainId, targetType: string, targetId: string): Promise<string | null> {
    const row = await this.queryBuilder(domainId, 'a')
      .select('a.targetName', 'name')
      .andWhere('a.targetType = :targetType AND a.targetId = :targetId AND a.targetName IS NOT NULL', { targetType, targetId })
      .orderBy('a.createdAt', 'DESC')
      .limit(1)
      .getRawOne<{ name: string }>();
    return row?.name ?? null;
  }

  /** An instance administrator's search over every domain's rows and the instance's own (`filters.domainId` narrows it). */
  adminSearch(query: SearchQuery): Promise<SearchResult<AuditLog>> {
    return new SearchEngine(ADMIN_AUDIT_LOG_SEARCH).execute(this.crossDomain('adminAuditSearch').queryBuilder('a').where('TRUE'), 'a', query);
  }

  /** How many rows an export with these filters would write. */
  exportCount(scope: AuditExportScope, filters: SearchQuery): Promise<number> {
    return this.exportQuery(scope, filters).getCount();
  }

  /**
   * One batch of an export, newest first, after the row `afterId` (keyset on createdAt, id: no
   * OFFSET, so batch N costs what batch 1 does; the cursor's createdAt is read in SQL, keeping
   * its microseconds).
   */
  exportBatch(scope: AuditExportScope, filters: SearchQuery, afterId: string | null, limit: number): Promise<AuditLog[]> {
    const qb = this.exportQuery(scope, filters);
    if (afterId) qb.andWhere('(a."createdAt", a.id) < (SELECT c."createdAt", c.id FROM audit_log c WHERE c.id = :__afterId)', { __afterId: afterId });
    return qb.orderBy('a."createdAt"', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }

  /** The search's own filters (same fields, same meaning) on the scoped table, or across domains for an instance export. */
  private exportQuery(scope: AuditExportScope, filters: SearchQuery): SelectQueryBuilder<AuditLog & { domainId: string }> {
    const qb = scope === null ? this.crossDomain('auditExport').queryBuilder('a').where('TRUE') : this.queryBuilder(scope, 'a');
    // Across domains the domain is a filter too (the admin view's); inside one it would mean nothing.
    new SearchEngine(scope === null ? ADMIN_AUDIT_LOG_SEARCH : AUDIT_LOG_SEARCH).applyWhere(qb, 'a', {
      filters: filters.filters,
      search: filters.search,
      greaterThan: filters.greaterThan,
      lessThan: filters.lessThan,
    });
    return qb;
  }
}

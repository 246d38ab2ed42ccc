import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainId } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { AuditLog } from './entities/audit-log.entity';

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
}

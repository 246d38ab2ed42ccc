import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
}

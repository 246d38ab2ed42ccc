import { Injectable, Logger } from '@nestjs/common';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { AuditLog } from './entities/audit-log.entity';
import { AuditLogRepository } from './audit-log.repository';
import { AUDIT_LOG_SEARCH, AuditLogOutputDTO } from './dto/audit-log.dto';

export type AuditEntry = Omit<Partial<AuditLog>, 'id' | 'createdAt' | 'domainId'> & { action: string; actorType: AuditLog['actorType'] };

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repo: AuditLogRepository) {}

  async record(domainId: DomainId, entry: AuditEntry): Promise<void> {
    try {
      await this.repo.insert(domainId, entry);
    } catch (err) {
      // An audit write must not turn a completed action into an error reply; it is logged loudly instead.
      this.logger.error({ err, entry }, 'audit write failed');
    }
  }

  async instanceEvent(entry: AuditEntry): Promise<void> {
    try {
      await this.repo.insertInstanceEvent(entry);
    } catch (err) {
      this.logger.error({ err, entry }, 'audit write failed');
    }
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<AuditLogOutputDTO>> {
    const r = await new SearchEngine(AUDIT_LOG_SEARCH).execute(this.repo.queryBuilder(domainId, 'a'), 'a', query);
    return Paged.of(AuditLogOutputDTO, r);
  }

  async get(domainId: DomainId, id: string): Promise<AuditLogOutputDTO> {
    const row = await this.repo.findById(domainId, id);
    if (!row) throw AppError.notFound('Audit log entry');
    return toOutput(AuditLogOutputDTO, row);
  }
}

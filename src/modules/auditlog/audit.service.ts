import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { EventBus } from '../../core/events/event-bus';
import type { ServerSystemEvent } from '../../core/events/outpost-events';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { AuditLog } from './entities/audit-log.entity';
import { AuditLogRepository } from './audit-log.repository';
import { AUDIT_LOG_SEARCH, AuditLogOutputDTO } from './dto/audit-log.dto';

export type AuditEntry = Omit<Partial<AuditLog>, 'id' | 'createdAt' | 'domainId' | 'actionGroup'> & { action: string; actorType: AuditLog['actorType'] };

/** Names are shown, not parsed: a long one is cut rather than refused. */
const NAME_MAX = 200;

@Injectable()
export class AuditService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  private off?: () => void;

  constructor(
    private readonly repo: AuditLogRepository,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.off = this.bus.on('gameserver.system', (e) => this.systemEvent(e));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  async record(domainId: DomainId, entry: AuditEntry): Promise<void> {
    try {
      let targetName = entry.targetName ?? null;
      // A delete (or an action whose reply names nothing) keeps the name an earlier row saw.
      if (!targetName && entry.targetType && entry.targetId) targetName = await this.repo.lastTargetName(domainId, entry.targetType, entry.targetId);
      await this.repo.insert(domainId, { ...entry, targetName: cut(targetName), actorName: cut(entry.actorName), tokenName: cut(entry.tokenName) });
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

  /** Crashes, automatic restarts and corrections from the node: nobody asked, so the actor is the system. */
  private systemEvent(e: ServerSystemEvent): Promise<void> {
    return this.record(e.domainId, {
      actorType: 'system',
      actorId: null,
      action: `gameserver.${e.action}`,
      targetType: 'gameserver',
      targetId: e.serverId,
      targetName: e.serverName,
      details: e.details,
    });
  }
}

function cut(s: string | null | undefined): string | null {
  return s ? s.slice(0, NAME_MAX) : null;
}

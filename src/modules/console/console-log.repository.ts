import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainId, isUuid, MissingDomainError } from '../../../libs/tenancy/domain-id';
import { ScopedRepository } from '../../../libs/tenancy/scoped-repository';
import { ConsoleLog } from './entities/console-log.entity';

export interface ConsoleLogRow {
  gameserverId: string;
  seq: number;
  stream: string;
  line: string;
  time: Date;
}

export interface LogPageQuery {
  from?: Date;
  to?: Date;
  /** Only lines with seq below this (the cursor of the previous page). */
  before?: number;
  /** Only lines with seq above this (downloads walk forward). */
  after?: number;
  limit: number;
  order: 'ASC' | 'DESC';
}

function requireDomain(domainId: DomainId): string {
  if (!domainId || !isUuid(domainId)) throw new MissingDomainError();
  return domainId;
}

@Injectable()
export class ConsoleLogRepository extends ScopedRepository<ConsoleLog> {
  constructor(@InjectRepository(ConsoleLog) repo: Repository<ConsoleLog>) {
    super(repo);
  }

  /** One multi-row INSERT for a batch of lines of one domain (the 250 ms persistence flush). */
  async insertBatch(domainId: DomainId, rows: ConsoleLogRow[]): Promise<void> {
    if (!rows.length) return;
    const d = requireDomain(domainId);
    await this.repository.insert(rows.map((r) => ({ ...r, seq: String(r.seq), domainId: d })));
  }

  /** A page of a server's lines, by seq (monotonic per server), optionally within a time range. */
  page(domainId: DomainId, gameserverId: string, q: LogPageQuery): Promise<ConsoleLog[]> {
    const qb = this.queryBuilder(domainId, 'l').andWhere('l."gameserverId" = :gameserverId', { gameserverId });
    if (q.from) qb.andWhere('l.time >= :from', { from: q.from });
    if (q.to) qb.andWhere('l.time <= :to', { to: q.to });
    if (q.before !== undefined) qb.andWhere('l.seq < :before', { before: q.before });
    if (q.after !== undefined) qb.andWhere('l.seq > :after', { after: q.after });
    return qb.orderBy('l.seq', q.order).addOrderBy('l.id', q.order).limit(q.limit).getMany();
  }

  async maxSeq(domainId: DomainId, gameserverId: string): Promise<number> {
    const row = await this.queryBuilder(domainId, 'l').select('MAX(l.seq)', 'max').andWhere('l."gameserverId" = :gameserverId', { gameserverId }).getRawOne<{ max: string | null }>();
    return Number(row?.max ?? 0);
  }

  async deleteForServer(domainId: DomainId, gameserverId: string): Promise<number> {
    const result = await this.repository.delete({ domainId: requireDomain(domainId), gameserverId });
    return result.affected ?? 0;
  }

  /**
   * Trusted loader for the console socket, which has no domain header: the domain a server
   * belongs to. Only the id leaves this method; the caller then checks the user's membership of
   * that domain exactly like the DomainGuard does before anything of the server is shown.
   */
  async domainOfServer(gameserverId: string): Promise<string | null> {
    if (!isUuid(gameserverId)) return null;
    const rows: Array<{ domainId: string }> = await this.repository.query('SELECT "domainId" FROM gameserver WHERE id = $1', [gameserverId]);
    return rows[0]?.domainId ?? null;
  }

  /**
   * Trusted check for agent-originated lines: does this server sit on this node in this domain?
   * (An agent may speak only for servers placed on its own node.)
   */
  async serverOnNode(domainId: DomainId, gameserverId: string, nodeId: string): Promise<boolean> {
    if (!isUuid(gameserverId)) return false;
    const rows: unknown[] = await this.repository.query('SELECT 1 FROM gameserver WHERE id = $1 AND "domainId" = $2 AND "nodeId" = $3', [gameserverId, requireDomain(domainId), nodeId]);
    return rows.length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DomainId } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
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

@Injectable()
export class ConsoleLogRepository extends ScopedRepository<ConsoleLog> {
  constructor(@InjectRepository(ConsoleLog) repo: Repository<ConsoleLog>) {
    super(repo);
  }

  /** One INSERT for a batch of lines of one domain (the 250 ms persistence flush). */
  insertBatch(domainId: DomainId, rows: ConsoleLogRow[]): Promise<void> {
    return this.insertColumns(
      domainId,
      { gameserverId: 'uuid', seq: 'bigint', stream: 'text', line: 'text', time: 'timestamptz' },
      rows.map((r) => ({ ...r, time: r.time.toISOString() })),
    );
  }

  /**
   * The same rows written again after an error they may have survived (the INSERT committed, the
   * answer was lost): their seqs are deleted first, so a retry never stores a line twice. Not one
   * transaction on purpose: if the INSERT fails after the DELETE, the next retry writes them again.
   */
  async replaceBatch(domainId: DomainId, rows: ConsoleLogRow[]): Promise<void> {
    const byServer = new Map<string, ConsoleLogRow[]>();
    for (const r of rows) {
      const group = byServer.get(r.gameserverId);
      if (group) group.push(r);
      else byServer.set(r.gameserverId, [r]);
    }
    for (const [gameserverId, group] of byServer) await this.deleteWhere(domainId, { gameserverId, seq: In(group.map((r) => String(r.seq))) });
    await this.insertBatch(domainId, rows);
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

  deleteForServer(domainId: DomainId, gameserverId: string): Promise<number> {
    return this.deleteWhere(domainId, { gameserverId });
  }
}

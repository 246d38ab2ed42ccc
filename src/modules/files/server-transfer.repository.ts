import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { DomainId } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { ServerTransfer } from './entities/server-transfer.entity';

const ACTIVE = `phase IN ('started', 'moved', 'copied')`;

@Injectable()
export class ServerTransferRepository extends ScopedRepository<ServerTransfer> {
  constructor(@InjectRepository(ServerTransfer) repo: Repository<ServerTransfer>) {
    super(repo);
  }

  /** Whether the server has an unfinished transfer. */
  async hasActive(domainId: DomainId, gameserverId: string): Promise<boolean> {
    return (await this.queryBuilder(domainId, 't').andWhere(`t."gameserverId" = :gameserverId AND t.${ACTIVE}`, { gameserverId }).getCount()) > 0;
  }

  /** A new transfer in phase `started`; null when the server already has an unfinished one (on any process). */
  async start(domainId: DomainId, values: Pick<ServerTransfer, 'gameserverId' | 'sourceNodeId' | 'targetNodeId' | 'owner' | 'leaseUntil'>): Promise<ServerTransfer | null> {
    try {
      return await this.insert(domainId, { ...values, phase: 'started' });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string } | undefined)?.constraint === 'server_transfer_one_active') return null;
      throw err;
    }
  }

  /**
   * Moves an active transfer on, only while `owner` still holds it (a sweeper that claimed it after
   * the lease ran out owns it now). False: the caller lost it and must stop touching the server.
   */
  async advance(domainId: DomainId, id: string, owner: string, patch: Partial<Pick<ServerTransfer, 'phase' | 'previous' | 'leaseUntil' | 'error' | 'finishedAt'>>): Promise<boolean> {
    const result = await this.queryBuilder(domainId, 't')
      .update(ServerTransfer)
      .set(patch as Record<string, unknown>)
      .where(`"domainId" = :d AND id = :id AND owner = :owner AND ${ACTIVE}`, { d: domainId, id, owner })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Extends the lease of a transfer this process is working on. */
  renewLease(domainId: DomainId, id: string, owner: string, until: Date): Promise<boolean> {
    return this.advance(domainId, id, owner, { leaseUntil: until });
  }

  /**
   * Transfers whose process stopped renewing the lease (killed, lost its database), claimed by
   * `owner` until `until`: every process sweeps, each row goes to exactly one (SKIP LOCKED).
   */
  async claimExpired(owner: string, until: Date, limit: number): Promise<ServerTransfer[]> {
    const [rows] = await this.crossDomain('leaseSweep').query<[ServerTransfer[], number]>(
      `UPDATE server_transfer SET owner = $1, "leaseUntil" = $2, attempts = attempts + 1, "updatedAt" = now()
        WHERE id IN (SELECT id FROM server_transfer WHERE ${ACTIVE} AND "leaseUntil" < now() ORDER BY "leaseUntil" LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [owner, until, limit],
    );
    return rows;
  }
}

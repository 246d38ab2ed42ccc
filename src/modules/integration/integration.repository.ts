import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { Integration } from './entities/integration.entity';
import { DeliveryStatus, IntegrationDelivery } from './entities/integration-delivery.entity';

/** A row with its sealed secret (never leaves the module's services). */
export type IntegrationWithSecret = Integration & { secretSealed: string };

@Injectable()
export class IntegrationRepository extends ScopedRepository<Integration> {
  constructor(@InjectRepository(Integration) repo: Repository<Integration>) {
    super(repo);
  }

  findWithSecret(domainId: DomainId, id: string): Promise<IntegrationWithSecret | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.queryBuilder(domainId, 'i').addSelect('i.secretSealed').andWhere('i.id = :id', { id }).getOne() as Promise<IntegrationWithSecret | null>;
  }

  /** Enabled integrations of the domain subscribed to `event`. */
  subscribers(domainId: DomainId, event: string): Promise<Integration[]> {
    return this.queryBuilder(domainId, 'i').andWhere('i.enabled AND :event = ANY(i.events)', { event }).getMany();
  }
}

/** What one attempt changes on a delivery row. */
export interface AttemptOutcome {
  status: DeliveryStatus;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
}

@Injectable()
export class IntegrationDeliveryRepository extends ScopedRepository<IntegrationDelivery> {
  constructor(@InjectRepository(IntegrationDelivery) repo: Repository<IntegrationDelivery>) {
    super(repo);
  }

  /**
   * Records one attempt, only while the delivery is still pending at the attempt count the worker
   * read (a duplicate job run records nothing). Returns the new attempt count, or null.
   */
  async recordAttempt(domainId: DomainId, id: string, seenAttempts: number, outcome: AttemptOutcome): Promise<number | null> {
    const result = await this.queryBuilder(domainId, 'd')
      .update(IntegrationDelivery)
      .set({
        status: outcome.status,
        attempts: () => '"attempts" + 1',
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        finishedAt: outcome.status === 'pending' ? null : () => 'now()',
      })
      .where(`"domainId" = :d AND id = :id AND status = 'pending' AND attempts = :seen`, { d: domainId, id, seen: seenAttempts })
      .returning(['attempts'])
      .execute();
    const row = (result.raw as { attempts: number }[])[0];
    return row ? row.attempts : null;
  }

  /** A failed delivery back to pending for one more attempt; false when it is not failed. */
  async reopen(domainId: DomainId, integrationId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.queryBuilder(domainId, 'd')
      .update(IntegrationDelivery)
      .set({ status: 'pending', nextAttemptAt: () => 'now()', finishedAt: null })
      .where(`"domainId" = :d AND id = :id AND "integrationId" = :i AND status = 'failed'`, { d: domainId, id, i: integrationId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The log is bounded: finished deliveries older than `maxAgeDays` or beyond the newest `keep` go. */
  async prune(domainId: DomainId, integrationId: string, keep: number, maxAgeDays: number): Promise<number> {
    const result = await this.queryBuilder(domainId, 'd')
      .delete()
      .from(IntegrationDelivery)
      .where(
        `"domainId" = :d AND "integrationId" = :i AND status <> 'pending' AND ("createdAt" < now() - make_interval(days => :days)
          OR "createdAt" < (SELECT "createdAt" FROM integration_delivery WHERE "integrationId" = :i AND "domainId" = :d ORDER BY "createdAt" DESC OFFSET :keep LIMIT 1))`,
        { d: domainId, i: integrationId, days: maxAgeDays, keep: keep - 1 },
      )
      .execute();
    return result.affected ?? 0;
  }
}

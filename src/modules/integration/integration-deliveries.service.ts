import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainId } from '@libs/tenancy/domain-id';
import { JobExecutor, JobsService } from '../../core/jobs/jobs.service';
import { IntegrationDelivery } from './entities/integration-delivery.entity';
import type { IntegrationMessage } from './integration-events';
import { AttemptOutcome, IntegrationDeliveryRepository } from './integration.repository';

/** The pg-boss queue of deliveries: one job per attempt. */
export const DELIVER_QUEUE = 'integration.deliver';
/** Jobs whose process died mid-attempt (their heartbeat stopped) land here and count as a failed attempt. */
export const DELIVER_DEAD_QUEUE = 'integration.deliver.dead';

export interface DeliverJob {
  domainId: string;
  deliveryId: string;
}

/**
 * The transactions of deliveries: each writes the delivery row and enqueues its pg-boss job on the
 * same connection (pg-boss's `db` option), so an event is either in the log and on its way or
 * not at all, and a retry is either recorded and scheduled or neither.
 */
@Injectable()
export class IntegrationDeliveries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: IntegrationDeliveryRepository,
    private readonly jobs: JobsService,
  ) {}

  private executor(tx: EntityManager): JobExecutor {
    const runner = tx.queryRunner;
    if (!runner) throw new Error('executor needs a transaction');
    return { executeSql: async (text, values) => ({ rows: ((await runner.query(text, values, true)) as { records: unknown[] }).records }) };
  }

  /** One pending delivery per integration, each with its job. */
  async enqueue(domainId: DomainId, integrationIds: string[], message: IntegrationMessage): Promise<IntegrationDelivery[]> {
    if (!integrationIds.length) return [];
    return this.dataSource.transaction(async (tx) => {
      const deliveries = this.deliveries.withManager(tx);
      const rows: IntegrationDelivery[] = [];
      for (const integrationId of integrationIds) {
        const row = await deliveries.insert(domainId, { integrationId, event: message.event, payload: message.payload, status: 'pending', attempts: 0 });
        await this.jobs.send<DeliverJob>(DELIVER_QUEUE, { domainId, deliveryId: row.id }, {}, this.executor(tx));
        rows.push(row);
      }
      return rows;
    });
  }

  /** Records a failed attempt that will be tried again after `delaySeconds`, and schedules it. */
  async retryLater(domainId: DomainId, deliveryId: string, seenAttempts: number, outcome: Omit<AttemptOutcome, 'status' | 'nextAttemptAt'>, delaySeconds: number): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const recorded = await this.deliveries
        .withManager(tx)
        .recordAttempt(domainId, deliveryId, seenAttempts, { ...outcome, status: 'pending', nextAttemptAt: new Date(Date.now() + delaySeconds * 1000) });
      if (recorded === null) return false;
      await this.jobs.send<DeliverJob>(DELIVER_QUEUE, { domainId, deliveryId }, { startAfter: delaySeconds }, this.executor(tx));
      return true;
    });
  }

  /** A failed delivery back to pending, with its job; false when it is not failed. */
  async reopen(domainId: DomainId, integrationId: string, deliveryId: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.deliveries.withManager(tx).reopen(domainId, integrationId, deliveryId))) return false;
      await this.jobs.send<DeliverJob>(DELIVER_QUEUE, { domainId, deliveryId }, {}, this.executor(tx));
      return true;
    });
  }
}

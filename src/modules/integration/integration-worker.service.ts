import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { EventBus } from '../../core/events/event-bus';
import { JobOf, JobsService } from '../../core/jobs/jobs.service';
import { GameServerService } from '../gameserver/gameserver.service';
import { IntegrationDelivery } from './entities/integration-delivery.entity';
import { DELIVER_DEAD_QUEUE, DELIVER_QUEUE, DeliverJob, IntegrationDeliveries } from './integration-deliveries.service';
import { alertMessage, backupMessage, IntegrationMessage, membershipMessage, nodeMessage, NOTIFIED_SERVER_STATES, serverStateMessage, serverSystemMessage } from './integration-events';
import { IntegrationSecrets, IntegrationSender, SendResult } from './integration-sender.service';
import { IntegrationDeliveryRepository, IntegrationRepository } from './integration.repository';

/** The delivery log keeps at most this many rows per integration … */
export const DELIVERY_LOG_KEEP = 1000;
/** … none older than this. */
export const DELIVERY_LOG_DAYS = 30;
/** Pruning an integration's log at most this often per process: it is housekeeping, not per delivery. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * Turns domain events into deliveries and works the `integration.deliver` queue in every API
 * process. Event handlers only start the (async) fan-out and return: a slow database or receiver
 * never holds up whoever emitted the event.
 */
@Injectable()
export class IntegrationWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Integrations');
  private readonly unsubscribe: Array<() => void> = [];
  private readonly lastPruned = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventBus,
    private readonly jobs: JobsService,
    private readonly integrations: IntegrationRepository,
    private readonly deliveryRows: IntegrationDeliveryRepository,
    private readonly deliveries: IntegrationDeliveries,
    private readonly secrets: IntegrationSecrets,
    private readonly sender: IntegrationSender,
    private readonly servers: GameServerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.enabled) return;
    await this.jobs.ensureQueue(DELIVER_DEAD_QUEUE, { retryLimit: 0 });
    // pg-boss retries off: the worker schedules each retry itself so the log shows every attempt.
    await this.jobs.ensureQueue(DELIVER_QUEUE, { retryLimit: 0, heartbeatSeconds: 30, expireInSeconds: 120, deadLetter: DELIVER_DEAD_QUEUE });
    await this.jobs.work<DeliverJob>(DELIVER_QUEUE, { pollingIntervalSeconds: 0.5, localConcurrency: 4 }, (job) => this.deliver(job));
    await this.jobs.work<DeliverJob>(DELIVER_DEAD_QUEUE, { pollingIntervalSeconds: 5 }, (job) => this.interrupted(job));
    this.subscribe();
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private subscribe(): void {
    const on = this.unsubscribe.push.bind(this.unsubscribe);
    on(
      this.events.on('gameserver.state', (e) =>
        // Transient states are never delivered: skip before the server's name is looked up.
        !NOTIFIED_SERVER_STATES.includes(e.state)
          ? undefined
          : this.fanOut(e.domainId, async () => {
              // Deleted servers are gone from the table: their id is all there is.
              const name = await this.servers
                .find(e.domainId, e.serverId)
                .then((s) => s.name)
                .catch(() => e.serverId);
              return serverStateMessage(e, name);
            }),
      ),
    );
    on(this.events.on('gameserver.system', (e) => this.fanOut(e.domainId, () => serverSystemMessage(e))));
    on(this.events.on('alert.changed', (e) => this.fanOut(e.domainId, () => alertMessage(e))));
    on(this.events.on('backup.finished', (e) => this.fanOut(e.domainId, () => backupMessage(e))));
    on(this.events.on('membership.changed', (e) => this.fanOut(e.domainId, () => membershipMessage(e))));
    on(this.events.on('node.state', (e) => (e.domainId === null ? undefined : this.fanOut(e.domainId, () => nodeMessage(e)))));
  }

  /** Fire and forget: the emitter gets control back at once; failures are logged. */
  private fanOut(domainId: DomainId, build: () => IntegrationMessage | null | Promise<IntegrationMessage | null>): void {
    void this.enqueueFor(domainId, build).catch((err: unknown) => this.logger.error({ err, domainId }, 'could not enqueue integration deliveries'));
  }

  /** The deliveries of one event: one per enabled integration of the domain subscribed to it. */
  async enqueueFor(domainId: DomainId, build: () => IntegrationMessage | null | Promise<IntegrationMessage | null>): Promise<IntegrationDelivery[]> {
    const message = await build();
    if (!message) return [];
    const subscribed = await this.integrations.subscribers(domainId, message.event);
    return this.deliveries.enqueue(
      domainId,
      subscribed.map((i) => i.id),
      message,
    );
  }

  /** One attempt of one delivery (an `integration.deliver` job). Never throws to pg-boss. */
  async deliver(job: JobOf<DeliverJob>): Promise<void> {
    const domainId = trustedDomainId(job.data.domainId);
    const delivery = await this.deliveryRows.findById(domainId, job.data.deliveryId);
    // Gone (integration deleted: cascade), already finished, or a duplicate run of this job.
    if (!delivery || delivery.status !== 'pending') return;
    const integration = await this.integrations.findWithSecret(domainId, delivery.integrationId);
    if (!integration) return;
    let result: SendResult;
    if (!integration.enabled) result = { ok: false, statusCode: null, error: 'The integration is disabled', permanent: true };
    else {
      result = await this.sender.send({ integration, secret: this.secrets.open(integration.secretSealed), deliveryId: delivery.id, event: delivery.event, payload: delivery.payload });
    }
    await this.settle(domainId, delivery, result);
  }

  /** The process running an attempt died: that attempt counts as failed. */
  async interrupted(job: JobOf<DeliverJob>): Promise<void> {
    const domainId = trustedDomainId(job.data.domainId);
    const delivery = await this.deliveryRows.findById(domainId, job.data.deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    await this.settle(domainId, delivery, { ok: false, statusCode: null, error: 'The attempt was interrupted (the API process stopped)', permanent: false });
  }

  /** Records the attempt: succeeded, failed for good, or pending with the next attempt scheduled (backoff doubling). */
  async settle(domainId: DomainId, delivery: IntegrationDelivery, result: SendResult): Promise<void> {
    const attempts = delivery.attempts + 1;
    const outcome = { statusCode: result.statusCode, error: result.error };
    if (result.ok) await this.deliveryRows.recordAttempt(domainId, delivery.id, delivery.attempts, { ...outcome, status: 'succeeded', nextAttemptAt: null });
    else if (result.permanent || attempts >= this.config.DELIVERY_MAX_ATTEMPTS) {
      await this.deliveryRows.recordAttempt(domainId, delivery.id, delivery.attempts, { ...outcome, status: 'failed', nextAttemptAt: null });
    } else {
      await this.deliveries.retryLater(domainId, delivery.id, delivery.attempts, outcome, this.config.DELIVERY_RETRY_SECONDS * 2 ** (attempts - 1));
    }
    await this.pruneNowAndThen(domainId, delivery.integrationId);
  }

  private async pruneNowAndThen(domainId: DomainId, integrationId: string): Promise<void> {
    const last = this.lastPruned.get(integrationId) ?? 0;
    if (Date.now() - last < PRUNE_EVERY_MS) return;
    this.lastPruned.set(integrationId, Date.now());
    if (this.lastPruned.size > 10_000) this.lastPruned.clear();
    await this.deliveryRows.prune(domainId, integrationId, DELIVERY_LOG_KEEP, DELIVERY_LOG_DAYS).catch((err: unknown) => this.logger.warn({ err, integrationId }, 'pruning the delivery log failed'));
  }
}

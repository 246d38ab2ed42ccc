import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { EventBus } from '../../core/events/event-bus';
import type { MetricWindowSummary } from '../../core/metrics/window';
import type { BackupFinished, NodeStateChanged, ServerStateChanged, ServerSystemEvent } from '../../core/events/outpost-events';
import { GameServerService } from '../gameserver/gameserver.service';
import { NodeService } from '../node/node.service';
import { AlertChange, AlertRepository, AlertRuleRepository } from './alert.repository';
import { isNodeKind, METRIC_COVERAGE_SLACK_MS, METRIC_STALE_MS, RESOLVED_BY_RUNNING, subjectTypeOf, type AlertKind, type MetricKind } from './alert.types';
import { Alert } from './entities/alert.entity';
import { AlertRule } from './entities/alert-rule.entity';

/** Held notifications sent per tick at most (the rest on the next one). */
const HELD_PER_TICK = 200;

const METRIC_WORDS: Record<MetricKind, string> = { 'server.cpu': 'CPU', 'server.memory': 'memory', 'node.cpu': 'CPU', 'node.memory': 'memory', 'node.disk': 'disk' };

/**
 * Turns events and metric samples into alerts (see FLAP_POLICY in alert.types.ts).
 *
 * Events are local to the process that saw them, so each event is evaluated once. The metric
 * evaluator ticks in every process: opening relies on the partial unique index (one firing alert
 * per rule and subject; INSERT … ON CONFLICT DO NOTHING), every other change is an UPDATE whose
 * WHERE holds the expected state, so only the process whose statement changed a row tells about it.
 */
@Injectable()
export class AlertEngine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AlertEngine');
  private readonly unsubscribe: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  /** Changes to one rule and subject run one after the other in this process (a burst of crash events counts exactly). */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: EventBus,
    private readonly rules: AlertRuleRepository,
    private readonly alerts: AlertRepository,
    private readonly servers: GameServerService,
    private readonly nodes: NodeService,
  ) {
    const handle =
      <T>(what: string, fn: (p: T) => Promise<void>) =>
      (p: T) =>
        this.track(fn(p).catch((err: unknown) => this.logger.error({ err, event: what }, 'alert evaluation failed')));
    this.unsubscribe.push(
      bus.on(
        'gameserver.system',
        handle('gameserver.system', (e) => this.onServerSystem(e)),
      ),
      bus.on(
        'gameserver.state',
        handle('gameserver.state', (e) => this.onServerState(e)),
      ),
      bus.on(
        'node.state',
        handle('node.state', (e) => this.onNodeState(e)),
      ),
      bus.on(
        'backup.finished',
        handle('backup.finished', (e) => this.onBackupFinished(e)),
      ),
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.ALERT_EVALUATE_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  private serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.chains.set(key, next);
    void next
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  // ---- events ----

  private async onServerSystem(e: ServerSystemEvent): Promise<void> {
    const subject = { id: e.serverId, name: e.serverName };
    if (e.action === 'crashed') {
      const exit = e.details.exitCode === null || e.details.exitCode === undefined ? '' : ` (exit code ${String(e.details.exitCode)})`;
      const reason = typeof e.details.reason === 'string' && e.details.reason ? `: ${e.details.reason}` : '';
      await this.fireForServer(e.domainId, 'server.crashed', subject, `Server "${e.serverName}" crashed${exit}${reason}`);
      if (e.details.oom === true) await this.fireForServer(e.domainId, 'server.oom', subject, `Server "${e.serverName}" was killed for running out of memory`);
    } else if (e.action === 'crash_loop_stopped') {
      await this.fireForServer(e.domainId, 'server.crash_loop', subject, `Server "${e.serverName}" crashed too often in a row; automatic restarts stopped`);
    }
  }

  private async onServerState(e: ServerStateChanged): Promise<void> {
    if (e.state === 'running') {
      await this.resolve(e.domainId, `"subjectId" = :s AND kind IN (:...kinds)`, { s: e.serverId, kinds: RESOLVED_BY_RUNNING });
    } else if (e.state === 'install_failed') {
      const server = await this.servers.find(e.domainId, e.serverId).catch(() => null);
      if (!server) return;
      const reason = e.reason ? `: ${e.reason}` : '';
      await this.fireForServer(e.domainId, 'server.install_failed', { id: server.id, name: server.name }, `Installing server "${server.name}" failed${reason}`);
    } else if (e.state === 'offline' && e.reason === 'deleted') {
      // Nothing can happen to a deleted server any more: its alerts end.
      await this.resolve(e.domainId, `"subjectId" = :s`, { s: e.serverId });
    }
  }

  private async onNodeState(e: NodeStateChanged): Promise<void> {
    const subject = { id: e.nodeId, name: e.nodeName };
    const rules = e.domainId ? await this.rules.forSubject(e.domainId, ['node.offline'], { nodeId: e.nodeId }) : await this.rules.forSharedNode(['node.offline'], e.nodeId);
    if (e.state === 'offline') {
      for (const rule of rules) await this.trigger(rule, subject, `Node "${e.nodeName}" is offline (${e.reason})`);
      return;
    }
    const domains = e.domainId ? [e.domainId] : [...new Set(rules.map((r) => r.domainId))].map(trustedDomainId);
    for (const d of domains) await this.resolve(d, `"subjectId" = :s AND kind = 'node.offline'`, { s: e.nodeId });
  }

  private async onBackupFinished(e: BackupFinished): Promise<void> {
    if (e.status === 'completed') {
      await this.resolve(e.domainId, `"subjectId" = :s AND kind = 'backup.failed'`, { s: e.serverId });
      return;
    }
    const error = e.error ? `: ${e.error}` : '';
    await this.fireForServer(e.domainId, 'backup.failed', { id: e.serverId, name: e.serverName }, `Backup "${e.backupName}" of server "${e.serverName}" failed${error}`);
  }

  private async fireForServer(domainId: DomainId, kind: AlertKind, subject: { id: string; name: string }, message: string): Promise<void> {
    for (const rule of await this.rules.forSubject(domainId, [kind], { serverId: subject.id })) await this.trigger(rule, subject, message);
  }

  // ---- the alert lifecycle ----

  /** The condition of `rule` holds for `subject`: count it, reopen a recent alert, or open one. */
  trigger(rule: AlertRule, subject: { id: string; name: string }, message: string): Promise<void> {
    const domainId = trustedDomainId(rule.domainId);
    return this.serial(`${rule.id}:${subject.id}`, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await this.alerts.bump(domainId, rule.id, subject.id, message)) return;
        const reopened = await this.alerts.reopen(domainId, rule.id, subject.id, rule.cooldownMinutes, { message, subjectName: subject.name });
        if (reopened) return this.tell(reopened, rule);
        const opened = await this.alerts.open(domainId, {
          ruleId: rule.id,
          kind: rule.kind,
          severity: rule.severity,
          subjectType: subjectTypeOf(rule.kind),
          subjectId: subject.id,
          subjectName: subject.name,
          message,
        });
        if (opened) return this.tell({ alert: opened, notify: true }, rule);
        // Another process opened it between our statements: count on it (next attempt bumps).
      }
      this.logger.warn({ ruleId: rule.id, subjectId: subject.id }, 'alert trigger gave up after racing writers');
    });
  }

  /** Resolves the domain's firing alerts matching `where`; tells the ones whose last notification said firing. */
  async resolve(domainId: DomainId, where: string, params: Record<string, unknown>): Promise<Alert[]> {
    const changes = await this.alerts.resolveWhere(domainId, where, params);
    for (const change of changes) await this.tell(change);
    return changes.map((c) => c.alert);
  }

  private async tell(change: AlertChange, known?: AlertRule): Promise<void> {
    if (!change.notify) return;
    const a = change.alert;
    const domainId = trustedDomainId(a.domainId);
    const rule = known ?? (await this.rules.findById(domainId, a.ruleId));
    this.bus.emit('alert.changed', {
      domainId,
      alertId: a.id,
      ruleId: a.ruleId,
      ruleName: rule?.name ?? a.kind,
      kind: a.kind,
      severity: a.severity,
      state: a.state,
      subject: { type: a.subjectType, id: a.subjectId, name: a.subjectName },
      message: a.message,
      at: new Date((a.state === 'firing' ? a.lastTriggeredAt : a.resolvedAt) ?? Date.now()).toISOString(),
    });
  }

  // ---- the evaluator ----

  /** One evaluation (also called by tests): metric rules of every domain, then held notifications. Never throws. */
  tick(): Promise<void> {
    this.ticking ??= this.evaluate()
      .catch((err: unknown) => this.logger.error({ err }, 'alert evaluation tick failed'))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async evaluate(): Promise<void> {
    for (const rule of await this.rules.metricRules()) {
      try {
        await this.evaluateMetricRule(rule);
      } catch (err) {
        this.logger.error({ err, ruleId: rule.id }, 'metric rule evaluation failed');
      }
    }
    for (const alert of await this.alerts.claimHeld(HELD_PER_TICK)) await this.tell({ alert, notify: true });
  }

  private metricWindow(rule: AlertRule, since: Date): Promise<MetricWindowSummary[]> {
    const domainId = trustedDomainId(rule.domainId);
    const metric = rule.kind.split('.')[1] as 'cpu' | 'memory' | 'disk';
    if (isNodeKind(rule.kind)) return this.nodes.metricWindow(domainId, metric, since, rule.nodeId ?? undefined);
    return this.servers.metricWindow(domainId, metric as 'cpu' | 'memory', since, rule.serverId ?? undefined);
  }

  /**
   * Fires for a subject whose every sample in the last `forMinutes` is above the threshold, the
   * first of them near the window's start (so the condition really lasted) and the last one fresh.
   * Resolves firing alerts whose latest sample is at or below the threshold, or that have no fresh sample.
   */
  private async evaluateMetricRule(rule: AlertRule): Promise<void> {
    const threshold = rule.thresholdPercent!;
    const now = Date.now();
    const since = new Date(now - rule.forMinutes! * 60_000);
    const windows = await this.metricWindow(rule, since);
    const byId = new Map(windows.map((w) => [w.id, w]));
    const what = METRIC_WORDS[rule.kind as MetricKind];
    const subjectWord = isNodeKind(rule.kind) ? 'Node' : 'Server';
    for (const w of windows) {
      const fresh = w.lastAt.getTime() >= now - METRIC_STALE_MS;
      const covered = w.firstAt.getTime() <= since.getTime() + METRIC_COVERAGE_SLACK_MS;
      if (fresh && covered && w.minPercent > threshold) {
        await this.trigger(rule, { id: w.id, name: w.name }, `${subjectWord} "${w.name}" ${what} above ${threshold}% for ${rule.forMinutes} min (now ${Math.round(w.lastPercent)}%)`);
      }
    }
    const domainId = trustedDomainId(rule.domainId);
    for (const alert of await this.alerts.firingOfRule(domainId, rule.id)) {
      const w = byId.get(alert.subjectId);
      const over = w && w.lastAt.getTime() >= now - METRIC_STALE_MS && w.lastPercent > threshold;
      if (!over) await this.serial(`${rule.id}:${alert.subjectId}`, () => this.resolve(domainId, 'id = :id', { id: alert.id }));
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId } from '@libs/tenancy/domain-id';
import { METRIC_KINDS, type AlertKind } from './alert.types';
import { Alert } from './entities/alert.entity';
import { AlertRule } from './entities/alert-rule.entity';

/** An alert row a statement just changed, and whether that change is to be told (`alert.changed`). */
export interface AlertChange {
  alert: Alert;
  notify: boolean;
}

/** The first row of an `UPDATE … RETURNING` through the query builder (raw rows). */
function rawRows(raw: unknown): Array<Record<string, unknown>> {
  return Array.isArray(raw) ? (raw as Array<Record<string, unknown>>) : [];
}

/** `notifiedAt = now()`: the statement itself just set it (now() is the statement's transaction time). */
const NOTIFIED_NOW = `"notifiedAt" IS NOT NULL AND "notifiedAt" = now()`;

@Injectable()
export class AlertRuleRepository extends ScopedRepository<AlertRule> {
  constructor(@InjectRepository(AlertRule) repo: Repository<AlertRule>) {
    super(repo);
  }

  /** Enabled rules of these kinds that cover the subject: unscoped ones, or scoped to exactly it. */
  forSubject(domainId: DomainId, kinds: readonly AlertKind[], scope: { serverId: string } | { nodeId: string }): Promise<AlertRule[]> {
    const qb = this.queryBuilder(domainId, 'r').andWhere('r.enabled AND r.kind IN (:...kinds)', { kinds });
    if ('serverId' in scope) qb.andWhere('(r."serverId" IS NULL OR r."serverId" = :s)', { s: scope.serverId });
    else qb.andWhere('(r."nodeId" IS NULL OR r."nodeId" = :n)', { n: scope.nodeId });
    return qb.getMany();
  }

  /** A shared node's events: the enabled rules of any domain that named this node. */
  forSharedNode(kinds: readonly AlertKind[], nodeId: string): Promise<AlertRule[]> {
    return this.crossDomain('alertEvaluation').queryBuilder('r').where('r.enabled AND r.kind IN (:...kinds) AND r."nodeId" = :nodeId', { kinds, nodeId }).getMany();
  }

  /** Every domain's enabled metric rules: the evaluator's work for one tick. */
  metricRules(): Promise<AlertRule[]> {
    return this.crossDomain('alertEvaluation').queryBuilder('r').where('r.enabled AND r.kind IN (:...kinds)', { kinds: METRIC_KINDS }).orderBy('r."domainId"').getMany();
  }

  async kindsPresent(domainId: DomainId): Promise<Set<string>> {
    const rows = await this.queryBuilder(domainId, 'r').select('DISTINCT r.kind', 'kind').getRawMany<{ kind: string }>();
    return new Set(rows.map((r) => r.kind));
  }
}

@Injectable()
export class AlertRepository extends ScopedRepository<Alert> {
  constructor(@InjectRepository(Alert) repo: Repository<Alert>) {
    super(repo);
  }

  private rows(raw: unknown): AlertChange[] {
    return rawRows(raw).map(({ notify, ...row }) => ({ alert: this.entityFrom(row as Partial<Alert>), notify: notify === true }));
  }

  /** While firing, a new trigger only counts (flap control): no notification. Null when nothing fires. */
  async bump(domainId: DomainId, ruleId: string, subjectId: string, message: string): Promise<Alert | null> {
    const result = await this.queryBuilder(domainId, 'a')
      .update(Alert)
      .set({ triggerCount: () => '"triggerCount" + 1', lastTriggeredAt: () => 'now()', message })
      .where(`"domainId" = :d AND "ruleId" = :r AND "subjectId" = :s AND state = 'firing'`, { d: domainId, r: ruleId, s: subjectId })
      .returning('*')
      .execute();
    return this.rows(result.raw)[0]?.alert ?? null;
  }

  /**
   * A trigger within the cooldown after the alert resolved reopens it (acknowledgement cleared: it
   * is news again); it is told only if the last notification is older than the cooldown.
   */
  async reopen(domainId: DomainId, ruleId: string, subjectId: string, cooldownMinutes: number, values: { message: string; subjectName: string }): Promise<AlertChange | null> {
    if (cooldownMinutes <= 0) return null;
    const quiet = `("notifiedAt" IS NULL OR "notifiedAt" <= now() - make_interval(mins => :cd))`;
    try {
      const result = await this.queryBuilder(domainId, 'a')
        .update(Alert)
        .set({
          state: 'firing',
          resolvedAt: null,
          triggerCount: () => '"triggerCount" + 1',
          lastTriggeredAt: () => 'now()',
          acknowledgedAt: null,
          acknowledgedBy: null,
          message: values.message,
          subjectName: values.subjectName,
          notifiedAt: () => `CASE WHEN ${quiet} THEN now() ELSE "notifiedAt" END`,
          notifiedState: () => `CASE WHEN ${quiet} THEN 'firing' ELSE "notifiedState" END`,
        })
        .where(
          `"domainId" = :d AND state = 'resolved' AND id = (SELECT id FROM alert WHERE "domainId" = :d AND "ruleId" = :r AND "subjectId" = :s AND state = 'resolved'
             AND "resolvedAt" > now() - make_interval(mins => :cd) ORDER BY "resolvedAt" DESC LIMIT 1)`,
          { d: domainId, r: ruleId, s: subjectId, cd: cooldownMinutes },
        )
        .returning(`*, (${NOTIFIED_NOW}) AS "notify"`)
        .execute();
      return this.rows(result.raw)[0] ?? null;
    } catch (err) {
      // Another process opened a firing alert for this rule and subject meanwhile: the caller counts it.
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** Opens a new firing alert (told at once); null when one is already firing (the partial unique index). */
  async open(domainId: DomainId, values: Pick<Alert, 'ruleId' | 'kind' | 'severity' | 'subjectType' | 'subjectId' | 'subjectName' | 'message'>): Promise<Alert | null> {
    const result = await this.queryBuilder(domainId, 'a')
      .insert()
      .into(Alert)
      .values({
        ...values,
        domainId,
        state: 'firing',
        firedAt: () => 'now()',
        lastTriggeredAt: () => 'now()',
        triggerCount: 1,
        notifiedAt: () => 'now()',
        notifiedState: 'firing',
      })
      .orIgnore()
      .returning('*')
      .execute();
    return this.rows(result.raw)[0]?.alert ?? null;
  }

  /**
   * Resolves the domain's firing alerts matching `where` (SQL over the alert's columns). A
   * resolution is told when the last notification said "firing".
   */
  async resolveWhere(domainId: DomainId, where: string, params: Record<string, unknown>): Promise<AlertChange[]> {
    const result = await this.queryBuilder(domainId, 'a')
      .update(Alert)
      .set({
        state: 'resolved',
        resolvedAt: () => 'now()',
        notifiedAt: () => `CASE WHEN "notifiedState" = 'firing' THEN now() ELSE "notifiedAt" END`,
        notifiedState: () => `CASE WHEN "notifiedState" = 'firing' THEN 'resolved' ELSE "notifiedState" END`,
      })
      .where(`"domainId" = :__d AND state = 'firing' AND (${where})`, { ...params, __d: domainId })
      .returning(`*, (${NOTIFIED_NOW}) AS "notify"`)
      .execute();
    return this.rows(result.raw);
  }

  /** Firing alerts of one rule (the evaluator checks whether each still holds). */
  firingOfRule(domainId: DomainId, ruleId: string): Promise<Alert[]> {
    return this.find(domainId, { ruleId, state: 'firing' });
  }

  /**
   * Changes the cooldown held back, in every domain, whose cooldown has passed and whose state
   * differs from what was last told: claimed (marked told) in one statement, so one process sends each.
   */
  async claimHeld(limit: number): Promise<Alert[]> {
    const rows = await this.crossDomain('alertEvaluation').query<unknown[]>(
      `UPDATE alert SET "notifiedAt" = now(), "notifiedState" = alert.state
        WHERE alert.id IN (
          SELECT a.id FROM alert a JOIN alert_rule r ON r.id = a."ruleId"
           WHERE a.state IS DISTINCT FROM a."notifiedState" AND (a."notifiedAt" IS NULL OR a."notifiedAt" <= now() - make_interval(mins => r."cooldownMinutes"))
           ORDER BY a."notifiedAt" LIMIT $1 FOR UPDATE OF a SKIP LOCKED)
          AND alert.state IS DISTINCT FROM alert."notifiedState"
        RETURNING alert.*`,
      [limit],
    );
    return ((rows[0] ?? []) as Array<Partial<Alert>>).map((r) => this.entityFrom(r));
  }

  async acknowledge(domainId: DomainId, id: string, userId: string | null): Promise<Alert | null> {
    const result = await this.queryBuilder(domainId, 'a')
      .update(Alert)
      .set({ acknowledgedAt: () => 'COALESCE("acknowledgedAt", now())', acknowledgedBy: () => 'CASE WHEN "acknowledgedAt" IS NULL THEN CAST(:by AS uuid) ELSE "acknowledgedBy" END' })
      .setParameter('by', userId)
      .where('"domainId" = :d AND id = :id', { d: domainId, id })
      .returning('*')
      .execute();
    return this.rows(result.raw)[0]?.alert ?? null;
  }

  unreadCount(domainId: DomainId): Promise<number> {
    return this.count(domainId, { state: 'firing', acknowledged: false });
  }
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505';
}

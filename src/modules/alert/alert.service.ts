import { Injectable } from '@nestjs/common';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { Principal } from '../auth/auth-context';
import { GameServerService } from '../gameserver/gameserver.service';
import { NodeService } from '../node/node.service';
import { AlertEngine } from './alert-engine.service';
import { AlertRepository, AlertRuleRepository } from './alert.repository';
import { DEFAULT_RULES, isMetricKind, isNodeKind, type AlertKind } from './alert.types';
import { ALERT_RULE_SEARCH, ALERT_SEARCH, AlertOutputDTO, AlertRuleCreateDTO, AlertRuleListDTO, AlertRuleOutputDTO, AlertRuleUpdateDTO, AlertUnreadDTO } from './dto/alert.dto';
import { AlertRule } from './entities/alert-rule.entity';

const DEFAULT_COOLDOWN_MINUTES = 15;

function invalid(path: string, message: string): AppError {
  return AppError.validation(message, [{ path, code: 'notAllowed', message }]);
}

/** Alert rules (CRUD, recommended defaults) and alerts (search, acknowledge, resolve by hand, unread count). */
@Injectable()
export class AlertService {
  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly alerts: AlertRepository,
    private readonly engine: AlertEngine,
    private readonly servers: GameServerService,
    private readonly nodes: NodeService,
  ) {}

  /**
   * The fields a kind may carry: metric kinds need thresholdPercent and forMinutes, other kinds
   * refuse them; serverId only on server kinds, nodeId only on node kinds; a scope id must be the
   * domain's (404 otherwise, like any foreign id).
   */
  private async checkRule(domainId: DomainId, kind: AlertKind, r: Pick<AlertRule, 'serverId' | 'nodeId' | 'thresholdPercent' | 'forMinutes'>): Promise<void> {
    if (isMetricKind(kind)) {
      for (const f of ['thresholdPercent', 'forMinutes'] as const) {
        if (r[f] === null || r[f] === undefined) throw AppError.validation(`${f} is required for ${kind} rules`, [{ path: f, code: 'required', message: `${f} is required for metric rules` }]);
      }
    } else {
      for (const f of ['thresholdPercent', 'forMinutes'] as const) if (r[f] !== null && r[f] !== undefined) throw invalid(f, `${f} is only for metric rules, not ${kind}`);
    }
    if (isNodeKind(kind) && r.serverId) throw invalid('serverId', `${kind} rules are scoped by nodeId, not serverId`);
    if (!isNodeKind(kind) && r.nodeId) throw invalid('nodeId', `${kind} rules are scoped by serverId, not nodeId`);
    if (r.serverId) await this.servers.find(domainId, r.serverId);
    if (r.nodeId) await this.nodes.find(domainId, r.nodeId);
  }

  private async findRule(domainId: DomainId, id: string): Promise<AlertRule> {
    const rule = await this.rules.findById(domainId, id);
    if (!rule) throw AppError.notFound('Alert rule');
    return rule;
  }

  async searchRules(domainId: DomainId, query: SearchQuery): Promise<Paged<AlertRuleOutputDTO>> {
    const r = await new SearchEngine(ALERT_RULE_SEARCH).execute(this.rules.queryBuilder(domainId, 'r'), 'r', query);
    return Paged.of(AlertRuleOutputDTO, r);
  }

  async getRule(domainId: DomainId, id: string): Promise<AlertRuleOutputDTO> {
    return toOutput(AlertRuleOutputDTO, await this.findRule(domainId, id));
  }

  async createRule(domainId: DomainId, input: AlertRuleCreateDTO): Promise<AlertRuleOutputDTO> {
    const values = {
      name: input.name,
      kind: input.kind,
      severity: input.severity ?? 'warning',
      enabled: input.enabled ?? true,
      serverId: input.serverId ?? null,
      nodeId: input.nodeId ?? null,
      thresholdPercent: input.thresholdPercent ?? null,
      forMinutes: input.forMinutes ?? null,
      cooldownMinutes: input.cooldownMinutes ?? DEFAULT_COOLDOWN_MINUTES,
    };
    await this.checkRule(domainId, input.kind, values);
    return toOutput(AlertRuleOutputDTO, await this.rules.insert(domainId, values));
  }

  async updateRule(domainId: DomainId, id: string, patch: AlertRuleUpdateDTO): Promise<AlertRuleOutputDTO> {
    const current = await this.findRule(domainId, id);
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    await this.checkRule(domainId, current.kind, next);
    const { id: _id, domainId: _d, kind: _k, createdAt: _c, updatedAt: _u, ...changes } = next;
    const saved = await this.rules.update(domainId, id, changes);
    if (!saved) throw AppError.notFound('Alert rule');
    // A disabled rule watches nothing: what it has firing ends.
    if (current.enabled && !saved.enabled) await this.engine.resolve(domainId, '"ruleId" = :r', { r: id });
    return toOutput(AlertRuleOutputDTO, saved);
  }

  /** Deletes the rule and its alerts. */
  async removeRule(domainId: DomainId, id: string): Promise<void> {
    if (!(await this.rules.delete(domainId, id))) throw AppError.notFound('Alert rule');
  }

  /** The recommended rules (DEFAULT_RULES), each made only when the domain has no rule of its kind yet. */
  async createDefaults(domainId: DomainId): Promise<AlertRuleListDTO> {
    const present = await this.rules.kindsPresent(domainId);
    const created: AlertRule[] = [];
    for (const d of DEFAULT_RULES) {
      if (present.has(d.kind)) continue;
      created.push(await this.rules.insert(domainId, { ...d, enabled: true, serverId: null, nodeId: null, thresholdPercent: null, forMinutes: null, cooldownMinutes: DEFAULT_COOLDOWN_MINUTES }));
    }
    return { created: toOutput(AlertRuleOutputDTO, created) };
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<AlertOutputDTO>> {
    const r = await new SearchEngine(ALERT_SEARCH).execute(this.alerts.queryBuilder(domainId, 'a'), 'a', query);
    return Paged.of(AlertOutputDTO, r);
  }

  async get(domainId: DomainId, id: string): Promise<AlertOutputDTO> {
    const alert = await this.alerts.findById(domainId, id);
    if (!alert) throw AppError.notFound('Alert');
    return toOutput(AlertOutputDTO, alert);
  }

  /** Marks the alert seen (idempotent: the first acknowledgement stays). Sends nothing. */
  async acknowledge(domainId: DomainId, principal: Principal, id: string): Promise<AlertOutputDTO> {
    const alert = await this.alerts.acknowledge(domainId, id, principal.kind === 'user' ? principal.userId : null);
    if (!alert) throw AppError.notFound('Alert');
    return toOutput(AlertOutputDTO, alert);
  }

  /** Resolves a firing alert by hand (a resolved one is returned as it is). If the condition still holds it fires again (reopened) on the next trigger. */
  async resolve(domainId: DomainId, id: string): Promise<AlertOutputDTO> {
    await this.get(domainId, id);
    await this.engine.resolve(domainId, 'id = :id', { id });
    return this.get(domainId, id);
  }

  async unread(domainId: DomainId): Promise<AlertUnreadDTO> {
    return { count: await this.alerts.unreadCount(domainId) };
  }
}

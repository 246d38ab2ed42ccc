import { AppError } from '../../../core/errors/app-error';
import type { AlertKind, Severity } from '../../alert/alert.types';
import type { AlertOutputDTO, AlertRuleCreateDTO, AlertRuleOutputDTO, AlertRuleUpdateDTO } from '../../alert/dto/alert.dto';
import type { V1AlertDTO, V1AlertRuleCreateInputDTO, V1AlertRuleDTO, V1AlertRuleUpdateInputDTO } from './v1-alerts.dto';

/**
 * Seed 001's alert rules (target_type + metric, threshold, seconds) ↔ Outpost's (kind, percent,
 * minutes). Pure functions; what Outpost cannot do is refused with a 400 naming the field.
 */

const KINDS: Record<string, AlertKind> = {
  'instance:cpu_usage': 'server.cpu',
  'instance:memory_usage': 'server.memory',
  'instance:crashed': 'server.crashed',
  'instance:crash_loop': 'server.crash_loop',
  'instance:oom': 'server.oom',
  'instance:install_failed': 'server.install_failed',
  'instance:backup_failed': 'backup.failed',
  'node:cpu_usage': 'node.cpu',
  'node:memory_usage': 'node.memory',
  'node:disk_usage': 'node.disk',
  'node:offline': 'node.offline',
};
const BY_KIND = Object.fromEntries(Object.entries(KINDS).map(([k, v]) => [v, k.split(':')])) as Record<AlertKind, [string, string]>;

function invalid(path: string, message: string): AppError {
  return AppError.validation(message, [{ path, code: 'invalid', message }]);
}

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

export function kindOf(targetType: string, metric: string): AlertKind {
  const type = targetType === 'server' ? 'instance' : targetType;
  const kind = KINDS[`${type}:${metric}`];
  if (!kind) throw invalid('metric', `metric ${metric} is not available for target_type ${type}`);
  return kind;
}

function severityIn(s: string | undefined): Severity | undefined {
  if (s === undefined) return undefined;
  return s === 'warn' ? 'warning' : (s as Severity);
}

const severityOut = (s: Severity): string => (s === 'warning' ? 'warn' : s);

function minutes(path: string, seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (seconds % 60 !== 0) throw invalid(path, `${path} must be a whole number of minutes (a multiple of 60)`);
  return seconds / 60;
}

/** Fields both create and update carry; the notification switches Outpost has no per-rule form of are refused. */
function common(body: V1AlertRuleUpdateInputDTO, kind: AlertKind): AlertRuleUpdateDTO {
  if (body.notify_in_app === false) throw invalid('notify_in_app', 'notify_in_app cannot be false: alerts always appear in the app');
  if (body.notify_email === true) {
    throw invalid('notify_email', 'notify_email is not per rule on this server: add an email integration subscribed to alert.fired (POST /v1/integrations)');
  }
  const node = kind.startsWith('node.');
  const out: AlertRuleUpdateDTO = {
    name: body.name,
    severity: severityIn(body.severity),
    enabled: body.enabled,
    thresholdPercent: body.threshold,
    forMinutes: minutes('duration_seconds', body.duration_seconds),
    cooldownMinutes: minutes('cooldown_seconds', body.cooldown_seconds),
  };
  if (body.target_id !== undefined) out[node ? 'nodeId' : 'serverId'] = body.target_id;
  return out;
}

export function toRuleCreate(body: V1AlertRuleCreateInputDTO): AlertRuleCreateDTO {
  const kind = kindOf(body.target_type, body.metric);
  return { ...common(body, kind), name: body.name, kind };
}

export function toRuleUpdate(body: V1AlertRuleUpdateInputDTO, current: AlertRuleOutputDTO): AlertRuleUpdateDTO {
  const [type, metric] = BY_KIND[current.kind];
  if ((body.target_type !== undefined || body.metric !== undefined) && kindOf(body.target_type ?? type, body.metric ?? metric) !== current.kind) {
    throw invalid('metric', 'target_type and metric of a rule cannot change: create another rule');
  }
  return common(body, current.kind);
}

export function toRule(r: AlertRuleOutputDTO): V1AlertRuleDTO {
  const [targetType, metric] = BY_KIND[r.kind];
  const isMetric = r.thresholdPercent !== null;
  return {
    id: r.id,
    name: r.name,
    target_type: targetType,
    target_id: r.nodeId ?? r.serverId,
    metric,
    operator: isMetric ? 'gt' : null,
    threshold: r.thresholdPercent,
    duration_seconds: r.forMinutes === null ? null : r.forMinutes * 60,
    severity: severityOut(r.severity),
    enabled: r.enabled,
    cooldown_seconds: r.cooldownMinutes * 60,
    created_at: iso(r.createdAt)!,
    updated_at: iso(r.updatedAt)!,
  };
}

export function toAlert(a: AlertOutputDTO): V1AlertDTO {
  const [targetType, metric] = BY_KIND[a.kind];
  return {
    id: a.id,
    rule_id: a.ruleId,
    target_type: targetType,
    target_id: a.subjectId,
    target_name: a.subjectName,
    metric,
    severity: severityOut(a.severity),
    state: a.state,
    message: a.message,
    trigger_count: a.triggerCount,
    acknowledged: a.acknowledged,
    acknowledged_at: iso(a.acknowledgedAt),
    acknowledged_by: a.acknowledgedBy,
    fired_at: iso(a.firedAt)!,
    last_triggered_at: iso(a.lastTriggeredAt)!,
    resolved_at: iso(a.resolvedAt),
  };
}

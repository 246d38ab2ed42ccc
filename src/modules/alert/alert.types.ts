/** What a rule watches. Event kinds fire from events; metric kinds from the evaluator's samples. */
export const EVENT_KINDS = ['server.crashed', 'server.crash_loop', 'server.oom', 'server.install_failed', 'node.offline', 'backup.failed'] as const;
/**
 * Metric kinds: above `thresholdPercent` for `forMinutes`. Servers have no disk kind: their disk use
 * is not sampled (only asked live), so a rule on it could never fire.
 */
export const METRIC_KINDS = ['server.cpu', 'server.memory', 'node.cpu', 'node.memory', 'node.disk'] as const;
export const ALERT_KINDS = [...EVENT_KINDS, ...METRIC_KINDS] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type MetricKind = (typeof METRIC_KINDS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SUBJECT_TYPES = ['gameserver', 'node', 'backup'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export function isMetricKind(kind: string): kind is MetricKind {
  return (METRIC_KINDS as readonly string[]).includes(kind);
}

/** Node kinds are scoped by nodeId; every other kind (servers, backups of a server) by serverId. */
export function isNodeKind(kind: string): boolean {
  return kind.startsWith('node.');
}

/**
 * What an alert of this kind is about. A failed backup is about its server: one alert per server,
 * so repeated failures (a schedule every hour) group, and the next completed backup resolves it.
 */
export function subjectTypeOf(kind: AlertKind): SubjectType {
  return isNodeKind(kind) ? 'node' : 'gameserver';
}

/** Server kinds that end when the server runs again. */
export const RESOLVED_BY_RUNNING: readonly AlertKind[] = ['server.crashed', 'server.crash_loop', 'server.oom', 'server.install_failed'];

/** The recommended rules `POST /alertrule/defaults` creates (once each, by kind, with no scope). */
export const DEFAULT_RULES: ReadonlyArray<{ name: string; kind: AlertKind; severity: Severity }> = [
  { name: 'Server crashed', kind: 'server.crashed', severity: 'warning' },
  { name: 'Server crash loop', kind: 'server.crash_loop', severity: 'critical' },
  { name: 'Server out of memory', kind: 'server.oom', severity: 'warning' },
  { name: 'Server install failed', kind: 'server.install_failed', severity: 'warning' },
  { name: 'Node offline', kind: 'node.offline', severity: 'critical' },
  { name: 'Backup failed', kind: 'backup.failed', severity: 'warning' },
];

/** Agents report every 15 s: a metric condition counts as held for the window when its first sample in the window is this close to the window's start. */
export const METRIC_COVERAGE_SLACK_MS = 30_000;
/** Without a sample this recent the condition is not known to hold any more (server stopped, node gone): a firing metric alert resolves. */
export const METRIC_STALE_MS = 120_000;

export const FLAP_POLICY =
  'Flap control, per rule and subject: while an alert is firing, new triggers only raise `triggerCount` and `lastTriggeredAt` (no notification). ' +
  'A trigger within `cooldownMinutes` after the alert resolved reopens the same alert (firing again, `triggerCount` + 1, acknowledgement cleared); ' +
  'an `alert.changed` notification goes out only when the last one for this alert is older than the cooldown. A resolution is notified when the last notification said "firing". ' +
  'A change held back by the cooldown is sent by the evaluator once the cooldown has passed, if the alert is then in a state other than the one last notified. ' +
  'So a crash loop of 20 crashes in two minutes sends one "firing" notification (and at most one "resolved" if the server ran in between).';

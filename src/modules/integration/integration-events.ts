import type { AlertChanged, BackupFinished, MembershipChanged, NodeStateChanged, ServerStateChanged, ServerSystemEvent } from '../../core/events/outpost-events';
import type { DeliveryPayload } from './entities/integration-delivery.entity';

/** What an integration can subscribe to (the names the API, the dashboard and webhook receivers see). */
export const INTEGRATION_EVENTS = [
  'server.state',
  'server.crashed',
  'alert.fired',
  'alert.resolved',
  'backup.completed',
  'backup.failed',
  'member.joined',
  'member.left',
  'node.online',
  'node.offline',
] as const;
export type IntegrationEvent = (typeof INTEGRATION_EVENTS)[number];

/** The event of `POST /integration/:id/test` (never subscribed to; only in the delivery log). */
export const TEST_EVENT = 'integration.test';

/**
 * `server.state` is sent for the states people act on; the transient ones (starting, stopping,
 * installing) and `unknown` would be noise in a chat channel.
 */
export const NOTIFIED_SERVER_STATES: readonly string[] = ['running', 'offline', 'crashed', 'install_failed'];

export interface IntegrationMessage {
  event: IntegrationEvent | typeof TEST_EVENT;
  payload: DeliveryPayload;
}

const now = () => new Date().toISOString();
const fieldsOf = (pairs: Record<string, string | number | boolean | null | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([name, value]) => ({ name, value: String(value) }));

function stateLevel(state: string): DeliveryPayload['level'] {
  if (state === 'running') return 'success';
  if (state === 'crashed' || state === 'install_failed') return 'danger';
  return 'info';
}

/** null: not delivered (a transient state). */
export function serverStateMessage(e: ServerStateChanged, serverName: string): IntegrationMessage | null {
  if (!NOTIFIED_SERVER_STATES.includes(e.state)) return null;
  const state = e.state.replace('_', ' ');
  return {
    event: 'server.state',
    payload: {
      occurredAt: now(),
      title: `${serverName} is ${state}`,
      text: e.reason ? `Server ${serverName} is now ${state}: ${e.reason}` : `Server ${serverName} is now ${state}.`,
      level: stateLevel(e.state),
      fields: fieldsOf({ Server: serverName, State: e.state, Reason: e.reason }),
      data: { serverId: e.serverId, serverName, state: e.state, reason: e.reason },
    },
  };
}

/** Only crashes become `server.crashed`; other system actions are audit material. */
export function serverSystemMessage(e: ServerSystemEvent): IntegrationMessage | null {
  if (e.action !== 'crashed') return null;
  const d = e.details;
  const why = d.oom ? 'out of memory' : d.exitCode !== undefined && d.exitCode !== null ? `exit code ${String(d.exitCode)}` : String(d.reason ?? 'unknown cause');
  const restart = typeof d.restartInMs === 'number' ? `restarting in ${Math.round(d.restartInMs / 1000)} s` : 'not restarting automatically';
  return {
    event: 'server.crashed',
    payload: {
      occurredAt: now(),
      title: `${e.serverName} crashed`,
      text: `Server ${e.serverName} crashed (${why}); ${restart}.`,
      level: 'danger',
      fields: fieldsOf({ Server: e.serverName, Reason: d.reason, 'Exit code': d.exitCode, 'Out of memory': d.oom }),
      data: { serverId: e.serverId, serverName: e.serverName, ...d },
    },
  };
}

export function alertMessage(e: AlertChanged): IntegrationMessage {
  const firing = e.state === 'firing';
  return {
    event: firing ? 'alert.fired' : 'alert.resolved',
    payload: {
      occurredAt: e.at,
      // The subject in the title: a mail subject or a chat preview must say which server or node.
      title: `${firing ? 'Alert' : 'Resolved'}: ${e.ruleName} — ${e.subject.name}`,
      text: e.message,
      level: firing ? (e.severity === 'critical' ? 'danger' : e.severity === 'warning' ? 'warning' : 'info') : 'success',
      fields: fieldsOf({ Severity: e.severity, [e.subject.type === 'gameserver' ? 'Server' : e.subject.type === 'node' ? 'Node' : 'Backup']: e.subject.name, Rule: e.ruleName }),
      data: { alertId: e.alertId, ruleId: e.ruleId, ruleName: e.ruleName, kind: e.kind, severity: e.severity, state: e.state, subject: e.subject, message: e.message, at: e.at },
    },
  };
}

export function backupMessage(e: BackupFinished): IntegrationMessage {
  const ok = e.status === 'completed';
  const size = e.sizeBytes !== null ? `${(e.sizeBytes / 1024 / 1024).toFixed(1)} MiB` : null;
  return {
    event: ok ? 'backup.completed' : 'backup.failed',
    payload: {
      occurredAt: now(),
      title: ok ? `Backup of ${e.serverName} completed` : `Backup of ${e.serverName} failed`,
      text: ok ? `Backup "${e.backupName}" of ${e.serverName} completed${size ? ` (${size})` : ''}.` : `Backup "${e.backupName}" of ${e.serverName} failed: ${e.error ?? 'unknown error'}`,
      level: ok ? 'success' : 'danger',
      fields: fieldsOf({ Server: e.serverName, Backup: e.backupName, Size: size, Error: e.error }),
      data: { backupId: e.backupId, backupName: e.backupName, serverId: e.serverId, serverName: e.serverName, status: e.status, sizeBytes: e.sizeBytes, error: e.error },
    },
  };
}

export function membershipMessage(e: MembershipChanged): IntegrationMessage {
  const joined = e.change === 'joined';
  return {
    event: joined ? 'member.joined' : 'member.left',
    payload: {
      occurredAt: now(),
      title: joined ? `${e.userName} joined` : `${e.userName} left`,
      text: joined ? `${e.userName} joined the domain.` : `${e.userName} is no longer a member of the domain.`,
      level: 'info',
      fields: fieldsOf({ User: e.userName }),
      data: { userId: e.userId, userName: e.userName, change: e.change },
    },
  };
}

/** null for a shared node (no domain to tell). */
export function nodeMessage(e: NodeStateChanged): IntegrationMessage | null {
  if (e.domainId === null) return null;
  const online = e.state === 'online';
  return {
    event: online ? 'node.online' : 'node.offline',
    payload: {
      occurredAt: now(),
      title: `Node ${e.nodeName} is ${e.state}`,
      text: `Node ${e.nodeName} is ${e.state}: ${e.reason}.`,
      level: online ? 'success' : 'warning',
      fields: fieldsOf({ Node: e.nodeName, Reason: e.reason }),
      data: { nodeId: e.nodeId, nodeName: e.nodeName, state: e.state, reason: e.reason },
    },
  };
}

export function testMessage(integrationName: string): IntegrationMessage {
  return {
    event: TEST_EVENT,
    payload: {
      occurredAt: now(),
      title: 'Outpost test message',
      text: `This is a test message for the integration "${integrationName}". If you can read it, deliveries work.`,
      level: 'info',
      fields: fieldsOf({ Integration: integrationName }),
      data: { test: true },
    },
  };
}

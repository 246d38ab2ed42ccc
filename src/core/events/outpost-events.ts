import type { ConsoleOutputEvent, EventMap, EventName } from '@libs/agent-protocol/protocol';
import type { DomainId } from '@libs/tenancy/domain-id';

/**
 * What an agent said, as it said it. Only the node is known (its socket proved it); which domain
 * an event concerns is for the module that owns what the event is about to work out.
 */
export type AgentEvent = { [E in EventName]: { nodeId: string; event: E; data: EventMap[E] } }[EventName];

/** A console line of a game server, after the game-server side checked the server sits on the sending node. */
export interface ServerConsoleLine {
  domainId: DomainId;
  nodeId: string;
  serverId: string;
  output: ConsoleOutputEvent;
}

/** A game server changed state (or was deleted: state `offline`, reason `deleted`). */
export interface ServerStateChanged {
  domainId: DomainId;
  serverId: string;
  state: string;
  reason: string | null;
}

/** A game server changed without anyone asking (crash, automatic restart, crash-loop stop, state corrected from the node): audited with actor `system`. */
export interface ServerSystemEvent {
  domainId: DomainId;
  serverId: string;
  serverName: string;
  action: 'crashed' | 'auto_restarted' | 'crash_loop_stopped' | 'reconciled';
  details: Record<string, string | number | boolean | null>;
}

/** A node's agent connection came or went (emitted once per real change, by the process that saw it). */
export interface NodeStateChanged {
  /** The owning domain; null for a shared node (serves several domains). */
  domainId: DomainId | null;
  nodeId: string;
  nodeName: string;
  state: 'online' | 'offline';
  /** Why, in words: 'agent connected', 'agent disconnected', 'heartbeats stopped'. */
  reason: string;
}

/** A backup reached its end state. */
export interface BackupFinished {
  domainId: DomainId;
  backupId: string;
  backupName: string;
  serverId: string;
  serverName: string;
  status: 'completed' | 'failed';
  sizeBytes: number | null;
  /** The failure in words; null when completed. */
  error: string | null;
}

/** Someone joined or left a domain. */
export interface MembershipChanged {
  domainId: DomainId;
  userId: string;
  userName: string;
  change: 'joined' | 'left';
}

/** An alert fired, fired again after a quiet period, or resolved (acknowledging emits nothing). */
export interface AlertChanged {
  domainId: DomainId;
  alertId: string;
  ruleId: string;
  ruleName: string;
  /** The rule's condition kind, e.g. 'server.crashed', 'node.offline', 'server.memory'. */
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  state: 'firing' | 'resolved';
  subject: { type: 'gameserver' | 'node' | 'backup'; id: string; name: string };
  /** One sentence for people: what happened. */
  message: string;
  /** When the condition started (firing) or ended (resolved). */
  at: string;
}

/** Every in-process event: name → payload. The one place to read who can say what. */
export interface OutpostEvents {
  /** Emitted by the node module's AgentChannel for every agent event. */
  'agent.event': AgentEvent;
  /** Emitted by the game-server module for console lines of servers on the sending node. */
  'gameserver.console': ServerConsoleLine;
  /** Emitted by the game-server module on every state transition. */
  'gameserver.state': ServerStateChanged;
  /** Emitted by the game-server module; the audit log records it (Identity's AuditService). */
  'gameserver.system': ServerSystemEvent;
  /** Emitted by the node module when a node goes online or offline. */
  'node.state': NodeStateChanged;
  /** Emitted by the backup module when a backup completes or fails. */
  'backup.finished': BackupFinished;
  /** Emitted by Identity (membership) when a member joins or leaves a domain. */
  'membership.changed': MembershipChanged;
  /** Emitted by the alert module; integrations deliver it. */
  'alert.changed': AlertChanged;
}

export type OutpostEventName = keyof OutpostEvents;

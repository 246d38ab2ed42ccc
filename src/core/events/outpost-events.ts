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
}

export type OutpostEventName = keyof OutpostEvents;

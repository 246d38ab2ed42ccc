import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { EventBus } from '../../core/events/event-bus';
import { DomainId } from '@libs/tenancy/domain-id';
import { GameServer, GameServerState as S } from './entities/gameserver.entity';
import { GameServerRepository } from './gameserver.repository';
import { Transition, TRANSITIONS } from './state-machine';

/**
 * The bottom layer of the lifecycle: a server's row and its state. Every state change is a
 * compare-and-set on the row (the guard against two actions racing, across API processes too)
 * and is announced on the EventBus as `gameserver.state`.
 */
@Injectable()
export class GameServerStates {
  constructor(
    private readonly servers: GameServerRepository,
    private readonly bus: EventBus,
  ) {}

  /** A server of this domain, or 404. */
  async find(domainId: DomainId, id: string): Promise<GameServer> {
    const server = await this.servers.findById(domainId, id);
    if (!server) throw AppError.notFound('Game server');
    return server;
  }

  async update(domainId: DomainId, id: string, patch: Partial<GameServer>): Promise<void> {
    await this.servers.update(domainId, id, patch);
  }

  /** Runs `transition` if the server is still in one of its `from` states; null when it was not. */
  async move(domainId: DomainId, id: string, transition: Transition, patch: Partial<GameServer> = {}, reason: string | null = null): Promise<GameServer | null> {
    const { from, to } = TRANSITIONS[transition];
    const row = await this.servers.transition(domainId, id, [...from], to, { stateReason: reason, ...patch });
    if (row) this.bus.emit('gameserver.state', { domainId, serverId: id, state: to, reason });
    if (row && transition === 'restartAfterCrash')
      this.bus.emit('gameserver.system', { domainId, serverId: id, serverName: row.name, action: 'auto_restarted', details: { crashes: row.recentCrashes?.length ?? 0 } });
    return row;
  }

  /**
   * Undoes an action's first step when the action never happened on the node (its command was not
   * delivered, or the node says the container is as it was): `during` back to `before`.
   */
  async restore(domainId: DomainId, id: string, during: S, before: S, reason: string | null, patch: Partial<GameServer> = {}): Promise<GameServer | null> {
    const row = await this.servers.transition(domainId, id, [during], before, { ...patch, stateReason: reason });
    if (row) this.bus.emit('gameserver.state', { domainId, serverId: id, state: before, reason });
    return row;
  }

  /** `move`, or 409 naming the state the server is in. */
  async moveOrConflict(domainId: DomainId, id: string, transition: Transition, action: string): Promise<GameServer> {
    const row = await this.move(domainId, id, transition);
    if (row) return row;
    const current = await this.find(domainId, id);
    throw AppError.conflict(`Cannot ${action} a server that is ${current.state}`, { state: current.state });
  }

  /** Deletes the row (allocations, metrics and console history cascade) and says so. */
  async delete(domainId: DomainId, id: string): Promise<void> {
    await this.servers.delete(domainId, id);
    this.bus.emit('gameserver.state', { domainId, serverId: id, state: S.OFFLINE, reason: 'deleted' });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IDLE_STATES } from './state-machine';
import { AppError } from '../../core/errors/app-error';
import { toOutput } from '../../core/http/output';
import { DomainId } from '@libs/tenancy/domain-id';
import { NodeService } from '../node/node.service';
import { AllocationRepository, GameServerRepository } from './gameserver.repository';
import { Allocation } from './entities/allocation.entity';
import { GameServer } from './entities/gameserver.entity';
import { GameServerPower } from './power.service';
import { GameServerStates } from './server-state.service';
import { AllocationOutputDTO } from './dto/gameserver.dto';
import { AllocationCreateDTO, AllocationListOutputDTO, AllocationUpdateDTO, MAX_ALLOCATIONS_PER_SERVER, PORTS_NEXT_START } from './dto/allocation.dto';

/**
 * A server's ports (Pterodactyl's Network tab): add one from its node's range, remove one, choose
 * the primary (SERVER_PORT), write notes. The container keeps its ports until the next start,
 * which makes it again (`containerOutdated`, read by the power layer's start).
 */
@Injectable()
export class AllocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly servers: GameServerRepository,
    private readonly allocations: AllocationRepository,
    private readonly states: GameServerStates,
    private readonly power: GameServerPower,
    private readonly nodes: NodeService,
  ) {}

  async list(domainId: DomainId, serverId: string): Promise<AllocationListOutputDTO> {
    return this.view(domainId, await this.states.find(domainId, serverId));
  }

  async add(domainId: DomainId, serverId: string, input: AllocationCreateDTO): Promise<AllocationListOutputDTO> {
    const protocol = input.protocol ?? 'tcp';
    // In this process, after any power action on the server: a start reading the old port set cannot clear the flag set here.
    return this.power.exclusive(serverId, async () => {
      const server = await this.states.find(domainId, serverId);
      const node = await this.nodes.find(domainId, server.nodeId);
      await this.dataSource.transaction(async (tx) => {
        // One port change per node at a time (every domain's servers share its range); the unique index is the last word.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ports:${node.id}`]);
        const repo = this.allocations.withManager(tx);
        const current = await repo.forServer(domainId, server.id);
        if (current.length >= MAX_ALLOCATIONS_PER_SERVER) throw AppError.conflict(`A server can have at most ${MAX_ALLOCATIONS_PER_SERVER} ports; remove one first`);
        const taken = await repo.takenPorts(node.id, protocol);
        let port = input.port;
        if (port !== undefined) {
          if (port < node.portRangeStart || port > node.portRangeEnd)
            throw AppError.validation(`Port ${port} is outside node ${node.name}'s port range ${node.portRangeStart}-${node.portRangeEnd}`, [
              { path: 'port', code: 'range', message: `Choose a port between ${node.portRangeStart} and ${node.portRangeEnd}` },
            ]);
          if (taken.has(port)) throw AppError.conflict(`Port ${port}/${protocol} is already in use on node ${node.name}; choose another port`);
        } else {
          for (let p = node.portRangeStart; p <= node.portRangeEnd && port === undefined; p++) if (!taken.has(p)) port = p;
          if (port === undefined) throw AppError.conflict(`Node ${node.name} has no free ${protocol} port in ${node.portRangeStart}-${node.portRangeEnd}`);
        }
        // A 23505 on allocation_node_port (a race with another API process) becomes a 409 in the exception filter.
        await repo.insert(domainId, {
          nodeId: node.id,
          gameserverId: server.id,
          name: 'additional',
          ip: node.address,
          port,
          containerPort: input.containerPort ?? port,
          protocol,
          primary: !current.some((a) => a.primary),
          notes: input.notes ?? '',
        });
        await this.markOutdated(tx, domainId, server);
      });
      return this.view(domainId, await this.states.find(domainId, serverId));
    });
  }

  async remove(domainId: DomainId, serverId: string, allocationId: string): Promise<AllocationListOutputDTO> {
    return this.power.exclusive(serverId, async () => {
      const server = await this.states.find(domainId, serverId);
      const allocation = await this.findAllocation(domainId, server.id, allocationId);
      if (allocation.primary) throw AppError.conflict('The primary port cannot be removed: make another port primary first');
      // A running container keeps the port bound until it is made again: freed now, it could be handed to
      // another server on the node (another tenant's, on a shared node) that then cannot bind it.
      if (!IDLE_STATES.includes(server.state)) throw AppError.conflict(`Stop the server before removing a port (it is ${server.state}): its container still holds it`);
      await this.dataSource.transaction(async (tx) => {
        await this.allocations.withManager(tx).delete(domainId, allocation.id);
        await this.markOutdated(tx, domainId, server);
      });
      return this.view(domainId, await this.states.find(domainId, serverId));
    });
  }

  async makePrimary(domainId: DomainId, serverId: string, allocationId: string): Promise<AllocationListOutputDTO> {
    return this.power.exclusive(serverId, async () => {
      const server = await this.states.find(domainId, serverId);
      const allocation = await this.findAllocation(domainId, server.id, allocationId);
      if (!allocation.primary) {
        await this.dataSource.transaction(async (tx) => {
          const repo = this.allocations.withManager(tx);
          // Two statements: the partial unique index allows one primary at any moment, so the old one goes first.
          for (const old of await repo.find(domainId, { gameserverId: server.id, primary: true })) await repo.update(domainId, old.id, { primary: false });
          await repo.update(domainId, allocation.id, { primary: true });
          // SERVER_PORT (environment and startup line) names the primary port.
          await this.markOutdated(tx, domainId, server);
        });
      }
      return this.view(domainId, await this.states.find(domainId, serverId));
    });
  }

  /** Notes are for people: the container does not change. */
  async update(domainId: DomainId, serverId: string, allocationId: string, input: AllocationUpdateDTO): Promise<AllocationListOutputDTO> {
    const server = await this.states.find(domainId, serverId);
    const allocation = await this.findAllocation(domainId, server.id, allocationId);
    await this.allocations.update(domainId, allocation.id, { notes: input.notes });
    return this.view(domainId, server);
  }

  private async findAllocation(domainId: DomainId, serverId: string, allocationId: string): Promise<Allocation> {
    const allocation = await this.allocations.findOne(domainId, { id: allocationId, gameserverId: serverId });
    if (!allocation) throw AppError.notFound('Allocation');
    return allocation;
  }

  /** A server without a container gets one with the current ports at its next start anyway. */
  private async markOutdated(tx: EntityManager, domainId: DomainId, server: GameServer): Promise<void> {
    if (server.containerId) await this.servers.withManager(tx).update(domainId, server.id, { containerOutdated: true });
  }

  private async view(domainId: DomainId, server: GameServer): Promise<AllocationListOutputDTO> {
    const node = await this.nodes.find(domainId, server.nodeId);
    const rows = await this.allocations.forServer(domainId, server.id);
    rows.sort((a, b) => Number(b.primary) - Number(a.primary) || a.port - b.port || a.protocol.localeCompare(b.protocol));
    return {
      allocations: toOutput(AllocationOutputDTO, rows),
      address: node.address,
      portRangeStart: node.portRangeStart,
      portRangeEnd: node.portRangeEnd,
      limit: MAX_ALLOCATIONS_PER_SERVER,
      restartRequired: server.containerOutdated,
      note: PORTS_NEXT_START,
    };
  }
}

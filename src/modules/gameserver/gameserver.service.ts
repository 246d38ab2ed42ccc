import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { loadExtends, SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { Principal } from '../auth/auth-context';
import { validateVariableValues, WorkloadDefinition } from '../workload/definition/workload-definition';
import { WorkloadService } from '../workload/workload.service';
import type { Node } from '../node/node.types';
import { AllocationRepository, GameServerMetricRepository, GameServerRepository } from './gameserver.repository';
import { GameServer, GameServerState } from './entities/gameserver.entity';
import { Allocation } from './entities/allocation.entity';
import { PlannerService } from './planner.service';
import { GameServerPower } from './power.service';
import { visibleDefinition, visibleVariables } from '../workload/definition/variable-visibility';
import { GameServerRuntime } from './runtime.service';
import { GameServerStates } from './server-state.service';
import { METRICS_HISTORY_LIMIT, MetricWindowSummary, metricsWindow } from '../../core/metrics/window';
import { IDLE_STATES } from './state-machine';
import { GAMESERVER_SEARCH, GameServerCreateDTO, GameServerOutputDTO, GameServerStatsDTO, GameServerUpdateDTO, PowerAction } from './dto/gameserver.dto';
import { MAX_ALLOCATIONS_PER_SERVER } from './dto/allocation.dto';

/** A host port the caller chose (compat APIs such as Skyport's deploy), instead of the automatic ones. */
// Why this file is over 300 lines: it is the module's only export, so every caller's entry point is
// here (reads, create/update with placement and ports in one transaction, node moves, the power facade);
// the work behind each entry lives in the layer files.

export interface RequestedPort {
  name: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface CreateOptions {
  /** Reserve exactly these host ports (inside the node's range, free) instead of the template's automatic ones. */
  ports?: RequestedPort[];
  /** Owner of the new server; default the caller. */
  ownerId?: string;
}

export interface NodeMove {
  previousNodeId: string;
  previousContainerId: string | null;
  previousAllocations: Allocation[];
}

@Injectable()
export class GameServerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly servers: GameServerRepository,
    private readonly allocations: AllocationRepository,
    private readonly workloads: WorkloadService,
    private readonly planner: PlannerService,
    private readonly states: GameServerStates,
    private readonly power: GameServerPower,
    private readonly runtime: GameServerRuntime,
    private readonly metrics: GameServerMetricRepository,
  ) {}

  /** A server of this domain, or 404: what files, console and compat APIs work on. */
  find(domainId: DomainId, id: string): Promise<GameServer> {
    return this.states.find(domainId, id);
  }

  /** Compat APIs (Skyport) address a server by id or by container id; null when this domain has no such server. */
  findByIdOrContainerId(domainId: DomainId, ref: string): Promise<GameServer | null> {
    return isUuid(ref) ? this.servers.findById(domainId, ref) : this.servers.findOne(domainId, { containerId: ref });
  }

  /** The domain's servers as stored, oldest first (compat APIs show fields the output DTO leaves out, such as containerId). */
  list(domainId: DomainId, where: { id?: string; ownerId?: string } = {}): Promise<GameServer[]> {
    return this.servers.find(domainId, where, { createdAt: 'ASC' });
  }

  /**
   * The domain a server belongs to, for the console socket (it has no domain header). Only the id
   * leaves; the caller checks the user's membership of that domain before showing anything.
   */
  domainOf(serverId: string): Promise<DomainId | null> {
    return this.servers.crossDomainDomainOf(serverId);
  }

  /** `canManageWorkloads`: the caller holds workloads.manage and sees hidden variables (see variable-visibility.ts). */
  async search(domainId: DomainId, query: SearchQuery, canManageWorkloads: boolean): Promise<Paged<GameServerOutputDTO>> {
    const r = await new SearchEngine(GAMESERVER_SEARCH).execute(this.servers.queryBuilder(domainId, 'g'), 'g', query);
    await loadExtends(this.servers.queryBuilder(domainId, 'g'), GAMESERVER_SEARCH, r.items, query.extend, domainId);
    return new Paged(await this.presentAll(domainId, r.items, canManageWorkloads), r.total, r.page, r.limit);
  }

  async get(domainId: DomainId, id: string, canManageWorkloads: boolean): Promise<GameServerOutputDTO> {
    const server = await this.find(domainId, id);
    const [withAllocations] = await loadExtends(this.servers.queryBuilder(domainId, 'g'), GAMESERVER_SEARCH, [server], ['allocations'], domainId);
    return this.present(domainId, withAllocations, canManageWorkloads);
  }

  /** A server as the caller may see it: the output DTO with only the variables (and template variables) visible to them. */
  async present(domainId: DomainId, server: GameServer, canManageWorkloads: boolean): Promise<GameServerOutputDTO> {
    return (await this.presentAll(domainId, [server], canManageWorkloads))[0];
  }

  /** Like `present` for a page: the templates of all its servers are read in one query, not one per row. */
  async presentAll(domainId: DomainId, servers: GameServer[], canManageWorkloads: boolean): Promise<GameServerOutputDTO[]> {
    const out = toOutput(GameServerOutputDTO, servers);
    if (canManageWorkloads || !servers.length) return out;
    const definitions = new Map<string, WorkloadDefinition>();
    const ids = [...new Set(servers.map((s) => s.workloadId))];
    // A page holds at most MAX_LIMIT servers, so at most that many templates: one page of the workload search.
    for (const w of (await this.workloads.search(domainId, { filters: { id: ids }, limit: ids.length })).items) definitions.set(w.id, w.definition);
    for (const o of out) {
      const def = definitions.get(o.workloadId) ?? null;
      o.variables = visibleVariables(o.variables ?? {}, def, false);
      // `extend: ['workload']` carries the template; its hidden variables' defaults are as secret as the values.
      if (o.workload?.definition) o.workload.definition = visibleDefinition(o.workload.definition, false);
    }
    return out;
  }

  private checkVariables(def: WorkloadDefinition, values: Record<string, unknown>, asAdmin: boolean, current?: Record<string, string>) {
    const result = validateVariableValues(def, values, { asAdmin, current });
    if (result.errors.length) throw AppError.validation(`Invalid variables: ${result.errors.map((e) => e.message).join(' ')}`, result.errors);
    return result.values;
  }

  /** Places the server, reserves its ports, and creates its container on the node. */
  async create(domainId: DomainId, principal: Principal, input: GameServerCreateDTO, canManageWorkloads: boolean, options: CreateOptions = {}): Promise<GameServerOutputDTO> {
    const workload = await this.workloads.find(domainId, input.workloadId);
    const def = workload.definition;
    const variables = this.checkVariables(def, input.variables ?? {}, canManageWorkloads);
    const image = input.image ?? def.images[0]?.ref;
    if (!image) throw AppError.validation('The workload has no image', [{ path: 'image', code: 'required', message: 'image is required' }]);
    if (input.image && !def.images.some((i) => i.ref === input.image) && !canManageWorkloads) {
      throw AppError.validation("image must be one of the workload's images", [{ path: 'image', code: 'notAllowed', message: `allowed: ${def.images.map((i) => i.ref).join(', ')}` }]);
    }
    const resources = {
      memoryMiB: input.memoryMiB ?? def.defaults.memoryMiB,
      cpuPercent: input.cpuPercent ?? def.defaults.cpuPercent,
      diskMiB: input.diskMiB ?? def.defaults.diskMiB,
      pids: input.pids ?? def.defaults.pids,
    };

    // Serialise placements per domain so two creates can't both take the last free capacity.
    const server = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`placement:${domainId}`]);
      const node = await this.planner.place(domainId, { ...resources, tags: input.tags }, input.nodeId);
      const repo = this.servers.withManager(tx);
      const created = await repo.insert(domainId, {
        name: input.name,
        workloadId: workload.id,
        nodeId: node.id,
        ownerId: options.ownerId ?? principal.userId,
        image,
        variables,
        ...resources,
        autoRestart: input.autoRestart ?? true,
        state: def.install ? GameServerState.INSTALLING : GameServerState.OFFLINE,
      });
      if (options.ports) await this.reservePorts(tx, domainId, node, created, options.ports);
      else await this.allocatePorts(tx, domainId, node, created, def);
      return created;
    });
    const provisioning = this.power.provision(domainId, server.id);
    // Installs can take minutes: reply with `installing` and let the state tell the rest.
    if (!def.install) await provisioning;
    return this.get(domainId, server.id, canManageWorkloads);
  }

  private async allocatePorts(tx: import('typeorm').EntityManager, domainId: DomainId, node: Node, server: GameServer, def: WorkloadDefinition): Promise<void> {
    const repo = this.allocations.withManager(tx);
    for (const [index, port] of def.defaults.ports.entries()) {
      const taken = await repo.takenPorts(node.id, port.protocol);
      let chosen: number | undefined;
      for (let p = node.portRangeStart; p <= node.portRangeEnd; p++) {
        if (!taken.has(p)) {
          chosen = p;
          break;
        }
      }
      if (chosen === undefined) throw AppError.conflict(`Node ${node.name} has no free ${port.protocol} port in ${node.portRangeStart}-${node.portRangeEnd}`);
      try {
        await repo.insert(domainId, {
          nodeId: node.id,
          gameserverId: server.id,
          name: port.name,
          ip: node.address,
          port: chosen,
          containerPort: port.containerPort || chosen,
          protocol: port.protocol,
          primary: index === 0,
        });
      } catch (err) {
        if (err instanceof QueryFailedError && (err as { code?: string }).code === '23505') throw AppError.conflict('A port was taken concurrently; try again');
        throw err;
      }
    }
  }

  /** Reserves host ports chosen by the caller: each inside the node's range and not taken (any domain). */
  private async reservePorts(tx: import('typeorm').EntityManager, domainId: DomainId, node: Node, server: GameServer, ports: RequestedPort[]): Promise<void> {
    if (ports.length > MAX_ALLOCATIONS_PER_SERVER) throw AppError.badRequest(`A server can have at most ${MAX_ALLOCATIONS_PER_SERVER} ports`);
    const repo = this.allocations.withManager(tx);
    for (const [index, port] of ports.entries()) {
      if (port.hostPort < node.portRangeStart || port.hostPort > node.portRangeEnd) {
        throw AppError.badRequest(`Port ${port.hostPort} is outside node ${node.name}'s port range ${node.portRangeStart}-${node.portRangeEnd}`);
      }
      if ((await repo.takenPorts(node.id, port.protocol)).has(port.hostPort)) throw AppError.conflict(`Port ${port.hostPort}/${port.protocol} is already in use on node ${node.name}`);
      try {
        await repo.insert(domainId, {
          nodeId: node.id,
          gameserverId: server.id,
          name: port.name,
          ip: node.address,
          port: port.hostPort,
          containerPort: port.containerPort,
          protocol: port.protocol,
          primary: index === 0,
        });
      } catch (err) {
        if (err instanceof QueryFailedError && (err as { code?: string }).code === '23505') throw AppError.conflict(`Port ${port.hostPort}/${port.protocol} was taken concurrently; try again`);
        throw err;
      }
    }
  }

  /**
   * Host ports taken on a node (by any domain's servers; port numbers only), per protocol: what an
   * importer checks requested ports against before `create` reserves them. The caller has resolved
   * the node for its domain first (NodeService.find).
   */
  async takenPorts(nodeId: string): Promise<{ tcp: Set<number>; udp: Set<number> }> {
    const [tcp, udp] = await Promise.all([this.allocations.takenPorts(nodeId, 'tcp'), this.allocations.takenPorts(nodeId, 'udp')]);
    return { tcp, udp };
  }

  /** Resource, image or variable changes rebuild the container (data stays) — only while stopped. */
  async update(domainId: DomainId, id: string, patch: GameServerUpdateDTO, canManageWorkloads: boolean): Promise<GameServerOutputDTO> {
    const server = await this.find(domainId, id);
    const changes: Partial<GameServer> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.autoRestart !== undefined) changes.autoRestart = patch.autoRestart;
    const rebuild =
      patch.variables !== undefined || patch.image !== undefined || patch.memoryMiB !== undefined || patch.cpuPercent !== undefined || patch.diskMiB !== undefined || patch.pids !== undefined;
    if (rebuild) {
      if (!IDLE_STATES.includes(server.state)) throw AppError.conflict(`Stop the server before changing its resources, image or variables (it is ${server.state})`);
      const workload = await this.workloads.find(domainId, server.workloadId);
      if (patch.variables !== undefined) changes.variables = this.checkVariables(workload.definition, patch.variables, canManageWorkloads, server.variables);
      if (patch.image !== undefined) {
        if (!workload.definition.images.some((i) => i.ref === patch.image) && !canManageWorkloads)
          throw AppError.validation("image must be one of the workload's images", [{ path: 'image', code: 'notAllowed', message: 'image not allowed' }]);
        changes.image = patch.image;
      }
      const resources = { memoryMiB: patch.memoryMiB ?? server.memoryMiB, cpuPercent: patch.cpuPercent ?? server.cpuPercent, diskMiB: patch.diskMiB ?? server.diskMiB };
      const grows = resources.memoryMiB > server.memoryMiB || resources.cpuPercent > server.cpuPercent || resources.diskMiB > server.diskMiB;
      if (grows) {
        const delta = {
          memoryMiB: Math.max(resources.memoryMiB - server.memoryMiB, 0),
          cpuPercent: Math.max(resources.cpuPercent - server.cpuPercent, 0),
          diskMiB: Math.max(resources.diskMiB - server.diskMiB, 0),
        };
        await this.planner.place(domainId, delta, server.nodeId);
      }
      Object.assign(changes, resources, patch.pids !== undefined ? { pids: patch.pids } : {});
    }
    await this.servers.update(domainId, id, changes);
    if (rebuild) await this.power.rebuild(domainId, id);
    return this.get(domainId, id, canManageWorkloads);
  }

  /**
   * Points the server at another node: checks the target's capacity, swaps its allocations for
   * free ports there, all in one transaction. Returns the previous node and ports, for rollback.
   */
  /** `record`: runs in the move's transaction with what it replaced, so a durable record of the move commits with it. */
  async moveToNode(domainId: DomainId, id: string, targetNodeId: string, record?: (tx: EntityManager, move: NodeMove) => Promise<void>): Promise<NodeMove> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`placement:${domainId}`]);
      const server = await this.servers.withManager(tx).findById(domainId, id);
      if (!server) throw AppError.notFound('Game server');
      if (server.nodeId === targetNodeId) throw AppError.badRequest('The server is already on that node');
      const node = await this.planner.place(domainId, { memoryMiB: server.memoryMiB, diskMiB: server.diskMiB, cpuPercent: server.cpuPercent }, targetNodeId);
      const allocations = this.allocations.withManager(tx);
      const previousAllocations = await allocations.forServer(domainId, id);
      for (const a of previousAllocations) await allocations.delete(domainId, a.id);
      await this.servers.withManager(tx).update(domainId, id, { nodeId: node.id, containerId: null });
      const def = (await this.workloads.find(domainId, server.workloadId)).definition;
      await this.allocatePorts(tx, domainId, node, server, def);
      const move = { previousNodeId: server.nodeId, previousContainerId: server.containerId, previousAllocations };
      await record?.(tx, move);
      return move;
    });
  }

  /** Undoes moveToNode when copying the data failed. */
  async restoreNode(domainId: DomainId, id: string, previous: NodeMove): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const allocations = this.allocations.withManager(tx);
      for (const a of await allocations.forServer(domainId, id)) await allocations.delete(domainId, a.id);
      for (const a of previous.previousAllocations) {
        await allocations.insert(domainId, {
          nodeId: a.nodeId,
          gameserverId: id,
          name: a.name,
          ip: a.ip,
          port: a.port,
          containerPort: a.containerPort,
          protocol: a.protocol,
          primary: a.primary,
          notes: a.notes,
        });
      }
      await this.servers.withManager(tx).update(domainId, id, { nodeId: previous.previousNodeId, containerId: previous.previousContainerId });
    });
  }

  async remove(domainId: DomainId, id: string): Promise<void> {
    await this.power.destroy(domainId, id);
  }

  /** `holder`: the hold (see `hold`) this action belongs to, so it is not refused by it. */
  powerAction(domainId: DomainId, id: string, action: PowerAction, holder?: symbol): Promise<GameServer> {
    return this.power.power(domainId, id, action, holder);
  }

  /** Refuses other power actions on the server until released (backup restores). In this process. */
  hold(id: string, reason: string): { holder: symbol; release(): void } {
    return this.power.hold(id, reason);
  }

  reinstall(domainId: DomainId, id: string): Promise<GameServer> {
    return this.power.reinstall(domainId, id);
  }

  sendCommand(domainId: DomainId, id: string, command: string): Promise<void> {
    return this.power.sendCommand(domainId, id, command);
  }

  /** Runs `work` with no power action on this server in between (transfers). */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.power.exclusive(id, work);
  }

  /** Creates the server's container on the node its row names (after a move). Call inside `exclusive`. */
  async createContainer(domainId: DomainId, id: string): Promise<void> {
    await this.runtime.createContainer(await this.find(domainId, id));
  }

  async stats(domainId: DomainId, id: string): Promise<GameServerStatsDTO> {
    const server = await this.find(domainId, id);
    const base = {
      state: server.state,
      cpuPercent: 0,
      memoryBytes: 0,
      memoryLimitBytes: server.memoryMiB * 1024 * 1024,
      networkRxBytes: 0,
      networkTxBytes: 0,
      diskUsedBytes: null as number | null,
      uptimeSeconds: null as number | null,
    };
    if (server.state !== GameServerState.RUNNING && server.state !== GameServerState.STARTING) return base;
    const { stats, diskUsedBytes } = await this.runtime.liveStats(server);
    return {
      ...base,
      cpuPercent: stats.cpuPercent,
      memoryBytes: stats.memoryBytes,
      memoryLimitBytes: stats.memoryLimitBytes,
      networkRxBytes: stats.networkRxBytes,
      networkTxBytes: stats.networkTxBytes,
      diskUsedBytes,
      uptimeSeconds: server.startedAt ? Math.round((Date.now() - new Date(server.startedAt).getTime()) / 1000) : null,
    };
  }

  /** Alerts on metrics: per server of the domain (or only `serverId`), its CPU or memory samples since `since` as percentages of its limits. */
  metricWindow(domainId: DomainId, metric: 'cpu' | 'memory', since: Date, serverId?: string): Promise<MetricWindowSummary[]> {
    return this.metrics.windowSummary(domainId, metric, since, serverId);
  }

  async metricsHistory(domainId: DomainId, id: string, from?: string, to?: string) {
    await this.find(domainId, id);
    const w = metricsWindow(from, to);
    return this.metrics.history(domainId, id, w.from, w.to, METRICS_HISTORY_LIMIT);
  }
}

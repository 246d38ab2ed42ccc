import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId, isUuid, trustedDomainId } from '@libs/tenancy/domain-id';
import { Allocation } from './entities/allocation.entity';
import { GameServerMetric } from './entities/gameserver-metric.entity';
import { GameServer, GameServerState } from './entities/gameserver.entity';
import { MetricWindowSummary, toWindowSummaries, windowSummaryColumns } from '../../core/metrics/window';

export interface NodeUsage {
  nodeId: string;
  memoryMiB: number;
  diskMiB: number;
  cpuPercent: number;
  servers: number;
}

@Injectable()
export class GameServerRepository extends ScopedRepository<GameServer> {
  constructor(@InjectRepository(GameServer) repo: Repository<GameServer>) {
    super(repo);
  }

  /**
   * Compare-and-set on the state column: the transition happens only if the server is still in
   * one of `from` — the guard against two power actions racing (across API processes too).
   */
  async transition(domainId: DomainId, id: string, from: GameServerState[], to: GameServerState, patch: Partial<GameServer> = {}): Promise<GameServer | null> {
    const result = await this.queryBuilder(domainId, 'g')
      .update(GameServer)
      .set({ ...patch, state: to } as never)
      .where('"domainId" = :d AND id = :id AND state IN (:...from)', { d: domainId, id, from })
      .returning('*')
      .execute();
    const row = (result.raw as GameServer[])[0];
    return row ? this.entityFrom(row) : null;
  }

  /**
   * Resources already promised on each node, by every domain's servers: a shared node's capacity
   * is one pool. Only sums leave this method. (The caller only passes nodes the domain may use.)
   */
  async usageByNode(nodeIds: string[]): Promise<Map<string, NodeUsage>> {
    const out = new Map<string, NodeUsage>();
    if (!nodeIds.length) return out;
    const rows: Array<Record<string, string>> = await this.crossDomain('sharedNodeCapacity')
      .queryBuilder('g')
      .select('g."nodeId"', 'nodeId')
      .addSelect('COALESCE(SUM(g."memoryMiB"),0)', 'memoryMiB')
      .addSelect('COALESCE(SUM(g."diskMiB"),0)', 'diskMiB')
      .addSelect('COALESCE(SUM(g."cpuPercent"),0)', 'cpuPercent')
      .addSelect('COUNT(*)', 'servers')
      .where('g."nodeId" IN (:...nodeIds)', { nodeIds })
      .groupBy('g."nodeId"')
      .getRawMany();
    for (const r of rows) out.set(r.nodeId, { nodeId: r.nodeId, memoryMiB: Number(r.memoryMiB), diskMiB: Number(r.diskMiB), cpuPercent: Number(r.cpuPercent), servers: Number(r.servers) });
    return out;
  }

  // Agent events name a node (proven by its socket) and a server id (the agent's word); a shared
  // node serves several domains, so these reads cross domains, and answer only for servers placed
  // on that node.

  /** The server an agent speaks for, if it sits on that agent's node; its row then scopes everything else. */
  async crossDomainServerOnNode(nodeId: string, serverId: string): Promise<GameServer | null> {
    if (!isUuid(serverId)) return null;
    return this.crossDomain('agentReports').findOne({ id: serverId, nodeId });
  }

  /** Every domain's servers on a node: a whole-node inventory concerns all of them. */
  crossDomainServersOnNode(nodeId: string): Promise<GameServer[]> {
    return this.crossDomain('agentReports').find({ nodeId });
  }

  /**
   * The domain a server belongs to, for the console socket (it has no domain header): only the id
   * leaves; the caller then checks the user's membership of that domain before showing anything.
   */
  async crossDomainDomainOf(serverId: string): Promise<DomainId | null> {
    if (!isUuid(serverId)) return null;
    const row = await this.crossDomain('consoleSocketDomain').findOne({ id: serverId }, { id: true, domainId: true });
    return row ? trustedDomainId(row.domainId) : null;
  }
}

@Injectable()
export class AllocationRepository extends ScopedRepository<Allocation> {
  constructor(@InjectRepository(Allocation) repo: Repository<Allocation>) {
    super(repo);
  }

  /**
   * Ports on a node are a machine resource shared by every domain whose servers run there, so
   * the taken set is read across domains (ports only, nothing else leaves this method).
   */
  async takenPorts(nodeId: string, protocol: 'tcp' | 'udp'): Promise<Set<number>> {
    const rows = await this.crossDomain('sharedNodeCapacity').query<Array<{ port: number }>>('SELECT port FROM allocation WHERE "nodeId" = $1 AND protocol = $2', [nodeId, protocol]);
    return new Set(rows.map((r) => r.port));
  }

  forServer(domainId: DomainId, gameserverId: string): Promise<Allocation[]> {
    return this.find(domainId, { gameserverId }, { port: 'ASC' });
  }
}

@Injectable()
export class GameServerMetricRepository extends ScopedRepository<GameServerMetric> {
  constructor(@InjectRepository(GameServerMetric) repo: Repository<GameServerMetric>) {
    super(repo);
  }

  /**
   * Per server of the domain (or only `gameserverId`), its samples since `since` summed up as
   * percentages: CPU of the server's own limit (100 = its cores), memory of its memory limit.
   */
  async windowSummary(domainId: DomainId, metric: 'cpu' | 'memory', since: Date, gameserverId?: string): Promise<MetricWindowSummary[]> {
    const pct =
      metric === 'cpu'
        ? `CASE WHEN g."cpuPercent" > 0 THEN m."cpuPercent" * 100.0 / g."cpuPercent" ELSE m."cpuPercent" END`
        : `CASE WHEN m."memoryLimitBytes" > 0 THEN m."memoryBytes" * 100.0 / m."memoryLimitBytes" ELSE m."memoryBytes" * 100.0 / (g."memoryMiB"::bigint * 1048576) END`;
    const qb = this.queryBuilder(domainId, 'm')
      .innerJoin(GameServer, 'g', 'g.id = m."gameserverId" AND g."domainId" = m."domainId"')
      .select('m."gameserverId"', 'id')
      .addSelect('g.name', 'name')
      .andWhere('m.time >= :since', { since })
      .groupBy('m."gameserverId"')
      .addGroupBy('g.name');
    for (const [expression, alias] of windowSummaryColumns(pct)) qb.addSelect(expression, alias);
    if (gameserverId) qb.andWhere('m."gameserverId" = :gameserverId', { gameserverId });
    return toWindowSummaries(await qb.getRawMany());
  }

  history(domainId: DomainId, gameserverId: string, from: Date, to: Date, limit: number): Promise<GameServerMetric[]> {
    return this.queryBuilder(domainId, 'm')
      .andWhere('m."gameserverId" = :gameserverId AND m.time >= :from AND m.time <= :to', { gameserverId, from, to })
      .orderBy('m.time', 'ASC')
      .limit(limit)
      .getMany();
  }
}

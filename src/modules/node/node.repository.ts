import { MetricWindowSummary, toWindowSummaries, windowSummaryColumns } from '../../core/metrics/window';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { NodeMetric } from './entities/node-metric.entity';
import { Node, NodeStatus } from './entities/node.entity';

/** A node whose status a statement just changed. */
export interface NodeStatusChange {
  id: string;
  name: string;
  domainId: string | null;
}

/** Domain-owned rows of the node table, as the scoped repository sees them. */
type OwnedNode = Node & { domainId: string };

@Injectable()
export class NodeRepository extends ScopedRepository<OwnedNode> {
  constructor(@InjectRepository(Node) repo: Repository<OwnedNode>) {
    super(repo);
  }

  // Shared nodes (domainId NULL) are visible to every domain; only instance admins manage them.

  /** The domain's own nodes plus the shared ones. */
  visible(domainId: DomainId, alias = 'n'): SelectQueryBuilder<OwnedNode> {
    return this.queryBuilderWithInstanceRows(domainId, alias);
  }

  async findVisible(domainId: DomainId, id: string): Promise<Node | null> {
    if (!isUuid(id)) return null;
    return this.visible(domainId, 'n').andWhere('n.id = :id', { id }).getOne();
  }

  listVisible(domainId: DomainId): Promise<Node[]> {
    return this.visible(domainId, 'n').orderBy('n."createdAt"', 'ASC').getMany();
  }

  insertShared(values: Partial<Node>): Promise<Node> {
    return this.insertInstanceRow(values as Partial<OwnedNode>);
  }

  /** Changes a shared node (the caller checked it is one and that an instance admin asks). */
  updateShared(id: string, patch: Partial<Node>): Promise<Node | null> {
    return this.updateInstanceRow(id, patch as Partial<OwnedNode>);
  }

  deleteShared(id: string): Promise<boolean> {
    return this.deleteInstanceRow(id);
  }

  /** Deletes a node (a domain's own, or a shared one with `domainId` null); 'has_servers' when the gameserver→node foreign key refuses. */
  async deleteNode(domainId: DomainId | null, id: string): Promise<'deleted' | 'has_servers'> {
    try {
      if (domainId) await this.delete(domainId, id);
      else await this.deleteShared(id);
      return 'deleted';
    } catch (err) {
      const driver = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
      if (driver?.code === '23503' && driver.constraint === 'gameserver_nodeId_fkey') return 'has_servers';
      throw err;
    }
  }

  async inventoryOf(domainId: DomainId, id: string): Promise<Record<string, unknown> | null> {
    const row = await this.visible(domainId, 'n').addSelect('n.inventory').andWhere('n.id = :id', { id }).getOne();
    return row?.inventory ?? null;
  }

  // Agent-facing lookups: the presented secret is the proof of identity, so they run before any
  // domain is known. They return the node, whose domainId then scopes everything else.

  findByRegisterTokenHash(hash: string): Promise<Node | null> {
    return this.crossDomain('credentialLookup').queryBuilder('n').where('n."registerTokenHash" = :hash', { hash }).getOne();
  }

  findByAgentTokenHash(hash: string): Promise<Node | null> {
    return this.crossDomain('credentialLookup').queryBuilder('n').where('n."agentTokenHash" = :hash', { hash }).getOne();
  }

  /** Used only by the agent channel, keyed by the node id its token proved. */
  findForAgent(nodeId: string): Promise<Node | null> {
    return this.crossDomain('agentNode').findOne({ id: nodeId });
  }

  async setAgentFields(nodeId: string, patch: Partial<Node>): Promise<void> {
    await this.crossDomain('agentNode').update({ id: nodeId }, patch as Partial<OwnedNode>);
  }

  /**
   * Moves the node's status to `status`; returns the node only when that changed something (so a
   * `node.state` event is emitted once per real change, by the process whose statement changed it).
   */
  async changeStatus(nodeId: string, status: NodeStatus): Promise<NodeStatusChange | null> {
    const rows = await this.crossDomain('agentNode').query<unknown[]>(`UPDATE node SET status = $2 WHERE id = $1 AND status <> $2 RETURNING id, name, "domainId"`, [nodeId, status]);
    return ((rows[0] ?? rows) as NodeStatusChange[])[0] ?? null;
  }

  /**
   * One statement for many heartbeats (1,000 agents at 5 s stay cheap); returns the nodes that were
   * not online before, and the ids that have no row (deleted nodes).
   */
  async recordHeartbeats(beats: Array<{ nodeId: string; at: Date }>): Promise<{ cameOnline: NodeStatusChange[]; missing: string[] }> {
    if (!beats.length) return { cameOnline: [], missing: [] };
    const values = beats.map((_, i) => `($${i * 2 + 1}::uuid, $${i * 2 + 2}::timestamptz)`).join(',');
    // Every CTE reads the snapshot before the UPDATE: `came` holds the nodes it brings online.
    const rows = await this.crossDomain('heartbeatSweep').query<unknown[]>(
      `WITH v(id, at) AS (VALUES ${values}), came AS (SELECT node.id FROM node JOIN v ON node.id = v.id WHERE node.status <> 'online')
       UPDATE node SET "lastHeartbeatAt" = v.at, status = 'online' FROM v WHERE node.id = v.id
       RETURNING node.id, node.name, node."domainId", node.id IN (SELECT id FROM came) AS "cameOnline"`,
      beats.flatMap((b) => [b.nodeId, b.at]),
    );
    const updated = (rows[0] ?? rows) as Array<NodeStatusChange & { cameOnline: boolean }>;
    const cameOnline: NodeStatusChange[] = [];
    const seen = new Set<string>();
    for (const { id, name, domainId, cameOnline: came } of updated) {
      seen.add(id);
      if (came) cameOnline.push({ id, name, domainId });
    }
    return { cameOnline, missing: beats.length === updated.length ? [] : beats.filter((b) => !seen.has(b.nodeId)).map((b) => b.nodeId) };
  }

  /** Nodes whose heartbeats stopped: returns the ones that just went offline. */
  async markSilentOffline(olderThan: Date): Promise<NodeStatusChange[]> {
    const rows = await this.crossDomain('heartbeatSweep').query<unknown[]>(
      `UPDATE node SET status = '${NodeStatus.OFFLINE}' WHERE status = '${NodeStatus.ONLINE}' AND ("lastHeartbeatAt" IS NULL OR "lastHeartbeatAt" < $1) RETURNING id, name, "domainId"`,
      [olderThan],
    );
    return (rows[0] ?? rows) as NodeStatusChange[];
  }
}

@Injectable()
export class NodeMetricRepository extends ScopedRepository<NodeMetric & { domainId: string }> {
  constructor(@InjectRepository(NodeMetric) repo: Repository<NodeMetric & { domainId: string }>) {
    super(repo);
  }

  /** Samples of a shared node (no domain). */
  insertShared(values: Partial<NodeMetric>): Promise<void> {
    return this.insertInstanceRows([values as Partial<NodeMetric & { domainId: string }>]);
  }

  /** History of a shared node (its samples have no domain). */
  historyShared(nodeId: string, from: Date, to: Date, limit: number): Promise<NodeMetric[]> {
    return this.instanceQueryBuilder('m').andWhere('m."nodeId" = :nodeId AND m.time >= :from AND m.time <= :to', { nodeId, from, to }).orderBy('m.time', 'ASC').limit(limit).getMany();
  }

  /**
   * Per node, its samples since `since` as percentages (CPU of the machine; memory and disk used of
   * total): the domain's own nodes, or with `sharedNodeId` only that shared node's samples.
   */
  async windowSummary(domainId: DomainId, metric: 'cpu' | 'memory' | 'disk', since: Date, only?: { nodeId: string; shared: boolean }): Promise<MetricWindowSummary[]> {
    const pct =
      metric === 'cpu' ? 'm."cpuPercent"' : metric === 'memory' ? 'm."memoryUsedBytes" * 100.0 / NULLIF(m."memoryTotalBytes", 0)' : 'm."diskUsedBytes" * 100.0 / NULLIF(m."diskTotalBytes", 0)';
    const qb = (only?.shared ? this.instanceQueryBuilder('m') : this.queryBuilder(domainId, 'm'))
      .innerJoin(Node, 'n', 'n.id = m."nodeId"')
      .select('m."nodeId"', 'id')
      .addSelect('n.name', 'name')
      .andWhere('m.time >= :since', { since })
      .groupBy('m."nodeId"')
      .addGroupBy('n.name');
    for (const [expression, alias] of windowSummaryColumns(pct)) qb.addSelect(expression, alias);
    if (only) qb.andWhere('m."nodeId" = :nodeId', { nodeId: only.nodeId });
    return toWindowSummaries(await qb.getRawMany());
  }

  history(domainId: DomainId, nodeId: string, from: Date, to: Date, limit: number): Promise<NodeMetric[]> {
    return this.queryBuilder(domainId, 'm').andWhere('m."nodeId" = :nodeId AND m.time >= :from AND m.time <= :to', { nodeId, from, to }).orderBy('m.time', 'ASC').limit(limit).getMany();
  }
}

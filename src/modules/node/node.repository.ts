import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { NodeMetric } from './entities/node-metric.entity';
import { Node, NodeStatus } from './entities/node.entity';

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

  /** One statement for many heartbeats (1,000 agents at 5 s stay cheap). */
  async recordHeartbeats(beats: Array<{ nodeId: string; at: Date }>): Promise<void> {
    if (!beats.length) return;
    const values = beats.map((_, i) => `($${i * 2 + 1}::uuid, $${i * 2 + 2}::timestamptz)`).join(',');
    await this.crossDomain('heartbeatSweep').query(
      `UPDATE node SET "lastHeartbeatAt" = v.at, status = 'online' FROM (VALUES ${values}) AS v(id, at) WHERE node.id = v.id`,
      beats.flatMap((b) => [b.nodeId, b.at]),
    );
  }

  /** Nodes whose heartbeats stopped: returns the ids that just went offline. */
  async markSilentOffline(olderThan: Date): Promise<Array<{ id: string; domainId: string }>> {
    const rows = await this.crossDomain('heartbeatSweep').query<unknown[]>(
      `UPDATE node SET status = '${NodeStatus.OFFLINE}' WHERE status = '${NodeStatus.ONLINE}' AND ("lastHeartbeatAt" IS NULL OR "lastHeartbeatAt" < $1) RETURNING id, "domainId"`,
      [olderThan],
    );
    return (rows[0] ?? rows) as Array<{ id: string; domainId: string }>;
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

  history(domainId: DomainId, nodeId: string, from: Date, to: Date, limit: number): Promise<NodeMetric[]> {
    return this.queryBuilder(domainId, 'm').andWhere('m."nodeId" = :nodeId AND m.time >= :from AND m.time <= :to', { nodeId, from, to }).orderBy('m.time', 'ASC').limit(limit).getMany();
  }
}

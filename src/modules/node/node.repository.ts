import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import { ScopedRepository } from '../../../libs/tenancy/scoped-repository';
import { DomainId, isUuid } from '../../../libs/tenancy/domain-id';
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
    return this.repository.createQueryBuilder(alias).where(`(${alias}."domainId" = :__domainId OR ${alias}."domainId" IS NULL)`, { __domainId: domainId });
  }

  async findVisible(domainId: DomainId, id: string): Promise<Node | null> {
    if (!isUuid(id)) return null;
    return this.visible(domainId, 'n').andWhere('n.id = :id', { id }).getOne();
  }

  listVisible(domainId: DomainId): Promise<Node[]> {
    return this.visible(domainId, 'n').orderBy('n."createdAt"', 'ASC').getMany();
  }

  async insertShared(values: Partial<Node>): Promise<Node> {
    const entity = this.repository.create({ ...values, domainId: null } as never) as unknown as OwnedNode;
    return this.repository.save(entity);
  }

  /** Changes a shared node (the caller checked it is one and that an instance admin asks). */
  async updateShared(id: string, patch: Partial<Node>): Promise<Node | null> {
    await this.repository.update({ id, domainId: IsNull() } as never, patch as never);
    return this.repository.findOne({ where: { id, domainId: IsNull() } as never });
  }

  async deleteShared(id: string): Promise<boolean> {
    const r = await this.repository.delete({ id, domainId: IsNull() } as never);
    return (r.affected ?? 0) > 0;
  }

  /** Domains that have servers on a node (a shared node's agent events go to each of them). */
  async serverDomainsOnNode(nodeId: string): Promise<string[]> {
    const rows: Array<{ domainId: string }> = await this.repository.query('SELECT DISTINCT "domainId" FROM gameserver WHERE "nodeId" = $1', [nodeId]);
    return rows.map((r) => r.domainId);
  }

  /** The domain of a server placed on this node, or null: only servers on the node are answered for. */
  async serverDomain(nodeId: string, serverId: string): Promise<string | null> {
    if (!isUuid(serverId)) return null;
    const rows: Array<{ domainId: string }> = await this.repository.query('SELECT "domainId" FROM gameserver WHERE id = $1 AND "nodeId" = $2', [serverId, nodeId]);
    return rows[0]?.domainId ?? null;
  }

  /** This domain's servers placed on the node (ids and recorded container ids), to pick its containers out of a shared node's inventory. */
  async domainServersOnNode(domainId: DomainId, nodeId: string): Promise<Array<{ id: string; containerId: string | null }>> {
    return this.repository.query('SELECT id, "containerId" FROM gameserver WHERE "domainId" = $1 AND "nodeId" = $2', [domainId, nodeId]);
  }

  /** Any servers at all on the node, whichever domain (a boolean leaves no data behind). */
  async hasAnyServers(nodeId: string): Promise<boolean> {
    const rows = await this.repository.query('SELECT 1 FROM gameserver WHERE "nodeId" = $1 LIMIT 1', [nodeId]);
    return rows.length > 0;
  }

  async inventoryOf(domainId: DomainId, id: string): Promise<Record<string, unknown> | null> {
    const row = await this.visible(domainId, 'n').addSelect('n.inventory').andWhere('n.id = :id', { id }).getOne();
    return row?.inventory ?? null;
  }

  // Agent-facing lookups: the presented secret is the proof of identity, so they run before any
  // domain is known. They return the node, whose domainId then scopes everything else.

  findByRegisterTokenHash(hash: string): Promise<Node | null> {
    return this.repository.createQueryBuilder('n').where('n."registerTokenHash" = :hash', { hash }).getOne();
  }

  findByAgentTokenHash(hash: string): Promise<Node | null> {
    return this.repository.createQueryBuilder('n').where('n."agentTokenHash" = :hash', { hash }).getOne();
  }

  /** Used only by the agent channel, keyed by the node id its token proved. */
  findForAgent(nodeId: string): Promise<Node | null> {
    return this.repository.findOne({ where: { id: nodeId } });
  }

  async setAgentFields(nodeId: string, patch: Partial<Node>): Promise<void> {
    await this.repository.update({ id: nodeId }, patch as never);
  }

  /** One statement for many heartbeats (1,000 agents at 5 s stay cheap). */
  async recordHeartbeats(beats: Array<{ nodeId: string; at: Date }>): Promise<void> {
    if (!beats.length) return;
    const values = beats.map((_, i) => `($${i * 2 + 1}::uuid, $${i * 2 + 2}::timestamptz)`).join(',');
    await this.repository.query(
      `UPDATE node SET "lastHeartbeatAt" = v.at, status = 'online' FROM (VALUES ${values}) AS v(id, at) WHERE node.id = v.id`,
      beats.flatMap((b) => [b.nodeId, b.at]),
    );
  }

  /** Nodes whose heartbeats stopped: returns the ids that just went offline. */
  async markSilentOffline(olderThan: Date): Promise<Array<{ id: string; domainId: string }>> {
    const rows = await this.repository.query(
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
  async insertShared(values: Partial<NodeMetric>): Promise<void> {
    await this.repository.insert({ ...values, domainId: null } as never);
  }

  /** History of a shared node (its samples have no domain). */
  historyShared(nodeId: string, from: Date, to: Date, limit: number): Promise<NodeMetric[]> {
    return this.repository
      .createQueryBuilder('m')
      .where('m."domainId" IS NULL AND m."nodeId" = :nodeId AND m.time >= :from AND m.time <= :to', { nodeId, from, to })
      .orderBy('m.time', 'ASC')
      .limit(limit)
      .getMany();
  }

  history(domainId: DomainId, nodeId: string, from: Date, to: Date, limit: number): Promise<NodeMetric[]> {
    return this.queryBuilder(domainId, 'm')
      .andWhere('m."nodeId" = :nodeId AND m.time >= :from AND m.time <= :to', { nodeId, from, to })
      .orderBy('m.time', 'ASC')
      .limit(limit)
      .getMany();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '../../../libs/tenancy/scoped-repository';
import { DomainId } from '../../../libs/tenancy/domain-id';
import { NodeMetric } from './entities/node-metric.entity';
import { Node, NodeStatus } from './entities/node.entity';

@Injectable()
export class NodeRepository extends ScopedRepository<Node> {
  constructor(@InjectRepository(Node) repo: Repository<Node>) {
    super(repo);
  }

  async inventoryOf(domainId: DomainId, id: string): Promise<Record<string, unknown> | null> {
    const row = await this.queryBuilder(domainId, 'n').addSelect('n.inventory').andWhere('n.id = :id', { id }).getOne();
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
export class NodeMetricRepository extends ScopedRepository<NodeMetric> {
  constructor(@InjectRepository(NodeMetric) repo: Repository<NodeMetric>) {
    super(repo);
  }

  history(domainId: DomainId, nodeId: string, from: Date, to: Date, limit: number): Promise<NodeMetric[]> {
    return this.queryBuilder(domainId, 'm')
      .andWhere('m."nodeId" = :nodeId AND m.time >= :from AND m.time <= :to', { nodeId, from, to })
      .orderBy('m.time', 'ASC')
      .limit(limit)
      .getMany();
  }
}

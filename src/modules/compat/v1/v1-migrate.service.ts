import { Injectable } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { MAX_LIMIT } from '@libs/search/search-spec';
import { AppError } from '../../../core/errors/app-error';
import { ServerTransferService } from '../../files/server-transfer.service';
import { GameServerService } from '../../gameserver/gameserver.service';
import { GameServerState } from '../../gameserver/gameserver.types';
import { NodeService } from '../../node/node.service';
import { V1InstanceMigrationDTO, V1NodeMigrationDTO } from './v1-migrate.dto';

const STOPPED: readonly string[] = [GameServerState.OFFLINE, GameServerState.CRASHED];

/**
 * Seed 001's "migrate instances to another node" over Outpost's server transfer
 * (ServerTransferService, `POST /gameserver/:id/transfer`): the organization's stopped instances on
 * the node move to the target one after another, each with its data, each on its own (a failed
 * one is rolled back by the transfer and the next one still goes). Running instances are skipped,
 * not stopped: Outpost transfers only stopped servers. Nothing is recorded beyond the reply
 * (the /v1/migrations routes answer 501).
 */
@Injectable()
export class V1NodeMigrationService {
  constructor(
    private readonly nodes: NodeService,
    private readonly servers: GameServerService,
    private readonly transfers: ServerTransferService,
  ) {}

  async migrate(domainId: DomainId, sourceNodeId: string, targetNodeId: string): Promise<V1NodeMigrationDTO> {
    // Both nodes must be the organization's (or shared): another's is 404 before anything moves.
    await this.nodes.find(domainId, sourceNodeId);
    await this.nodes.find(domainId, targetNodeId);
    if (sourceNodeId === targetNodeId) throw AppError.badRequest('target_node_id is the node itself');
    const onNode = (await this.servers.search(domainId, { filters: { nodeId: [sourceNodeId] }, sortBy: 'createdAt', sortDirection: 'asc', limit: MAX_LIMIT }, false)).items;
    const instances: V1InstanceMigrationDTO[] = [];
    for (const s of onNode) {
      const row = { instance_id: s.id, name: s.name };
      if (!STOPPED.includes(s.state)) {
        instances.push({ ...row, result: 'skipped', node_id: s.nodeId, status: s.state, error: `It is ${s.state}: stop it first (only stopped instances move)` });
        continue;
      }
      try {
        const moved = await this.transfers.transfer(domainId, s.id, targetNodeId);
        instances.push({ ...row, result: 'migrated', node_id: moved.nodeId, status: moved.state, error: null });
      } catch (err) {
        const now = await this.servers.find(domainId, s.id).catch(() => null);
        instances.push({ ...row, result: 'failed', node_id: now?.nodeId ?? s.nodeId, status: now?.state ?? s.state, error: err instanceof AppError ? err.message : 'The transfer failed' });
      }
    }
    const count = (r: V1InstanceMigrationDTO['result']) => instances.filter((i) => i.result === r).length;
    return { source_node_id: sourceNodeId, target_node_id: targetNodeId, migrated: count('migrated'), skipped: count('skipped'), failed: count('failed'), instances };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { GameServer, GameServerState } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { AgentChannel } from '../node/agent-channel.service';
import { FilesService, TRANSFER_TIMEOUT_MS } from './files.service';

/** Where the data travels on the target node before it is unpacked. */
const ARCHIVE = '.outpost-transfer.zip';

/**
 * Moves a stopped game server to another node: its container on the source is removed (the data
 * stays), new ports and a container are set up on the target, the data streams node → API → node
 * as a zip (the source agent pushes, the target agent pulls; the API never holds it) and is
 * unpacked, and only then the source files are deleted. Any failure puts the server back on the
 * source with a fresh container and its data untouched.
 *
 * Local backups do not move: they stay on the node that made them and are still restored and
 * downloaded through the API (relayed node → API → node, see BackupArchives); they become
 * unavailable (409) if that node is deleted. S3 backups are not tied to a node.
 */
@Injectable()
export class ServerTransferService {
  private readonly logger = new Logger('ServerTransfer');

  constructor(
    private readonly files: FilesService,
    private readonly servers: GameServerService,
    private readonly channel: AgentChannel,
  ) {}

  transfer(domainId: DomainId, id: string, targetNodeId: string): Promise<GameServer> {
    return this.servers.exclusive(id, async () => {
      const before = await this.servers.find(domainId, id);
      if (before.state !== GameServerState.OFFLINE && before.state !== GameServerState.CRASHED) {
        throw AppError.conflict(`Stop the server before transferring it (it is ${before.state})`);
      }
      if (before.nodeId === targetNodeId) throw AppError.badRequest('The server is already on that node');
      // The source must answer: its data is what moves.
      const entries = await this.files.run(before, 'files.list', { path: '' });
      // Container first (cheap to recreate), data stays until the copy has landed.
      if (before.containerId) await this.channel.send(before.nodeId, 'server.remove', { serverId: id, deleteData: false });
      const move = await this.servers.moveToNode(domainId, id, targetNodeId).catch(async (err: unknown) => {
        await this.servers.createContainer(domainId, id);
        throw err;
      });
      try {
        await this.servers.createContainer(domainId, id);
        const onTarget = await this.servers.find(domainId, id);
        if (entries.length) {
          const arrival = await this.files.pushFrom(
            before,
            entries.map((e) => e.name),
            true,
          );
          try {
            await this.files.pull(onTarget, ARCHIVE, arrival.stream);
          } finally {
            arrival.done();
          }
          await this.files.run(onTarget, 'files.decompress', { archive: ARCHIVE, destination: '' }, TRANSFER_TIMEOUT_MS);
          await this.files.run(onTarget, 'files.delete', { paths: [ARCHIVE] });
        }
      } catch (err) {
        this.logger.warn({ serverId: id, err: err instanceof Error ? err.message : String(err) }, 'transfer failed; rolling back');
        await this.channel.send(targetNodeId, 'server.remove', { serverId: id, deleteData: true }).catch(() => undefined);
        await this.servers.restoreNode(domainId, id, move);
        await this.servers.createContainer(domainId, id).catch(() => undefined);
        throw err;
      }
      // Only the files: the source's container is already gone.
      if (entries.length) {
        await this.files.run(before, 'files.delete', { paths: entries.map((e) => e.name) }).catch((err: unknown) => {
          // The server now lives on the target; a leftover copy on the source is only disk space.
          this.logger.warn({ serverId: id, nodeId: before.nodeId, err: err instanceof Error ? err.message : String(err) }, 'source copy not removed');
        });
      }
      return this.servers.find(domainId, id);
    });
  }
}

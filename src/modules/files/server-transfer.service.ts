import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { PeriodicPass } from '../../core/jobs/periodic-pass';
import { GameServer, GameServerState } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { AgentChannel } from '../node/agent-channel.service';
import { ServerTransfer } from './entities/server-transfer.entity';
import { FilesService, TRANSFER_TIMEOUT_MS } from './files.service';
import { ServerTransferRepository } from './server-transfer.repository';

/** Where the data travels on the target node before it is unpacked. */
const ARCHIVE = '.outpost-transfer.zip';
const ALREADY_MOVING = 'This server is already being transferred';
/** Interrupted transfers one sweep takes over. */
const SWEEP_BATCH = 20;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Thrown when a sweeper took the transfer over (this process's lease ran out): stop, touch nothing more. */
class TransferLost extends AppError {
  constructor() {
    super(ErrorCode.ServiceUnavailableError, 'This transfer was interrupted here and is being finished by another API process');
  }
}

/**
 * Moves a stopped game server to another node: its container on the source is removed (the data
 * stays), new ports and a container are set up on the target, the data streams node → API → node
 * as a zip (the source agent pushes, the target agent pulls; the API never holds it) and is
 * unpacked, and only then the source files are deleted. Any failure puts the server back on the
 * source with a fresh container and its data untouched.
 *
 * Each step is recorded in a `server_transfer` row under a lease this process renews. If the
 * process dies (kill -9, lost host), the row's lease runs out and whichever API process sweeps
 * first takes it over from its phase: before the data has landed it rolls back (target cleaned,
 * ports and node restored, container recreated on the source, whose data was never touched);
 * after, it finishes (the source copy is removed). So no interruption leaves a server pointing at
 * a node without its data. The row also makes a second transfer of the same server a 409 on any
 * process.
 *
 * Local backups do not move: they stay on the node that made them and are still restored and
 * downloaded through the API (relayed node → API → node, see BackupArchives); they become
 * unavailable (409) if that node is deleted. S3 backups are not tied to a node.
 */
@Injectable()
export class ServerTransferService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ServerTransfer');
  /** This process, as the owner of the transfers it works on. */
  private readonly owner = randomUUID();
  private readonly sweeper = new PeriodicPass(
    () => this.sweepPass(),
    (err) => this.logger.error({ err: errorText(err) }, 'transfer sweep failed'),
    undefined,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FilesService,
    private readonly servers: GameServerService,
    private readonly channel: AgentChannel,
    private readonly transfers: ServerTransferRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper.start(this.config.TRANSFER_SWEEP_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }

  transfer(domainId: DomainId, id: string, targetNodeId: string): Promise<GameServer> {
    return this.servers.exclusive(id, async () => {
      const before = await this.servers.find(domainId, id);
      // Another process may be moving it (this process's own transfers are serialised by `exclusive`).
      if (await this.transfers.hasActive(domainId, id)) throw AppError.conflict(ALREADY_MOVING);
      if (before.state !== GameServerState.OFFLINE && before.state !== GameServerState.CRASHED) {
        throw AppError.conflict(`Stop the server before transferring it (it is ${before.state})`);
      }
      if (before.nodeId === targetNodeId) throw AppError.badRequest('The server is already on that node');
      // The source must answer: its data is what moves.
      const entries = await this.files.run(before, 'files.list', { path: '' });
      const row = await this.begin(domainId, before, targetNodeId);
      const stopRenewing = this.holdLease(domainId, row.id);
      try {
        return await this.move(
          domainId,
          row,
          before,
          entries.map((e) => e.name),
        );
      } finally {
        stopRenewing();
      }
    });
  }

  /** The durable record of this transfer; a server with an unfinished one (on any process) is a 409. */
  private async begin(domainId: DomainId, server: GameServer, targetNodeId: string): Promise<ServerTransfer> {
    const row = await this.transfers.start(domainId, {
      gameserverId: server.id,
      sourceNodeId: server.nodeId,
      targetNodeId,
      owner: this.owner,
      leaseUntil: this.leaseUntil(),
    });
    if (!row) throw AppError.conflict(ALREADY_MOVING);
    return row;
  }

  private async move(domainId: DomainId, row: ServerTransfer, before: GameServer, entries: string[]): Promise<GameServer> {
    const id = before.id;
    const advance = async (patch: Parameters<ServerTransferRepository['advance']>[3]) => {
      if (!(await this.transfers.advance(domainId, row.id, this.owner, patch))) throw new TransferLost();
    };
    try {
      // Container first (cheap to recreate), data stays until the copy has landed.
      if (before.containerId) await this.channel.send(before.nodeId, 'server.remove', { serverId: id, deleteData: false });
    } catch (err) {
      await this.rollBackStarted(domainId, row, errorText(err)).catch((rollbackErr: unknown) => this.rollbackLeft(id, rollbackErr));
      throw err;
    }
    let move;
    try {
      move = await this.servers.moveToNode(domainId, id, row.targetNodeId, async (tx, previous) => {
        if (!(await this.transfers.withManager(tx).advance(domainId, row.id, this.owner, { phase: 'moved', previous }))) {
          throw new TransferLost();
        }
      });
    } catch (err) {
      if (!(err instanceof TransferLost)) await this.rollBackStarted(domainId, row, errorText(err)).catch((rollbackErr: unknown) => this.rollbackLeft(id, rollbackErr));
      throw err;
    }
    try {
      await this.servers.createContainer(domainId, id);
      const onTarget = await this.servers.find(domainId, id);
      if (entries.length) {
        const arrival = await this.files.pushFrom(before, entries, true);
        try {
          await this.files.pull(onTarget, ARCHIVE, arrival.stream);
        } finally {
          arrival.done();
        }
        await this.files.run(onTarget, 'files.decompress', { archive: ARCHIVE, destination: '' }, TRANSFER_TIMEOUT_MS);
        await this.files.run(onTarget, 'files.delete', { paths: [ARCHIVE] });
      }
      await advance({ phase: 'copied' });
    } catch (err) {
      if (err instanceof TransferLost) throw err;
      this.logger.warn({ serverId: id, err: errorText(err) }, 'transfer failed; rolling back');
      await this.rollBackMoved(domainId, { ...row, previous: move }, errorText(err)).catch((rollbackErr: unknown) => {
        this.rollbackLeft(id, rollbackErr);
      });
      throw err;
    }
    // Only the files: the source's container is already gone.
    if (entries.length) {
      await this.files.run(before, 'files.delete', { paths: entries }).catch((err: unknown) => {
        // The server now lives on the target; a leftover copy on the source is only disk space.
        this.logger.warn({ serverId: id, nodeId: before.nodeId, err: errorText(err) }, 'source copy not removed');
      });
    }
    await advance({ phase: 'completed', leaseUntil: null, finishedAt: new Date() });
    return this.servers.find(domainId, id);
  }

  /** The row keeps its phase: once this process stops renewing the lease, a sweep retries the rollback. */
  private rollbackLeft(serverId: string, err: unknown): void {
    this.logger.error({ serverId, err: errorText(err) }, 'rollback not finished; the transfer sweep retries it');
  }

  /** Nothing moved yet: the server keeps its node and gets a container there again. */
  private async rollBackStarted(domainId: DomainId, row: ServerTransfer, reason: string): Promise<void> {
    await this.freshContainer(domainId, row);
    await this.finish(domainId, row, 'rolled_back', reason);
  }

  /**
   * The row names the target: its container and partial copy are removed first (two nodes may share
   * a Docker host, where the container name is one per host), then node and ports go back to the
   * source, whose data was never touched, and it gets a fresh container. Every step can be
   * repeated, so a sweep retrying after an interruption here ends in the same place.
   */
  private async rollBackMoved(domainId: DomainId, row: ServerTransfer, reason: string): Promise<void> {
    await this.channel.send(row.targetNodeId, 'server.remove', { serverId: row.gameserverId, deleteData: true }).catch((err: unknown) => {
      // Not a reason to keep the server away from its data: what is left on the target is only disk space.
      this.logger.warn({ serverId: row.gameserverId, nodeId: row.targetNodeId, err: errorText(err) }, 'partial copy on the target not removed');
    });
    await this.servers.restoreNode(domainId, row.gameserverId, row.previous!);
    await this.freshContainer(domainId, row);
    await this.finish(domainId, row, 'rolled_back', reason);
  }

  /**
   * A new container on the source: any container still there (the interruption may have come
   * before it was removed) goes first, so the row and the node agree on which one it is.
   */
  private async freshContainer(domainId: DomainId, row: ServerTransfer): Promise<void> {
    await this.channel.send(row.sourceNodeId, 'server.remove', { serverId: row.gameserverId, deleteData: false });
    await this.servers.createContainer(domainId, row.gameserverId);
  }

  private async finish(domainId: DomainId, row: ServerTransfer, phase: 'rolled_back' | 'completed', error: string | null): Promise<void> {
    await this.transfers.advance(domainId, row.id, this.owner, { phase, error, leaseUntil: null, finishedAt: new Date() });
  }

  private leaseUntil(): Date {
    return new Date(Date.now() + this.config.TRANSFER_LEASE_MS);
  }

  private holdLease(domainId: DomainId, id: string): () => void {
    const timer = setInterval(
      () => {
        this.transfers.renewLease(domainId, id, this.owner, this.leaseUntil()).catch((err: unknown) => this.logger.warn({ transferId: id, err: errorText(err) }, 'lease not renewed'));
      },
      Math.max(Math.floor(this.config.TRANSFER_LEASE_MS / 4), 100),
    );
    timer.unref();
    return () => clearInterval(timer);
  }

  /** One pass over interrupted transfers (also called by tests). Never throws. */
  sweep(): Promise<void> {
    return this.sweeper.run();
  }

  private async sweepPass(): Promise<void> {
    for (const row of await this.transfers.claimExpired(this.owner, this.leaseUntil(), SWEEP_BATCH)) {
      const domainId = trustedDomainId(row.domainId);
      try {
        await this.servers.exclusive(row.gameserverId, () => this.takeOver(domainId, row));
      } catch (err) {
        // Kept (its new lease runs out) for the next sweep, e.g. while a node is offline.
        this.logger.warn(
          { transferId: row.id, serverId: row.gameserverId, phase: row.phase, attempt: row.attempts, err: errorText(err) },
          'interrupted transfer not finished yet; retried at the next sweep',
        );
      }
    }
  }

  /** Finishes a transfer whose process died, from the phase it had reached. */
  private async takeOver(domainId: DomainId, row: ServerTransfer): Promise<void> {
    const reason = 'interrupted: the process moving this server stopped before it finished';
    if (row.phase === 'copied') {
      // The data is on the target and the row names it: only the source copy is left to remove.
      await this.channel.send(row.sourceNodeId, 'server.remove', { serverId: row.gameserverId, deleteData: true });
      await this.finish(domainId, row, 'completed', null);
      this.logger.warn({ transferId: row.id, serverId: row.gameserverId }, 'interrupted transfer finished (the data had landed on the target)');
      return;
    }
    if (row.phase === 'moved') await this.rollBackMoved(domainId, row, reason);
    else await this.rollBackStarted(domainId, row, reason);
    this.logger.warn({ transferId: row.id, serverId: row.gameserverId, phase: row.phase }, 'interrupted transfer rolled back to the source node');
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { BackupLocation } from '@libs/agent-protocol/protocol';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { TransferService } from '../files/transfer.service';
import { AgentChannel } from '../node/agent-channel.service';
import { BackupStorage } from './backup-storage';

/** Commands that move archive bytes run as long as the bytes keep coming. */
export const ARCHIVE_TIMEOUT_MS = 6 * 60 * 60 * 1000;

/** Where an archive is: what every archive operation needs from a backup row (or a purge row). */
export interface ArchiveRef {
  id: string;
  domainId: string;
  gameserverId: string;
  storage: 'local' | 's3';
  nodeId: string | null;
  configId: string | null;
  objectKey: string | null;
  sizeBytes?: number | null;
}

export interface ArchiveStream {
  stream: Readable;
  size?: number;
  /** Call when done with the stream (finished or gave up). */
  done(): void;
}

export const errorText = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  const code = err instanceof AppError && err.details && typeof err.details === 'object' ? (err.details as { agentCode?: string }).agentCode : undefined;
  return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
};

/**
 * Archive bytes wherever they are: a node's local disk (through its agent: delete, push) or the
 * domain's object storage. Local archives stay on the node that made them, also after the server
 * moved to another node; they are then relayed node → API → node (never held in memory here).
 */
@Injectable()
export class BackupArchives {
  private readonly logger = new Logger('BackupArchives');

  constructor(
    private readonly channel: AgentChannel,
    private readonly transfers: TransferService,
    private readonly storage: BackupStorage,
  ) {}

  private static unavailable(): AppError {
    return AppError.conflict('The archive of this backup was on a node that has been deleted: it is no longer available');
  }

  /** Removes the archive (idempotent on the node and in the bucket). */
  async remove(ref: ArchiveRef): Promise<void> {
    if (ref.storage === 's3') {
      if (ref.configId && ref.objectKey) await this.storage.remove(trustedDomainId(ref.domainId), ref.configId, ref.objectKey);
      return;
    }
    if (!ref.nodeId) return; // the node and its disk are gone
    await this.channel.send(ref.nodeId, 'backup.delete', { serverId: ref.gameserverId, backupId: ref.id });
  }

  /** Best effort: logs instead of failing (cleanup after a failure must not hide the failure). */
  async removeQuietly(ref: ArchiveRef): Promise<void> {
    await this.remove(ref).catch((err: unknown) => this.logger.warn({ backupId: ref.id, err: errorText(err) }, 'archive not removed'));
  }

  /** The archive's bytes, streamed: a local one is pushed by its node's agent, an S3 one read from the bucket. */
  async open(ref: ArchiveRef): Promise<ArchiveStream> {
    if (ref.storage === 's3') {
      if (!ref.configId || !ref.objectKey) throw BackupArchives.unavailable();
      const got = await this.storage.get(trustedDomainId(ref.domainId), ref.configId, ref.objectKey);
      return { stream: got.stream, size: got.sizeBytes, done: () => undefined };
    }
    if (!ref.nodeId) throw BackupArchives.unavailable();
    const ticket = this.transfers.createPush(ref.nodeId, ref.gameserverId);
    const finished = this.channel.send(
      ref.nodeId,
      'backup.push',
      { serverId: ref.gameserverId, backupId: ref.id, transferPath: ticket.transferPath, transferToken: ticket.transferToken },
      ARCHIVE_TIMEOUT_MS,
    );
    finished.catch((err: unknown) => this.logger.debug({ backupId: ref.id, err: errorText(err) }, 'archive push ended early'));
    try {
      const arrival = await Promise.race([
        ticket.arrival,
        finished.then(() => {
          throw new AppError(ErrorCode.BadGatewayError, 'The node finished without sending the archive');
        }),
      ]);
      return { stream: arrival.stream, size: arrival.size ?? ref.sizeBytes ?? undefined, done: () => arrival.done() };
    } catch (err) {
      ticket.cancel();
      throw err;
    }
  }

  /**
   * Where the server's node reads the archive from for a restore: its own disk when the archive
   * is there, else a pull ticket fed by the archive's stream (another node's push, or S3).
   */
  async restoreSource(ref: ArchiveRef, serverNodeId: string): Promise<{ source: BackupLocation; close(): void }> {
    if (ref.storage === 'local' && ref.nodeId === serverNodeId) return { source: { kind: 'local' }, close: () => undefined };
    const archive = await this.open(ref);
    const ticket = this.transfers.createPull(serverNodeId, ref.gameserverId, archive.stream, archive.size);
    return {
      source: { kind: 'transfer', transferPath: ticket.transferPath, transferToken: ticket.transferToken },
      close: () => {
        ticket.cancel();
        archive.done();
        if (!archive.stream.readableEnded) archive.stream.destroy();
      },
    };
  }

  /** S3 targets: a push ticket the agent sends the new archive to; its bytes go straight to the bucket. */
  createUploadTicket(nodeId: string, serverId: string) {
    return this.transfers.createPush(nodeId, serverId);
  }

  put(domainId: DomainId, configId: string, key: string, body: Readable) {
    return this.storage.put(domainId, configId, key, body);
  }
}

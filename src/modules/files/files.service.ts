import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { CommandName, Payload, Result } from '@libs/agent-protocol/protocol';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import type { GameServer } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { AgentChannel } from '../node/agent-channel.service';
import { MAX_PATH } from './dto/files.dto';
import { PushArrival, TransferService } from './transfer.service';

export const MiB = 1024 * 1024;
/** Largest file the editor endpoint returns; bigger ones are downloaded. */
export const MAX_CONTENT_BYTES = 8 * MiB;
/** Commands that stream bytes run as long as the bytes keep coming (the HTTP side bounds them). */
export const TRANSFER_TIMEOUT_MS = 6 * 60 * 60 * 1000;
const ARCHIVE_TIMEOUT_MS = 30 * 60 * 1000;

export function agentCode(err: unknown): string | undefined {
  return err instanceof AppError && err.details && typeof err.details === 'object' ? (err.details as { agentCode?: string }).agentCode : undefined;
}

/** Cheap checks for paths that don't come through a DTO (multipart file names, TUS metadata). */
export function sanePath(p: unknown, what = 'path'): string {
  if (typeof p !== 'string' || p.length > MAX_PATH || p.includes('\0')) {
    throw AppError.validation(`${what} must be a string of at most ${MAX_PATH} characters without NUL bytes`, [{ path: what, code: 'path', message: `${what} is not an acceptable path` }]);
  }
  return p;
}

export function joinPath(dir: string, name: string): string {
  if (!dir) return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * File operations on a game server's data directory, carried out by the agent of the server's
 * node (which does every path check on the real filesystem). Small operations are commands on the
 * agent socket; bytes stream over separate HTTP requests the agent opens (TransferService).
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly gameServers: GameServerService,
    private readonly channel: AgentChannel,
    private readonly transfers: TransferService,
  ) {}

  server(domainId: DomainId, id: string): Promise<GameServer> {
    return this.gameServers.find(domainId, id);
  }

  quotaBytes(server: GameServer): number {
    return server.diskMiB * MiB;
  }

  async run<C extends CommandName>(server: GameServer, command: C, payload: Omit<Payload<C>, 'serverId'>, timeoutMs?: number): Promise<Result<C>> {
    return this.channel.send(server.nodeId, command, { ...payload, serverId: server.id }, timeoutMs);
  }

  async command<C extends CommandName>(domainId: DomainId, id: string, command: C, payload: Omit<Payload<C>, 'serverId'>, timeoutMs?: number): Promise<Result<C>> {
    return this.run(await this.server(domainId, id), command, payload, timeoutMs);
  }

  list(domainId: DomainId, id: string, path = '') {
    return this.command(domainId, id, 'files.list', { path });
  }

  stat(domainId: DomainId, id: string, path: string) {
    return this.command(domainId, id, 'files.stat', { path });
  }

  async read(domainId: DomainId, id: string, path: string) {
    try {
      return await this.command(domainId, id, 'files.read', { path, maxBytes: MAX_CONTENT_BYTES });
    } catch (err) {
      if (agentCode(err) === 'too_large') {
        throw new AppError(
          ErrorCode.PayloadTooLargeError,
          `The file is larger than ${MAX_CONTENT_BYTES / MiB} MiB and cannot be opened as text; download it with GET /gameserver/${id}/files/download?path=…`,
          { maxBytes: MAX_CONTENT_BYTES, download: `/gameserver/${id}/files/download?path=${encodeURIComponent(path)}` },
        );
      }
      throw err;
    }
  }

  async write(domainId: DomainId, id: string, path: string, content: string) {
    await this.command(domainId, id, 'files.write', { path, content }, 120_000);
  }

  async mkdir(domainId: DomainId, id: string, path: string) {
    await this.command(domainId, id, 'files.mkdir', { path });
  }

  async delete(domainId: DomainId, id: string, paths: string[]) {
    await this.command(domainId, id, 'files.delete', { paths }, 120_000);
  }

  async rename(domainId: DomainId, id: string, from: string, to: string, overwrite = false) {
    await this.command(domainId, id, 'files.rename', { from, to, overwrite });
  }

  async copy(domainId: DomainId, id: string, from: string, to: string, overwrite = false) {
    await this.command(domainId, id, 'files.copy', { from, to, overwrite }, ARCHIVE_TIMEOUT_MS);
  }

  async chmod(domainId: DomainId, id: string, path: string, mode: string) {
    await this.command(domainId, id, 'files.chmod', { path, mode });
  }

  async compress(domainId: DomainId, id: string, paths: string[], destination: string, format: 'tar.gz' | 'zip') {
    await this.command(domainId, id, 'files.compress', { paths, destination, format }, ARCHIVE_TIMEOUT_MS);
  }

  decompress(domainId: DomainId, id: string, archive: string, destination = '') {
    return this.command(domainId, id, 'files.decompress', { archive, destination }, ARCHIVE_TIMEOUT_MS);
  }

  usage(domainId: DomainId, id: string) {
    return this.command(domainId, id, 'files.usage', {});
  }

  /** 413 up front when `incoming` more bytes cannot fit (cheap pre-check; the agent enforces it for real). */
  async assertRoom(server: GameServer, incoming: number, freed = 0): Promise<void> {
    const quota = this.quotaBytes(server);
    if (quota <= 0) return;
    if (incoming > quota) throw this.quotaError(quota, incoming);
    const { usedBytes } = await this.run(server, 'files.usage', {});
    if (usedBytes - freed + incoming > quota) throw this.quotaError(quota, incoming, usedBytes);
  }

  quotaError(quota: number, incoming?: number, used?: number): AppError {
    return new AppError(
      ErrorCode.PayloadTooLargeError,
      `Disk quota exceeded: the server may use ${quota} bytes${used !== undefined ? `, ${used} are in use` : ''}${incoming !== undefined ? ` and the upload needs ${incoming}` : ''}`,
      {
        agentCode: 'quota_exceeded',
        quotaBytes: quota,
        usedBytes: used,
        uploadBytes: incoming,
      },
    );
  }

  /**
   * Has the agent pull `source` into `path` (or append it at `append.offset`). Resolves when the
   * agent has written (and reported) the bytes; the source is streamed, never buffered here.
   */
  async pull(server: GameServer, path: string, source: Readable, opts: { expectedBytes?: number; append?: { offset: number; maxBytes?: number } } = {}) {
    const ticket = this.transfers.createPull(server.nodeId, server.id, source, opts.expectedBytes);
    try {
      return await this.run(
        server,
        'files.pull',
        { path, transferPath: ticket.transferPath, transferToken: ticket.transferToken, expectedBytes: opts.expectedBytes, append: opts.append },
        TRANSFER_TIMEOUT_MS,
      );
    } finally {
      ticket.cancel();
    }
  }

  /**
   * Has the agent push one file (or a zip of `paths`) and resolves as soon as its stream arrives;
   * path errors (unsafe, missing) surface as errors before any byte is sent.
   */
  async push(domainId: DomainId, id: string, paths: string[], zip: boolean): Promise<PushArrival> {
    return this.pushFrom(await this.server(domainId, id), paths, zip);
  }

  /** As push, for a given server row (a transfer reads from the node the server is leaving). */
  async pushFrom(server: GameServer, paths: string[], zip: boolean): Promise<PushArrival> {
    const id = server.id;
    const ticket = this.transfers.createPush(server.nodeId, server.id);
    const finished = this.run(server, 'files.push', { paths, zip, transferPath: ticket.transferPath, transferToken: ticket.transferToken }, TRANSFER_TIMEOUT_MS);
    finished.catch((err: unknown) => this.logger.debug({ serverId: id, err: err instanceof Error ? err.message : String(err) }, 'download ended early'));
    try {
      return await Promise.race([
        ticket.arrival,
        finished.then(() => {
          throw new AppError(ErrorCode.BadGatewayError, 'The node finished the download without sending it');
        }),
      ]);
    } catch (err) {
      ticket.cancel();
      throw err;
    }
  }
}

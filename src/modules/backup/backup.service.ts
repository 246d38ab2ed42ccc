import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { sha256 } from '../../core/crypto/hash';
import { AppError } from '../../core/errors/app-error';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { AuditService } from '../auditlog/audit.service';
import { GameServerState } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { WorkloadService } from '../workload/workload.service';
import { ArchiveStream, BackupArchives } from './backup-archives.service';
import { BackupRunner } from './backup-runner.service';
import { BackupStorage } from './backup-storage';
import { BackupDownloadRepository, BackupRepository } from './backup.repository';
import { BACKUP_SEARCH, BackupDownloadLinkDTO, BackupOutputDTO } from './dto/backup.dto';
import { Backup } from './entities/backup.entity';

export interface BackupActor {
  type: 'user' | 'apitoken' | 'system';
  id: string | null;
}

/** How long a download link works, once. */
export const DOWNLOAD_TTL_MS = 5 * 60 * 1000;
/** A restore may start only from these states (never while the server is mid-action). */
const RESTORABLE_FROM: string[] = [GameServerState.RUNNING, GameServerState.OFFLINE, GameServerState.CRASHED];
/** The `error` of a backup claimed for deletion by hand (retention uses its own text). */
export const DELETING = 'being deleted';

/** A row claimed for deletion (by hand or by retention) and whose claim is still live. */
function beingDeleted(row: Backup): boolean {
  return row.state === 'failed' && row.leaseUntil !== null && new Date(row.leaseUntil).getTime() > Date.now();
}

/** The row's state in words, for refusals. */
function stateOf(row: Backup): string {
  return beingDeleted(row) ? 'being deleted' : row.state;
}

/** Why a delete claim found nothing to claim (the row as it is now). */
function notDeletable(row: Backup): AppError {
  if (row.locked) return AppError.conflict('The backup is locked; unlock it first');
  if (row.state === 'creating') return AppError.conflict('The backup is still being created');
  if (row.restoreState === 'restoring') return AppError.conflict('The backup is being restored');
  if (beingDeleted(row)) return AppError.conflict('The backup is already being deleted');
  return AppError.conflict('The backup changed while it was being deleted; try again');
}

/**
 * Backups of game servers: the requests (create, delete, lock, restore, download links). The work
 * itself runs in the background (BackupRunner) with a lease on its row.
 */
@Injectable()
export class BackupService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backups: BackupRepository,
    private readonly downloads: BackupDownloadRepository,
    private readonly storage: BackupStorage,
    private readonly archives: BackupArchives,
    private readonly runner: BackupRunner,
    private readonly servers: GameServerService,
    private readonly workloads: WorkloadService,
    private readonly audit: AuditService,
  ) {}

  private async find(domainId: DomainId, id: string): Promise<Backup> {
    const row = await this.backups.findById(domainId, id);
    if (!row) throw AppError.notFound('Backup');
    return row;
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<BackupOutputDTO>> {
    const r = await new SearchEngine(BACKUP_SEARCH).execute(this.backups.queryBuilder(domainId, 'b'), 'b', query);
    return Paged.of(BackupOutputDTO, r);
  }

  async get(domainId: DomainId, id: string): Promise<BackupOutputDTO> {
    return toOutput(BackupOutputDTO, await this.find(domainId, id));
  }

  /**
   * Starts a backup of the server: the row is `creating` at once and the archive is made in the
   * background; with `wait` this resolves once it is completed or failed (schedules use it).
   */
  async create(domainId: DomainId, serverId: string, input: { name?: string; ignore?: string[] }, actor: BackupActor, options: { wait?: boolean } = {}): Promise<BackupOutputDTO> {
    const server = await this.servers.find(domainId, serverId);
    const target = await this.storage.active(domainId);
    const held = await this.backups.countHeld(domainId, server.id);
    if (held >= target.maxBackupsPerServer) {
      throw AppError.conflict(`This server already has ${held} backups, the most allowed (${target.maxBackupsPerServer}); delete one first`, { maxBackupsPerServer: target.maxBackupsPerServer });
    }
    if (await this.backups.count(domainId, { gameserverId: server.id, restoreState: 'restoring' })) throw AppError.conflict('A backup of this server is being restored; wait for it to finish');
    const settings = (await this.workloads.find(domainId, server.workloadId)).definition.backup;
    const ignore = [...new Set([...(settings?.ignore ?? []), ...(input.ignore ?? [])])];
    const id = randomUUID();
    const row = await this.backups.insertCreating(domainId, {
      id,
      gameserverId: server.id,
      nodeId: server.nodeId,
      configId: target.configId,
      storage: target.kind,
      objectKey: target.kind === 's3' ? `${domainId}/${server.id}/${id}.tar.gz` : null,
      name: input.name ?? new Date().toISOString().replace('T', ' ').slice(0, 19),
      ignore,
      leaseUntil: this.runner.leaseUntil(),
      createdByType: actor.type,
      createdBy: actor.id,
    });
    const work = this.runner.track(this.runner.runCreate(domainId, row, target, settings));
    if (options.wait) return toOutput(BackupOutputDTO, await work);
    work.catch(() => undefined);
    return toOutput(BackupOutputDTO, row);
  }

  /**
   * Claims the backup in one statement (not locked, not being created, restored or deleted), then
   * removes its archive and its row. If the archive cannot be removed the row is put back as it was.
   */
  async remove(domainId: DomainId, id: string): Promise<void> {
    const row = await this.find(domainId, id);
    const claimed = await this.backups.claimDelete(domainId, id, row.state, this.runner.leaseUntil(), DELETING);
    if (!claimed) throw notDeletable(await this.find(domainId, id));
    try {
      await this.archives.remove(row);
    } catch (err) {
      await this.backups.updateWhen(domainId, id, 'state = :s AND error = :e', { s: 'failed', e: DELETING }, { state: row.state, error: row.error, leaseUntil: null });
      throw err;
    }
    await this.backups.delete(domainId, id);
  }

  /** Only completed backups are locked or unlocked (compare-and-set on the state). */
  async setLocked(domainId: DomainId, id: string, locked: boolean): Promise<BackupOutputDTO> {
    const row = await this.backups.updateWhen(domainId, id, 'state = :s', { s: 'completed' }, { locked });
    if (!row) {
      const current = await this.find(domainId, id);
      throw AppError.conflict(`Only a completed backup can be ${locked ? 'locked' : 'unlocked'} (this one is ${stateOf(current)})`);
    }
    return toOutput(BackupOutputDTO, row);
  }

  /**
   * Starts a restore (202): the row is `restoring` at once; the server is stopped, restored and
   * started again in the background. One restore per server at a time (unique index: 409).
   */
  async restore(domainId: DomainId, id: string, actor: BackupActor): Promise<BackupOutputDTO> {
    const row = await this.find(domainId, id);
    if (row.state !== 'completed') throw AppError.conflict(`Only a completed backup can be restored (this one is ${stateOf(row)})`);
    if (row.storage === 'local' && !row.nodeId) throw AppError.conflict('The archive of this backup was on a node that has been deleted: it is no longer available');
    const server = await this.servers.find(domainId, row.gameserverId);
    if (!RESTORABLE_FROM.includes(server.state)) throw AppError.conflict(`The server is ${server.state}; wait until it is running or offline`);
    const claimed = await this.backups.claimRestore(domainId, id, this.runner.leaseUntil());
    if (!claimed) {
      const current = await this.find(domainId, id);
      if (current.state !== 'completed') throw AppError.conflict(`Only a completed backup can be restored (this one is ${stateOf(current)})`);
      throw AppError.conflict('The backup is already being restored');
    }
    this.runner.track(this.runner.runRestore(domainId, claimed, actor)).catch(() => undefined);
    return toOutput(BackupOutputDTO, claimed);
  }

  /** A one-use link, valid DOWNLOAD_TTL_MS; only the token's hash is stored. */
  async createDownloadLink(domainId: DomainId, id: string, actor: BackupActor): Promise<BackupDownloadLinkDTO> {
    const row = await this.find(domainId, id);
    if (row.state !== 'completed') throw AppError.conflict(`Only a completed backup can be downloaded (this one is ${row.state})`);
    if (row.storage === 'local' && !row.nodeId) throw AppError.conflict('The archive of this backup was on a node that has been deleted: it is no longer available');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + DOWNLOAD_TTL_MS);
    await this.downloads.insert(domainId, { backupId: id, tokenHash: sha256(token), createdByType: actor.type, createdBy: actor.id, expiresAt });
    const base = (this.config.PUBLIC_URL ?? '').replace(/\/+$/, '');
    return { url: `${base}/backup/download/${token}`, expiresAt };
  }

  /**
   * Redeems a link (once, in any process) and opens the archive's stream. Unknown, used or expired:
   * 404. Audited as `backup.downloaded` by the link's creator (the request itself is anonymous).
   */
  async openDownload(token: string, ip: string | null = null): Promise<{ archive: ArchiveStream; filename: string }> {
    const link = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.downloads.redeem(sha256(token)) : null;
    if (!link) throw AppError.notFound('Download link');
    const domainId = trustedDomainId(link.domainId);
    const row = await this.backups.findById(domainId, link.backupId);
    if (!row || row.state !== 'completed') throw AppError.notFound('Download link');
    const server = await this.servers.find(domainId, row.gameserverId);
    const archive = await this.archives.open(row);
    await this.audit.record(domainId, {
      actorType: link.createdByType,
      actorId: link.createdBy,
      action: 'backup.downloaded',
      targetType: 'backup',
      targetId: row.id,
      ip,
      details: { gameserverId: row.gameserverId, name: row.name, linkId: link.id, sizeBytes: row.sizeBytes },
    });
    return { archive, filename: `${safeName(server.name)}-${safeName(row.name)}.tar.gz` };
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'backup';
}

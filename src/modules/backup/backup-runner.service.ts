import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { EventBus } from '../../core/events/event-bus';
import { AuditService } from '../auditlog/audit.service';
import { GameServer, GameServerState } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { AgentChannel } from '../node/agent-channel.service';
import type { BackupSettings } from '../workload/definition/workload-definition';
import { ARCHIVE_TIMEOUT_MS, BackupArchives, errorText } from './backup-archives.service';
import type { BackupTarget } from './backup-storage';
import { BackupRepository } from './backup.repository';
import { Backup } from './entities/backup.entity';

const RUNNING_STATES: string[] = [GameServerState.RUNNING, GameServerState.STARTING];

/** `backup.finished` for a row that just reached its end state (the server's name is read now; its id if it is gone). */
export async function emitBackupFinished(bus: EventBus, servers: GameServerService, domainId: DomainId, row: Backup): Promise<void> {
  const serverName = await servers.find(domainId, row.gameserverId).then(
    (s) => s.name,
    () => row.gameserverId,
  );
  bus.emit('backup.finished', {
    domainId,
    backupId: row.id,
    backupName: row.name,
    serverId: row.gameserverId,
    serverName,
    status: row.state === 'completed' ? 'completed' : 'failed',
    sizeBytes: row.state === 'completed' ? row.sizeBytes : null,
    error: row.state === 'completed' ? null : row.error,
  });
}

/**
 * The background half of backups: making an archive, restoring one, and the retention that
 * follows a new backup. Every piece of work holds a lease on its row, renewed while it runs; a
 * process that dies stops renewing, and the sweeper (any process) fails the row.
 */
@Injectable()
export class BackupRunner implements OnModuleDestroy {
  private readonly logger = new Logger('BackupRunner');
  private readonly running = new Set<Promise<unknown>>();
  private readonly leases = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backups: BackupRepository,
    private readonly archives: BackupArchives,
    private readonly servers: GameServerService,
    private readonly channel: AgentChannel,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
  ) {}

  leaseUntil(): Date {
    return new Date(Date.now() + this.config.BACKUP_LEASE_MS);
  }

  /** Runs `work` in the background, tracked so shutdown can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  private holdLease(domainId: DomainId, id: string): () => void {
    const every = Math.max(Math.floor(this.config.BACKUP_LEASE_MS / 4), 100);
    const timer = setInterval(() => {
      this.backups.renewLease(domainId, id, this.leaseUntil()).catch((err: unknown) => this.logger.warn({ backupId: id, err: errorText(err) }, 'lease not renewed'));
    }, every);
    timer.unref();
    this.leases.set(id, timer);
    return () => {
      clearInterval(timer);
      this.leases.delete(id);
    };
  }

  private async consoleCommands(domainId: DomainId, server: GameServer, commands: string[] | undefined, when: string): Promise<void> {
    for (const command of commands ?? []) {
      await this.servers
        .sendCommand(domainId, server.id, command)
        .catch((err: unknown) => this.logger.warn({ serverId: server.id, when, command, err: errorText(err) }, 'backup console command failed'));
    }
  }

  /** Makes the archive of a `creating` row; resolves with the final row (completed or failed). */
  async runCreate(domainId: DomainId, row: Backup, target: BackupTarget, settings: BackupSettings | undefined): Promise<Backup> {
    const release = this.holdLease(domainId, row.id);
    try {
      let result: { sizeBytes: number; sha256: string; files: number };
      try {
        result = await this.makeArchive(domainId, row, settings);
      } catch (err) {
        const message = errorText(err);
        this.logger.warn({ backupId: row.id, serverId: row.gameserverId, err: message }, 'backup failed');
        const failed = await this.backups.updateWhen(domainId, row.id, 'state = :s', { s: 'creating' }, { state: 'failed', error: message, leaseUntil: null, completedAt: new Date() });
        await this.archives.removeQuietly(row);
        await this.audit.record(domainId, { actorType: 'system', action: 'backup.failed', targetType: 'backup', targetId: row.id, details: { gameserverId: row.gameserverId, error: message } });
        // Null: the sweeper failed it first and told.
        if (failed) await emitBackupFinished(this.bus, this.servers, domainId, failed);
        return failed ?? (await this.reload(domainId, row.id));
      }
      const done = await this.backups.updateWhen(
        domainId,
        row.id,
        'state = :s',
        { s: 'creating' },
        { state: 'completed', sizeBytes: result.sizeBytes, sha256: result.sha256, files: result.files, error: null, leaseUntil: null, completedAt: new Date() },
      );
      if (!done) {
        // The sweeper already failed it (our lease ran out): its archive must not outlive it.
        await this.archives.removeQuietly(row);
        return this.reload(domainId, row.id);
      }
      await this.audit.record(domainId, {
        actorType: 'system',
        action: 'backup.completed',
        targetType: 'backup',
        targetId: row.id,
        details: { gameserverId: row.gameserverId, sizeBytes: result.sizeBytes, sha256: result.sha256 },
      });
      await this.applyRetention(domainId, done, target).catch((err: unknown) => this.logger.warn({ backupId: row.id, err: errorText(err) }, 'retention failed'));
      // After retention: whoever hears "completed" sees the server's backups as they will stay.
      await emitBackupFinished(this.bus, this.servers, domainId, done);
      return done;
    } finally {
      release();
    }
  }

  private async reload(domainId: DomainId, id: string): Promise<Backup> {
    const row = await this.backups.findById(domainId, id);
    if (!row) throw AppError.notFound('Backup');
    return row;
  }

  private async makeArchive(domainId: DomainId, row: Backup, settings: BackupSettings | undefined): Promise<{ sizeBytes: number; sha256: string; files: number }> {
    const server = await this.servers.find(domainId, row.gameserverId);
    const wasRunning = server.state === GameServerState.RUNNING;
    if (wasRunning) await this.consoleCommands(domainId, server, settings?.beforeCommands, 'before');
    try {
      const base = { serverId: server.id, backupId: row.id, ignore: row.ignore };
      if (row.storage === 'local') return await this.channel.send(server.nodeId, 'backup.create', { ...base, destination: { kind: 'local' } }, ARCHIVE_TIMEOUT_MS);
      if (!row.configId || !row.objectKey) throw new Error('S3 backup without a configuration');
      const ticket = this.archives.createUploadTicket(server.nodeId, server.id);
      const made = this.channel.send(
        server.nodeId,
        'backup.create',
        { ...base, destination: { kind: 'transfer', transferPath: ticket.transferPath, transferToken: ticket.transferToken } },
        ARCHIVE_TIMEOUT_MS,
      );
      made.catch(() => undefined);
      let arrival;
      try {
        arrival = await Promise.race([
          ticket.arrival,
          made.then(() => {
            throw new Error('The node finished without sending the archive');
          }),
        ]);
      } catch (err) {
        ticket.cancel();
        throw err;
      }
      let stored;
      try {
        stored = await this.archives.put(domainId, row.configId, row.objectKey, arrival.stream);
      } finally {
        arrival.done();
      }
      const sent = await made;
      if (stored.sizeBytes !== sent.sizeBytes || stored.sha256 !== sent.sha256) {
        throw new Error(`The stored archive (${stored.sizeBytes} bytes, sha256 ${stored.sha256}) differs from what the node sent (${sent.sizeBytes} bytes, sha256 ${sent.sha256})`);
      }
      return sent;
    } finally {
      if (wasRunning) await this.consoleCommands(domainId, server, settings?.afterCommands, 'after');
    }
  }

  /** Keep-last-N and max-age over the server's completed, unlocked backups; never the one just made. */
  private async applyRetention(domainId: DomainId, fresh: Backup, target: BackupTarget): Promise<void> {
    if (target.keepLast === null && target.maxAgeDays === null) return;
    const candidates = await this.backups.retentionCandidates(domainId, fresh.gameserverId);
    const oldest = target.maxAgeDays === null ? null : Date.now() - target.maxAgeDays * 86_400_000;
    const doomed = candidates.filter((b, i) => b.id !== fresh.id && ((target.keepLast !== null && i >= target.keepLast) || (oldest !== null && new Date(b.createdAt).getTime() < oldest)));
    for (const b of doomed) {
      // Locked or busy meanwhile: skip (the rule is re-checked in the same statement as the delete below).
      // The same claim as a delete by hand (so the two never both work on one backup).
      const claimed = await this.backups.claimDelete(domainId, b.id, 'completed', this.leaseUntil(), 'being deleted by retention');
      if (!claimed) continue;
      try {
        await this.archives.remove(b);
      } catch (err) {
        await this.backups.updateWhen(domainId, b.id, 'state = :s AND error = :e', { s: 'failed', e: 'being deleted by retention' }, { state: 'completed', error: null, leaseUntil: null });
        this.logger.warn({ backupId: b.id, err: errorText(err) }, 'retention could not remove an archive; kept');
        continue;
      }
      await this.backups.delete(domainId, b.id);
      await this.audit.record(domainId, {
        actorType: 'system',
        action: 'backup.retention_deleted',
        targetType: 'backup',
        targetId: b.id,
        details: { gameserverId: b.gameserverId, name: b.name, keepLast: target.keepLast, maxAgeDays: target.maxAgeDays },
      });
    }
  }

  /**
   * Restores a backup whose row is `restoring`: stops the server (if up), has its node verify and
   * swap in the archive, and starts it again if it was running — also when the restore failed
   * (the node leaves the old data in place then).
   */
  async runRestore(domainId: DomainId, row: Backup, actor: { type: string; id: string | null }): Promise<Backup> {
    const release = this.holdLease(domainId, row.id);
    let hold: { holder: symbol; release(): void } | undefined;
    let wasRunning = false;
    const startAgain = async () => {
      if (!wasRunning || !hold) return;
      wasRunning = false;
      await this.servers
        .powerAction(domainId, row.gameserverId, 'start', hold.holder)
        .catch((err: unknown) => this.logger.warn({ serverId: row.gameserverId, err: errorText(err) }, 'start after restore failed'));
    };
    try {
      const server = await this.servers.find(domainId, row.gameserverId);
      hold = this.servers.hold(server.id, 'a backup is being restored');
      wasRunning = RUNNING_STATES.includes(server.state);
      if (wasRunning) await this.servers.powerAction(domainId, server.id, 'stop', hold.holder);
      const source = await this.archives.restoreSource(row, server.nodeId);
      try {
        await this.channel.send(
          server.nodeId,
          'backup.restore',
          { serverId: server.id, backupId: row.id, sha256: row.sha256!, sizeBytes: Number(row.sizeBytes), source: source.source },
          ARCHIVE_TIMEOUT_MS,
        );
      } finally {
        source.close();
      }
      await startAgain();
      const done = await this.backups.updateWhen(
        domainId,
        row.id,
        '"restoreState" = :r',
        { r: 'restoring' },
        { restoreState: 'restored', restoreError: null, restoredAt: new Date(), leaseUntil: null },
      );
      await this.audit.record(domainId, { actorType: 'system', action: 'backup.restored', targetType: 'backup', targetId: row.id, details: { gameserverId: row.gameserverId, requestedBy: actor } });
      return done ?? (await this.reload(domainId, row.id));
    } catch (err) {
      const message = errorText(err);
      this.logger.warn({ backupId: row.id, serverId: row.gameserverId, err: message }, 'restore failed');
      await startAgain();
      const failed = await this.backups.updateWhen(domainId, row.id, '"restoreState" = :r', { r: 'restoring' }, { restoreState: 'failed', restoreError: message, leaseUntil: null });
      await this.audit.record(domainId, {
        actorType: 'system',
        action: 'backup.restore_failed',
        targetType: 'backup',
        targetId: row.id,
        details: { gameserverId: row.gameserverId, error: message, requestedBy: actor },
      });
      return failed ?? (await this.reload(domainId, row.id));
    } finally {
      release();
      hold?.release();
    }
  }

  /** Waits (bounded) for work in this process; what is left is failed by the sweeper once its lease expires. */
  async onModuleDestroy(): Promise<void> {
    for (const timer of this.leases.values()) clearInterval(timer);
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}

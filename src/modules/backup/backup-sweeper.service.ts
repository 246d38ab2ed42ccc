import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { EventBus } from '../../core/events/event-bus';
import { PeriodicPass } from '../../core/jobs/periodic-pass';
import { AuditService } from '../auditlog/audit.service';
import { GameServerService } from '../gameserver/gameserver.service';
import { emitBackupFinished } from './backup-runner.service';
import { BackupArchives, errorText } from './backup-archives.service';
import { BackupPurgeRepository, BackupRepository } from './backup.repository';

/** Purge attempts (one per sweep) before an archive of a deleted server is given up on (logged). */
const MAX_PURGE_ATTEMPTS = 100;

/**
 * Runs in every API process: backups and restores whose working process stopped renewing the
 * lease are failed ("interrupted") and their partial archives removed; archives of deleted
 * servers (queued by a trigger when their rows went with the server) are removed.
 */
@Injectable()
export class BackupSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('BackupSweeper');
  private readonly sweeper = new PeriodicPass(
    () => this.pass(),
    (err) => this.logger.error({ err: errorText(err) }, 'backup sweep failed'),
    undefined,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backups: BackupRepository,
    private readonly purges: BackupPurgeRepository,
    private readonly archives: BackupArchives,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    private readonly servers: GameServerService,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper.start(this.config.BACKUP_SWEEP_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }

  /** One pass (also called by tests). Never throws. */
  sweep(): Promise<void> {
    return this.sweeper.run();
  }

  private async pass(): Promise<void> {
    for (const row of await this.backups.sweepExpiredCreates('interrupted: the process making this backup stopped before it finished')) {
      this.logger.warn({ backupId: row.id, serverId: row.gameserverId }, 'interrupted backup failed');
      await this.archives.removeQuietly(row);
      await this.audit.record(trustedDomainId(row.domainId), {
        actorType: 'system',
        action: 'backup.failed',
        targetType: 'backup',
        targetId: row.id,
        details: { gameserverId: row.gameserverId, error: row.error },
      });
      await emitBackupFinished(this.bus, this.servers, trustedDomainId(row.domainId), row);
    }
    for (const row of await this.backups.sweepExpiredRestores('interrupted: the process restoring this backup stopped before it finished')) {
      this.logger.warn({ backupId: row.id, serverId: row.gameserverId }, 'interrupted restore failed');
      await this.audit.record(trustedDomainId(row.domainId), {
        actorType: 'system',
        action: 'backup.restore_failed',
        targetType: 'backup',
        targetId: row.id,
        details: { gameserverId: row.gameserverId, error: row.restoreError },
      });
    }
    for (const p of await this.purges.pending(50)) {
      try {
        await this.archives.remove({ ...p, id: p.backupId });
        await this.purges.done(p.id);
      } catch (err) {
        if (await this.purges.failed(p.id, MAX_PURGE_ATTEMPTS)) this.logger.error({ backupId: p.backupId, err: errorText(err) }, 'archive of a deleted server could not be removed; given up');
      }
    }
  }
}

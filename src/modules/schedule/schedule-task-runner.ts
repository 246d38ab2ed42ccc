import { Injectable } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { BackupService } from '../backup/backup.service';
import { GameServerService } from '../gameserver/gameserver.service';
import type { ScheduleTask } from './schedule.types';

/**
 * Does one task of a schedule, through the same services a user's request would use: power
 * actions and console commands through GameServerService, backups through BackupService.
 * Resolves with a short result (e.g. a backup id) or throws with the reason.
 */
@Injectable()
export class ScheduleTaskRunner {
  constructor(
    private readonly servers: GameServerService,
    private readonly backups: BackupService,
  ) {}

  async perform(domainId: DomainId, serverId: string, task: ScheduleTask): Promise<string | undefined> {
    switch (task.action) {
      case 'power':
        await this.servers.powerAction(domainId, serverId, task.power);
        return undefined;
      case 'command':
        await this.servers.sendCommand(domainId, serverId, task.command);
        return undefined;
      case 'backup': {
        // Waits for the archive: the task is done when the backup is completed (a failed backup fails the task).
        const backup = await this.backups.create(domainId, serverId, task.name !== undefined ? { name: task.name } : {}, { type: 'system', id: null }, { wait: true });
        if (backup.state !== 'completed') throw new Error(`Backup ${backup.id} ${backup.state}${backup.error ? `: ${backup.error}` : ''}`);
        return backup.id;
      }
    }
  }
}

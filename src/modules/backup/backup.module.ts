import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilesModule } from '../files/files.module';
import { GameServerModule } from '../gameserver/gameserver.module';
import { NodeModule } from '../node/node.module';
import { WorkloadModule } from '../workload/workload.module';
import { BackupArchives } from './backup-archives.service';
import { BackupRunner } from './backup-runner.service';
import { BackupSweeper } from './backup-sweeper.service';
import { BackupController } from './backup.controller';
import { BackupDownloadRepository, BackupPurgeRepository, BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { BackupConfigModule } from './config/backup-config.module';
import { Backup, BackupDownload, BackupPurge } from './entities/backup.entity';

/** Backups of game servers: archives on the node or in S3 (BackupConfigModule), restores, downloads, retention. */
@Module({
  imports: [TypeOrmModule.forFeature([Backup, BackupDownload, BackupPurge]), BackupConfigModule, NodeModule, GameServerModule, WorkloadModule, FilesModule],
  controllers: [BackupController],
  providers: [BackupRepository, BackupDownloadRepository, BackupPurgeRepository, BackupArchives, BackupRunner, BackupSweeper, BackupService],
  exports: [BackupService],
})
export class BackupModule {}

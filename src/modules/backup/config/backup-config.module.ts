import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BackupStorage } from '../backup-storage';
import { BackupConfigController } from './backup-config.controller';
import { BackupConfigRepository } from './backup-config.repository';
import { BackupConfigService } from './backup-config.service';
import { S3BackupStorage } from './backup-storage.service';
import { BackupConfig } from './entities/backup-config.entity';

/**
 * Backup storage configuration (node-local disk or S3-compatible, one active per domain, with
 * limits and retention) and the `BackupStorage` the backup module streams archives through.
 */
@Module({
  imports: [TypeOrmModule.forFeature([BackupConfig])],
  controllers: [BackupConfigController],
  providers: [BackupConfigRepository, BackupConfigService, S3BackupStorage, { provide: BackupStorage, useExisting: S3BackupStorage }],
  exports: [BackupStorage, BackupConfigService],
})
export class BackupConfigModule {}

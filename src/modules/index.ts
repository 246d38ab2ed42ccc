import { Type, DynamicModule } from '@nestjs/common';
import { IdentityModule } from './identity.module';
import { NodeModule } from './node/node.module';
import { WorkloadModule } from './workload/workload.module';
import { GameServerModule } from './gameserver/gameserver.module';
import { ConsoleModule } from './console/console.module';
import { SkyportModule } from './compat/skyport/skyport.module';
import { ShardlynModule } from './compat/v1/shardlyn.module';
import { FilesModule } from './files/files.module';
import { BackupModule } from './backup/backup.module';
import { ScheduleModule } from './schedule/schedule.module';
import { AlertModule } from './alert/alert.module';
import { IntegrationModule } from './integration/integration.module';
import { DeployModule } from './deploy/deploy.module';
import { MigrationModule } from './migration/migration.module';

/** Every feature module, in one list the app module imports. */
export const FEATURE_MODULES: Array<Type | DynamicModule> = [
  IdentityModule,
  NodeModule,
  WorkloadModule,
  GameServerModule,
  ConsoleModule,
  SkyportModule,
  ShardlynModule,
  FilesModule,
  BackupModule,
  ScheduleModule,
  IntegrationModule,
  DeployModule,
  AlertModule,
  MigrationModule,
];

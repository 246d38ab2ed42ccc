import { User } from '../../modules/user/entities/user.entity';
import { Domain } from '../../modules/domain/entities/domain.entity';
import { Role } from '../../modules/role/entities/role.entity';
import { Membership } from '../../modules/membership/entities/membership.entity';
import { ApiToken } from '../../modules/apitoken/entities/api-token.entity';
import { RefreshToken } from '../../modules/auth/entities/refresh-token.entity';
import { AuditLog } from '../../modules/auditlog/entities/audit-log.entity';
import { Node } from '../../modules/node/entities/node.entity';
import { NodeMetric } from '../../modules/node/entities/node-metric.entity';
import { Workload } from '../../modules/workload/entities/workload.entity';
import { GameServer } from '../../modules/gameserver/entities/gameserver.entity';
import { Allocation } from '../../modules/gameserver/entities/allocation.entity';
import { GameServerMetric } from '../../modules/gameserver/entities/gameserver-metric.entity';
import { ConsoleLog } from '../../modules/console/entities/console-log.entity';
import { FileUpload } from '../../modules/files/entities/file-upload.entity';
import { ServerTransfer } from '../../modules/files/entities/server-transfer.entity';
import { BackupConfig } from '../../modules/backup/config/entities/backup-config.entity';
import { Backup, BackupDownload, BackupPurge } from '../../modules/backup/entities/backup.entity';
import { Schedule } from '../../modules/schedule/entities/schedule.entity';
import { ScheduleRun } from '../../modules/schedule/entities/schedule-run.entity';
import { Integration } from '../../modules/integration/entities/integration.entity';
import { IntegrationDelivery } from '../../modules/integration/entities/integration-delivery.entity';
import { GitDeploy, GitSync, WebhookEvent, WebhookToken } from '../../modules/deploy/entities/deploy.entity';
import { AlertRule } from '../../modules/alert/entities/alert-rule.entity';
import { Alert } from '../../modules/alert/entities/alert.entity';
import { InstanceSettings } from '../../modules/settings/entities/instance-settings.entity';
import { PasswordResetToken } from '../../modules/auth/entities/password-reset-token.entity';
import { PterodactylImport } from '../../modules/migration/entities/pterodactyl-import.entity';

/** Every TypeORM entity, listed explicitly so builds and the CLI agree (no globs). */
export const ENTITIES: Function[] = [
  User,
  Domain,
  Role,
  Membership,
  ApiToken,
  RefreshToken,
  AuditLog,
  Node,
  NodeMetric,
  Workload,
  GameServer,
  Allocation,
  GameServerMetric,
  ConsoleLog,
  FileUpload,
  ServerTransfer,
  BackupConfig,
  Backup,
  BackupDownload,
  BackupPurge,
  Schedule,
  ScheduleRun,
  Integration,
  IntegrationDelivery,
  GitDeploy,
  GitSync,
  WebhookToken,
  WebhookEvent,
  AlertRule,
  Alert,
  InstanceSettings,
  PasswordResetToken,
  PterodactylImport,
];

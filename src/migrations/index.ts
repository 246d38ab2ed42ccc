import { Identity1764100000000 } from './1764100000000-Identity';
import { Nodes1764200000000 } from './1764200000000-Nodes';
import { GameServers1764300000000 } from './1764300000000-GameServers';
import { GameServerMetrics1764400000000 } from './1764400000000-GameServerMetrics';
import { ConsoleLogs1764480000000 } from './1764480000000-ConsoleLogs';
import { FileUploads1764490000000 } from './1764490000000-FileUploads';

import { SharedNodes1764500000000 } from './1764500000000-SharedNodes';
import { MfaReplay1764610000000 } from './1764610000000-MfaReplay';
import { GameServerUnknownState1764700000000 } from './1764700000000-GameServerUnknownState';
import { BackupSchedulePermissions1764800000000 } from './1764800000000-BackupSchedulePermissions';
import { BackupConfig1764800000001 } from './1764800000001-BackupConfig';
import { Backups1764800000002 } from './1764800000002-Backups';
import { Schedules1764800000003 } from './1764800000003-Schedules';
import { AllocationsStartup1764900000016 } from './1764900000016-AllocationsStartup';
import { AuditReadable1764900000600 } from './1764900000600-AuditReadable';
import { NotifyDeployPermissions1764900000700 } from './1764900000700-NotifyDeployPermissions';
import { Integrations1764900000710 } from './1764900000710-Integrations';
import { AuditExport1764900000720 } from './1764900000720-AuditExport';
import { GitDeploy1764900000740 } from './1764900000740-GitDeploy';
import { PterodactylImport1764900000780 } from './1764900000780-PterodactylImport';
import { ServerTransfers1764900000790 } from './1764900000790-ServerTransfers';
import { Alerts1764900000730 } from './1764900000730-Alerts';
import { SuspensionMemberPermissions1764900000760 } from './1764900000760-SuspensionMemberPermissions';
import { AccountSelfService1764900000750 } from './1764900000750-AccountSelfService';
import { NodeHardwareText1764900000770 } from './1764900000770-NodeHardwareText';

/** Every migration in order. Add new ones at the end. */
export const MIGRATIONS: Function[] = [
  Identity1764100000000,
  Nodes1764200000000,
  GameServers1764300000000,
  GameServerMetrics1764400000000,
  ConsoleLogs1764480000000,
  FileUploads1764490000000,
  SharedNodes1764500000000,
  MfaReplay1764610000000,
  GameServerUnknownState1764700000000,
  BackupSchedulePermissions1764800000000,
  BackupConfig1764800000001,
  Backups1764800000002,
  Schedules1764800000003,
  AllocationsStartup1764900000016,
  AuditReadable1764900000600,
  NotifyDeployPermissions1764900000700,
  Integrations1764900000710,
  AuditExport1764900000720,
  GitDeploy1764900000740,
  Alerts1764900000730,
  AccountSelfService1764900000750,
  SuspensionMemberPermissions1764900000760,
  NodeHardwareText1764900000770,
  PterodactylImport1764900000780,
  ServerTransfers1764900000790,
];

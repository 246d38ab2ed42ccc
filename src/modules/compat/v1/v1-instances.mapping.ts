import type { BackupOutputDTO } from '../../backup/dto/backup.dto';
import type { ConsoleLogPageDTO } from '../../console/dto/console.dto';
import type { GitDeployConfigDTO, GitDeployInputDTO, GitSyncOutputDTO } from '../../deploy/dto/deploy.dto';
import type { FileEntryDTO } from '../../files/dto/files.dto';
import type { GameServerCreateDTO, GameServerOutputDTO, GameServerStatsDTO, GameServerUpdateDTO } from '../../gameserver/dto/gameserver.dto';
import type {
  V1BackupDTO,
  V1FileEntryDTO,
  V1GitConfigDTO,
  V1GitInputDTO,
  V1GitSyncDTO,
  V1InstanceCreateInputDTO,
  V1InstanceDTO,
  V1InstanceStatsDTO,
  V1InstanceUpdateInputDTO,
  V1LogHistoryDTO,
  V1MetricPointDTO,
} from './v1-instances.dto';

/**
 * Outpost's game servers, files, console history, backups and git deploy → the `/v1` dialect's
 * instances (snake_case), and the dialect's inputs → Outpost's. Pure functions.
 */

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

export function toInstance(s: GameServerOutputDTO): V1InstanceDTO {
  return {
    id: s.id,
    organization_id: s.domainId,
    name: s.name,
    workload_id: s.workloadId,
    node_id: s.nodeId,
    owner_id: s.ownerId,
    image: s.image,
    status: s.state,
    status_reason: s.stateReason,
    variables: s.variables,
    memory_mib: s.memoryMiB,
    cpu_percent: s.cpuPercent,
    disk_mib: s.diskMiB,
    auto_restart: s.autoRestart,
    last_exit_code: s.lastExitCode,
    started_at: iso(s.startedAt),
    created_at: iso(s.createdAt)!,
    updated_at: iso(s.updatedAt)!,
  };
}

/** Only the fields sent: absent ones stay absent (the service applies its defaults). */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function fromInstanceCreate(b: V1InstanceCreateInputDTO): GameServerCreateDTO {
  return defined({
    name: b.name,
    workloadId: b.workload_id,
    nodeId: b.node_id,
    variables: b.variables,
    image: b.image,
    memoryMiB: b.memory_mib,
    cpuPercent: b.cpu_percent,
    diskMiB: b.disk_mib,
    tags: b.tags,
    autoRestart: b.auto_restart,
  });
}

export function fromInstanceUpdate(b: V1InstanceUpdateInputDTO): GameServerUpdateDTO {
  return defined({ name: b.name, variables: b.variables, image: b.image, memoryMiB: b.memory_mib, cpuPercent: b.cpu_percent, diskMiB: b.disk_mib, autoRestart: b.auto_restart });
}

export function toStats(s: GameServerStatsDTO): V1InstanceStatsDTO {
  return {
    status: s.state,
    cpu_percent: s.cpuPercent,
    memory_bytes: s.memoryBytes,
    memory_limit_bytes: s.memoryLimitBytes,
    network_rx_bytes: s.networkRxBytes,
    network_tx_bytes: s.networkTxBytes,
    disk_used_bytes: s.diskUsedBytes,
    uptime_seconds: s.uptimeSeconds,
  };
}

/** A stored sample (bigint columns arrive as strings). */
interface MetricSample {
  time: Date;
  cpuPercent: number;
  memoryBytes: number | string;
  memoryLimitBytes: number | string;
  networkRxBytes: number | string;
  networkTxBytes: number | string;
  pids: number;
}

export function toMetricPoint(m: MetricSample): V1MetricPointDTO {
  return {
    time: iso(m.time)!,
    cpu_percent: m.cpuPercent,
    memory_bytes: Number(m.memoryBytes),
    memory_limit_bytes: Number(m.memoryLimitBytes),
    network_rx_bytes: Number(m.networkRxBytes),
    network_tx_bytes: Number(m.networkTxBytes),
    pids: m.pids,
  };
}

export function toLogHistory(p: ConsoleLogPageDTO): V1LogHistoryDTO {
  return { lines: p.lines.map((l) => ({ seq: Number(l.seq), stream: l.stream, line: l.line, time: iso(l.time)! })), next_before: p.nextBefore };
}

export function toFileEntry(f: FileEntryDTO): V1FileEntryDTO {
  return { name: f.name, path: f.path, type: f.type, is_dir: f.type === 'directory', size: f.size, mode: f.mode, modified_at: f.modifiedAt };
}

export function toBackup(b: BackupOutputDTO): V1BackupDTO {
  return {
    id: b.id,
    instance_id: b.gameserverId,
    name: b.name,
    status: b.state,
    error: b.error,
    storage: b.storage,
    size_bytes: b.sizeBytes === null ? null : Number(b.sizeBytes),
    sha256: b.sha256,
    locked: b.locked,
    restore_status: b.restoreState,
    restore_error: b.restoreError,
    created_at: iso(b.createdAt)!,
    completed_at: iso(b.completedAt),
  };
}

export function fromGitInput(b: V1GitInputDTO): GitDeployInputDTO {
  return defined({
    url: b.repo_url,
    branch: b.branch,
    subdirectory: b.subdirectory,
    targetDirectory: b.target_directory,
    token: b.token,
    restartOnSync: b.restart_on_sync,
    autoDeploy: b.auto_deploy,
  });
}

export function toGitConfig(c: GitDeployConfigDTO): V1GitConfigDTO {
  return {
    id: c.id,
    instance_id: c.serverId,
    repo_url: c.url,
    branch: c.branch,
    subdirectory: c.subdirectory,
    target_directory: c.targetDirectory,
    has_token: c.hasToken,
    restart_on_sync: c.restartOnSync,
    auto_deploy: c.autoDeploy,
    last_commit: c.lastCommit,
    last_sync_at: iso(c.lastSyncAt),
    created_at: iso(c.createdAt)!,
    updated_at: iso(c.updatedAt)!,
  };
}

export function toGitSync(s: GitSyncOutputDTO): V1GitSyncDTO {
  return { id: s.id, trigger: s.trigger, status: s.status, commit: s.commit, commit_message: s.commitMessage, error: s.error, started_at: iso(s.startedAt)!, finished_at: iso(s.finishedAt) };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';
import { MAX_IGNORE_PATTERN_LENGTH, MAX_IGNORE_PATTERNS } from '../../backup/dto/backup.dto';
import { branchProblem, gitUrlProblem, MAX_BRANCH, MAX_DIRECTORY, MAX_GIT_URL, relativeDirectory } from '../../deploy/git-rules';
import { MAX_PATH } from '../../files/dto/files.dto';
import { GameServerState } from '../../gameserver/gameserver.types';

/**
 * Instances of the Shardlyn `/v1` dialect (seed 001) are Outpost game servers. Bodies are
 * snake_case; every input is bounded like its Outpost counterpart (the services check the rest).
 */

// ---- instances ----

export class V1InstanceDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The organization (Outpost domain)' }) organization_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', description: 'The workload (template) it runs' }) workload_id: string;
  @ApiProperty({ format: 'uuid' }) node_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) owner_id: string | null;
  @ApiProperty() image: string;
  @ApiProperty({ enum: GameServerState }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it is in its status (e.g. oom, exit code 3)' }) status_reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) variables: Record<string, string>;
  @ApiProperty() memory_mib: number;
  @ApiProperty({ description: '100 = one core' }) cpu_percent: number;
  @ApiProperty() disk_mib: number;
  @ApiProperty() auto_restart: boolean;
  @ApiProperty({ nullable: true, type: Number }) last_exit_code: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) started_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

const VARIABLES = { type: 'object', additionalProperties: { type: 'string' }, description: 'Template variables by env name' } as const;

export class V1InstanceCreateInputDTO {
  @ApiProperty({ maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ format: 'uuid', description: 'The workload (template) to run' }) @IsUUID() workload_id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Omit to let the planner choose' }) @IsOptional() @IsUUID() node_id?: string;
  @ApiPropertyOptional(VARIABLES) @IsOptional() @IsObject() variables?: Record<string, unknown>;
  @ApiPropertyOptional({ maxLength: 255, description: 'Default: the template image' }) @IsOptional() @IsString() @Length(1, 255) image?: string;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024) memory_mib?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 * 256 }) @IsOptional() @IsInt() @Min(1) @Max(100 * 256) cpu_percent?: number;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 * 16 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024 * 16) disk_mib?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 16, description: 'Placement: only nodes carrying all these tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tags?: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() auto_restart?: boolean;
}

export class V1InstanceUpdateInputDTO {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional(VARIABLES) @IsOptional() @IsObject() variables?: Record<string, unknown>;
  @ApiPropertyOptional({ maxLength: 255 }) @IsOptional() @IsString() @Length(1, 255) image?: string;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024) memory_mib?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 * 256 }) @IsOptional() @IsInt() @Min(1) @Max(100 * 256) cpu_percent?: number;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 * 16 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024 * 16) disk_mib?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() auto_restart?: boolean;
}

export class V1InstanceStatsDTO {
  @ApiProperty({ enum: GameServerState }) status: string;
  @ApiProperty() cpu_percent: number;
  @ApiProperty() memory_bytes: number;
  @ApiProperty() memory_limit_bytes: number;
  @ApiProperty() network_rx_bytes: number;
  @ApiProperty() network_tx_bytes: number;
  @ApiProperty({ nullable: true, type: Number }) disk_used_bytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) uptime_seconds: number | null;
}

export class V1MetricPointDTO {
  @ApiProperty({ format: 'date-time' }) time: string;
  @ApiProperty() cpu_percent: number;
  @ApiProperty() memory_bytes: number;
  @ApiProperty() memory_limit_bytes: number;
  @ApiProperty() network_rx_bytes: number;
  @ApiProperty() network_tx_bytes: number;
  @ApiProperty() pids: number;
}

export class V1InstallLogsDTO {
  @ApiProperty({ enum: GameServerState }) status: string;
  @ApiProperty({ description: 'Output of the last install run (empty before the first)' }) log: string;
}

export class V1CommandInputDTO {
  @ApiProperty({ maxLength: 4096 }) @IsString() @Length(1, 4096) @Matches(/^[^\r\n]*$/, { message: 'command must be a single line' }) command: string;
}

// ---- logs ----

export class V1LogLineDTO {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ['stdout', 'stderr', 'outpost'] }) stream: string;
  @ApiProperty() line: string;
  @ApiProperty({ format: 'date-time' }) time: string;
}

export class V1LogHistoryDTO {
  @ApiProperty({ type: [V1LogLineDTO], description: 'Oldest first within the page' }) lines: V1LogLineDTO[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `before` for the next (older) page; null when this is the oldest' }) next_before: number | null;
}

export class V1LogsClearedDTO {
  @ApiProperty({ description: 'Stored lines removed' }) deleted: number;
}

// ---- files ----

const NO_NUL = /^[^\u0000]*$/;
const NUL = { message: '$property must not contain NUL bytes' };
/** A client-side ceiling for the text editor route; the file service refuses reads over 8 MiB too. */
export const MAX_TEXT_CONTENT = 8 * 1024 * 1024;

export class V1FileEntryDTO {
  @ApiProperty() name: string;
  @ApiProperty({ description: "Relative to the instance's data directory" }) path: string;
  @ApiProperty({ enum: ['file', 'directory', 'symlink', 'other'] }) type: string;
  @ApiProperty() is_dir: boolean;
  @ApiProperty() size: number;
  @ApiProperty({ example: '0644' }) mode: string;
  @ApiProperty({ format: 'date-time' }) modified_at: string;
}

export class V1PathQueryDTO {
  @ApiPropertyOptional({ maxLength: MAX_PATH, description: "Relative to the data directory; '' or absent = the directory itself" })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PATH)
  @Matches(NO_NUL, NUL)
  path?: string;
}

export class V1RequiredPathQueryDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @IsString() @Length(1, MAX_PATH) @Matches(NO_NUL, NUL) path: string;
}

export class V1FileContentDTO {
  @ApiProperty() path: string;
  @ApiProperty() content: string;
}

export class V1FileWriteInputDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @IsString() @Length(1, MAX_PATH) @Matches(NO_NUL, NUL) path: string;
  @ApiProperty({ maxLength: MAX_TEXT_CONTENT, description: 'UTF-8 text; bigger or binary files go through upload' }) @IsString() @MaxLength(MAX_TEXT_CONTENT) content: string;
}

export class V1MkdirInputDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @IsString() @Length(1, MAX_PATH) @Matches(NO_NUL, NUL) path: string;
}

export class V1MoveInputDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @IsString() @Length(1, MAX_PATH) @Matches(NO_NUL, NUL) from: string;
  @ApiProperty({ maxLength: MAX_PATH, description: 'New path (another directory moves the entry)' }) @IsString() @Length(1, MAX_PATH) @Matches(NO_NUL, NUL) to: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() overwrite?: boolean;
}

export class V1UploadedFileDTO {
  @ApiProperty() path: string;
  @ApiProperty() bytes: number;
}

export class V1OkDTO {
  @ApiProperty({ example: true }) ok: true;
}

// ---- backups ----

export class V1BackupDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instance_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['creating', 'completed', 'failed'], description: '`completed` once the archive is stored and its checksum matched' }) status: string;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ enum: ['local', 's3'] }) storage: string;
  @ApiProperty({ nullable: true, type: Number }) size_bytes: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hex sha256 of the archive' }) sha256: string | null;
  @ApiProperty({ description: 'A locked backup cannot be deleted' }) locked: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['restoring', 'restored', 'failed'] }) restore_status: string | null;
  @ApiProperty({ nullable: true, type: String }) restore_error: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completed_at: string | null;
}

export class V1BackupCreateInputDTO {
  @ApiPropertyOptional({ maxLength: 100, description: 'Default: the date and time' })
  @IsOptional()
  @TrimmedName(100)
  @Matches(/^[^\x00-\x1f\x7f]*$/, { message: 'name must not contain control characters' })
  name?: string;
  @ApiPropertyOptional({ type: [String], maxItems: MAX_IGNORE_PATTERNS, description: 'Extra ignore patterns (.gitignore syntax)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_IGNORE_PATTERNS)
  @IsString({ each: true })
  @MaxLength(MAX_IGNORE_PATTERN_LENGTH, { each: true })
  @Matches(/^[^\x00\r\n]*$/, { each: true, message: 'ignore patterns are single lines without NUL bytes' })
  ignore?: string[];
}

// ---- git deploy ----

/** A class-validator rule from one of the deploy module's pure git rules (its sentence is the message). */
function GitRule(name: string, problem: (value: string) => string | null): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
      defaultMessage: (args) => (typeof args?.value === 'string' ? (problem(args.value) ?? `${args.property} is not valid`) : `${args?.property} must be a string`),
    },
  });
}
const dirProblem = (what: string) => (value: string) => {
  const r = relativeDirectory(value, what);
  return 'problem' in r ? r.problem : null;
};

export class V1GitInputDTO {
  @ApiProperty({ maxLength: MAX_GIT_URL, description: 'https://, http:// or git:// only', example: 'https://github.com/acme/server-config.git' })
  @IsString()
  @MaxLength(MAX_GIT_URL)
  @GitRule('gitUrl', gitUrlProblem)
  repo_url: string;
  @ApiProperty({ maxLength: MAX_BRANCH, example: 'main' }) @IsString() @MaxLength(MAX_BRANCH) @GitRule('gitBranch', branchProblem) branch: string;
  @ApiPropertyOptional({ maxLength: MAX_DIRECTORY, default: '', description: "Directory of the repository to deploy ('' = its root)" })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DIRECTORY)
  @GitRule('gitSubdirectory', dirProblem('subdirectory'))
  subdirectory?: string;
  @ApiPropertyOptional({ maxLength: MAX_DIRECTORY, default: '', description: "Directory of the instance's data it is deployed into ('' = the root)" })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DIRECTORY)
  @GitRule('gitTargetDirectory', dirProblem('target_directory'))
  target_directory?: string;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String, description: 'HTTPS access token, stored encrypted, never returned; null or "" removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  token?: string | null;
  @ApiPropertyOptional({ default: false, description: 'Stop the instance before a sync and start it again afterwards' }) @IsOptional() @IsBoolean() restart_on_sync?: boolean;
  @ApiPropertyOptional({ default: true, description: 'Pushes announced by webhooks sync this instance' }) @IsOptional() @IsBoolean() auto_deploy?: boolean;
}

export class V1GitConfigDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instance_id: string;
  @ApiProperty() repo_url: string;
  @ApiProperty() branch: string;
  @ApiProperty() subdirectory: string;
  @ApiProperty() target_directory: string;
  @ApiProperty({ description: 'Whether an access token is stored (never returned)' }) has_token: boolean;
  @ApiProperty() restart_on_sync: boolean;
  @ApiProperty() auto_deploy: boolean;
  @ApiProperty({ nullable: true, type: String }) last_commit: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_sync_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1GitSyncDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['manual', 'webhook'] }) trigger: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) commit: string | null;
  @ApiProperty({ nullable: true, type: String }) commit_message: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finished_at: string | null;
}

export class V1GitStatusDTO {
  @ApiProperty({ description: 'Whether the instance tracks a repository' }) configured: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The commit deployed last' }) last_commit: string | null;
  @ApiProperty({ type: V1GitSyncDTO, nullable: true, description: 'The latest sync (null: none yet)' }) last_sync: V1GitSyncDTO | null;
}

export class V1GitSyncStartedDTO {
  @ApiProperty({ format: 'uuid', description: 'The sync, running in the background: poll GET /v1/instances/{id}/git/status' }) sync_id: string;
  @ApiProperty({ example: 'running' }) status: 'running';
}

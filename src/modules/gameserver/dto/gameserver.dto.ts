import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { NodeOutputDTO } from '../../node/dto/node.dto';
import { WorkloadOutputDTO } from '../../workload/dto/workload.dto';
import { GameServer, GameServerState } from '../entities/gameserver.entity';
import { TrimmedName } from '../../../core/http/trimmed';

export class AllocationOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty() ip: string;
  @Expose() @ApiProperty() port: number;
  @Expose() @ApiProperty() containerPort: number;
  @Expose() @ApiProperty({ enum: ['tcp', 'udp'] }) protocol: string;
  @Expose() @ApiProperty({ description: "The server's main port (SERVER_PORT); exactly one per server" }) primary: boolean;
  @Expose() @ApiProperty({ maxLength: 256 }) notes: string;
}

export class GameServerOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ format: 'uuid' }) workloadId: string;
  @Expose() @ApiProperty({ format: 'uuid' }) nodeId: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @Expose() @ApiProperty() image: string;
  @Expose() @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) variables: Record<string, string>;
  @Expose() @ApiProperty() memoryMiB: number;
  @Expose() @ApiProperty() cpuPercent: number;
  @Expose() @ApiProperty() diskMiB: number;
  @Expose() @ApiProperty() pids: number;
  @Expose() @ApiProperty({ enum: GameServerState }) state: GameServerState;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'Why the server is in its state (e.g. oom, exit code 3)' }) stateReason: string | null;
  @Expose() @ApiProperty() autoRestart: boolean;
  @Expose()
  @ApiProperty({ type: [Date], description: 'Crashes within the crash-loop window (10 minutes): automatic restarts stop after 3' })
  recentCrashes: Date[];
  @Expose() @ApiProperty({ nullable: true, type: Number }) lastExitCode: number | null;
  @Expose() @ApiProperty() oomKilled: boolean;
  @Expose() @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
  @Expose() @Type(() => NodeOutputDTO) @ApiPropertyOptional({ type: NodeOutputDTO }) node?: NodeOutputDTO;
  @Expose() @Type(() => WorkloadOutputDTO) @ApiPropertyOptional({ type: WorkloadOutputDTO }) workload?: WorkloadOutputDTO;
  @Expose() @Type(() => AllocationOutputDTO) @ApiPropertyOptional({ type: [AllocationOutputDTO] }) allocations?: AllocationOutputDTO[];
}

export class GameServerCreateDTO {
  @ApiProperty() @TrimmedName(100) name: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() workloadId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Omit to let the planner choose' }) @IsOptional() @IsUUID() nodeId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Template variables by env name' }) @IsOptional() @IsObject() variables?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Default: the template image' }) @IsOptional() @IsString() @Length(1, 255) image?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024) memoryMiB?: number;
  @ApiPropertyOptional({ description: '100 = one core' }) @IsOptional() @IsInt() @Min(1) @Max(100 * 256) cpuPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024 * 16) diskMiB?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(8) @Max(1_000_000) pids?: number;
  @ApiPropertyOptional({ type: [String], description: 'Placement: only nodes carrying all these tags' }) @IsOptional() @IsArray() @ArrayMaxSize(16) @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() autoRestart?: boolean;
}

export class GameServerUpdateDTO {
  @ApiPropertyOptional() @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) @IsOptional() @IsObject() variables?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 255) image?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024) memoryMiB?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100 * 256) cpuPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024 * 16) diskMiB?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(8) @Max(1_000_000) pids?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() autoRestart?: boolean;
}

export const POWER_ACTIONS = ['start', 'stop', 'restart', 'kill'] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

export class PowerDTO {
  @ApiProperty({ enum: POWER_ACTIONS }) @IsIn(POWER_ACTIONS) action: PowerAction;
}

export class CommandDTO {
  @ApiProperty({ maxLength: 4096 }) @IsString() @Length(1, 4096) @Matches(/^[^\r\n]*$/, { message: 'command must be a single line' }) command: string;
}

export class SuggestFitDTO {
  @ApiPropertyOptional({ format: 'uuid', description: "Use this workload's default resources" }) @IsOptional() @IsUUID() workloadId?: string;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024) memoryMiB?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 * 256 }) @IsOptional() @IsInt() @Min(1) @Max(100 * 256) cpuPercent?: number;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 * 16 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024 * 16) diskMiB?: number;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(16) @IsString({ each: true }) tags?: string[];
}

export class NodeFitDTO {
  @ApiProperty({ format: 'uuid' }) nodeId: string;
  @ApiProperty() name: string;
  @ApiProperty() fits: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ description: 'Free memory after placement, MiB' }) freeMemoryMiB: number;
  @ApiProperty() freeDiskMiB: number;
  @ApiProperty() freeCpuPercent: number;
}

export class SuggestFitOutputDTO {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chosen: string | null;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [NodeFitDTO] }) candidates: NodeFitDTO[];
}

export class InstallLogOutputDTO {
  @ApiProperty({ enum: GameServerState }) state: GameServerState;
  @ApiProperty({ description: 'Output of the last install run (empty before the first)' }) log: string;
}

export class GameServerStatsDTO {
  @ApiProperty() state: string;
  @ApiProperty() cpuPercent: number;
  @ApiProperty() memoryBytes: number;
  @ApiProperty() memoryLimitBytes: number;
  @ApiProperty() networkRxBytes: number;
  @ApiProperty() networkTxBytes: number;
  @ApiProperty({ nullable: true, type: Number }) diskUsedBytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) uptimeSeconds: number | null;
}

export const GAMESERVER_SEARCH: SearchSpec<GameServer> = {
  name: 'GameServer',
  entity: GameServer,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    state: { type: 'enum', enum: Object.values(GameServerState), filter: true, sort: true },
    nodeId: { type: 'uuid', filter: true },
    workloadId: { type: 'uuid', filter: true },
    ownerId: { type: 'uuid', filter: true },
    image: { type: 'string', filter: true, search: true },
    memoryMiB: { type: 'number', filter: true, sort: true, range: true },
    cpuPercent: { type: 'number', filter: true, sort: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  extend: ['node', 'workload', 'allocations'],
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class GameServerSearchInputDTO extends createSearchInput(GAMESERVER_SEARCH) {}

export class GameServerMetricOutputDTO {
  @Expose() @ApiProperty() time: Date;
  @Expose() @ApiProperty() cpuPercent: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) memoryBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) memoryLimitBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) networkRxBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) networkTxBytes: number;
  @Expose() @ApiProperty() pids: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';

/**
 * Request and reply bodies of seed 001's Node endpoints over Outpost's NodeService: snake_case,
 * bare JSON. Inputs are bounded as Outpost's own node DTOs (src/modules/node/dto/node.dto.ts).
 */

const ADDRESS = /^[A-Za-z0-9.:-]+$/;
const ADDRESS_MESSAGE = 'address must be an IP or host name';
/** A new node is described unless the token is for an existing one (`node_id`). */
const describesNewNode = (o: V1RegisterTokenInputDTO) => o.node_id === undefined;

export class V1NodeDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a shared node of the instance' }) organization_id: string | null;
  @ApiProperty({ description: 'A shared node: every organization may place instances on it' }) shared: boolean;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Address players connect to' }) address: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() location: string;
  @ApiProperty() memory_mib: number;
  @ApiProperty() disk_mib: number;
  @ApiProperty({ description: '100 = one core' }) cpu_percent: number;
  @ApiProperty() overallocation_percent: number;
  @ApiProperty() port_range_start: number;
  @ApiProperty() port_range_end: number;
  @ApiProperty({ enum: ['pending', 'online', 'offline', 'cordoned', 'draining'], description: 'status and scheduling in one word' }) state: string;
  @ApiProperty({ enum: ['pending', 'online', 'offline'] }) status: string;
  @ApiProperty({ enum: ['active', 'cordoned', 'draining'] }) scheduling: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_heartbeat_at: string | null;
  @ApiProperty({ nullable: true, type: String }) agent_version: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1NodeUpdateInputDTO {
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @TrimmedName(64) name?: string;
  @ApiPropertyOptional({ maxLength: 253 }) @IsOptional() @IsString() @Length(1, 253) @Matches(ADDRESS, { message: ADDRESS_MESSAGE }) address?: string;
  @ApiPropertyOptional({ type: [String], maxItems: 32 }) @IsOptional() @IsArray() @ArrayMaxSize(32) @IsString({ each: true }) @Length(1, 32, { each: true }) tags?: string[];
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @Length(0, 64) location?: string;
  @ApiPropertyOptional({ minimum: 64 }) @IsOptional() @IsInt() @Min(64) @Max(16 * 1024 * 1024) memory_mib?: number;
  @ApiPropertyOptional({ minimum: 256 }) @IsOptional() @IsInt() @Min(256) @Max(1024 * 1024 * 1024) disk_mib?: number;
  @ApiPropertyOptional({ minimum: 10, description: '100 = one core' }) @IsOptional() @IsInt() @Min(10) @Max(100 * 1024) cpu_percent?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) overallocation_percent?: number;
  @ApiPropertyOptional({ minimum: 1024, maximum: 65535 }) @IsOptional() @IsInt() @Min(1024) @Max(65535) port_range_start?: number;
  @ApiPropertyOptional({ minimum: 1024, maximum: 65535 }) @IsOptional() @IsInt() @Min(1024) @Max(65535) port_range_end?: number;
}

export class V1RegisterTokenInputDTO {
  @ApiPropertyOptional({ format: 'uuid', description: 'A new token for this existing node (the other fields are then not used); absent: a new node is created from them' })
  @IsOptional()
  @IsUUID()
  node_id?: string;
  @ApiPropertyOptional({ maxLength: 64, description: 'Required for a new node' }) @ValidateIf(describesNewNode) @TrimmedName(64) name?: string;
  @ApiPropertyOptional({ maxLength: 253, description: 'Required for a new node' })
  @ValidateIf(describesNewNode)
  @IsString()
  @Length(1, 253)
  @Matches(ADDRESS, { message: ADDRESS_MESSAGE })
  address?: string;
  @ApiPropertyOptional({ minimum: 64, description: 'Required for a new node' }) @ValidateIf(describesNewNode) @IsInt() @Min(64) @Max(16 * 1024 * 1024) memory_mib?: number;
  @ApiPropertyOptional({ minimum: 256, description: 'Required for a new node' }) @ValidateIf(describesNewNode) @IsInt() @Min(256) @Max(1024 * 1024 * 1024) disk_mib?: number;
  @ApiPropertyOptional({ minimum: 10, description: 'Required for a new node; 100 = one core' }) @ValidateIf(describesNewNode) @IsInt() @Min(10) @Max(100 * 1024) cpu_percent?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 32 }) @IsOptional() @IsArray() @ArrayMaxSize(32) @IsString({ each: true }) @Length(1, 32, { each: true }) tags?: string[];
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @Length(0, 64) location?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) overallocation_percent?: number;
  @ApiPropertyOptional({ minimum: 1024, maximum: 65535 }) @IsOptional() @IsInt() @Min(1024) @Max(65535) port_range_start?: number;
  @ApiPropertyOptional({ minimum: 1024, maximum: 65535 }) @IsOptional() @IsInt() @Min(1024) @Max(65535) port_range_end?: number;
  @ApiPropertyOptional({ description: 'Instance administrators: a node every organization may use' }) @IsOptional() @IsBoolean() shared?: boolean;
}

export class V1RegisterTokenDTO {
  @ApiProperty({ format: 'uuid', description: 'The node the token registers (Outpost tokens belong to a node)' }) node_id: string;
  @ApiProperty({ description: 'One-time token, shown once; valid one hour' }) token: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty({ description: 'Run this on the machine: downloads, verifies and starts the agent' }) command: string;
  @ApiProperty({ nullable: true, type: String, description: 'The public API URL agents dial; null when not configured' }) api_url: string | null;
  @ApiProperty({ description: "Default directory for the agent's identity and data" }) data_dir: string;
}

export class V1SystemInfoDTO {
  @ApiPropertyOptional({ description: 'Left out on a shared node unless the caller is an instance administrator' }) hostname?: string;
  @ApiProperty() os: string;
  @ApiProperty() platform: string;
  @ApiProperty() kernel: string;
  @ApiProperty() arch: string;
  @ApiProperty() cpu_count: number;
  @ApiProperty() cpu_model: string;
  @ApiProperty() memory_bytes: number;
}

export class V1DiskDTO {
  @ApiProperty() mount: string;
  @ApiProperty() total_bytes: number;
  @ApiProperty() free_bytes: number;
}

export class V1NetworkAddressDTO {
  @ApiProperty() address: string;
  @ApiProperty({ enum: ['IPv4', 'IPv6'] }) family: string;
  @ApiProperty() internal: boolean;
}

export class V1NetworkInterfaceDTO {
  @ApiProperty() name: string;
  @ApiProperty({ type: [V1NetworkAddressDTO] }) addresses: V1NetworkAddressDTO[];
}

export class V1SystemUserDTO {
  @ApiProperty() name: string;
  @ApiProperty() uid: number;
  @ApiProperty() gid: number;
  @ApiProperty() home: string;
  @ApiProperty() shell: string;
}

export class V1ProcessDTO {
  @ApiProperty() pid: number;
  @ApiProperty() user: string;
  @ApiProperty() uid: number;
  @ApiProperty({ description: 'At most 256 characters' }) command: string;
  @ApiProperty({ description: 'Percent of one core, as ps %cpu' }) cpu_percent: number;
  @ApiProperty() memory_bytes: number;
}

export class V1ContainerDTO {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() image: string;
  @ApiProperty({ description: 'created, running, exited, …' }) state: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class V1DockerDTO {
  @ApiProperty() version: string;
  @ApiProperty() api_version: string;
}

export class V1InventoryDTO {
  @ApiProperty({ type: V1SystemInfoDTO }) system: V1SystemInfoDTO;
  @ApiProperty({ type: [V1DiskDTO] }) disks: V1DiskDTO[];
  @ApiProperty({ type: [V1NetworkInterfaceDTO] }) network: V1NetworkInterfaceDTO[];
  @ApiProperty({ type: V1DockerDTO, nullable: true }) docker: V1DockerDTO | null;
  @ApiProperty({ type: [V1ContainerDTO] }) containers: V1ContainerDTO[];
  @ApiProperty({ type: [V1ProcessDTO], description: 'Empty without nodes.manage, and on a shared node unless an instance administrator' }) processes: V1ProcessDTO[];
  @ApiProperty({ type: [V1SystemUserDTO], description: 'Empty without nodes.manage, and on a shared node unless an instance administrator' }) system_users: V1SystemUserDTO[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Last heartbeat' }) reported_at: string | null;
  @ApiProperty() connected: boolean;
  @ApiProperty({ enum: ['node', 'domain'], description: 'node: the whole machine; domain: a shared node as one of its tenants sees it' }) scope: string;
}

export class V1NodeMetricDTO {
  @ApiProperty({ format: 'date-time' }) time: string;
  @ApiProperty() cpu_percent: number;
  @ApiProperty() memory_used_bytes: number;
  @ApiProperty() memory_total_bytes: number;
  @ApiProperty() disk_used_bytes: number;
  @ApiProperty() disk_total_bytes: number;
  @ApiProperty({ description: '0 on a shared node unless an instance administrator' }) network_rx_bytes: number;
  @ApiProperty({ description: '0 on a shared node unless an instance administrator' }) network_tx_bytes: number;
  @ApiProperty() load1: number;
}

export class V1MetricsQueryDTO {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: one hour ago' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' }) @IsOptional() @IsDateString() to?: string;
}

export class V1ContainerLogLineDTO {
  @ApiProperty({ enum: ['stdout', 'stderr'] }) stream: string;
  @ApiProperty({ description: 'RFC3339 timestamp from the runtime' }) timestamp: string;
  @ApiProperty() line: string;
}

export class V1ContainerLogsQueryDTO {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500, description: 'The last lines' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) tail?: number;
}

export class V1ContainerActionInputDTO {
  @ApiPropertyOptional({ description: 'kill: the signal (default SIGKILL)', maxLength: 32 }) @IsOptional() @IsString() @Length(4, 32) @Matches(/^SIG[A-Z0-9]+$/) signal?: string;
}

export class V1ContainerActionDTO {
  @ApiProperty() container_id: string;
  @ApiProperty({ enum: ['start', 'stop', 'restart', 'kill'] }) action: string;
  @ApiProperty({ example: true }) success: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsInt, IsOptional, IsString, Length, Max, Min, Matches } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { Node, NodeScheduling, NodeStatus, nodeState } from '../entities/node.entity';
import { TrimmedName } from '../../../core/http/trimmed';

export class NodeOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a shared node' }) domainId: string | null;
  @Expose()
  @ApiProperty({ description: 'A shared node of the instance: every domain may place servers on it' })
  @Transform(({ obj }) => (obj as Node).domainId === null)
  shared: boolean;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty() address: string;
  @Expose() @ApiProperty({ type: [String] }) tags: string[];
  @Expose() @ApiProperty() location: string;
  @Expose() @ApiProperty() memoryMiB: number;
  @Expose() @ApiProperty() diskMiB: number;
  @Expose() @ApiProperty() cpuPercent: number;
  @Expose() @ApiProperty() overallocationPercent: number;
  @Expose() @ApiProperty() portRangeStart: number;
  @Expose() @ApiProperty() portRangeEnd: number;
  @Expose()
  @ApiProperty({ enum: ['pending', 'online', 'offline', 'cordoned', 'draining'] })
  @Transform(({ obj }) => nodeState(obj as Node))
  state: string;
  @Expose() @ApiProperty({ enum: NodeStatus }) status: NodeStatus;
  @Expose() @ApiProperty({ enum: NodeScheduling }) scheduling: NodeScheduling;
  @Expose() @ApiProperty({ nullable: true, type: Date }) lastHeartbeatAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) agentVersion: string | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

const NAME = { minLength: 1, maxLength: 64 };

export class NodeCreateDTO {
  @ApiProperty(NAME) @TrimmedName(64) name: string;
  @ApiProperty({ description: 'Address players connect to' }) @IsString() @Length(1, 253) @Matches(/^[A-Za-z0-9.:-]+$/, { message: 'address must be an IP or host name' }) address: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(32) @IsString({ each: true }) @Length(1, 32, { each: true }) tags?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 64) location?: string;
  @ApiProperty({ minimum: 64 }) @IsInt() @Min(64) @Max(16 * 1024 * 1024) memoryMiB: number;
  @ApiProperty({ minimum: 256 }) @IsInt() @Min(256) @Max(1024 * 1024 * 1024) diskMiB: number;
  @ApiProperty({ minimum: 10, description: '100 = one core' }) @IsInt() @Min(10) @Max(100 * 1024) cpuPercent: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) overallocationPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1024) @Max(65535) portRangeStart?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1024) @Max(65535) portRangeEnd?: number;
  @ApiPropertyOptional({ description: 'Instance administrators: a node every domain may place servers on' }) @IsOptional() @IsBoolean() shared?: boolean;
}

export class NodeUpdateDTO {
  @ApiPropertyOptional(NAME) @IsOptional() @TrimmedName(64) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 253) @Matches(/^[A-Za-z0-9.:-]+$/, { message: 'address must be an IP or host name' }) address?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(32) @IsString({ each: true }) @Length(1, 32, { each: true }) tags?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 64) location?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(64) @Max(16 * 1024 * 1024) memoryMiB?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(256) @Max(1024 * 1024 * 1024) diskMiB?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(10) @Max(100 * 1024) cpuPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1000) overallocationPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1024) @Max(65535) portRangeStart?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1024) @Max(65535) portRangeEnd?: number;
}

export class RegisterTokenOutputDTO {
  @ApiProperty({ description: 'One-time token, shown once' }) token: string;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ description: 'Run this on the node: downloads, verifies and starts the agent (GET /agent/install.sh)' }) command: string;
  @ApiProperty({ nullable: true, type: String, description: "The API's public URL (PUBLIC_URL) agents should dial; null when not configured (use the address the dashboard is served from)" })
  apiUrl: string | null;
  @ApiProperty({ description: "Default directory for the agent's identity and server data" }) dataDir: string;
}

export class AgentRegisterDTO {
  @ApiProperty() @IsString() @Length(10, 200) registerToken: string;
  @ApiProperty() @IsString() @Length(1, 253) hostname: string;
  @ApiProperty() @IsString() @Length(1, 64) agentVersion: string;
}

export class AgentRegisterOutputDTO {
  @ApiProperty({ format: 'uuid' }) nodeId: string;
  @ApiProperty() agentToken: string;
}

export class MetricsQueryDTO {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: one hour ago' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' }) @IsOptional() @IsDateString() to?: string;
}

export class NodeMetricOutputDTO {
  @Expose() @ApiProperty() time: Date;
  @Expose() @ApiProperty() cpuPercent: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) memoryUsedBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) memoryTotalBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) diskUsedBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) diskTotalBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) networkRxBytes: number;
  @Expose() @ApiProperty() @Transform(({ value }) => Number(value)) networkTxBytes: number;
  @Expose() @ApiProperty() load1: number;
}

export class ContainerActionDTO {
  @ApiPropertyOptional({ description: 'Signal for kill (default SIGKILL)', maxLength: 32 }) @IsOptional() @IsString() @Length(4, 32) @Matches(/^SIG[A-Z0-9]+$/) signal?: string;
}

/** What POST /node/:id/containers/:containerId/:action does. */
export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'kill'] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

export const NODE_SEARCH: SearchSpec<Node> = {
  name: 'Node',
  entity: Node,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    address: { type: 'string', filter: true, search: true, sort: true },
    location: { type: 'string', filter: true, search: true, sort: true },
    tags: { type: 'string[]', filter: true, search: true },
    status: { type: 'enum', enum: Object.values(NodeStatus), filter: true, sort: true },
    scheduling: { type: 'enum', enum: Object.values(NodeScheduling), filter: true, sort: true },
    memoryMiB: { type: 'number', filter: true, sort: true, range: true },
    diskMiB: { type: 'number', filter: true, sort: true, range: true },
    cpuPercent: { type: 'number', filter: true, sort: true, range: true },
    lastHeartbeatAt: { type: 'date', sort: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class NodeSearchInputDTO extends createSearchInput(NODE_SEARCH) {}

// The agent's inventory and container views, as GET /node/:id/inventory and /containers relay them.

export class ContainerSummaryDTO {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() image: string;
  @ApiProperty({ description: 'Runtime state: created, running, exited, ...' }) state: string;
  @ApiProperty({ description: 'Human-readable status from the runtime' }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ContainerLogLineDTO {
  @ApiProperty({ enum: ['stdout', 'stderr'] }) stream: 'stdout' | 'stderr';
  @ApiProperty({ description: 'RFC3339 timestamp from the runtime' }) timestamp: string;
  @ApiProperty() line: string;
}

export class SystemInfoDTO {
  @ApiPropertyOptional({ description: 'Left out on a shared node unless the caller is an instance administrator' }) hostname?: string;
  @ApiProperty() os: string;
  @ApiProperty() platform: string;
  @ApiProperty() kernel: string;
  @ApiProperty() arch: string;
  @ApiProperty() cpuCount: number;
  @ApiProperty() cpuModel: string;
  @ApiProperty() memoryBytes: number;
}

export class DiskInfoDTO {
  @ApiProperty() mount: string;
  @ApiProperty() totalBytes: number;
  @ApiProperty() freeBytes: number;
}

export class NetworkAddressDTO {
  @ApiProperty() address: string;
  @ApiProperty({ enum: ['IPv4', 'IPv6'] }) family: 'IPv4' | 'IPv6';
  @ApiProperty() internal: boolean;
}

export class NetworkInterfaceDTO {
  @ApiProperty() name: string;
  @ApiProperty({ type: [NetworkAddressDTO] }) addresses: NetworkAddressDTO[];
}

export class DockerInfoDTO {
  @ApiProperty() version: string;
  @ApiProperty() apiVersion: string;
}

export class ProcessInfoDTO {
  @ApiProperty() pid: number;
  @ApiProperty({ description: "Effective user's name from the machine's /etc/passwd, else the uid as text" }) user: string;
  @ApiProperty() uid: number;
  @ApiProperty({ description: 'Command line, at most 256 characters; [name] for kernel threads' }) command: string;
  @ApiProperty({ description: 'Average CPU since the process started, percent of one core (as ps %cpu)' }) cpuPercent: number;
  @ApiProperty({ description: 'Resident memory' }) memoryBytes: number;
}

export class SystemUserDTO {
  @ApiProperty() name: string;
  @ApiProperty() uid: number;
  @ApiProperty() gid: number;
  @ApiProperty() home: string;
  @ApiProperty() shell: string;
}

export class NodeInventoryDTO {
  @ApiProperty({ type: SystemInfoDTO }) system: SystemInfoDTO;
  @ApiProperty({ type: [DiskInfoDTO] }) disks: DiskInfoDTO[];
  @ApiProperty({ type: [NetworkInterfaceDTO], description: 'Empty on a shared node unless the caller is an instance administrator' }) network: NetworkInterfaceDTO[];
  @ApiProperty({ type: DockerInfoDTO, nullable: true, description: 'null when the runtime does not answer' }) docker: DockerInfoDTO | null;
  @ApiProperty({ type: [ContainerSummaryDTO], description: "Outpost-managed containers; on a shared node only the caller's domain's, unless an instance administrator" })
  containers: ContainerSummaryDTO[];
  @ApiProperty({ type: [ProcessInfoDTO], description: 'The top 200 processes by CPU; empty on a shared node unless the caller is an instance administrator' })
  processes: ProcessInfoDTO[];
  @ApiProperty({ type: [SystemUserDTO], description: "The machine's /etc/passwd accounts (at most 500); empty on a shared node unless the caller is an instance administrator" })
  systemUsers: SystemUserDTO[];
  @ApiProperty({ nullable: true, type: Date, description: 'Last heartbeat' }) reportedAt: Date | null;
  @ApiProperty() connected: boolean;
  @ApiProperty({ enum: ['node', 'domain'], description: 'node: the whole machine; domain: a shared node seen by one of its tenants' }) scope: 'node' | 'domain';
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, registerDecorator, ValidationOptions } from 'class-validator';
import { Trim } from '../../../core/http/trimmed';

/**
 * Request bodies of Skyport's panel API. Every field is optional here: Skyport's own checks (and
 * messages) for missing values run in the service; this layer only refuses unknown keys (the
 * global pipe's forbidNonWhitelisted) and values of the wrong JSON type.
 */
function IsScalar(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isScalar',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a string or a number`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) },
    });
}

function IsStringOrStringArray(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringOrStringArray',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a string or an array of strings`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.length <= 32 && v.every((x) => typeof x === 'string')) },
    });
}

const S = { type: String } as const;

/** A node spec text (ram, disk, processor): at most 128 characters (numbers pass). */
function IsSpecText(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isSpecText',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be at most 128 characters`, ...options },
      validator: { validate: (v: unknown) => typeof v !== 'string' || v.length <= 128 },
    });
}

export class SkyportGetUserDTO {
  @ApiPropertyOptional({ enum: ['email', 'username'] }) @IsOptional() @IsScalar() type?: string;
  @ApiPropertyOptional({ description: 'The email or username to look up' }) @IsOptional() @IsScalar() value?: string;
}

export class SkyportCreateUserDTO {
  @ApiPropertyOptional({ description: 'Required. 3-32 characters: letters, digits, _ . -' }) @IsOptional() @Trim() @IsScalar() username?: string;
  @ApiPropertyOptional({ description: 'Required' }) @IsOptional() @Trim() @IsScalar() email?: string;
  @ApiPropertyOptional({ description: 'Required. 10-256 characters' }) @IsOptional() @IsScalar() password?: string;
  @ApiPropertyOptional({ description: 'Accepted for compatibility and ignored: Outpost generates user ids (the reply carries it)' }) @IsOptional() @IsScalar() userId?: string;
  @ApiPropertyOptional({ description: "true = the domain's Admin role (never instance administrator); default the Member role" }) @IsOptional() @IsBoolean() admin?: boolean;
}

export class SkyportDeployDTO {
  @ApiPropertyOptional({ description: "Required. An image offered by one of the domain's workloads (GET /api/images)" }) @IsOptional() @IsScalar() image?: string;
  @ApiPropertyOptional({ ...S, description: 'Required. Memory limit in MiB' }) @IsOptional() @IsScalar() memory?: string | number;
  @ApiPropertyOptional({ ...S, description: 'Required. CPU threads ("1" = one core = 100% = NanoCpus 1e9; "0.5" = half a core); enforced as a hard CPU quota' }) @IsOptional() @IsScalar() cpu?:
    string | number;
  @ApiPropertyOptional({ description: 'Required. "containerPort:hostPort,containerPort:hostPort"; host ports must be free and inside the node\'s port range; bound for tcp and udp' })
  @IsOptional()
  @IsScalar()
  ports?: string;
  @ApiPropertyOptional({ description: "Required. A node of the key's domain" }) @IsOptional() @IsScalar() nodeId?: string;
  @ApiPropertyOptional({ description: 'Required. Name of the instance' }) @IsOptional() @Trim() @IsScalar() name?: string;
  @ApiPropertyOptional({ description: "Required. userId of the owner (a member of the key's domain)" }) @IsOptional() @IsScalar() user?: string;
  @ApiPropertyOptional({ ...S, description: 'Required. The primary port: one of the host (or container) ports in ports' }) @IsOptional() @IsScalar() primary?: string | number;
}

export class SkyportIdDTO {
  @ApiPropertyOptional({ description: 'Required. Instance Id (or its ContainerId)' }) @IsOptional() @IsScalar() id?: string;
}

export class SkyportUserIdDTO {
  @ApiPropertyOptional({ description: 'Required' }) @IsOptional() @IsScalar() userId?: string;
}

export class SkyportCreateNodeDTO {
  @ApiPropertyOptional({ description: 'Required' }) @IsOptional() @Trim() @IsScalar() name?: string;
  @ApiPropertyOptional({ description: 'Required. Comma-separated string or array of strings', oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  @IsOptional()
  @IsStringOrStringArray()
  tags?: string | string[];
  @ApiPropertyOptional({
    ...S,
    maxLength: 128,
    description:
      'Required. RAM specification, free text kept as given ("4GB", "512MB", "8"). memoryMiB is parsed from it: a unit in the text wins (KB, MB, GB, TB, binary: "4GB" = 4096 MiB); a bare number is GB; text without a size gives 4 GB',
  })
  @IsOptional()
  @IsScalar()
  @IsSpecText()
  ram?: string | number;
  @ApiPropertyOptional({
    ...S,
    maxLength: 128,
    description: 'Required. Disk specification, free text kept as given ("100GB", "2TB", "100"). diskMiB is parsed like ram; text without a size gives 50 GB',
  })
  @IsOptional()
  @IsScalar()
  @IsSpecText()
  disk?: string | number;
  @ApiPropertyOptional({
    ...S,
    maxLength: 128,
    description: 'Required. Processor specification, free text kept as given ("4", "4 cores", "x86", "Intel Xeon E5"). cpuPercent = cores × 100 where the text names a core count; otherwise 2 cores',
  })
  @IsOptional()
  @IsScalar()
  @IsSpecText()
  processor?: string | number;
  @ApiPropertyOptional({ description: 'Required. IP or host name players connect to' }) @IsOptional() @IsScalar() address?: string;
  @ApiPropertyOptional({ ...S, description: "Required. Skyport's daemon port: validated (1-65535) but not used, Outpost agents connect to the panel" }) @IsOptional() @IsScalar() port?:
    string | number;
}

export class SkyportNodeIdDTO {
  @ApiPropertyOptional({ description: 'Required' }) @IsOptional() @IsScalar() nodeId?: string;
}

// ───────────── replies (plain JSON, no envelope) ─────────────

export class SkyportErrorDTO {
  @ApiProperty({ example: 'Missing parameters' }) error: string;
  @ApiPropertyOptional({ description: "Validation problems [{ path, code, message }] or the node's answer" }) details?: unknown;
  @ApiPropertyOptional({ description: 'On 500s; also in the server log' }) errorId?: string;
}

export class SkyportMessageDTO {
  @ApiProperty() Message: string;
}

export class SkyportUserDTO {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: "Holds the domain's Owner or Admin role" }) admin: boolean;
  @ApiProperty({ type: [String], description: 'Ids of the instances the user owns in this domain' }) accessTo: string[];
}

export class SkyportNodeDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], description: 'The text given at /api/nodes/create; for nodes made otherwise GB (memoryMiB / 1024)' })
  ram: string | number;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], description: 'The text given at /api/nodes/create; for nodes made otherwise GB (diskMiB / 1024)' })
  disk: string | number;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], description: 'The text given at /api/nodes/create; for nodes made otherwise CPU cores (cpuPercent / 100)' })
  processor: string | number;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Always null: Outpost agents connect to the panel, there is no daemon port' }) port: number | null;
  @ApiProperty({ enum: ['Online', 'Offline', 'Unconfigured'] }) status: string;
  @ApiProperty({ description: "Outpost's node state: pending, online, offline, cordoned, draining" }) state: string;
  @ApiProperty({ nullable: true, type: String }) versionRelease: string | null;
  @ApiProperty() memoryMiB: number;
  @ApiProperty() diskMiB: number;
  @ApiProperty() cpuPercent: number;
  @ApiProperty() portRangeStart: number;
  @ApiProperty() portRangeEnd: number;
  @ApiProperty() location: string;
}

export class SkyportCreatedNodeDTO extends SkyportNodeDTO {
  @ApiProperty({ description: "One-time token for the node's agent (valid one hour)" }) configureKey: string;
  @ApiProperty({ description: 'Run this on the node to connect its agent' }) configureCommand: string;
}

export class SkyportNodeCreatedDTO {
  @ApiProperty({ type: SkyportCreatedNodeDTO }) Message: SkyportCreatedNodeDTO;
}

export class SkyportInstanceDTO {
  @ApiProperty({ format: 'uuid' }) Id: string;
  @ApiProperty() Name: string;
  @ApiProperty({ type: SkyportNodeDTO }) Node: SkyportNodeDTO;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Owner userId' }) User: string | null;
  @ApiProperty() Image: string;
  @ApiProperty({ description: 'MiB' }) Memory: number;
  @ApiProperty({ description: 'CPU threads (cpuPercent / 100)' }) Cpu: number;
  @ApiProperty({ description: 'MiB' }) Disk: number;
  @ApiProperty({ description: '"containerPort:hostPort,…"' }) Ports: string;
  @ApiProperty({ nullable: true, type: String, description: 'Primary host port' }) Primary: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) ExposedPorts: Record<string, object>;
  @ApiProperty({ type: 'object', additionalProperties: true }) PortBindings: Record<string, Array<{ HostPort: string }>>;
  @ApiProperty({ nullable: true, type: String }) ContainerId: string | null;
  @ApiProperty({ description: 'Same as Id (the server data directory is keyed by it)' }) VolumeId: string;
  @ApiProperty({ enum: ['installing', 'install_failed', 'offline', 'starting', 'running', 'stopping', 'crashed', 'unknown'] }) State: string;
  @ApiProperty({ enum: ['INSTALLING', 'READY', 'FAILED'] }) InternalState: string;
  @ApiProperty({ nullable: true, type: String }) StateReason: string | null;
  @ApiProperty({ format: 'uuid' }) WorkloadId: string;
  @ApiProperty() CreatedAt: Date;
}

export class SkyportDeployedDTO {
  @ApiProperty() Message: string;
  @ApiProperty({ format: 'uuid' }) Id: string;
  @ApiProperty({ nullable: true, type: String }) ContainerId: string | null;
  @ApiProperty() VolumeId: string;
  @ApiProperty() State: string;
}

export class SkyportImageDTO {
  @ApiProperty() Name: string;
  @ApiProperty() Image: string;
  @ApiProperty() Description: string;
  @ApiProperty({ nullable: true, type: String }) Author: string | null;
  @ApiProperty({ type: [String], description: "The workload's other images" }) AltImages: string[];
  @ApiProperty({ type: [String], description: 'Default environment, "KEY=value"' }) Env: string[];
  @ApiProperty({ enum: ['workload', 'node'], description: 'workload: deployable with POST /api/instances/deploy; node: only present on a node' }) Source: string;
  @ApiProperty({ description: 'Whether POST /api/instances/deploy accepts it' }) Deployable: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) WorkloadId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Nodes that have the image locally (node images)' }) Nodes?: string[];
}

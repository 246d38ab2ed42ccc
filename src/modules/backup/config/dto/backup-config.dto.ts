import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { BackupConfig } from '../entities/backup-config.entity';
import { TrimmedName } from '../../../../core/http/trimmed';

export const BACKUP_CONFIG_KINDS = ['local', 's3'] as const;

/**
 * S3 bucket naming rules: 3–63 characters, lowercase letters, digits, dots and hyphens, starting
 * and ending with a letter or digit, no two adjacent dots, not shaped like an IPv4 address, none
 * of the reserved `xn--` / `sthree-` prefixes or `-s3alias` / `--ol-s3` suffixes.
 */
export const BUCKET_NAME = /^(?!\d{1,3}(?:\.\d{1,3}){3}$)(?!xn--|sthree-)(?!.*(?:-s3alias|--ol-s3)$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const BUCKET_MESSAGE = 'bucket must follow the S3 naming rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit';
/** No leading slash, no `..`, no control characters or backslashes. */
export const PREFIX = /^(?!\/)(?!.*\.\.)[^\\\u0000-\u001f\u007f]*$/;
const PREFIX_MESSAGE = 'prefix must not start with "/", contain "..", backslashes or control characters';
const REGION = /^[a-z0-9-]{1,64}$/;
/** Printable ASCII without spaces: what S3-compatible services issue as key ids and secrets. */
const CREDENTIAL = /^[\x21-\x7e]+$/;
/** Omitted = unchanged; unlike @IsOptional, null is validated (and refused) for fields that cannot be null. */
const Omittable = () => ValidateIf((_, v) => v !== undefined);
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true };

export class BackupConfigOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ enum: BACKUP_CONFIG_KINDS }) kind: string;
  @Expose() @ApiProperty({ description: "The domain's target for new backups (at most one is)" }) active: boolean;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'S3 endpoint URL; null = AWS' }) endpoint: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) region: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) bucket: string | null;
  @Expose() @ApiProperty({ description: 'Prepended to every object key' }) prefix: string;
  @Expose() @ApiProperty() forcePathStyle: boolean;
  @Expose() @ApiProperty({ description: 'S3 credentials are stored (they are never returned)' }) hasCredentials: boolean;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'Last 4 characters of the access key id, to recognise it' }) accessKeyIdLast4: string | null;
  @Expose() @ApiProperty({ minimum: 1, maximum: 1000 }) maxBackupsPerServer: number;
  @Expose() @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 1000 }) keepLast: number | null;
  @Expose() @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 3650 }) maxAgeDays: number | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

/** The effective target for new backups: the active configuration, or the node-local default. */
export class BackupTargetOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null = nothing configured: node-local disk, default policy' }) configId: string | null;
  @Expose() @ApiProperty({ enum: BACKUP_CONFIG_KINDS }) kind: string;
  @Expose() @ApiProperty() maxBackupsPerServer: number;
  @Expose() @ApiProperty({ nullable: true, type: Number }) keepLast: number | null;
  @Expose() @ApiProperty({ nullable: true, type: Number }) maxAgeDays: number | null;
  @Expose() @Type(() => BackupConfigOutputDTO) @ApiProperty({ type: BackupConfigOutputDTO, nullable: true }) config: BackupConfigOutputDTO | null;
}

export class BackupConfigTestOutputDTO {
  @Expose() @ApiProperty() ok: boolean;
  @Expose()
  @ApiProperty({ description: 'What was checked, or why it failed: the error name (known S3 codes or network codes only), HTTP status and a fixed explanation; no text from the storage service' })
  message: string;
}

/** Fields shared by create and update; on update every one is optional and omitted = unchanged. */
class BackupConfigFieldsDTO {
  @ApiPropertyOptional({ description: 'S3 endpoint (http/https URL) for S3-compatible services; omit for AWS', maxLength: 2048, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, { message: 'endpoint must be an http or https URL' })
  endpoint?: string | null;
  @ApiPropertyOptional({ description: 'Default us-east-1', maxLength: 64, pattern: REGION.source })
  @Omittable()
  @IsString()
  @Matches(REGION, { message: 'region must be 1–64 lowercase letters, digits and hyphens' })
  region?: string;
  @ApiPropertyOptional({ minLength: 3, maxLength: 63 }) @Omittable() @IsString() @Length(3, 63) @Matches(BUCKET_NAME, { message: BUCKET_MESSAGE }) bucket?: string;
  @ApiPropertyOptional({ maxLength: 256, description: 'Prepended to object keys, e.g. "outpost/"' })
  @Omittable()
  @IsString()
  @MaxLength(256)
  @Matches(PREFIX, { message: PREFIX_MESSAGE })
  prefix?: string;
  @ApiPropertyOptional({ description: 'Path-style URLs (bucket in the path), as most S3-compatible servers need' }) @Omittable() @IsBoolean() forcePathStyle?: boolean;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, writeOnly: true })
  @Omittable()
  @IsString()
  @Length(1, 256)
  @Matches(CREDENTIAL, { message: 'accessKeyId must be printable ASCII without spaces' })
  accessKeyId?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, writeOnly: true })
  @Omittable()
  @IsString()
  @Length(1, 256)
  @Matches(CREDENTIAL, { message: 'secretAccessKey must be printable ASCII without spaces' })
  secretAccessKey?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 10 }) @Omittable() @IsInt() @Min(1) @Max(1000) maxBackupsPerServer?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, nullable: true, type: Number, description: 'Keep the newest N unlocked backups; null = no count limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  keepLast?: number | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, nullable: true, type: Number, description: 'Delete unlocked backups older than this; null = no age limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  maxAgeDays?: number | null;
}

export class BackupConfigCreateDTO extends BackupConfigFieldsDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ enum: BACKUP_CONFIG_KINDS, description: 's3 needs bucket, accessKeyId and secretAccessKey' }) @IsIn(BACKUP_CONFIG_KINDS) kind: (typeof BACKUP_CONFIG_KINDS)[number];
  @ApiPropertyOptional({ description: 'Make it the active target at once (the previous one is deactivated)' }) @IsOptional() @IsBoolean() activate?: boolean;
}

export class BackupConfigUpdateDTO extends BackupConfigFieldsDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @Omittable() @TrimmedName(100) name?: string;
}

export const BACKUP_CONFIG_SEARCH: SearchSpec<BackupConfig> = {
  name: 'BackupConfig',
  entity: BackupConfig,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    kind: { type: 'enum', enum: BACKUP_CONFIG_KINDS, filter: true, sort: true },
    active: { type: 'boolean', filter: true, sort: true },
    bucket: { type: 'string', filter: true, search: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class BackupConfigSearchInputDTO extends createSearchInput(BACKUP_CONFIG_SEARCH) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';
import { BACKUP_CONFIG_KINDS, BUCKET_NAME, PREFIX } from '../../backup/config/dto/backup-config.dto';

/** Seed 001's backup configuration bodies over BackupConfigService. S3 credentials are write-only. */

const Omittable = () => ValidateIf((_, v) => v !== undefined);
const CREDENTIAL = /^[\x21-\x7e]+$/;

class V1BackupConfigFieldsDTO {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2048, description: 'S3 endpoint (http/https URL) of an S3-compatible service; omit for AWS' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: 'endpoint must be an http or https URL' })
  endpoint?: string | null;
  @ApiPropertyOptional({ maxLength: 64 }) @Omittable() @IsString() @Matches(/^[a-z0-9-]{1,64}$/, { message: 'region must be 1–64 lowercase letters, digits and hyphens' }) region?: string;
  @ApiPropertyOptional({ minLength: 3, maxLength: 63 }) @Omittable() @IsString() @Length(3, 63) @Matches(BUCKET_NAME, { message: 'bucket must follow the S3 naming rules' }) bucket?: string;
  @ApiPropertyOptional({ maxLength: 256 })
  @Omittable()
  @IsString()
  @MaxLength(256)
  @Matches(PREFIX, { message: 'prefix must not start with "/", contain "..", backslashes or control characters' })
  prefix?: string;
  @ApiPropertyOptional({ description: 'Path-style URLs, as most S3-compatible servers need' }) @Omittable() @IsBoolean() force_path_style?: boolean;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, writeOnly: true, description: 'Stored encrypted; never returned' })
  @Omittable()
  @IsString()
  @Length(1, 256)
  @Matches(CREDENTIAL, { message: 'access_key_id must be printable ASCII without spaces' })
  access_key_id?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, writeOnly: true, description: 'Stored encrypted; never returned' })
  @Omittable()
  @IsString()
  @Length(1, 256)
  @Matches(CREDENTIAL, { message: 'secret_access_key must be printable ASCII without spaces' })
  secret_access_key?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 10 }) @Omittable() @IsInt() @Min(1) @Max(1000) max_backups_per_server?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 1000 }) @IsOptional() @IsInt() @Min(1) @Max(1000) keep_last?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 3650 }) @IsOptional() @IsInt() @Min(1) @Max(3650) max_age_days?: number | null;
}

export class V1BackupConfigCreateInputDTO extends V1BackupConfigFieldsDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiPropertyOptional({ enum: BACKUP_CONFIG_KINDS, default: 's3', description: 's3 needs bucket, access_key_id and secret_access_key' })
  @IsOptional()
  @IsIn(BACKUP_CONFIG_KINDS)
  kind?: (typeof BACKUP_CONFIG_KINDS)[number];
  @ApiPropertyOptional({ description: 'Make it the active configuration at once' }) @IsOptional() @IsBoolean() activate?: boolean;
}

export class V1BackupConfigUpdateInputDTO extends V1BackupConfigFieldsDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @Omittable() @TrimmedName(100) name?: string;
}

export class V1BackupConfigDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: BACKUP_CONFIG_KINDS }) kind: string;
  @ApiProperty({ description: 'The target for new backups (at most one is)' }) active: boolean;
  @ApiProperty({ nullable: true, type: String }) endpoint: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) bucket: string | null;
  @ApiProperty() prefix: string;
  @ApiProperty() force_path_style: boolean;
  @ApiProperty({ description: 'S3 credentials are stored (they are never returned)' }) has_credentials: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Last 4 characters of the access key id' }) access_key_id_last4: string | null;
  @ApiProperty() max_backups_per_server: number;
  @ApiProperty({ nullable: true, type: Number }) keep_last: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_age_days: number | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

/** The effective target for new backups: the active configuration, or node-local disk with the default policy. */
export class V1BackupTargetDTO {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: nothing configured (node-local disk, default policy)' }) config_id: string | null;
  @ApiProperty({ enum: BACKUP_CONFIG_KINDS }) kind: string;
  @ApiProperty() max_backups_per_server: number;
  @ApiProperty({ nullable: true, type: Number }) keep_last: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_age_days: number | null;
  @ApiProperty({ type: V1BackupConfigDTO, nullable: true }) config: V1BackupConfigDTO | null;
}

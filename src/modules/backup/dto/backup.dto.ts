import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { Backup, BACKUP_STATES, BackupState, RESTORE_STATES, RestoreState } from '../entities/backup.entity';
import { TrimmedName } from '../../../core/http/trimmed';

export const MAX_IGNORE_PATTERNS = 100;
export const MAX_IGNORE_PATTERN_LENGTH = 256;

const toNumber = ({ value }: { value: unknown }) => (value === null || value === undefined ? null : Number(value));

export class BackupOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty({ format: 'uuid' }) gameserverId: string;
  @Expose()
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Node holding a local archive: the node the server was on when the backup was made. Local archives stay there when the server moves to another node and are still restorable and downloadable through the API; null once that node is deleted (the archive is then unavailable).',
  })
  nodeId: string | null;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Backup configuration it was stored with (null: the default local target)' }) configId: string | null;
  @Expose() @ApiProperty({ enum: ['local', 's3'] }) storage: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ type: [String], description: 'Ignore patterns (.gitignore syntax), the template’s and the request’s' }) ignore: string[];
  @Expose() @ApiProperty({ enum: BACKUP_STATES, description: '`completed` only once the archive is fully stored and its checksum matched' }) state: BackupState;
  @Expose() @ApiProperty({ nullable: true, type: String }) error: string | null;
  @Expose() @Transform(toNumber) @ApiProperty({ nullable: true, type: Number }) sizeBytes: number | null;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'Hex sha256 of the archive' }) sha256: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Number, description: 'Regular files archived' }) files: number | null;
  @Expose() @ApiProperty({ description: 'A locked backup cannot be deleted, by hand or by retention' }) locked: boolean;
  @Expose() @ApiProperty({ enum: RESTORE_STATES, nullable: true, type: String }) restoreState: RestoreState | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) restoreError: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Date }) restoredAt: Date | null;
  @Expose() @ApiProperty({ enum: ['user', 'apitoken', 'system'] }) createdByType: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
}

export class BackupCreateDTO {
  @ApiProperty({ format: 'uuid' }) @IsUUID() gameserverId: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'Default: the date and time' })
  @IsOptional()
  @TrimmedName(100)
  @Matches(/^[^\x00-\x1f\x7f]*$/, { message: 'name must not contain control characters' })
  name?: string;
  @ApiPropertyOptional({ type: [String], maxItems: MAX_IGNORE_PATTERNS, description: 'Extra ignore patterns (.gitignore syntax), besides the template’s' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_IGNORE_PATTERNS)
  @IsString({ each: true })
  @MaxLength(MAX_IGNORE_PATTERN_LENGTH, { each: true })
  @Matches(/^[^\x00\r\n]*$/, { each: true, message: 'ignore patterns are single lines without NUL bytes' })
  ignore?: string[];
}

export class BackupDownloadLinkDTO {
  @ApiProperty({ description: 'One-use link (no credentials needed), valid for 5 minutes' }) url: string;
  @ApiProperty() expiresAt: Date;
}

export const BACKUP_SEARCH: SearchSpec<Backup> = {
  name: 'Backup',
  entity: Backup,
  fields: {
    id: { type: 'uuid', filter: true },
    gameserverId: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    state: { type: 'enum', enum: BACKUP_STATES, filter: true, sort: true },
    restoreState: { type: 'enum', enum: RESTORE_STATES, filter: true },
    locked: { type: 'boolean', filter: true },
    storage: { type: 'enum', enum: ['local', 's3'], filter: true },
    sizeBytes: { type: 'number', sort: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class BackupSearchInputDTO extends createSearchInput(BACKUP_SEARCH) {}

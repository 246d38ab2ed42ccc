import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * Paths are relative to the server's data directory and are validated for real by the agent
 * (ServerFiles resolves them on the node's filesystem). Here only cheap sanity checks.
 */
export const MAX_PATH = 4096;
const NO_NUL = /^[^\u0000]*$/;
const NUL_MESSAGE = '$property must not contain NUL bytes';

function UserPath(optional = false) {
  return (target: object, key: string) => {
    if (optional) IsOptional()(target, key);
    IsString()(target, key);
    MaxLength(MAX_PATH)(target, key);
    Matches(NO_NUL, { message: NUL_MESSAGE })(target, key);
  };
}

function UserPaths() {
  return (target: object, key: string) => {
    IsString({ each: true })(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(1000)(target, key);
    MaxLength(MAX_PATH, { each: true })(target, key);
    Matches(NO_NUL, { each: true, message: NUL_MESSAGE })(target, key);
  };
}

export class PathQueryDTO {
  @ApiPropertyOptional({ description: "Relative to the server's data directory; '' = the directory itself", maxLength: MAX_PATH }) @UserPath(true) path?: string;
}

export class RequiredPathQueryDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() path: string;
}

export class PathsQueryDTO {
  @ApiProperty({ type: [String], description: 'Repeat the parameter: ?paths=a&paths=b' })
  @Transform(({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value : value === undefined ? value : [value]))
  @UserPaths()
  paths: string[];
}

export class PathsDTO {
  @ApiProperty({ type: [String] }) @UserPaths() paths: string[];
}

export class WriteContentDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() path: string;
  @ApiProperty({ description: 'UTF-8 text; bigger or binary files go through upload' }) @IsString() content: string;
}

export class MkdirDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() path: string;
}

export class RenameDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() from: string;
  @ApiProperty({ maxLength: MAX_PATH, description: 'New path (a different directory moves the entry)' }) @UserPath() to: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() overwrite?: boolean;
}

export class CopyDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() from: string;
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() to: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() overwrite?: boolean;
}

export class ChmodDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() path: string;
  @ApiProperty({ example: '0644', description: 'Octal permission bits (0000-0777)' })
  @IsString()
  @Matches(/^0?[0-7]{3}$/, { message: 'mode must be octal permission bits like 644 or 0755' })
  mode: string;
}

export const ARCHIVE_FORMATS = ['tar.gz', 'zip'] as const;

export class CompressDTO {
  @ApiProperty({ type: [String] }) @UserPaths() paths: string[];
  @ApiProperty({ maxLength: MAX_PATH, description: 'Archive to create (must not exist)' }) @UserPath() destination: string;
  @ApiProperty({ enum: ARCHIVE_FORMATS }) @IsIn(ARCHIVE_FORMATS) format: (typeof ARCHIVE_FORMATS)[number];
}

export class DecompressDTO {
  @ApiProperty({ maxLength: MAX_PATH }) @UserPath() archive: string;
  @ApiPropertyOptional({ maxLength: MAX_PATH, description: "Directory to extract into ('' = the data directory)" }) @UserPath(true) destination?: string;
}

// ───────────── outputs ─────────────

export class FileEntryDTO {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Relative to the data directory' }) path: string;
  @ApiProperty({ enum: ['file', 'directory', 'symlink', 'other'] }) type: string;
  @ApiProperty() size: number;
  @ApiProperty({ example: '0644' }) mode: string;
  @ApiProperty({ format: 'date-time' }) modifiedAt: string;
  @ApiPropertyOptional({ description: 'Symlinks pointing inside the data directory' }) target?: string;
}

export class FileContentDTO {
  @ApiProperty() content: string;
}

export class DiskUsageDTO {
  @ApiProperty() usedBytes: number;
  @ApiProperty({ description: '0 = unlimited' }) quotaBytes: number;
}

export class DecompressResultDTO {
  @ApiProperty() extracted: number;
  @ApiProperty() bytes: number;
  @ApiProperty({ type: [String] }) skipped: string[];
}

export class UploadedFileDTO {
  @ApiProperty() path: string;
  @ApiProperty() bytes: number;
}

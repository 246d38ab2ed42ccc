import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform, Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class ConsoleTokenOutputDTO {
  @Expose() @ApiProperty({ description: 'Short-lived (10 min) token bound to you, this domain, this server and your permissions' }) token: string;
  @Expose() @ApiProperty() expiresAt: Date;
  @Expose() @ApiProperty({ description: 'Path of the console WebSocket with the token filled in', example: '/gameserver/<id>/console?token=…' }) socketPath: string;
}

/**
 * History paging. Pages are newest first: without `before` you get the newest `limit` lines
 * (within from/to), returned oldest → newest; `nextBefore` is the cursor for the next older page
 * (null when there is none).
 */
export class ConsoleLogQueryDTO {
  @ApiPropertyOptional({ description: 'Only lines at or after this time (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Only lines at or before this time (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ default: 500, minimum: 1, maximum: 5000 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(5000) limit?: number;
  @ApiPropertyOptional({ description: 'Cursor: only lines with a smaller seq (the previous page’s nextBefore)', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;
}

export class ConsoleLogDownloadQueryDTO {
  @ApiPropertyOptional({ description: 'Only lines at or after this time (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Only lines at or before this time (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
}

export class ConsoleLogLineDTO {
  @Expose() @ApiProperty() seq: number;
  @Expose() @ApiProperty({ enum: ['stdout', 'stderr', 'outpost'] }) stream: string;
  @Expose() @ApiProperty() line: string;
  @Expose() @ApiProperty() time: Date;
}

export class ConsoleLogPageDTO {
  @Expose() @Type(() => ConsoleLogLineDTO) @ApiProperty({ type: [ConsoleLogLineDTO], description: 'Oldest first within the page' }) lines: ConsoleLogLineDTO[];
  @Expose() @ApiProperty({ nullable: true, type: Number, description: 'Pass as `before` for the next (older) page; null when this is the oldest' }) nextBefore: number | null;
}

export class ConsoleLogDeleteOutputDTO {
  @Expose() @ApiProperty({ description: 'Stored lines removed' }) deleted: number;
}

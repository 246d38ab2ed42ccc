import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../../core/http/trimmed';
import { V1ListQueryDTO, V1UserDTO } from './v1.dto';

/** Seed 001's Admin (instance administrator) bodies over UserService, DomainService and AuditService. */

export class V1AdminUserDTO extends V1UserDTO {
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the account was suspended; null when it is not' }) suspended_at: string | null;
  @ApiProperty({ nullable: true, type: String }) suspended_reason: string | null;
}

export class V1SuspendInputDTO {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept with the account and in the audit log)' }) @IsOptional() @Trim() @IsString() @MaxLength(500) reason?: string;
}

export class V1AuditLogDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: an instance event' }) organization_id: string | null;
  @ApiProperty({ nullable: true, type: String }) organization_name: string | null;
  @ApiProperty({ enum: ['user', 'apitoken', 'agent', 'system'] }) actor_type: string;
  @ApiProperty({ nullable: true, type: String }) actor_id: string | null;
  @ApiProperty({ nullable: true, type: String }) actor_name: string | null;
  @ApiProperty({ nullable: true, type: String }) token_name: string | null;
  @ApiProperty({ example: 'gameserver.start' }) action: string;
  @ApiProperty({ nullable: true, type: String }) target_type: string | null;
  @ApiProperty({ nullable: true, type: String }) target_id: string | null;
  @ApiProperty({ nullable: true, type: String }) target_name: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: Number }) status: number | null;
  @ApiProperty({ nullable: true, type: Object }) details: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class V1AuditExportQueryDTO {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['csv', 'json']) format?: 'csv' | 'json';
}

export class V1AuditLogQueryDTO extends V1ListQueryDTO {}

import { ApiProperty } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { AuditLog } from '../entities/audit-log.entity';

export class AuditLogOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) domainId: string | null;
  @Expose() @ApiProperty({ enum: ['user', 'apitoken', 'agent', 'system'] }) actorType: string;
  @Expose() @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @Expose() @ApiProperty({ example: 'gameserver.start' }) action: string;
  @Expose() @ApiProperty({ nullable: true, type: String }) targetType: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Number }) status: number | null;
  @Expose() @ApiProperty({ nullable: true, type: Object }) details: Record<string, unknown> | null;
  @Expose() @ApiProperty() createdAt: Date;
}

export const AUDIT_LOG_SEARCH: SearchSpec<AuditLog> = {
  name: 'AuditLog',
  entity: AuditLog,
  fields: {
    id: { type: 'uuid', filter: true },
    actorType: { type: 'enum', enum: ['user', 'apitoken', 'agent', 'system'], filter: true },
    actorId: { type: 'uuid', filter: true },
    action: { type: 'string', filter: true, search: true, sort: true },
    targetType: { type: 'string', filter: true },
    targetId: { type: 'string', filter: true },
    status: { type: 'number', filter: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class AuditLogSearchInputDTO extends createSearchInput(AUDIT_LOG_SEARCH) {}

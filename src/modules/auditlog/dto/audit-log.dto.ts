import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { AuditLog } from '../entities/audit-log.entity';

export class AuditLogOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) domainId: string | null;
  @Expose() @ApiProperty({ enum: ['user', 'apitoken', 'agent', 'system'] }) actorType: string;
  @Expose() @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @Expose()
  @ApiProperty({ nullable: true, type: String, description: 'Username of the actor (for an API token: its owner) when the action was taken; null for system events' })
  actorName: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String, description: "The API token's name when one was used" }) tokenName: string | null;
  @Expose() @ApiProperty({ example: 'gameserver.start' }) action: string;
  @Expose() @ApiProperty({ nullable: true, type: String, example: 'files', description: "The action's first segment" }) actionGroup: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String, example: 'gameserver' }) targetType: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String, description: "The target's name when the action was taken" }) targetName: string | null;
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
    actorName: { type: 'string', filter: true, search: true },
    action: { type: 'string', filter: true, search: true, sort: true },
    // "Action prefix": `files` matches every files.* row.
    actionGroup: { type: 'string', filter: true },
    targetType: { type: 'string', filter: true },
    targetId: { type: 'string', filter: true },
    targetName: { type: 'string', search: true },
    status: { type: 'number', filter: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class AuditLogSearchInputDTO extends createSearchInput(AUDIT_LOG_SEARCH) {}

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export const AUDIT_EXPORT_SCOPES = ['domain', 'instance'] as const;

/** The search's filters (no paging or sort: an export is every matching row, newest first) plus the file format. */
export class AuditLogExportInputDTO extends PickType(AuditLogSearchInputDTO, ['filters', 'search', 'greaterThan', 'lessThan'] as const) {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS }) @IsIn(AUDIT_EXPORT_FORMATS) format: (typeof AUDIT_EXPORT_FORMATS)[number];
  @ApiPropertyOptional({ enum: AUDIT_EXPORT_SCOPES, default: 'domain', description: "'instance': every domain's rows and the instance's own (instance administrators only)" })
  @IsOptional()
  @IsIn(AUDIT_EXPORT_SCOPES)
  scope?: (typeof AUDIT_EXPORT_SCOPES)[number];
}

/** The admin view's rows: every domain's, each with its domain (null: an instance event). */
export class AdminAuditLogOutputDTO extends AuditLogOutputDTO {
  @Expose() @ApiProperty({ nullable: true, type: String, description: "The domain's name now; null for instance events or a deleted domain" }) domainName: string | null;
}

/** The domain search's fields plus the domain: `filters.domainId: [null]` finds the instance's own events. */
export const ADMIN_AUDIT_LOG_SEARCH: SearchSpec<AuditLog> = {
  ...AUDIT_LOG_SEARCH,
  name: 'AdminAuditLog',
  fields: { ...AUDIT_LOG_SEARCH.fields, domainId: { type: 'uuid', filter: true } },
};

export class AdminAuditLogSearchInputDTO extends createSearchInput(ADMIN_AUDIT_LOG_SEARCH) {}

/** The admin search's filters plus the file format: every matching row of every domain, newest first. */
export class AdminAuditLogExportInputDTO extends PickType(AdminAuditLogSearchInputDTO, ['filters', 'search', 'greaterThan', 'lessThan'] as const) {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS }) @IsIn(AUDIT_EXPORT_FORMATS) format: (typeof AUDIT_EXPORT_FORMATS)[number];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { TrimmedName } from '../../../core/http/trimmed';
import { ALERT_KINDS, ALERT_STATES, FLAP_POLICY, METRIC_KINDS, SEVERITIES, SUBJECT_TYPES, type AlertKind, type AlertState, type Severity, type SubjectType } from '../alert.types';
import { Alert } from '../entities/alert.entity';
import { AlertRule } from '../entities/alert-rule.entity';

const KIND_DESCRIPTION =
  `What the rule watches. Events: server.crashed, server.crash_loop (automatic restarts exhausted), server.oom, server.install_failed, node.offline, backup.failed. ` +
  `Metrics (${METRIC_KINDS.join(', ')}): above thresholdPercent for forMinutes (server CPU is of the server's own CPU limit, memory of its memory limit; node values of the machine). ` +
  'Server kinds and backup.failed are scoped by serverId, node kinds by nodeId.';

export class AlertRuleCreateDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ enum: ALERT_KINDS, description: KIND_DESCRIPTION }) @IsIn(ALERT_KINDS) kind: AlertKind;
  @ApiPropertyOptional({ enum: SEVERITIES, default: 'warning' }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Server kinds: only this server of the domain (default: all its servers)' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  serverId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: "Node kinds: only this node (the domain's own or a shared one; default: all the domain's own nodes)" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  nodeId?: string | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Metric kinds only (required there): fires above this percentage' }) @IsOptional() @IsInt() @Min(1) @Max(100) thresholdPercent?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1440, description: 'Metric kinds only (required there): for this many minutes' }) @IsOptional() @IsInt() @Min(1) @Max(1440) forMinutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1440, default: 15, description: FLAP_POLICY }) @IsOptional() @IsInt() @Min(0) @Max(1440) cooldownMinutes?: number;
}

/** The kind is fixed once created (make another rule for another kind). */
export class AlertRuleUpdateDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ description: 'Disabling resolves the alerts the rule has firing' }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null: all servers' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  serverId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: "null: all the domain's own nodes" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  nodeId?: string | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @IsInt() @Min(1) @Max(100) thresholdPercent?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1440 }) @IsOptional() @IsInt() @Min(1) @Max(1440) forMinutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1440 }) @IsOptional() @IsInt() @Min(0) @Max(1440) cooldownMinutes?: number;
}

export class AlertRuleOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ enum: ALERT_KINDS, description: KIND_DESCRIPTION }) kind: AlertKind;
  @Expose() @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @Expose() @ApiProperty() enabled: boolean;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) serverId: string | null;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) nodeId: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Number }) thresholdPercent: number | null;
  @Expose() @ApiProperty({ nullable: true, type: Number }) forMinutes: number | null;
  @Expose() @ApiProperty({ description: FLAP_POLICY }) cooldownMinutes: number;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

export class AlertRuleListDTO {
  @Expose()
  @Type(() => AlertRuleOutputDTO)
  @ApiProperty({ type: [AlertRuleOutputDTO], description: 'The rules made by this call (empty when every recommended kind already has a rule)' })
  created: AlertRuleOutputDTO[];
}

export class AlertOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty({ format: 'uuid' }) ruleId: string;
  @Expose() @ApiProperty({ enum: ALERT_KINDS }) kind: AlertKind;
  @Expose() @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @Expose() @ApiProperty({ enum: SUBJECT_TYPES }) subjectType: SubjectType;
  @Expose() @ApiProperty({ format: 'uuid' }) subjectId: string;
  @Expose() @ApiProperty({ description: 'The subject’s name when the alert last triggered' }) subjectName: string;
  @Expose() @ApiProperty() message: string;
  @Expose() @ApiProperty({ enum: ALERT_STATES }) state: AlertState;
  @Expose() @ApiProperty() firedAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) resolvedAt: Date | null;
  @Expose() @ApiProperty() lastTriggeredAt: Date;
  @Expose() @ApiProperty({ description: `Triggers grouped into this alert. ${FLAP_POLICY}` }) triggerCount: number;
  @Expose() @ApiProperty() acknowledged: boolean;
  @Expose() @ApiProperty({ nullable: true, type: Date }) acknowledgedAt: Date | null;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user who acknowledged it' }) acknowledgedBy: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Date, description: 'When an `alert.changed` notification was last sent for it' }) notifiedAt: Date | null;
}

export class AlertUnreadDTO {
  @Expose() @ApiProperty({ description: 'Firing alerts nobody acknowledged' }) count: number;
}

export const ALERT_RULE_SEARCH: SearchSpec<AlertRule> = {
  name: 'AlertRule',
  entity: AlertRule,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    kind: { type: 'enum', enum: ALERT_KINDS, filter: true, sort: true },
    severity: { type: 'enum', enum: SEVERITIES, filter: true, sort: true },
    enabled: { type: 'boolean', filter: true },
    serverId: { type: 'uuid', filter: true },
    nodeId: { type: 'uuid', filter: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'asc' },
};

export class AlertRuleSearchInputDTO extends createSearchInput(ALERT_RULE_SEARCH) {}

export const ALERT_SEARCH: SearchSpec<Alert> = {
  name: 'Alert',
  entity: Alert,
  fields: {
    id: { type: 'uuid', filter: true },
    ruleId: { type: 'uuid', filter: true },
    state: { type: 'enum', enum: ALERT_STATES, filter: true, sort: true },
    severity: { type: 'enum', enum: SEVERITIES, filter: true, sort: true },
    kind: { type: 'enum', enum: ALERT_KINDS, filter: true, sort: true },
    subjectType: { type: 'enum', enum: SUBJECT_TYPES, filter: true },
    subjectId: { type: 'uuid', filter: true },
    subjectName: { type: 'string', filter: true, search: true, sort: true },
    message: { type: 'string', search: true },
    acknowledged: { type: 'boolean', filter: true },
    firedAt: { type: 'date', sort: true, range: true },
    resolvedAt: { type: 'date', sort: true, range: true },
    lastTriggeredAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'firedAt', direction: 'desc' },
};

export class AlertSearchInputDTO extends createSearchInput(ALERT_SEARCH) {}

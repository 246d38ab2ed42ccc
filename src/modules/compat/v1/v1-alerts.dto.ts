import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';
import { ALERT_STATES } from '../../alert/alert.types';
import { V1ListQueryDTO } from './v1.dto';

/** Seed 001's alert and alert-rule bodies over AlertService (see v1-alerts.mapping.ts for the translation). */

export const V1_TARGET_TYPES = ['instance', 'node'] as const;
/** Metrics and events a rule watches, per target type (v1-alerts.mapping.ts maps them to Outpost's kinds). */
export const V1_METRICS = ['cpu_usage', 'memory_usage', 'disk_usage', 'offline', 'crashed', 'crash_loop', 'oom', 'install_failed', 'backup_failed'] as const;
export const V1_SEVERITIES = ['info', 'warn', 'critical'] as const;
export const V1_OPERATORS = ['gt'] as const;

const METRIC_HELP =
  'instance: cpu_usage, memory_usage (percent of its limit), crashed, crash_loop, oom, install_failed, backup_failed; node: cpu_usage, memory_usage, disk_usage (percent of the machine), offline';

class V1AlertRuleFieldsDTO {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'One instance or node of the organization; null/omitted: all of them' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  target_id?: string | null;
  @ApiPropertyOptional({ enum: V1_OPERATORS, description: 'Metric rules fire above the threshold ("gt"); no other operator exists' }) @IsOptional() @IsIn(V1_OPERATORS) operator?: 'gt';
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Metric rules (required there): percent' }) @IsOptional() @IsInt() @Min(1) @Max(100) threshold?: number;
  @ApiPropertyOptional({ minimum: 60, maximum: 86400, description: 'Metric rules (required there): whole minutes, in seconds' }) @IsOptional() @IsInt() @Min(60) @Max(86400) duration_seconds?: number;
  @ApiPropertyOptional({ enum: [...V1_SEVERITIES, 'warning'], default: 'warn' }) @IsOptional() @IsIn([...V1_SEVERITIES, 'warning']) severity?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'Alerts always appear in the app (unread count); false is refused' }) @IsOptional() @IsBoolean() notify_in_app?: boolean;
  @ApiPropertyOptional({ description: "Outpost emails alerts through the organization's email integrations (alert.fired / alert.resolved), not per rule: true is refused" })
  @IsOptional()
  @IsBoolean()
  notify_email?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 86400, default: 900, description: 'Whole minutes, in seconds (flap control)' }) @IsOptional() @IsInt() @Min(0) @Max(86400) cooldown_seconds?: number;
}

export class V1AlertRuleCreateInputDTO extends V1AlertRuleFieldsDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ enum: V1_TARGET_TYPES, description: '"server" is accepted for instance' }) @IsIn([...V1_TARGET_TYPES, 'server']) target_type: string;
  @ApiProperty({ enum: V1_METRICS, description: METRIC_HELP }) @IsIn(V1_METRICS) metric: string;
}

/** target_type and metric are fixed once created (make another rule). */
export class V1AlertRuleUpdateInputDTO extends V1AlertRuleFieldsDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ enum: V1_TARGET_TYPES, description: 'Must be the rule’s own' }) @IsOptional() @IsIn([...V1_TARGET_TYPES, 'server']) target_type?: string;
  @ApiPropertyOptional({ enum: V1_METRICS, description: 'Must be the rule’s own' }) @IsOptional() @IsIn(V1_METRICS) metric?: string;
}

export class V1AlertRuleDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: V1_TARGET_TYPES }) target_type: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: every instance (or node) of the organization' }) target_id: string | null;
  @ApiProperty({ enum: V1_METRICS }) metric: string;
  @ApiProperty({ enum: V1_OPERATORS, nullable: true, type: String, description: 'null for event rules' }) operator: 'gt' | null;
  @ApiProperty({ nullable: true, type: Number }) threshold: number | null;
  @ApiProperty({ nullable: true, type: Number }) duration_seconds: number | null;
  @ApiProperty({ enum: V1_SEVERITIES }) severity: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty() cooldown_seconds: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1AlertDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) rule_id: string;
  @ApiProperty({ enum: V1_TARGET_TYPES }) target_type: string;
  @ApiProperty({ format: 'uuid' }) target_id: string;
  @ApiProperty({ description: 'Its name when the alert last triggered' }) target_name: string;
  @ApiProperty({ enum: V1_METRICS }) metric: string;
  @ApiProperty({ enum: V1_SEVERITIES }) severity: string;
  @ApiProperty({ enum: ALERT_STATES }) state: string;
  @ApiProperty() message: string;
  @ApiProperty() trigger_count: number;
  @ApiProperty() acknowledged: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledged_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) acknowledged_by: string | null;
  @ApiProperty({ format: 'date-time' }) fired_at: string;
  @ApiProperty({ format: 'date-time' }) last_triggered_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolved_at: string | null;
}

export class V1AlertListQueryDTO extends V1ListQueryDTO {
  @ApiPropertyOptional({ enum: ALERT_STATES }) @IsOptional() @IsIn(ALERT_STATES) state?: string;
}

export class V1UnreadCountDTO {
  @ApiProperty({ description: 'Firing alerts nobody acknowledged' }) count: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';
import { GameServerState } from '../../gameserver/gameserver.types';

/** Template categories of the /v1 dialect, derived from each built-in template (see templateCategory). */
export const TEMPLATE_CATEGORIES = ['game', 'utility'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export class V1DeployTemplateDTO {
  @ApiProperty({ description: 'The template id (POST /v1/deploy `template`)' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES, description: '`game`: it serves a game port; `utility`: everything else' }) category: TemplateCategory;
  @ApiProperty({ type: [String], description: 'Its images, the first is the default' }) images: string[];
  @ApiProperty({ description: 'Default memory' }) memory_mib: number;
  @ApiProperty({ description: 'Default CPU (100 = one core)' }) cpu_percent: number;
  @ApiProperty({ description: 'Default disk' }) disk_mib: number;
}

export class V1TemplateCategoryParamDTO {
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) @IsIn(TEMPLATE_CATEGORIES, { message: `category must be one of ${TEMPLATE_CATEGORIES.join(', ')}` }) category: TemplateCategory;
}

export class V1DeployInputDTO {
  @ApiProperty({ maxLength: 64, description: 'A template id from GET /v1/templates' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'template must be a template id' })
  template: string;
  @ApiProperty({ maxLength: 100, description: 'The name of the instance (and of its workload)' }) @TrimmedName(100) name: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Omit to let the planner choose' }) @IsOptional() @IsUUID() node_id?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Template variables by env name (default: the template defaults)' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

/** A one-click deployment: an instance whose workload was made from a built-in template. */
export class V1DeploymentDTO {
  @ApiProperty({ format: 'uuid', description: 'The deployment is the instance: its id' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The template it was deployed from' }) template: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) category: TemplateCategory;
  @ApiProperty({ format: 'uuid' }) instance_id: string;
  @ApiProperty({ format: 'uuid' }) workload_id: string;
  @ApiProperty({ format: 'uuid' }) node_id: string;
  @ApiProperty({ enum: GameServerState, description: "The instance's status (`installing` first for templates with an install script; it starts once installed)" }) status: string;
  @ApiProperty({ nullable: true, type: String }) status_reason: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

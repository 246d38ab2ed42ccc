import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/**
 * Seed 001's Planner endpoints over Outpost's placement planner (the rule that places new game
 * servers): snake_case, bare JSON, bounded as Outpost's SuggestFitDTO.
 */

export class V1ResourcesInputDTO {
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024) memory_mib?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 * 256, description: '100 = one core' }) @IsOptional() @IsInt() @Min(1) @Max(100 * 256) cpu_percent?: number;
  @ApiPropertyOptional({ minimum: 16, maximum: 1024 * 1024 * 16 }) @IsOptional() @IsInt() @Min(16) @Max(1024 * 1024 * 16) disk_mib?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 16, description: 'Tags the node must carry' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  tags?: string[];
}

export class V1SuggestFitInputDTO extends V1ResourcesInputDTO {
  @ApiPropertyOptional({ format: 'uuid', description: "Use this workload's default resources (fields sent override them)" }) @IsOptional() @IsUUID() workload_id?: string;
}

export class V1TemplateFitInputDTO extends V1ResourcesInputDTO {
  @ApiProperty({ maxLength: 64, description: 'A template id from GET /v1/planner/templates; its default resources are used (fields sent override them)' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'template must be a template id' })
  template: string;
}

export class V1NodeFitDTO {
  @ApiProperty({ format: 'uuid' }) node_id: string;
  @ApiProperty() name: string;
  @ApiProperty() fits: boolean;
  @ApiProperty({ type: [String], description: 'Why it does not fit (offline, cordoned, draining, missing tags, short of memory/disk/CPU)' }) reasons: string[];
  @ApiProperty({ description: 'MiB left after placement (negative: short)' }) free_memory_mib: number;
  @ApiProperty() free_disk_mib: number;
  @ApiProperty() free_cpu_percent: number;
}

export class V1RequirementsDTO {
  @ApiProperty() memory_mib: number;
  @ApiProperty() cpu_percent: number;
  @ApiProperty() disk_mib: number;
  @ApiProperty({ type: [String] }) tags: string[];
}

export class V1SuggestFitDTO {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The best node (most free memory among those that fit); null when none fits' }) node_id: string | null;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: V1RequirementsDTO, description: 'What was planned for' }) requirements: V1RequirementsDTO;
  @ApiProperty({ type: [V1NodeFitDTO], description: 'Every node the organization may use, fitting ones first' }) candidates: V1NodeFitDTO[];
}

export class V1TemplateFitDTO extends V1SuggestFitDTO {
  @ApiProperty() template: string;
}

export class V1PlannerTemplateDTO {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) images: string[];
  @ApiProperty({ type: V1RequirementsDTO, description: "The template's default resources" }) defaults: V1RequirementsDTO;
}

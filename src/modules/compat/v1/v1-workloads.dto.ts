import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';
import { WorkloadDefinitionDTO } from '../../workload/dto/workload-definition.dto';
import type { WorkloadDefinition } from '../../workload/definition/workload-definition';

/**
 * Seed 001's Workload endpoints: workloads are Outpost workload templates. The reply's own fields
 * are snake_case; `definition` is Outpost's workload definition document as it is stored (its
 * schema: WorkloadDefinitionDTO), like an egg is a document of its own.
 */

export class V1WorkloadDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String, description: 'The built-in template it was made from, if any' }) template: string | null;
  @ApiProperty({ type: WorkloadDefinitionDTO, description: "Outpost's workload definition: images, startup, variables, stop, startupDone, configFiles, install, defaults" })
  definition: WorkloadDefinition;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1WorkloadCreateInputDTO {
  // Checked as a whole by the workload validator (messages with paths), as on POST /workload.
  @ApiProperty({ type: WorkloadDefinitionDTO, description: 'An Outpost workload definition' }) @IsObject() definition: Record<string, unknown>;
}

export class V1WorkloadUpdateInputDTO {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({ type: WorkloadDefinitionDTO, description: 'Replaces the whole definition' }) @IsOptional() @IsObject() definition?: Record<string, unknown>;
}

export class V1WorkloadFromTemplateInputDTO {
  @ApiProperty({ maxLength: 64, description: 'A template id from GET /v1/planner/templates' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'template must be a template id' })
  template: string;
  @ApiPropertyOptional({ maxLength: 100, description: "Default: the template's name" }) @IsOptional() @TrimmedName(100) name?: string;
}

export class V1EggImportInputDTO {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A Pterodactyl (PTDL_v1/v2) or Pelican (PLCN_v1..v3) egg, as those panels export it' }) @IsObject() egg: Record<
    string,
    unknown
  >;
}

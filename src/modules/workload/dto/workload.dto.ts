import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import type { WorkloadDefinition } from '../definition/workload-definition';
import { Workload } from '../entities/workload.entity';
import { WorkloadDefinitionDTO } from './workload-definition.dto';
import { TrimmedName } from '../../../core/http/trimmed';

export class WorkloadOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty() description: string;
  @Expose() @ApiProperty({ nullable: true, type: String }) template: string | null;
  @Expose()
  @ApiProperty({ type: WorkloadDefinitionDTO, description: 'The full template: images, startup, variables, stop, startupDone, configFiles, install, defaults' })
  definition: WorkloadDefinition;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

export class WorkloadCreateDTO {
  // Checked as a whole by validateDefinition (messages with paths), so the pipe only checks it is an object.
  @ApiProperty({ type: WorkloadDefinitionDTO, description: 'An Outpost workload definition' })
  @IsObject()
  definition: Record<string, unknown>;
}

export class WorkloadUpdateDTO {
  @ApiPropertyOptional() @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({ type: WorkloadDefinitionDTO, description: 'Replaces the whole definition' }) @IsOptional() @IsObject() definition?: Record<string, unknown>;
}

export class WorkloadImportDTO {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A Pterodactyl (PTDL_v1/v2) or Pelican (PLCN_v1..v3) egg, as exported by those panels' })
  @IsObject()
  egg: Record<string, unknown>;
}

export class WorkloadFromTemplateDTO {
  @ApiProperty({ description: 'A built-in template id from GET /workload/templates' }) @IsString() @Length(1, 64) template: string;
  @ApiPropertyOptional() @IsOptional() @TrimmedName(100) name?: string;
}

export class WorkloadTemplateDTO {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) images: string[];
}

export const WORKLOAD_SEARCH: SearchSpec<Workload> = {
  name: 'Workload',
  entity: Workload,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    template: { type: 'string', filter: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class WorkloadSearchInputDTO extends createSearchInput(WORKLOAD_SEARCH) {}

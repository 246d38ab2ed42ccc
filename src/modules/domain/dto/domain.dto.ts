import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { IsEnum, IsOptional } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { Domain, DomainState } from '../entities/domain.entity';
import { TrimmedName } from '../../../core/http/trimmed';

export class DomainOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ enum: DomainState }) state: DomainState;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

export class DomainCreateDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
}

export class DomainUpdateDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ enum: DomainState }) @IsOptional() @IsEnum(DomainState) state?: DomainState;
}

export const DOMAIN_SEARCH: SearchSpec<Domain> = {
  name: 'Domain',
  entity: Domain,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    state: { type: 'enum', enum: Object.values(DomainState), filter: true, sort: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class DomainSearchInputDTO extends createSearchInput(DOMAIN_SEARCH) {}

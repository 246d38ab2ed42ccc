import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { ALL_PERMISSIONS } from '../../auth/permissions';
import { Role } from '../entities/role.entity';
import { TrimmedName } from '../../../core/http/trimmed';

export class RoleOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS }) permissions: string[];
  @Expose() @ApiProperty() system: boolean;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

export class RoleCreateDTO {
  @ApiProperty() @TrimmedName(50) name: string;
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS })
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(ALL_PERMISSIONS, { each: true, message: 'each permission must be a known key (GET /permissions)' })
  permissions: string[];
}

export class RoleUpdateDTO {
  @ApiPropertyOptional() @IsOptional() @TrimmedName(50) name?: string;
  @ApiPropertyOptional({ type: [String], enum: ALL_PERMISSIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(ALL_PERMISSIONS, { each: true, message: 'each permission must be a known key (GET /permissions)' })
  permissions?: string[];
}

export const ROLE_SEARCH: SearchSpec<Role> = {
  name: 'Role',
  entity: Role,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    permissions: { type: 'string[]', filter: true, search: true },
    system: { type: 'boolean', filter: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'asc' },
};

export class RoleSearchInputDTO extends createSearchInput(ROLE_SEARCH) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsOptional } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { ALL_PERMISSIONS } from '../../auth/permissions';
import { ApiToken } from '../entities/api-token.entity';
import { TrimmedName } from '../../../core/http/trimmed';

export class ApiTokenOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null = instance-wide' }) domainId: string | null;
  @Expose() @ApiProperty({ format: 'uuid' }) userId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ description: 'First characters of the token, to recognise it' }) prefix: string;
  @Expose() @ApiProperty({ type: [String] }) permissions: string[];
  @Expose() @ApiProperty({ nullable: true, type: Date }) expiresAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @Expose() @ApiProperty() createdAt: Date;
}

export class ApiTokenCreatedDTO extends ApiTokenOutputDTO {
  @Expose() @ApiProperty({ description: 'The secret token, shown only in this reply' }) token: string;
}

export class ApiTokenCreateDTO {
  @ApiProperty() @TrimmedName(100) name: string;
  @ApiPropertyOptional({ type: [String], enum: ALL_PERMISSIONS, description: 'Subset of your permissions; empty = all of your role' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(ALL_PERMISSIONS, { each: true, message: 'each permission must be a known key (GET /permissions)' })
  permissions?: string[];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() expiresAt?: string;
  @ApiPropertyOptional({ description: 'Instance administrators only: not bound to a domain' }) @IsOptional() @IsBoolean() instanceWide?: boolean;
}

export class ApiTokenUpdateDTO {
  @ApiProperty() @TrimmedName(100) name: string;
}

export const API_TOKEN_SEARCH: SearchSpec<ApiToken> = {
  name: 'ApiToken',
  entity: ApiToken,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    userId: { type: 'uuid', filter: true },
    prefix: { type: 'string', filter: true },
    expiresAt: { type: 'date', sort: true, range: true, filter: true },
    lastUsedAt: { type: 'date', sort: true, range: true },
    revokedAt: { type: 'date', filter: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class ApiTokenSearchInputDTO extends createSearchInput(API_TOKEN_SEARCH) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { User } from '../entities/user.entity';
import { Trim } from '../../../core/http/trimmed';

export const USERNAME_RULE = /^[A-Za-z0-9_.-]{3,32}$/;

export class UserMembershipOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty({ format: 'uuid' }) roleId: string;
  @Expose() @ApiProperty() state: string;
}

export class UserOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty() username: string;
  @Expose() @ApiProperty() email: string;
  @Expose() @ApiProperty() isInstanceAdmin: boolean;
  @Expose() @ApiProperty() mfaEnabled: boolean;
  @Expose() @ApiProperty({ nullable: true, type: Date }) lastLoginAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: Date, description: 'When an instance administrator suspended the account; null when it is not suspended' }) suspendedAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'Why it was suspended, as the instance administrator wrote it' }) suspendedReason: string | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
  @Expose() @Type(() => UserMembershipOutputDTO) @ApiPropertyOptional({ type: [UserMembershipOutputDTO] }) memberships?: UserMembershipOutputDTO[];
}

export class UserCreateDTO {
  @ApiProperty({ pattern: USERNAME_RULE.source }) @Trim() @IsString() @Matches(USERNAME_RULE, { message: 'username must be 3-32 characters: letters, digits, _ . -' }) username: string;
  @ApiProperty({ format: 'email' }) @Trim({ lowercase: true }) @IsEmail() email: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) password: string;
  @ApiPropertyOptional({ type: [String], description: 'Role for the membership in this domain (first one is used); default Member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1)
  @IsUUID('4', { each: true })
  roleIds?: string[];
}

export class UserUpdateDTO {
  @ApiPropertyOptional({ pattern: USERNAME_RULE.source })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(USERNAME_RULE, { message: 'username must be 3-32 characters: letters, digits, _ . -' })
  username?: string;
  @ApiPropertyOptional() @IsOptional() @Trim({ lowercase: true }) @IsEmail() email?: string;
  @ApiPropertyOptional({ minLength: 10, maxLength: 256 }) @IsOptional() @IsString() @Length(10, 256) password?: string;
  @ApiPropertyOptional({ maxLength: 256, description: 'Your current password: required to change your own email or password' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  currentPassword?: string;
}

export class UserSuspendDTO {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept with the account and in the audit log)' }) @IsOptional() @Trim() @IsString() @MaxLength(500) reason?: string;
}

export const USER_SEARCH: SearchSpec<User> = {
  name: 'User',
  entity: User,
  fields: {
    id: { type: 'uuid', filter: true },
    username: { type: 'string', filter: true, search: true, sort: true },
    email: { type: 'string', filter: true, search: true, sort: true },
    isInstanceAdmin: { type: 'boolean', filter: true },
    mfaEnabled: { type: 'boolean', filter: true },
    lastLoginAt: { type: 'date', sort: true, range: true, filter: true },
    // filters.suspendedAt: [null] lists active accounts; greaterThan.suspendedAt the suspended ones.
    suspendedAt: { type: 'date', sort: true, range: true, filter: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  extend: ['memberships'],
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class UserSearchInputDTO extends createSearchInput(USER_SEARCH) {}

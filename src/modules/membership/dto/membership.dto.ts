import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ALL_PERMISSIONS } from '../../auth/permissions';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { RoleOutputDTO } from '../../role/dto/role.dto';
import { UserOutputDTO, USERNAME_RULE } from '../../user/dto/user.dto';
import { Membership, MembershipState } from '../entities/membership.entity';
import { Trim } from '../../../core/http/trimmed';

export class MembershipOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @Expose() @ApiProperty({ format: 'uuid' }) roleId: string;
  @Expose() @ApiProperty({ enum: MembershipState }) state: MembershipState;
  @Expose() @ApiProperty({ nullable: true, type: String }) inviteEmail: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Date }) inviteExpiresAt: Date | null;
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: "Permissions this member holds beyond the role's" }) permissionsGranted: string[];
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: "The role's permissions this member does not hold" }) permissionsRevoked: string[];
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
  @Expose() @Type(() => UserOutputDTO) @ApiPropertyOptional({ type: UserOutputDTO }) user?: UserOutputDTO;
  @Expose() @Type(() => RoleOutputDTO) @ApiPropertyOptional({ type: RoleOutputDTO }) role?: RoleOutputDTO;
}

export class InviteOutputDTO extends MembershipOutputDTO {
  @Expose() @ApiProperty({ description: 'Give this to the invitee; shown once. They accept with POST /membership/accept' }) inviteToken: string;
  @Expose() @ApiProperty({ description: 'The invite link was sent to the email address (instance mail is configured and the mail server accepted it)' }) emailed: boolean;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'Why the invite email could not be sent; null when it was sent or mail is not configured' }) emailError: string | null;
}

export class MembershipInviteDTO {
  @ApiProperty() @Trim({ lowercase: true }) @IsEmail() email: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the Member role' }) @IsOptional() @IsUUID() roleId?: string;
}

export class MembershipUpdateDTO {
  @ApiProperty({ format: 'uuid' }) @IsUUID() roleId: string;
}

/** A member's permissions, and where each comes from. */
export class MemberPermissionsOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) membershipId: string;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'The member (null for an invite not yet accepted)' }) username: string | null;
  @Expose() @ApiProperty({ format: 'uuid' }) roleId: string;
  @Expose() @ApiProperty() roleName: string;
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: "The role's permissions" }) role: string[];
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: 'Granted to this member on top of the role' }) granted: string[];
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: 'Removed from this member although the role has them' }) revoked: string[];
  @Expose() @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: 'What the member holds: role + granted - revoked' }) effective: string[];
}

const PERMISSION_KEYS = { each: true, message: 'each permission must be a known key (GET /permissions)' } as const;

/** The member's complete overrides (replacing the ones before); a key can't be in both lists. */
export class MemberPermissionsUpdateDTO {
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: "Held on top of the role's permissions" })
  @IsArray()
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, PERMISSION_KEYS)
  grant: string[];
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: "The role's permissions this member does not get" })
  @IsArray()
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, PERMISSION_KEYS)
  revoke: string[];
}

export class MembershipAcceptDTO {
  @ApiProperty() @IsString() @Length(10, 200) token: string;
}

/** What an invite link shows before anyone signs in: nothing secret, nothing about other members. */
export class InvitePreviewOutputDTO {
  @ApiProperty() domainName: string;
  @ApiProperty() roleName: string;
  @ApiProperty({ nullable: true, type: String, description: 'The address the invite was sent to; the new account gets it' }) email: string | null;
  @ApiProperty({ nullable: true, type: Date }) expiresAt: Date | null;
}

export class InviteRegisterDTO {
  @ApiProperty({ pattern: USERNAME_RULE.source }) @Trim() @IsString() @Matches(USERNAME_RULE, { message: 'username must be 3-32 characters: letters, digits, _ . -' }) username: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) password: string;
  @ApiPropertyOptional({ description: "Must be the invite's email when given (the account always gets that one)" }) @IsOptional() @Trim({ lowercase: true }) @IsEmail() email?: string;
}

export const MEMBERSHIP_SEARCH: SearchSpec<Membership> = {
  name: 'Membership',
  entity: Membership,
  fields: {
    id: { type: 'uuid', filter: true },
    userId: { type: 'uuid', filter: true },
    roleId: { type: 'uuid', filter: true },
    state: { type: 'enum', enum: Object.values(MembershipState), filter: true, sort: true },
    inviteEmail: { type: 'string', filter: true, search: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  extend: ['user', 'role', 'user.memberships'],
  defaultSort: { field: 'createdAt', direction: 'asc' },
};

export class MembershipSearchInputDTO extends createSearchInput(MEMBERSHIP_SEARCH) {}

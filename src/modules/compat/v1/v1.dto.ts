import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Trim, TrimmedName } from '../../../core/http/trimmed';
import { USERNAME_RULE } from '../../user/dto/user.dto';

/**
 * Request and reply bodies of the Shardlyn `/v1` dialect (seed 001): snake_case fields, bare JSON
 * (no envelope), errors `{ error }`. Inputs are bounded like every Outpost DTO.
 */

const USERNAME_MESSAGE = 'username must be 3-32 characters: letters, digits, _ . -';

// ---- errors ----

export class V1ErrorDTO {
  @ApiProperty({ example: 'descriptive error message' }) error: string;
}

// ---- auth ----

export class V1LoginInputDTO {
  @ApiProperty({ description: 'Email (a username is accepted too)' }) @Trim() @IsString() @Length(1, 256) email: string;
  @ApiProperty() @IsString() @Length(1, 256) password: string;
}

export class V1RefreshInputDTO {
  @ApiProperty() @IsString() @Length(10, 200) refresh_token: string;
}

export class V1LoginDTO {
  @ApiProperty({ description: 'JWT, valid expires_in seconds (15 minutes)' }) access_token: string;
  @ApiProperty({ description: 'One use: POST /v1/auth/refresh answers a new pair' }) refresh_token: string;
  @ApiProperty({ example: 900 }) expires_in: number;
  @ApiProperty({ example: 'Bearer' }) token_type: 'Bearer';
}

export class V1MfaChallengeDTO {
  @ApiProperty({ example: true }) mfa_required: true;
  @ApiProperty({ description: 'Send it with the TOTP code to POST /v1/auth/mfa/challenge' }) challenge_token: string;
}

export class V1BootstrapStatusDTO {
  @ApiProperty({ description: 'true while the instance has no user: POST /v1/auth/bootstrap creates the first admin' }) needs_bootstrap: boolean;
}

export class V1BootstrapInputDTO {
  @ApiProperty() @Trim({ lowercase: true }) @IsEmail() email: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) password: string;
  @ApiPropertyOptional({ pattern: USERNAME_RULE.source, description: "Default: the email's local part" })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(USERNAME_RULE, { message: USERNAME_MESSAGE })
  username?: string;
  @ApiPropertyOptional({ maxLength: 100, description: 'The first organization (Outpost domain); default "Default"' }) @IsOptional() @TrimmedName(100) organization_name?: string;
}

export class V1BootstrapDTO extends V1LoginDTO {
  @ApiProperty({ format: 'uuid', description: 'The first organization, whose Owner the new admin is' }) organization_id: string;
}

export class V1MfaStatusDTO {
  @ApiProperty() enabled: boolean;
}

export class V1MfaEnrollDTO {
  @ApiProperty() secret: string;
  @ApiProperty({ example: 'otpauth://totp/Outpost:user@example.com?secret=…&issuer=Outpost' }) otpauth_uri: string;
}

export class V1MfaCodeInputDTO {
  @ApiProperty({ description: 'A 6-digit TOTP code (disable: a recovery code works too)' }) @IsString() @Length(6, 32) code: string;
}

export class V1MfaVerifiedDTO {
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ type: [String], description: 'One-use recovery codes, shown once' }) recovery_codes: string[];
}

export class V1MfaChallengeInputDTO {
  @ApiProperty({ description: 'From the login reply' }) @IsString() @Length(10, 2000) challenge_token: string;
  @ApiProperty({ description: 'A 6-digit TOTP code or a recovery code' }) @IsString() @Length(6, 32) code: string;
}

// ---- users ----

export class V1UserDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'Instance administrator' }) is_admin: boolean;
  @ApiProperty() mfa_enabled: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_login_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1PasswordInputDTO {
  @ApiProperty({ maxLength: 256 }) @IsString() @Length(1, 256) current_password: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) new_password: string;
}

export class V1MessageDTO {
  @ApiProperty() message: string;
}

export class V1UserCreateInputDTO {
  @ApiProperty() @Trim({ lowercase: true }) @IsEmail() email: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) password: string;
  @ApiPropertyOptional({ pattern: USERNAME_RULE.source, description: "Default: the email's local part" })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(USERNAME_RULE, { message: USERNAME_MESSAGE })
  username?: string;
  @ApiPropertyOptional({ description: 'A role of the organization by id or name (owner, admin, member, viewer); default member' }) @IsOptional() @IsString() @Length(1, 100) role?: string;
}

export class V1ListQueryDTO {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page?: number;
}

// ---- API tokens ----

export class V1ApiTokenDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'First characters of the token (outpost_…)' }) prefix: string;
  @ApiProperty({ type: [String], description: 'Empty = everything its owner may do in the organization' }) permissions: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expires_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_used_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class V1ApiTokenCreateInputDTO {
  @ApiProperty({ maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiPropertyOptional({ description: 'Seconds until it expires (at most 10 years); absent or 0 = never', example: 2592000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10 * 365 * 24 * 3600)
  expires_in?: number;
}

export class V1ApiTokenCreatedDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Shown only in this reply. Outpost tokens start with outpost_ (not shardlyn_api_); send as Authorization: Bearer' }) token: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expires_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class V1PermissionDTO {
  @ApiProperty({ example: 'gameserver.read' }) key: string;
  @ApiProperty() description: string;
}

// ---- organizations (Outpost domains) ----

export class V1OrganizationDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['active', 'maintenance', 'disabled'] }) state: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1OrganizationInputDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
}

export class V1MemberDTO {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ format: 'uuid' }) role_id: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ format: 'date-time' }) joined_at: string;
}

export class V1InviteInputDTO {
  @ApiProperty() @Trim({ lowercase: true }) @IsEmail() email: string;
  @ApiPropertyOptional({ description: 'Role id or name (owner, admin, member, viewer); default member' }) @IsOptional() @IsString() @Length(1, 100) role?: string;
}

export class V1RoleInputDTO {
  @ApiProperty({ description: 'Role id or name (owner, admin, member, viewer)' }) @IsString() @Length(1, 100) role: string;
}

export class V1InviteDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ format: 'uuid' }) role_id: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expires_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class V1InviteCreatedDTO extends V1InviteDTO {
  @ApiProperty({ description: 'The invite token, shown once: the invitee accepts with POST /v1/invites/{token}/accept' }) token: string;
  @ApiProperty({ description: 'The invite was also emailed (instance mail configured and accepted)' }) emailed: boolean;
}

export class V1AcceptedDTO {
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty({ format: 'uuid' }) role_id: string;
  @ApiProperty({ example: 'active' }) state: string;
}

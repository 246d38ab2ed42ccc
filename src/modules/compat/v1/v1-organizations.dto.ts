import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { ALL_PERMISSIONS } from '../../auth/permissions';

/** A member's own permissions (seed 001: GET/POST/DELETE …/members/{userId}/permissions), over MemberPermissionsService. */
export class V1MemberPermissionsDTO {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty({ format: 'uuid' }) role_id: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: "The role's permissions" }) role_permissions: string[];
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: 'Granted to this member on top of the role' }) granted: string[];
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: 'Removed from this member although the role has them' }) revoked: string[];
  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, description: 'What the member holds: role + granted - revoked' }) permissions: string[];
}

export class V1MemberPermissionInputDTO {
  @ApiProperty({ enum: ALL_PERMISSIONS, description: 'A permission key (GET /v1/permissions)' })
  @IsString()
  @IsIn(ALL_PERMISSIONS, { message: 'key must be a permission key (GET /v1/permissions)' })
  key: string;
  @ApiPropertyOptional({ default: true, description: 'true: the member holds it; false: the member does not, even if the role has it' }) @IsOptional() @IsBoolean() granted?: boolean;
}

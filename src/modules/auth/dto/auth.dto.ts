import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import { UserOutputDTO, USERNAME_RULE } from '../../user/dto/user.dto';
import { Trim, TrimmedName } from '../../../core/http/trimmed';

export class LoginDTO {
  @ApiProperty({ description: 'Username or email' }) @Trim() @IsString() @Length(1, 256) username: string;
  @ApiProperty() @IsString() @Length(1, 256) password: string;
}

export class LoginOutputDTO {
  @ApiPropertyOptional({ description: 'Access token (JWT, 15 minutes); absent when MFA is required' }) token?: string;
  @ApiPropertyOptional() refreshToken?: string;
  @ApiPropertyOptional() expiresIn?: number;
  @ApiPropertyOptional() mfaRequired?: boolean;
  @ApiPropertyOptional({ description: 'Send with the TOTP code to POST /auth/mfa/verify' }) challengeToken?: string;
}

export class RefreshDTO {
  @ApiProperty() @IsString() @Length(10, 200) refreshToken: string;
}

export class LogoutDTO {
  @ApiPropertyOptional({ description: 'Ends this session only; without it every session of the user ends' })
  @IsOptional()
  @IsString()
  @Length(10, 200)
  refreshToken?: string;
}

export class BootstrapDTO {
  @ApiProperty({ pattern: USERNAME_RULE.source }) @Trim() @IsString() @Matches(USERNAME_RULE, { message: 'username must be 3-32 characters: letters, digits, _ . -' }) username: string;
  @ApiProperty() @Trim({ lowercase: true }) @IsEmail() email: string;
  @ApiProperty({ minLength: 10 }) @IsString() @Length(10, 256) password: string;
  @ApiProperty() @TrimmedName(100) domainName: string;
}

export class BootstrapStatusDTO {
  @ApiProperty() needed: boolean;
}

export class MeDomainDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty() state: string;
}

export class MeOutputDTO {
  @ApiProperty({ type: UserOutputDTO }) @Type(() => UserOutputDTO) user: UserOutputDTO;
  @ApiProperty({ type: [MeDomainDTO] }) domains: MeDomainDTO[];
  @ApiProperty({ nullable: true, type: String, description: 'The currently selected domain id' }) domain: string | null;
  @ApiProperty({ type: [String], description: 'Your permissions in the selected domain' }) permissions: string[];
}

export class MfaCodeDTO {
  @ApiProperty({ description: 'A 6-digit TOTP code (or a recovery code when verifying a login)' }) @IsString() @Length(6, 32) code: string;
}

export class MfaVerifyDTO extends MfaCodeDTO {
  @ApiProperty() @IsString() @Length(10, 2000) challengeToken: string;
}

export class MfaEnrollOutputDTO {
  @ApiProperty() secret: string;
  @ApiProperty() otpauthUri: string;
}

export class MfaConfirmOutputDTO {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: [String], description: 'Shown once' }) recoveryCodes: string[];
}

export class MfaStatusOutputDTO {
  @ApiProperty() enabled: boolean;
}

export class SelectedDomainOutputDTO {
  @ApiProperty({ format: 'uuid', description: 'The domain now in the takaro-domain cookie' }) domain: string;
}

export class PermissionOutputDTO {
  @ApiProperty() key: string;
  @ApiProperty() description: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../../core/http/trimmed';
import { USERNAME_RULE } from '../../user/dto/user.dto';

/** Seed 001's register / forgot / reset password bodies (over RegistrationService and PasswordResetService). */

export class V1RegisterInputDTO {
  @ApiProperty({ format: 'email', maxLength: 254 }) @Trim({ lowercase: true }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) password: string;
  @ApiPropertyOptional({ pattern: USERNAME_RULE.source, description: "Default: the email's local part" })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(USERNAME_RULE, { message: 'username must be 3-32 characters: letters, digits, _ . -' })
  username?: string;
}

export class V1ForgotPasswordInputDTO {
  @ApiProperty({ format: 'email', maxLength: 254 }) @Trim({ lowercase: true }) @IsEmail() @MaxLength(254) email: string;
}

export class V1ResetPasswordInputDTO {
  @ApiProperty({ description: 'The token from the emailed link', minLength: 10, maxLength: 200 }) @IsString() @Length(10, 200) token: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) new_password: string;
}

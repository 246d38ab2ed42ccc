import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { USERNAME_RULE } from '../../user/dto/user.dto';
import { Trim } from '../../../core/http/trimmed';

/** Self-registration (when an instance administrator allows it). Same rules as an account an admin creates. */
export class RegisterDTO {
  @ApiProperty({ pattern: USERNAME_RULE.source }) @Trim() @IsString() @Matches(USERNAME_RULE, { message: 'username must be 3-32 characters: letters, digits, _ . -' }) username: string;
  @ApiProperty({ format: 'email', maxLength: 254 }) @Trim({ lowercase: true }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) password: string;
}

export class ForgotPasswordDTO {
  @ApiProperty({ format: 'email', maxLength: 254 }) @Trim({ lowercase: true }) @IsEmail() @MaxLength(254) email: string;
}

export class ForgotPasswordOutputDTO {
  @ApiProperty({ description: 'The same sentence whether or not an account has this email' }) message: string;
}

export class ResetPasswordDTO {
  @ApiProperty({ description: 'The token from the emailed link (/reset-password?token=…)', maxLength: 200 }) @IsString() @Length(10, 200) token: string;
  @ApiProperty({ minLength: 10, maxLength: 256 }) @IsString() @Length(10, 256) newPassword: string;
}

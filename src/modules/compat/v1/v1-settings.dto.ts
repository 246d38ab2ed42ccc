import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EMAIL_DOMAIN_RULE, EMAIL_DOMAINS_MAX } from '../../settings/dto/settings.dto';

/** Seed 001's platform settings over InstanceSettingsService (instance administrators). */
export class V1SettingsDTO {
  @ApiProperty({ description: 'Anyone may create an account (POST /v1/auth/register)' }) registration_enabled: boolean;
  @ApiProperty({ type: [String], description: 'Empty: any email domain may register; else only these' }) registration_email_domains: string[];
  @ApiProperty({ enum: ['everyone', 'admins'], description: 'Who may create organizations (DOMAIN_CREATION, set in the environment)' }) organization_creation: string;
  @ApiProperty({ description: 'Password-reset emails can be sent (SMTP_URL is set)' }) password_reset_enabled: boolean;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The instance administrator who changed them last' }) updated_by: string | null;
}

export class V1SettingsInputDTO {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() registration_enabled?: boolean;
  @ApiPropertyOptional({ type: [String], maxItems: EMAIL_DOMAINS_MAX, description: 'e.g. ["example.com"]; [] allows any' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value))
  @IsArray()
  @ArrayMaxSize(EMAIL_DOMAINS_MAX)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(EMAIL_DOMAIN_RULE, { each: true, message: 'each of registration_email_domains must be a hostname such as example.com' })
  registration_email_domains?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A DNS hostname (at least one dot, labels of letters, digits and inner hyphens), lower-case. */
export const EMAIL_DOMAIN_RULE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const EMAIL_DOMAINS_MAX = 100;

/** What a sign-in page needs to know before anyone signs in. The email-domain allow-list is not part of it. */
export class PublicSettingsOutputDTO {
  @ApiProperty({ description: 'Anyone may create an account (POST /auth/register)' }) registrationEnabled: boolean;
  @ApiProperty({ description: 'Registration is limited to some email domains (which ones is not published)' }) registrationRestricted: boolean;
  @ApiProperty({ enum: ['everyone', 'admins'], description: 'Who may create domains (DOMAIN_CREATION): a new account without a domain creates its own, or waits for an invite' })
  domainCreation: 'everyone' | 'admins';
  @ApiProperty({ description: 'Password-reset emails can be sent (the instance has SMTP_URL)' }) passwordResetEnabled: boolean;
}

export class InstanceSettingsOutputDTO {
  @Expose() @ApiProperty() registrationEnabled: boolean;
  @Expose() @ApiProperty({ type: [String], description: 'Empty: any email domain may register; else only these (exact match, lower-case)' }) registrationEmailDomains: string[];
  @Expose() @ApiProperty() updatedAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The instance administrator who changed them last' }) updatedBy: string | null;
}

export class InstanceSettingsUpdateDTO {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() registrationEnabled?: boolean;
  @ApiPropertyOptional({ type: [String], maxItems: EMAIL_DOMAINS_MAX, description: 'Email domains that may register, e.g. ["example.com"]; [] allows any' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value))
  @IsArray()
  @ArrayMaxSize(EMAIL_DOMAINS_MAX)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(EMAIL_DOMAIN_RULE, { each: true, message: 'each of registrationEmailDomains must be a hostname such as example.com' })
  registrationEmailDomains?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { TrimmedName } from '../../../core/http/trimmed';
import { INTEGRATION_EVENTS } from '../../integration/integration-events';
import { MAX_RECIPIENTS } from '../../integration/dto/integration.dto';

/** Seed 001's Integration and Webhook token bodies over IntegrationService and WebhookService. */

/** IntegrationService's types (it checks them again). */
export const INTEGRATION_TYPES = ['discord', 'slack', 'webhook', 'email'] as const;

const Omittable = () => ValidateIf((_, v) => v !== undefined);

class V1IntegrationFieldsDTO {
  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ maxLength: 2048, writeOnly: true, description: 'discord, slack, webhook: the URL to POST to (stored encrypted, never returned)' })
  @Omittable()
  @IsString()
  @MaxLength(2048)
  url?: string;
  @ApiPropertyOptional({ type: [String], maxItems: MAX_RECIPIENTS, description: 'email: recipients' })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  @MaxLength(254, { each: true })
  recipients?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2048, writeOnly: true, description: "email: the integration's own SMTP server (smtp(s)://…); null: the instance's" })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'smtp_url must be an smtp:// or smtps:// URL' })
  smtp_url?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) smtp_from?: string | null;
}

export class V1IntegrationCreateInputDTO extends V1IntegrationFieldsDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ enum: INTEGRATION_TYPES, description: 'discord, slack and webhook need url; email needs recipients' }) @IsIn(INTEGRATION_TYPES) type: (typeof INTEGRATION_TYPES)[number];
  @ApiProperty({ type: [String], enum: INTEGRATION_EVENTS, minItems: 1, maxItems: INTEGRATION_EVENTS.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INTEGRATION_EVENTS.length)
  @ArrayUnique()
  @IsIn(INTEGRATION_EVENTS, { each: true })
  events: string[];
}

export class V1IntegrationUpdateInputDTO extends V1IntegrationFieldsDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @Omittable() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ type: [String], enum: INTEGRATION_EVENTS, minItems: 1, maxItems: INTEGRATION_EVENTS.length })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INTEGRATION_EVENTS.length)
  @ArrayUnique()
  @IsIn(INTEGRATION_EVENTS, { each: true })
  events?: string[];
}

export class V1IntegrationDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INTEGRATION_TYPES }) type: string;
  @ApiProperty({ type: [String], enum: INTEGRATION_EVENTS }) events: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Where messages go, masked to scheme and host; null for email' }) target: string | null;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ nullable: true, type: String }) smtp_host: string | null;
  @ApiProperty({ nullable: true, type: String }) smtp_from: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class V1IntegrationCreatedDTO extends V1IntegrationDTO {
  @ApiProperty({ nullable: true, type: String, description: 'webhook: the HMAC-SHA256 signing secret, shown only now; null for other types' }) signing_secret: string | null;
}

export class V1IntegrationTypeDTO {
  @ApiProperty({ enum: INTEGRATION_TYPES }) type: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'Fields a create request needs besides name, type and events' }) required_fields: string[];
  @ApiProperty({ type: [String], enum: INTEGRATION_EVENTS, description: 'Events it can subscribe to' }) events: string[];
}

export class V1IntegrationTestDTO {
  @ApiProperty() ok: boolean;
  @ApiProperty({ nullable: true, type: Number }) status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'uuid', description: 'The test is in the delivery log' }) delivery_id: string;
}

export class V1WebhookTokenInputDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
}

export class V1WebhookTokenDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Payload URL for GitHub (content type application/json; the secret is the HMAC secret)' }) github_url: string;
  @ApiProperty({ description: 'URL for GitLab (the secret is its "Secret token")' }) gitlab_url: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_used_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class V1WebhookTokenCreatedDTO extends V1WebhookTokenDTO {
  @ApiProperty({ description: 'Shown once: the GitHub webhook secret / GitLab secret token' }) secret: string;
}

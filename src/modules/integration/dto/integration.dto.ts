import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { TrimmedName } from '../../../core/http/trimmed';
import { Integration, INTEGRATION_TYPES } from '../entities/integration.entity';
import { DELIVERY_STATUSES, IntegrationDelivery } from '../entities/integration-delivery.entity';
import { INTEGRATION_EVENTS, TEST_EVENT } from '../integration-events';

export const MAX_RECIPIENTS = 20;
/** Omitted = unchanged; unlike @IsOptional, null is validated (and refused). */
const Omittable = () => ValidateIf((_, v) => v !== undefined);
const SMTP_URL = /^smtps?:\/\/[^\s]+$/;

const EVENTS_DESCRIPTION = `What to send: ${INTEGRATION_EVENTS.join(', ')}. server.state is sent for running, offline, crashed and install_failed only.`;
const URL_DESCRIPTION =
  'discord, slack, webhook: the http(s) URL to POST to (Discord/Slack incoming-webhook URL). Secret: stored encrypted, never returned. Refused (400) when it resolves to a loopback, private, link-local or metadata address, unless the instance allows them.';

export class IntegrationOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ enum: INTEGRATION_TYPES }) type: string;
  @Expose() @ApiProperty({ type: [String], enum: INTEGRATION_EVENTS }) events: string[];
  @Expose() @ApiProperty() enabled: boolean;
  @Expose()
  @ApiProperty({ nullable: true, type: String, description: 'Where messages go, masked to scheme and host (e.g. "https://discord.com/…"); null for email' })
  target: string | null;
  @Expose() @ApiProperty({ type: [String], description: 'Email recipients (email only; empty otherwise)' }) recipients: string[];
  @Expose() @ApiProperty({ nullable: true, type: String, description: "Host of the integration's own SMTP server (email); null = the instance's" }) smtpHost: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) smtpFrom: string | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

/** Create answer: the webhook signing secret is in it, this once. */
export class IntegrationCreatedOutputDTO extends IntegrationOutputDTO {
  @Expose()
  @ApiProperty({ nullable: true, type: String, description: 'webhook: the HMAC-SHA256 signing secret, shown only now (rotate to get a new one); null for other types' })
  signingSecret: string | null;
}

export class IntegrationSecretOutputDTO {
  @Expose() @ApiProperty({ description: 'The new signing secret, shown only now; the old one stops working at once' }) signingSecret: string;
}

export class IntegrationTestOutputDTO {
  @Expose() @ApiProperty() ok: boolean;
  @Expose() @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the receiver (null for email or when no answer came)' }) statusCode: number | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) error: string | null;
  @Expose() @ApiProperty({ format: 'uuid', description: 'The test is in the delivery log too' }) deliveryId: string;
}

export class IntegrationDeliveryOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) integrationId: string;
  @Expose() @ApiProperty({ description: `One of the integration events, or ${TEST_EVENT}` }) event: string;
  @Expose() @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @Expose() @ApiProperty({ description: 'Attempts made so far' }) attempts: number;
  @Expose() @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @Expose() @ApiProperty({ description: 'When the next attempt is due (pending deliveries)' }) nextAttemptAt: Date;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @Expose()
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What was sent, before formatting: occurredAt, title, text, level, fields, data' })
  payload: Record<string, unknown>;
}

class IntegrationFieldsDTO {
  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ maxLength: 2048, writeOnly: true, description: URL_DESCRIPTION })
  @Omittable()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_RECIPIENTS, description: 'email: recipients (1–20 addresses)' })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  @MaxLength(254, { each: true })
  recipients?: string[];

  @ApiPropertyOptional({
    type: String,
    maxLength: 2048,
    writeOnly: true,
    nullable: true,
    description: "email: the integration's own SMTP server, smtp(s)://user:pass@host:port (secret, never returned); omit or null to use the instance's",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(SMTP_URL, { message: 'smtpUrl must be an smtp:// or smtps:// URL' })
  smtpUrl?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, description: 'email: sender with smtpUrl, e.g. "Outpost <alerts@example.com>"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  smtpFrom?: string | null;
}

export class IntegrationCreateDTO extends IntegrationFieldsDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ enum: INTEGRATION_TYPES, description: 'discord, slack and webhook need url; email needs recipients' }) @IsIn(INTEGRATION_TYPES) type: (typeof INTEGRATION_TYPES)[number];
  @ApiProperty({ type: [String], enum: INTEGRATION_EVENTS, minItems: 1, maxItems: INTEGRATION_EVENTS.length, description: EVENTS_DESCRIPTION })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INTEGRATION_EVENTS.length)
  @ArrayUnique()
  @IsIn(INTEGRATION_EVENTS, { each: true })
  events: string[];
}

/** Omitted fields are kept; the type cannot change. */
export class IntegrationUpdateDTO extends IntegrationFieldsDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @Omittable() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ type: [String], enum: INTEGRATION_EVENTS, minItems: 1, maxItems: INTEGRATION_EVENTS.length, description: EVENTS_DESCRIPTION })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INTEGRATION_EVENTS.length)
  @ArrayUnique()
  @IsIn(INTEGRATION_EVENTS, { each: true })
  events?: string[];
}

export const INTEGRATION_SEARCH: SearchSpec<Integration> = {
  name: 'Integration',
  entity: Integration,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    type: { type: 'enum', enum: INTEGRATION_TYPES, filter: true, sort: true },
    enabled: { type: 'boolean', filter: true, sort: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class IntegrationSearchInputDTO extends createSearchInput(INTEGRATION_SEARCH) {}

export const DELIVERY_SEARCH: SearchSpec<IntegrationDelivery> = {
  name: 'IntegrationDelivery',
  entity: IntegrationDelivery,
  fields: {
    id: { type: 'uuid', filter: true },
    event: { type: 'string', filter: true, search: true },
    status: { type: 'enum', enum: DELIVERY_STATUSES, filter: true, sort: true },
    lastStatusCode: { type: 'number', filter: true },
    attempts: { type: 'number', sort: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
    finishedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class IntegrationDeliverySearchInputDTO extends createSearchInput(DELIVERY_SEARCH) {}

import type { WebhookTokenCreatedDTO, WebhookTokenOutputDTO } from '../../deploy/dto/deploy.dto';
import type { IntegrationCreatedOutputDTO, IntegrationCreateDTO, IntegrationOutputDTO, IntegrationTestOutputDTO, IntegrationUpdateDTO } from '../../integration/dto/integration.dto';
import { INTEGRATION_EVENTS } from '../../integration/integration-events';
import type {
  V1IntegrationCreatedDTO,
  V1IntegrationCreateInputDTO,
  V1IntegrationDTO,
  V1IntegrationTestDTO,
  V1IntegrationTypeDTO,
  V1IntegrationUpdateInputDTO,
  V1WebhookTokenCreatedDTO,
  V1WebhookTokenDTO,
} from './v1-integrations.dto';

/** Outpost's integrations and webhook tokens ↔ the `/v1` dialect's snake_case bodies. Pure functions. */

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

/** The integration types Outpost sends to (IntegrationService's), with what each needs. */
export const V1_INTEGRATION_TYPES: V1IntegrationTypeDTO[] = [
  { type: 'discord', name: 'Discord', required_fields: ['url'], events: [...INTEGRATION_EVENTS] },
  { type: 'slack', name: 'Slack', required_fields: ['url'], events: [...INTEGRATION_EVENTS] },
  { type: 'webhook', name: 'Signed webhook (HMAC-SHA256)', required_fields: ['url'], events: [...INTEGRATION_EVENTS] },
  { type: 'email', name: 'Email', required_fields: ['recipients'], events: [...INTEGRATION_EVENTS] },
];

function fields(b: V1IntegrationUpdateInputDTO): IntegrationUpdateDTO {
  return { name: b.name, events: b.events, enabled: b.enabled, url: b.url, recipients: b.recipients, smtpUrl: b.smtp_url, smtpFrom: b.smtp_from };
}

export function toIntegrationCreate(b: V1IntegrationCreateInputDTO): IntegrationCreateDTO {
  return { ...fields(b), name: b.name, type: b.type, events: b.events };
}

export function toIntegrationUpdate(b: V1IntegrationUpdateInputDTO): IntegrationUpdateDTO {
  return fields(b);
}

export function toIntegration(i: IntegrationOutputDTO): V1IntegrationDTO {
  return {
    id: i.id,
    name: i.name,
    type: i.type,
    events: i.events,
    enabled: i.enabled,
    target: i.target,
    recipients: i.recipients,
    smtp_host: i.smtpHost,
    smtp_from: i.smtpFrom,
    created_at: iso(i.createdAt)!,
    updated_at: iso(i.updatedAt)!,
  };
}

export function toIntegrationCreated(i: IntegrationCreatedOutputDTO): V1IntegrationCreatedDTO {
  return { ...toIntegration(i), signing_secret: i.signingSecret };
}

export function toIntegrationTest(t: IntegrationTestOutputDTO): V1IntegrationTestDTO {
  return { ok: t.ok, status_code: t.statusCode, error: t.error, delivery_id: t.deliveryId };
}

export function toWebhookToken(t: WebhookTokenOutputDTO): V1WebhookTokenDTO {
  return { id: t.id, name: t.name, github_url: t.githubUrl, gitlab_url: t.gitlabUrl, last_used_at: iso(t.lastUsedAt), created_at: iso(t.createdAt)! };
}

export function toWebhookTokenCreated(t: WebhookTokenCreatedDTO): V1WebhookTokenCreatedDTO {
  return { ...toWebhookToken(t), secret: t.secret };
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { MailService } from '../../core/mail/mail.service';
import { OutboundError, outboundPolicy, outboundRequest } from '../../core/net/outbound';
import { SecretBox } from '../auth/secret-box';
import type { DeliveryPayload } from './entities/integration-delivery.entity';
import type { Integration, IntegrationSecret } from './entities/integration.entity';
import { discordBody, emailContent, slackBody, webhookBody, webhookHeaders } from './integration-payloads';

/** The SecretBox purpose of integration secrets. */
export const SECRET_PURPOSE = 'integration-secret';
/** One attempt's whole HTTP exchange, redirects included. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** Retrying cannot help (the webhook is gone, email is not configured): failed at once. */
  permanent: boolean;
}

export interface SendTarget {
  integration: Integration;
  secret: IntegrationSecret;
  deliveryId: string;
  event: string;
  payload: DeliveryPayload;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/** Seals and opens integration secrets (one JSON object per integration). */
@Injectable()
export class IntegrationSecrets {
  private readonly box: SecretBox;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.box = new SecretBox(config.JWT_SECRET!, SECRET_PURPOSE);
  }

  seal(secret: IntegrationSecret): string {
    return this.box.seal(JSON.stringify(secret));
  }

  open(sealed: string): IntegrationSecret {
    return JSON.parse(this.box.open(sealed)) as IntegrationSecret;
  }
}

/**
 * One attempt of one delivery, in the integration's own format. Never throws: every failure is
 * a SendResult for the delivery log. Used by the worker and by `POST /integration/:id/test`.
 */
@Injectable()
export class IntegrationSender {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {}

  async send(target: SendTarget): Promise<SendResult> {
    try {
      return target.integration.type === 'email' ? await this.sendEmail(target) : await this.sendHttp(target);
    } catch (err) {
      // Email not configured on this instance: no retry will change that.
      const permanent = err instanceof AppError && err.code === ErrorCode.ServiceUnavailableError;
      return { ok: false, statusCode: null, error: errorText(err), permanent };
    }
  }

  private async sendHttp({ integration, secret, deliveryId, event, payload }: SendTarget): Promise<SendResult> {
    if (!secret.url) return { ok: false, statusCode: null, error: 'The integration has no URL', permanent: true };
    let body: string;
    let headers: Record<string, string> = { 'content-type': 'application/json' };
    if (integration.type === 'discord') body = JSON.stringify(discordBody(payload));
    else if (integration.type === 'slack') body = JSON.stringify(slackBody(payload));
    else {
      if (!secret.signingSecret) return { ok: false, statusCode: null, error: 'The webhook has no signing secret', permanent: true };
      body = JSON.stringify(webhookBody(deliveryId, event, integration.domainId, payload));
      headers = webhookHeaders(secret.signingSecret, deliveryId, event, body);
    }
    try {
      const res = await outboundRequest(secret.url, { method: 'POST', headers, body, timeoutMs: DELIVERY_TIMEOUT_MS, maxResponseBytes: 4096 }, outboundPolicy(this.config));
      if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null, permanent: false };
      const answer = res.body.trim().slice(0, 500);
      return {
        ok: false,
        statusCode: res.status,
        error: `HTTP ${res.status}${answer ? `: ${answer}` : ''}`,
        // Discord and Slack answer 410 Gone for a deleted webhook.
        permanent: res.status === 410 && integration.type !== 'webhook',
      };
    } catch (err) {
      if (err instanceof OutboundError) return { ok: false, statusCode: null, error: err.message, permanent: false };
      throw err;
    }
  }

  private async sendEmail({ integration, secret, payload }: SendTarget): Promise<SendResult> {
    const recipients = integration.config.recipients ?? [];
    if (!recipients.length) return { ok: false, statusCode: null, error: 'The integration has no recipients', permanent: true };
    const { subject, text } = emailContent(payload);
    const smtp = secret.smtpUrl ? { url: secret.smtpUrl, from: integration.config.smtpFrom ?? this.config.SMTP_FROM } : undefined;
    const result = await this.mail.send({ to: recipients, subject, text }, smtp);
    if (!result.accepted.length) return { ok: false, statusCode: null, error: `The SMTP server refused every recipient (${result.rejected.join(', ')})`, permanent: false };
    return { ok: true, statusCode: null, error: result.rejected.length ? `Refused recipients: ${result.rejected.join(', ')}` : null, permanent: false };
  }
}

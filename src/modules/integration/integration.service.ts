import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { checkOutboundHost, checkOutboundUrl, outboundPolicy } from '../../core/net/outbound';
import { Integration, IntegrationConfig, IntegrationSecret } from './entities/integration.entity';
import {
  DELIVERY_SEARCH,
  INTEGRATION_SEARCH,
  IntegrationCreatedOutputDTO,
  IntegrationCreateDTO,
  IntegrationDeliveryOutputDTO,
  IntegrationOutputDTO,
  IntegrationSecretOutputDTO,
  IntegrationTestOutputDTO,
  IntegrationUpdateDTO,
} from './dto/integration.dto';
import { IntegrationDeliveries } from './integration-deliveries.service';
import { testMessage } from './integration-events';
import { maskUrl } from './integration-payloads';
import { IntegrationSecrets, IntegrationSender } from './integration-sender.service';
import { IntegrationDeliveryRepository, IntegrationRepository } from './integration.repository';

const HTTP_ONLY = ['recipients', 'smtpUrl', 'smtpFrom'] as const;

function invalid(path: string, message: string): AppError {
  return AppError.validation(message, [{ path, code: 'invalid', message }]);
}

/** 32 random bytes, hex, prefixed so it is recognisable in a receiver's configuration. */
function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** The SMTP URL parsed, or a 400 that does not repeat it (it may carry a password; URL's own error would). */
function parseSmtpUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw invalid('smtpUrl', 'smtpUrl is not a valid URL: use smtp(s)://user:password@host:port');
  }
}

/** Host and port of an SMTP URL, never its credentials. */
function smtpHostOf(raw: string): string {
  return parseSmtpUrl(raw).host;
}

/**
 * Integrations of a domain: CRUD, test send, signing-secret rotation and the delivery log.
 * Secrets are sealed on the way in and never leave (except a new signing secret, once).
 */
@Injectable()
export class IntegrationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly integrations: IntegrationRepository,
    private readonly deliveryRows: IntegrationDeliveryRepository,
    private readonly deliveries: IntegrationDeliveries,
    private readonly secrets: IntegrationSecrets,
    private readonly sender: IntegrationSender,
  ) {}

  private output(i: Integration): IntegrationOutputDTO {
    return toOutput(IntegrationOutputDTO, {
      ...i,
      target: i.config.target ?? null,
      recipients: i.config.recipients ?? [],
      smtpHost: i.config.smtpHost ?? null,
      smtpFrom: i.config.smtpFrom ?? null,
    });
  }

  private async found(domainId: DomainId, id: string): Promise<Integration> {
    const row = await this.integrations.findById(domainId, id);
    if (!row) throw AppError.notFound('Integration');
    return row;
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<IntegrationOutputDTO>> {
    const r = await new SearchEngine(INTEGRATION_SEARCH).execute(this.integrations.queryBuilder(domainId, 'i'), 'i', query);
    return new Paged(
      r.items.map((i) => this.output(i)),
      r.total,
      r.page,
      r.limit,
    );
  }

  async get(domainId: DomainId, id: string): Promise<IntegrationOutputDTO> {
    return this.output(await this.found(domainId, id));
  }

  /** A clear 400 now rather than a failed delivery later; the target is checked again at every send. */
  private async checkUrl(url: string): Promise<void> {
    await checkOutboundUrl(url, outboundPolicy(this.config)).catch((err: unknown) => {
      throw err instanceof AppError ? invalid('url', err.message) : err;
    });
  }

  private async checkSmtp(smtpUrl: string): Promise<void> {
    await checkOutboundHost(parseSmtpUrl(smtpUrl).hostname, outboundPolicy(this.config)).catch((err: unknown) => {
      throw err instanceof AppError ? invalid('smtpUrl', err.message) : err;
    });
  }

  async create(domainId: DomainId, input: IntegrationCreateDTO): Promise<IntegrationCreatedOutputDTO> {
    const secret: IntegrationSecret = {};
    const config: IntegrationConfig = {};
    if (input.type === 'email') {
      if (input.url !== undefined) throw invalid('url', 'url applies to discord, slack and webhook integrations');
      if (!input.recipients) throw invalid('recipients', 'recipients are required for an email integration');
      config.recipients = input.recipients;
      if (input.smtpUrl) {
        await this.checkSmtp(input.smtpUrl);
        secret.smtpUrl = input.smtpUrl;
        config.smtpHost = smtpHostOf(input.smtpUrl);
      }
      if (input.smtpFrom) config.smtpFrom = input.smtpFrom;
    } else {
      const stray = HTTP_ONLY.find((f) => input[f] !== undefined && input[f] !== null);
      if (stray) throw invalid(stray, `${stray} applies to email integrations only`);
      if (!input.url) throw invalid('url', `url is required for a ${input.type} integration`);
      await this.checkUrl(input.url);
      secret.url = input.url;
      config.target = maskUrl(input.url);
      if (input.type === 'webhook') secret.signingSecret = newSigningSecret();
    }
    const row = await this.integrations.insert(domainId, {
      name: input.name,
      type: input.type,
      events: input.events,
      enabled: input.enabled ?? true,
      config,
      secretSealed: this.secrets.seal(secret),
    });
    return { ...this.output(row), signingSecret: secret.signingSecret ?? null };
  }

  /** Omitted fields are kept; `url` and `smtpUrl` replace the stored secret's part. */
  async update(domainId: DomainId, id: string, input: IntegrationUpdateDTO): Promise<IntegrationOutputDTO> {
    const current = await this.integrations.findWithSecret(domainId, id);
    if (!current) throw AppError.notFound('Integration');
    const config: IntegrationConfig = { ...current.config };
    let secret: IntegrationSecret | null = null;
    if (current.type === 'email') {
      if (input.url !== undefined) throw invalid('url', 'url applies to discord, slack and webhook integrations');
      if (input.recipients) config.recipients = input.recipients;
      if (input.smtpUrl !== undefined) {
        secret = this.secrets.open(current.secretSealed);
        if (input.smtpUrl === null) {
          delete secret.smtpUrl;
          delete config.smtpHost;
        } else {
          await this.checkSmtp(input.smtpUrl);
          secret.smtpUrl = input.smtpUrl;
          config.smtpHost = smtpHostOf(input.smtpUrl);
        }
      }
      if (input.smtpFrom !== undefined) {
        if (input.smtpFrom === null) delete config.smtpFrom;
        else config.smtpFrom = input.smtpFrom;
      }
    } else {
      const stray = HTTP_ONLY.find((f) => input[f] !== undefined);
      if (stray) throw invalid(stray, `${stray} applies to email integrations only`);
      if (input.url !== undefined) {
        await this.checkUrl(input.url);
        secret = { ...this.secrets.open(current.secretSealed), url: input.url };
        config.target = maskUrl(input.url);
      }
    }
    const patch: Partial<Integration> = { config };
    if (input.name !== undefined) patch.name = input.name;
    if (input.events !== undefined) patch.events = input.events;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (secret) patch.secretSealed = this.secrets.seal(secret);
    const row = await this.integrations.update(domainId, id, patch);
    if (!row) throw AppError.notFound('Integration');
    return this.output(row);
  }

  /** Its deliveries go with it; pending jobs find nothing and drop. */
  async remove(domainId: DomainId, id: string): Promise<void> {
    if (!(await this.integrations.delete(domainId, id))) throw AppError.notFound('Integration');
  }

  /** A generic webhook's new signing secret (shown once); the old one stops signing at once. */
  async rotateSecret(domainId: DomainId, id: string): Promise<IntegrationSecretOutputDTO> {
    const current = await this.integrations.findWithSecret(domainId, id);
    if (!current) throw AppError.notFound('Integration');
    if (current.type !== 'webhook') throw AppError.badRequest(`A ${current.type} integration has no signing secret (only webhook integrations are signed)`);
    const signingSecret = newSigningSecret();
    await this.integrations.update(domainId, id, { secretSealed: this.secrets.seal({ ...this.secrets.open(current.secretSealed), signingSecret }) });
    return { signingSecret };
  }

  /** Sends a test message now, through the same sender as events (disabled integrations too), and logs it. */
  async test(domainId: DomainId, id: string): Promise<IntegrationTestOutputDTO> {
    const integration = await this.integrations.findWithSecret(domainId, id);
    if (!integration) throw AppError.notFound('Integration');
    const message = testMessage(integration.name);
    const delivery = await this.deliveryRows.insert(domainId, { integrationId: id, event: message.event, payload: message.payload, status: 'pending', attempts: 0 });
    const result = await this.sender.send({ integration, secret: this.secrets.open(integration.secretSealed), deliveryId: delivery.id, event: message.event, payload: message.payload });
    await this.deliveryRows.recordAttempt(domainId, delivery.id, 0, { status: result.ok ? 'succeeded' : 'failed', statusCode: result.statusCode, error: result.error, nextAttemptAt: null });
    return { ok: result.ok, statusCode: result.statusCode, error: result.error, deliveryId: delivery.id };
  }

  async searchDeliveries(domainId: DomainId, id: string, query: SearchQuery): Promise<Paged<IntegrationDeliveryOutputDTO>> {
    await this.found(domainId, id);
    const qb = this.deliveryRows.queryBuilder(domainId, 'd').andWhere('d."integrationId" = :integrationId', { integrationId: id });
    const r = await new SearchEngine(DELIVERY_SEARCH).execute(qb, 'd', query);
    return new Paged(toOutput(IntegrationDeliveryOutputDTO, r.items), r.total, r.page, r.limit);
  }

  /** One more attempt of a failed delivery (409 when it is not failed). */
  async retryDelivery(domainId: DomainId, id: string, deliveryId: string): Promise<IntegrationDeliveryOutputDTO> {
    await this.found(domainId, id);
    const delivery = await this.deliveryRows.findOne(domainId, { id: deliveryId, integrationId: id });
    if (!delivery) throw AppError.notFound('Delivery');
    if (!(await this.deliveries.reopen(domainId, id, deliveryId))) throw AppError.conflict(`Only a failed delivery can be retried (this one is ${delivery.status})`);
    const row = await this.deliveryRows.findById(domainId, deliveryId);
    if (!row) throw AppError.notFound('Delivery');
    return toOutput(IntegrationDeliveryOutputDTO, row);
  }
}

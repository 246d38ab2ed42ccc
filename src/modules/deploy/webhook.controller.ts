import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { DomainId } from '@libs/tenancy/domain-id';
import { RAW_BODY_ROUTE, RawBodyRequest } from '../../core/http/input-guard';
import { Public } from '../../core/http/public.decorator';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
import { WebhookEventOutputDTO, WebhookReceiptDTO, WebhookTokenCreatedDTO, WebhookTokenCreateDTO, WebhookTokenOutputDTO, WebhookTokenSearchInputDTO } from './dto/deploy.dto';
import { WebhookService } from './webhook.service';

/** Incoming webhook tokens of the domain (GitHub/GitLab push → git deploy syncs). */
@ApiTags('deploy')
@ApiBearerAuth()
@Controller('webhooktoken')
export class WebhookTokenController {
  constructor(private readonly webhooks: WebhookService) {}

  /** The secret is in this reply only. */
  @Post()
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Create an incoming webhook token; the secret is returned once, with the GitHub and GitLab URLs' })
  @ApiEnvelope(WebhookTokenCreatedDTO, { status: 201 })
  create(@CurrentDomain() domainId: DomainId, @Body() body: WebhookTokenCreateDTO) {
    return this.webhooks.create(domainId, body.name);
  }

  @Post('search')
  @HttpCode(200)
  @RequirePermission('deploy.manage')
  @ApiPagedEnvelope(WebhookTokenOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: WebhookTokenSearchInputDTO) {
    return this.webhooks.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('deploy.manage')
  @ApiEnvelope(WebhookTokenOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.webhooks.get(domainId, id);
  }

  @Delete(':id')
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Revoke the token: its webhooks answer 401 from now on' })
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.webhooks.remove(domainId, id);
    return null;
  }

  @Get(':id/events')
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'The last 200 calls of this token, newest first, refused ones included' })
  @ApiEnvelope(WebhookEventOutputDTO, { isArray: true })
  events(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.webhooks.recentEvents(domainId, id);
  }
}

// Per client address, and GitHub/GitLab send every tenant's pushes from a few addresses: generous.
const WEBHOOK_THROTTLE = { default: { limit: 600, ttl: 60_000 } };

/**
 * The receivers GitHub and GitLab call (no credentials but the token's secret). Bodies must be
 * JSON (GitHub: content type application/json). An unknown token and a bad signature both answer
 * 401; a push that no configuration tracks answers 200 `ignored`.
 */
@ApiTags('deploy')
@Controller('webhooks')
export class WebhookReceiverController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post('github/:tokenId')
  @Public()
  @HttpCode(200)
  @Throttle(WEBHOOK_THROTTLE)
  @RouteConfig({ [RAW_BODY_ROUTE]: true })
  @ApiOperation({ summary: 'GitHub webhook receiver (X-Hub-Signature-256 over the raw body; events push and ping)' })
  @ApiEnvelope(WebhookReceiptDTO)
  github(@Param('tokenId') tokenId: string, @Req() req: RawBodyRequest) {
    return this.webhooks.github(tokenId, { headers: req.headers, raw: req.rawBody, body: req.body });
  }

  @Post('gitlab/:tokenId')
  @Public()
  @HttpCode(200)
  @Throttle(WEBHOOK_THROTTLE)
  @ApiOperation({ summary: 'GitLab webhook receiver (X-Gitlab-Token; Push Hook events)' })
  @ApiEnvelope(WebhookReceiptDTO)
  gitlab(@Param('tokenId') tokenId: string, @Req() req: RawBodyRequest) {
    return this.webhooks.gitlab(tokenId, { headers: req.headers, raw: req.rawBody, body: req.body });
  }
}

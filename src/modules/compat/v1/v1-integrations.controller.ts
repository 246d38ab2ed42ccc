import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { WebhookService } from '../../deploy/webhook.service';
import { IntegrationService } from '../../integration/integration.service';
import { V1ListQueryDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import {
  V1IntegrationCreatedDTO,
  V1IntegrationCreateInputDTO,
  V1IntegrationDTO,
  V1IntegrationTestDTO,
  V1IntegrationTypeDTO,
  V1IntegrationUpdateInputDTO,
  V1WebhookTokenCreatedDTO,
  V1WebhookTokenDTO,
  V1WebhookTokenInputDTO,
} from './v1-integrations.dto';
import {
  toIntegration,
  toIntegrationCreate,
  toIntegrationCreated,
  toIntegrationTest,
  toIntegrationUpdate,
  toWebhookToken,
  toWebhookTokenCreated,
  V1_INTEGRATION_TYPES,
} from './v1-integrations.mapping';

/**
 * Seed 001's Integration endpoints over IntegrationService (integrations.manage, as /integration):
 * secrets (URLs, SMTP credentials) are write-only; `target` is masked.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/integrations')
export class V1IntegrationsController {
  constructor(private readonly integrations: IntegrationService) {}

  @Get()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: "The organization's integrations (never their secrets)" })
  @V1Reply(V1IntegrationDTO, { isArray: true })
  async list(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1IntegrationDTO[]> {
    return (await this.integrations.search(domainId, { page: query.page, limit: query.limit })).items.map(toIntegration);
  }

  @Get('types')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'The integration types, what each needs and the events they can subscribe to' })
  @V1Reply(V1IntegrationTypeDTO, { isArray: true })
  types(): V1IntegrationTypeDTO[] {
    return V1_INTEGRATION_TYPES;
  }

  @Post()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Creates an integration; a webhook answers its signing secret this once' })
  @V1Reply(V1IntegrationCreatedDTO, { status: 201 })
  async create(@CurrentDomain() domainId: DomainId, @Body() body: V1IntegrationCreateInputDTO): Promise<V1IntegrationCreatedDTO> {
    return toIntegrationCreated(await this.integrations.create(domainId, toIntegrationCreate(body)));
  }

  @Get(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'One integration' })
  @V1Reply(V1IntegrationDTO)
  @V1NotFound()
  async get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1IntegrationDTO> {
    return toIntegration(await this.integrations.get(domainId, id));
  }

  @Put(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Changes an integration (omitted fields are kept; the type is fixed)' })
  @V1Reply(V1IntegrationDTO)
  @V1NotFound()
  async update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1IntegrationUpdateInputDTO): Promise<V1IntegrationDTO> {
    return toIntegration(await this.integrations.update(domainId, id, toIntegrationUpdate(body)));
  }

  @Delete(':id')
  @RequirePermission('integrations.manage')
  @HttpCode(204)
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.integrations.remove(domainId, id);
  }

  @Post(':id/test')
  @RequirePermission('integrations.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends a test message now; a failed delivery is ok: false, not an error' })
  @V1Reply(V1IntegrationTestDTO)
  @V1NotFound()
  async test(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1IntegrationTestDTO> {
    return toIntegrationTest(await this.integrations.test(domainId, id));
  }
}

/**
 * Seed 001's Webhook token endpoints over WebhookService (deploy.manage, as /webhooktoken). The
 * receivers are Outpost's own `/webhooks/github/{id}` and `/webhooks/gitlab/{id}` (github_url,
 * gitlab_url); the seed's token-less `/v1/webhooks/*` answer 501.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/webhook-tokens')
export class V1WebhookTokensController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get()
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: "The organization's incoming webhook tokens (never their secrets)" })
  @V1Reply(V1WebhookTokenDTO, { isArray: true })
  async list(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1WebhookTokenDTO[]> {
    return (await this.webhooks.search(domainId, { page: query.page, limit: query.limit })).items.map(toWebhookToken);
  }

  @Post()
  @RequirePermission('deploy.manage')
  @ApiOperation({ summary: 'Creates a webhook token; the secret is shown once, with the GitHub and GitLab URLs' })
  @V1Reply(V1WebhookTokenCreatedDTO, { status: 201 })
  async create(@CurrentDomain() domainId: DomainId, @Body() body: V1WebhookTokenInputDTO): Promise<V1WebhookTokenCreatedDTO> {
    return toWebhookTokenCreated(await this.webhooks.create(domainId, body.name));
  }

  @Delete(':id')
  @RequirePermission('deploy.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes the token: its webhooks answer 401 from now on' })
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.webhooks.remove(domainId, id);
  }
}

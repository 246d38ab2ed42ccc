import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
import {
  IntegrationCreatedOutputDTO,
  IntegrationCreateDTO,
  IntegrationDeliveryOutputDTO,
  IntegrationDeliverySearchInputDTO,
  IntegrationOutputDTO,
  IntegrationSearchInputDTO,
  IntegrationSecretOutputDTO,
  IntegrationTestOutputDTO,
  IntegrationUpdateDTO,
} from './dto/integration.dto';
import { IntegrationService } from './integration.service';

/** Where a domain's events go: Discord, Slack, signed webhooks (docs/webhooks.md) and email. */
@ApiTags('integration')
@ApiBearerAuth()
@Controller('integration')
export class IntegrationController {
  constructor(private readonly integrations: IntegrationService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiPagedEnvelope(IntegrationOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: IntegrationSearchInputDTO) {
    return this.integrations.search(domainId, body);
  }

  /** Secrets (URLs, signing secret, SMTP credentials) are never returned; `target` is masked. */
  @Get(':id')
  @RequirePermission('integrations.manage')
  @ApiEnvelope(IntegrationOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.integrations.get(domainId, id);
  }

  @Post()
  @RequirePermission('integrations.manage')
  @ApiOperation({ description: 'A webhook integration answers with its signing secret, this once.' })
  @ApiEnvelope(IntegrationCreatedOutputDTO, { status: 201 })
  create(@CurrentDomain() domainId: DomainId, @Body() body: IntegrationCreateDTO) {
    return this.integrations.create(domainId, body);
  }

  @Put(':id')
  @RequirePermission('integrations.manage')
  @ApiEnvelope(IntegrationOutputDTO)
  update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: IntegrationUpdateDTO) {
    return this.integrations.update(domainId, id, body);
  }

  @Delete(':id')
  @RequirePermission('integrations.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.integrations.remove(domainId, id);
    return null;
  }

  /** Sends a test message now (10 s at most) and records it in the delivery log; a failure is ok:false, not an error. */
  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiEnvelope(IntegrationTestOutputDTO)
  test(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.integrations.test(domainId, id);
  }

  /** webhook only: a new signing secret, shown once; the old one stops at once. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiEnvelope(IntegrationSecretOutputDTO)
  rotateSecret(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.integrations.rotateSecret(domainId, id);
  }

  /** The delivery log, newest first by default (the newest 1000 per integration, 30 days at most). */
  @Post(':id/deliveries/search')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiPagedEnvelope(IntegrationDeliveryOutputDTO)
  deliveries(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: IntegrationDeliverySearchInputDTO) {
    return this.integrations.searchDeliveries(domainId, id, body);
  }

  /** One more attempt of a failed delivery, in the background (409 unless it is failed). */
  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @RequirePermission('integrations.manage')
  @ApiEnvelope(IntegrationDeliveryOutputDTO, { status: 202 })
  retry(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string) {
    return this.integrations.retryDelivery(domainId, id, deliveryId);
  }
}

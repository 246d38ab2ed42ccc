import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission, SessionOnly } from '../auth/auth-context';
import { ApiTokenService } from './api-token.service';
import { ApiTokenCreateDTO, ApiTokenCreatedDTO, ApiTokenOutputDTO, ApiTokenSearchInputDTO, ApiTokenUpdateDTO } from './dto/api-token.dto';

@ApiTags('apitoken')
@ApiBearerAuth()
@Controller('apitoken')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('apitokens.manage')
  @ApiPagedEnvelope(ApiTokenOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: ApiTokenSearchInputDTO) {
    return this.tokens.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('apitokens.manage')
  @ApiEnvelope(ApiTokenOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.tokens.get(domainId, id);
  }

  @Post()
  @RequirePermission('apitokens.manage')
  @SessionOnly()
  @ApiEnvelope(ApiTokenCreatedDTO, { status: 201 })
  create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: ApiTokenCreateDTO) {
    return this.tokens.create(auth, domainId, body);
  }

  @Put(':id')
  @RequirePermission('apitokens.manage')
  @ApiEnvelope(ApiTokenOutputDTO)
  update(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApiTokenUpdateDTO) {
    return this.tokens.rename(domainId, id, body.name);
  }

  /** Revokes the token immediately. */
  @Delete(':id')
  @RequirePermission('apitokens.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.tokens.revoke(domainId, id);
    return null;
  }
}

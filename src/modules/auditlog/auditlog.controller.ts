import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
import { AuditService } from './audit.service';
import { AuditLogOutputDTO, AuditLogSearchInputDTO } from './dto/audit-log.dto';

@ApiTags('auditlog')
@ApiBearerAuth()
@Controller('auditlog')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('auditlog.read')
  @ApiPagedEnvelope(AuditLogOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: AuditLogSearchInputDTO) {
    return this.audit.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('auditlog.read')
  @ApiEnvelope(AuditLogOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.audit.get(domainId, id);
  }
}

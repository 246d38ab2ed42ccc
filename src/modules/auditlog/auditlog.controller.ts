import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RawResponse } from '../../core/http/envelope';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { AuditService } from './audit.service';
import { AuditLogExportInputDTO, AuditLogOutputDTO, AuditLogSearchInputDTO } from './dto/audit-log.dto';

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

  /** Every row the search would find with the same filters, as a CSV or JSON attachment, streamed. */
  @Post('export')
  @HttpCode(200)
  @RequirePermission('auditlog.read')
  @RawResponse()
  @Header('cache-control', 'no-store')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({
    summary: 'Export the audit log (CSV or JSON)',
    description:
      "Newest first, at most 1,000,000 rows (more: 400, narrow the filters). CSV cells that a spreadsheet would run as a formula start with a quote. scope 'instance' (instance administrators only) exports every domain.",
  })
  @ApiExtraModels(AuditLogOutputDTO)
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: 'An attachment, outside the envelope: CSV with a header row, or a JSON array of audit rows',
    content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AuditLogOutputDTO) } } } },
    headers: { 'x-total-count': { description: 'Rows in the export', schema: { type: 'integer' } } },
  })
  async export(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: AuditLogExportInputDTO, @Res({ passthrough: true }) reply: FastifyReply) {
    const out = await this.audit.export(auth, domainId, body);
    reply.header('x-total-count', String(out.rows));
    return new StreamableFile(out.stream, { type: out.contentType, disposition: `attachment; filename="${out.filename}"` });
  }

  @Get(':id')
  @RequirePermission('auditlog.read')
  @ApiEnvelope(AuditLogOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.audit.get(domainId, id);
  }
}

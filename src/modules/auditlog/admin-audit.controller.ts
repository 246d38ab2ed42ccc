import { Body, Controller, Header, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RawResponse } from '../../core/http/envelope';
import { ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { ClientIp, CurrentAuth, DomainOptional, InstanceAdminOnly, RequestAuth } from '../auth/auth-context';
import { NotAudited } from './audit.decorator';
import { AuditService } from './audit.service';
import { AdminAuditLogExportInputDTO, AdminAuditLogOutputDTO, AdminAuditLogSearchInputDTO } from './dto/audit-log.dto';

/** Instance administrators: the audit log of every domain (and the instance's own events), each row with its domain. */
@ApiTags('auditlog')
@ApiBearerAuth()
@Controller('admin/auditlog')
@InstanceAdminOnly()
@DomainOptional()
export class AdminAuditLogController {
  constructor(private readonly audit: AuditService) {}

  /** The filters and paging of POST /auditlog/search, plus `filters.domainId` (`[null]`: instance events). */
  @Post('search')
  @HttpCode(200)
  @ApiPagedEnvelope(AdminAuditLogOutputDTO)
  search(@Body() body: AdminAuditLogSearchInputDTO) {
    return this.audit.adminSearch(body);
  }

  /** Every row the admin search would find with the same filters, as a CSV or JSON attachment, streamed. */
  @Post('export')
  @HttpCode(200)
  @NotAudited('audited by AuditService as an instance event (it spans every domain)')
  @RawResponse()
  @Header('cache-control', 'no-store')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({
    summary: 'Export the audit log of every domain (CSV or JSON)',
    description: 'Newest first, at most 1,000,000 rows (more: 400, narrow the filters); rows carry domainId and domainName. CSV cells that a spreadsheet would run as a formula start with a quote.',
  })
  @ApiExtraModels(AdminAuditLogOutputDTO)
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: 'An attachment, outside the envelope: CSV with a header row, or a JSON array of audit rows',
    content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AdminAuditLogOutputDTO) } } } },
    headers: { 'x-total-count': { description: 'Rows in the export', schema: { type: 'integer' } } },
  })
  async export(@CurrentAuth() auth: RequestAuth, @Body() body: AdminAuditLogExportInputDTO, @ClientIp() ip: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const out = await this.audit.adminExport(auth, body, ip);
    reply.header('x-total-count', String(out.rows));
    return new StreamableFile(out.stream, { type: out.contentType, disposition: `attachment; filename="${out.filename}"` });
  }
}

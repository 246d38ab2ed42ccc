import { Readable } from 'node:stream';
import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DomainId } from '@libs/tenancy/domain-id';
import { NotAudited } from '../../auditlog/audit.decorator';
import { AuditService } from '../../auditlog/audit.service';
import { ClientIp, CurrentAuth, CurrentPrincipal, DomainOptional, InstanceAdminOnly, OptionalDomain, Principal, RequestAuth } from '../../auth/auth-context';
import { DomainService } from '../../domain/domain.service';
import { UserService } from '../../user/user.service';
import { V1ListQueryDTO, V1OrganizationDTO } from './v1.dto';
import { V1Controller, V1NotFound, V1Reply } from './v1.decorators';
import { toOrganization } from './v1.mapping';
import { V1AdminUserDTO, V1AuditExportQueryDTO, V1AuditLogDTO, V1AuditLogQueryDTO, V1SuspendInputDTO } from './v1-admin.dto';
import { toAdminUser, toAuditJsonChunks, toAuditLog } from './v1-admin.mapping';

/**
 * Seed 001's Admin endpoints: instance administrators only (403 for anyone else, an organization's
 * Owner included), over DomainService, UserService and AuditService — as Outpost's /domain (all),
 * /user/{id}/suspend and /admin/auditlog. Metrics, plans, subscriptions and log settings answer 501.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/admin')
@DomainOptional()
@InstanceAdminOnly()
export class V1AdminController {
  constructor(
    private readonly domains: DomainService,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  @Get('organizations')
  @ApiOperation({ summary: 'Every organization of the instance' })
  @V1Reply(V1OrganizationDTO, { isArray: true })
  async organizations(@CurrentPrincipal() principal: Principal, @Query() query: V1ListQueryDTO): Promise<V1OrganizationDTO[]> {
    return (await this.domains.search(principal, { page: query.page, limit: query.limit })).items.map(toOrganization);
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'Any organization' })
  @V1Reply(V1OrganizationDTO)
  @V1NotFound()
  async organization(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<V1OrganizationDTO> {
    return toOrganization(await this.domains.get(principal, id));
  }

  @Get('audit-logs')
  @ApiOperation({ summary: 'The audit log of every organization and the instance, newest first' })
  @V1Reply(V1AuditLogDTO, { isArray: true })
  async auditLogs(@Query() query: V1AuditLogQueryDTO): Promise<V1AuditLogDTO[]> {
    return (await this.audit.adminSearch({ page: query.page, limit: query.limit })).items.map(toAuditLog);
  }

  @Get('audit-logs/export')
  @NotAudited('audited by AuditService as an instance event (it spans every domain)')
  @Header('cache-control', 'no-store')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({ summary: 'Every audit row of every organization, newest first, streamed (at most 1,000,000 rows): a JSON array (default) or CSV (Outpost column names)' })
  @ApiExtraModels(V1AuditLogDTO)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'An attachment: a JSON array of audit rows (as GET /v1/admin/audit-logs), or CSV with a header row',
    content: { 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(V1AuditLogDTO) } } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async exportAuditLogs(@CurrentAuth() auth: RequestAuth, @Query() query: V1AuditExportQueryDTO, @ClientIp() ip: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const format = query.format ?? 'json';
    const out = await this.audit.adminExport(auth, { format }, ip);
    reply.header('x-total-count', String(out.rows));
    const stream = format === 'json' ? Readable.from(toAuditJsonChunks(out.stream)) : out.stream;
    return new StreamableFile(stream, { type: out.contentType, disposition: `attachment; filename="${out.filename}"` });
  }

  @Get('users')
  @ApiOperation({ summary: 'Every account of the instance' })
  @V1Reply(V1AdminUserDTO, { isArray: true })
  async listUsers(@CurrentPrincipal() principal: Principal, @OptionalDomain() domainId: DomainId | undefined, @Query() query: V1ListQueryDTO): Promise<V1AdminUserDTO[]> {
    // An instance administrator's search spans every account; the organization plays no part.
    return (await this.users.search(principal, domainId as DomainId, { page: query.page, limit: query.limit })).items.map(toAdminUser);
  }

  @Post('users/:id/suspend')
  @HttpCode(200)
  @NotAudited('audited by UserService as an instance event (an account is not a domain resource)')
  @ApiOperation({ summary: "The account's logins and every token of it stop working at once; nothing is deleted" })
  @V1Reply(V1AdminUserDTO)
  @V1NotFound()
  async suspend(@CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1SuspendInputDTO, @ClientIp() ip: string): Promise<V1AdminUserDTO> {
    return toAdminUser(await this.users.suspend(auth, id, body.reason, ip));
  }

  @Post('users/:id/unsuspend')
  @HttpCode(200)
  @NotAudited('audited by UserService as an instance event (an account is not a domain resource)')
  @ApiOperation({ summary: 'Everything the account had works again' })
  @V1Reply(V1AdminUserDTO)
  @V1NotFound()
  async unsuspend(@CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string, @ClientIp() ip: string): Promise<V1AdminUserDTO> {
    return toAdminUser(await this.users.unsuspend(auth, id, ip));
  }
}
